"""`petful`: one command for every process and chore of the platform."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from petful.platform.settings import DOMAINS, Settings, get_settings


def _up(args: argparse.Namespace) -> int:
    from petful.devstack.up import run_up
    from petful.identity.cli import demo_logins

    # The CLI wires the domains' parts into the devstack: it names the demo logins that the
    # identity seed creates, so the devstack never reads a domain's demo data itself.
    return run_up(get_settings(), banner=demo_logins())


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


# --- identity: `petful admin create|bootstrap` (owned by the identity service) -----------
def _admin_create(args: argparse.Namespace) -> int:
    from petful.identity.cli import admin_create_command

    return admin_create_command(
        get_settings(), email=args.email, name=args.name, nickname=args.nickname, phone=args.phone
    )


def _admin_bootstrap(args: argparse.Namespace) -> int:
    from petful.identity.cli import admin_bootstrap_command

    return admin_bootstrap_command(get_settings())


# --- end identity ---------------------------------------------------------------------------


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
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )
    return 0


def _worker(args: argparse.Namespace) -> int:
    from petful.platform.worker_main import run_worker

    queues = tuple(q for q in args.queues.split(",") if q) if args.queues else None
    return run_worker(get_settings(), queues) if queues else run_worker(get_settings())


def _beat(args: argparse.Namespace) -> int:
    from petful.platform.worker_main import run_beat

    return run_beat(get_settings())


# --- matching: `petful matching reindex` (owned by the matching service) -------------------
def _matching_reindex(args: argparse.Namespace) -> int:
    from petful.matching.cli import reindex_command

    return reindex_command(get_settings(), force=args.force)


# --- end matching ---------------------------------------------------------------------------


# --- events: `petful events dead-letters|retry-dead-letter` (platform/dead_letters.py) -----
def _events_dead_letters(args: argparse.Namespace) -> int:
    from petful.platform import dead_letters
    from petful.platform.db import dispose_engines, transaction
    from petful.platform.errors import DomainError
    from petful.platform.paging import Page

    async def run() -> Page[dead_letters.DeadLetter]:
        try:
            async with transaction(get_settings()) as session:
                return await dead_letters.list_dead_letters(
                    session,
                    args.schema,
                    page_size=args.limit,
                    cursor=args.cursor,
                    consumer=args.consumer,
                    topic=args.topic,
                )
        finally:
            await dispose_engines()

    try:
        page = asyncio.run(run())
    except DomainError as e:
        print(f"{e.detail}: {dict(e.field_violations)}", file=sys.stderr)
        return 2
    for d in page.items:
        retried = f" retried {d.retried_at.isoformat()}" if d.retried_at else ""
        print(
            f"{d.id}  {d.last_failed_at.isoformat()}  {d.consumer}  {d.topic}  "
            f"event {d.event_id}  attempts {d.attempts}{retried}\n    {d.error}"
        )
    if not page.items:
        print(f"no dead letters in {args.schema}")
    if page.next_cursor:
        print(f"more: --cursor {page.next_cursor}")
    return 0


def _events_retry_dead_letter(args: argparse.Namespace) -> int:
    from petful.platform import dead_letters
    from petful.platform.db import dispose_engines, transaction
    from petful.platform.errors import DomainError

    async def run() -> dead_letters.DeadLetter:
        try:
            async with transaction(get_settings()) as session:
                return await dead_letters.retry(session, args.schema, args.id)
        finally:
            await dispose_engines()

    try:
        dead = asyncio.run(run())
    except DomainError as e:
        print(f"{args.id}: {e.detail}", file=sys.stderr)
        return 1
    print(f"sent event {dead.event_id} ({dead.topic}) to {dead.consumer} again")
    return 0


# --- end events -----------------------------------------------------------------------------


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
    # --- identity ---
    admin = sub.add_parser("admin", help="operator chores").add_subparsers(
        dest="admin_command", required=True
    )
    create = admin.add_parser("create", help="create an ADMIN account (password from stdin)")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--nickname", required=True)
    create.add_argument("--phone", required=True)
    create.set_defaults(fn=_admin_create)
    admin.add_parser(
        "bootstrap", help="create the admin named by PETFUL_BOOTSTRAP_ADMIN_* (idempotent)"
    ).set_defaults(fn=_admin_bootstrap)
    # --- end identity ---
    sub.add_parser("edge", help="run the FastAPI edge").set_defaults(fn=_edge)
    worker = sub.add_parser("worker", help="run a Celery worker")
    worker.add_argument(
        "--queues",
        default="",
        help="comma-separated: petful (quick tasks), petful.bulk (CPU-heavy); default both",
    )
    worker.set_defaults(fn=_worker)
    sub.add_parser("beat", help="run Celery beat").set_defaults(fn=_beat)
    # --- matching ---
    matching = sub.add_parser("matching", help="recommendation index chores").add_subparsers(
        dest="matching_command", required=True
    )
    reindex = matching.add_parser("reindex", help="(re)embed every PetStar and campaign")
    reindex.add_argument("--force", action="store_true", help="re-embed unchanged texts too")
    reindex.set_defaults(fn=_matching_reindex)
    # --- end matching ---
    # --- events ---
    events = sub.add_parser(
        "events", help="events subscribers failed on (dead letters)"
    ).add_subparsers(dest="events_command", required=True)
    listing = events.add_parser(
        "dead-letters", help="list a schema's dead letters, latest failure first"
    )
    listing.add_argument("--schema", required=True, choices=DOMAINS)
    listing.add_argument("--consumer", default="", help="only this subscriber's")
    listing.add_argument("--topic", default="", help="only this topic's")
    listing.add_argument("--limit", type=int, default=20, help="rows per page (1-100)")
    listing.add_argument("--cursor", default="", help="the next page (printed after a page)")
    listing.set_defaults(fn=_events_dead_letters)
    retry = events.add_parser(
        "retry-dead-letter", help="send a dead letter's event to its subscriber again"
    )
    retry.add_argument("--schema", required=True, choices=DOMAINS)
    retry.add_argument("id", help="the dead letter's id")
    retry.set_defaults(fn=_events_retry_dead_letter)
    # --- end events ---
    return parser


# Long-running processes `skaffold dev` restarts when synced code changes.
RELOADABLE = frozenset({"serve", "edge", "worker", "beat"})


def reload_paths(settings: Settings) -> list[str]:
    """What a reloading process watches: the installed code, unless settings name paths."""
    if settings.dev_reload_paths:
        return list(settings.dev_reload_paths)
    import petful

    return [str(Path(petful.__file__).parent)]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_reloading(argv: Sequence[str], settings: Settings) -> int:
    """Run `petful <argv>` as a child and restart it whenever a watched .py file changes
    (development only: the child runs with reloading off)."""
    import shlex

    import watchfiles

    command = shlex.join([sys.executable, "-m", "petful", *argv])
    os.environ["PETFUL_DEV_RELOAD"] = "false"  # the child must not reload itself
    # Kubernetes stops a pod with SIGTERM: end like Ctrl-C, so watchfiles stops the child.
    signal.signal(signal.SIGTERM, _interrupt)
    watchfiles.run_process(
        *reload_paths(settings),
        target=command,
        target_type="command",
        watch_filter=watchfiles.PythonFilter(),
    )
    return 0


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    settings = get_settings()
    if settings.dev_reload and args.command in RELOADABLE:
        if settings.is_production:
            raise SystemExit("PETFUL_DEV_RELOAD is for development; refused in production")
        sys.exit(run_reloading(argv, settings))
    sys.exit(args.fn(args))
