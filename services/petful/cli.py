"""`petful`: one command for every process and chore of the platform."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from petful.platform.settings import DOMAINS, get_settings


def _up(args: argparse.Namespace) -> int:
    from petful.devstack.up import run_up

    return run_up(get_settings())


def _status(args: argparse.Namespace) -> int:
    from petful.devstack.status import print_status

    return print_status(get_settings())


def _reset(args: argparse.Namespace) -> int:
    import shutil

    import psutil

    from petful.devstack.state import read_state, state_file_path

    settings = get_settings()
    state = read_state(state_file_path(settings))
    if state is not None and psutil.pid_exists(state.supervisor_pid):
        print(f"the local platform is running (pid {state.supervisor_pid}); stop it first")
        return 1
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    print(f"wiped {settings.data_dir}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from petful.platform.migrations import upgrade_all

    for domain in upgrade_all(get_settings()):
        print(f"migrated {domain}")
    return 0


def _seed(args: argparse.Namespace) -> int:
    from petful.platform.seed import seed_all

    for line in asyncio.run(seed_all(get_settings())):
        print(line)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from petful.platform.service_main import run_service

    asyncio.run(run_service(args.domain))
    return 0


def _edge(args: argparse.Namespace) -> int:
    import uvicorn

    from petful.platform.logging import setup_logging
    from petful.platform.telemetry import setup_telemetry

    settings = get_settings()
    setup_logging("edge", settings)
    setup_telemetry("edge")
    uvicorn.run(
        "petful.edge.app:create_app",
        factory=True,
        host=settings.bind_host,
        port=settings.port("edge"),
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    from petful.platform.worker_main import run_worker

    return run_worker(get_settings())


def _beat(args: argparse.Namespace) -> int:
    from petful.platform.worker_main import run_beat

    return run_beat(get_settings())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="petful", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="start the whole local platform (embedded)").set_defaults(fn=_up)
    sub.add_parser("status", help="list local processes and their health").set_defaults(fn=_status)
    sub.add_parser("reset", help="wipe local data (.petful/)").set_defaults(fn=_reset)
    sub.add_parser("migrate", help="apply every service's migrations").set_defaults(fn=_migrate)
    sub.add_parser("seed", help="load demo data (refused in production)").set_defaults(fn=_seed)
    serve = sub.add_parser("serve", help="run one domain service (gRPC)")
    serve.add_argument("domain", choices=DOMAINS)
    serve.set_defaults(fn=_serve)
    sub.add_parser("edge", help="run the FastAPI edge").set_defaults(fn=_edge)
    sub.add_parser("worker", help="run a Celery worker").set_defaults(fn=_worker)
    sub.add_parser("beat", help="run Celery beat").set_defaults(fn=_beat)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    sys.exit(args.fn(args))
