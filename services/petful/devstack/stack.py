"""What the local platform runs, in start order, as supervisor specs.

Infrastructure first (`infra_specs`), then the application (`app_specs`); the caller runs
database setup, migrations and seeding in between.
"""

from __future__ import annotations

import json
import signal
import sys

from petful.devstack.envoy import EnvoyConfig
from petful.devstack.postgres import EmbeddedPostgres
from petful.devstack.probes import grpc_health_probe, http_probe
from petful.devstack.redis import EmbeddedRedis
from petful.devstack.supervisor import ProcessSpec, ReadyCheck
from petful.platform.jobs import BULK_QUEUE, QUICK_QUEUE
from petful.platform.settings import DOMAINS, Settings


def postgres_for(settings: Settings) -> EmbeddedPostgres:
    return EmbeddedPostgres(settings.data_dir / "postgres", settings.port("postgres"))


def redis_for(settings: Settings) -> EmbeddedRedis:
    return EmbeddedRedis(settings.data_dir / "redis", settings.port("redis"))


def database_url(settings: Settings) -> str:
    # An explicit PETFUL_DATABASE_URL wins; otherwise point at our embedded server (whose
    # port may have been overridden through PETFUL_PORTS).
    if "database_url" in settings.model_fields_set:
        return settings.database_url
    return postgres_for(settings).url("petful")


def redis_url(settings: Settings) -> str:
    if "redis_url" in settings.model_fields_set:
        return settings.redis_url
    return redis_for(settings).url


def uses_sandbox(settings: Settings) -> bool:
    """Without a Meta app configured, Instagram is the local sandbox (labelled `sandbox`)."""
    return not settings.sns.app_id


def sandbox_url(settings: Settings) -> str:
    return f"http://{settings.bind_host}:{settings.port('instagram_sandbox')}"


def child_env(settings: Settings) -> dict[str, str]:
    """Environment every child gets, so they all agree with the devstack's settings."""
    sns = (
        {
            "PETFUL_SNS__GRAPH_BASE_URL": sandbox_url(settings),
            "PETFUL_SNS__DIALOG_BASE_URL": sandbox_url(settings),
            "PETFUL_SNS__SOURCE": "sandbox",
            "PETFUL_SNS__APP_ID": "sandbox-app",
            "PETFUL_SNS__APP_SECRET": "sandbox-secret",
            # The sandbox labels paid partnerships; Meta documents no field for it.
            "PETFUL_SNS__PAID_PARTNERSHIP_FIELD": "is_paid_partnership",
        }
        if uses_sandbox(settings)
        else {}
    )
    return {
        **sns,
        "PETFUL_ENV": settings.env,
        "PETFUL_DATA_DIR": str(settings.data_dir.resolve()),
        "PETFUL_DATABASE_URL": database_url(settings),
        "PETFUL_REDIS_URL": redis_url(settings),
        "PETFUL_BIND_HOST": settings.bind_host,
        "PETFUL_PORTS": json.dumps(settings.ports),
        "PETFUL_SMTP_HOST": settings.smtp_host,
        "PYTHONUNBUFFERED": "1",  # so log lines reach the supervisor as they happen
    }


def http_ok(url: str) -> ReadyCheck:
    async def check() -> bool:
        return (await http_probe(url))[0]

    return check


def grpc_serving(target: str) -> ReadyCheck:
    async def check() -> bool:
        return (await grpc_health_probe(target))[0]

    return check


def infra_specs(settings: Settings) -> list[ProcessSpec]:
    env = child_env(settings)
    pg = postgres_for(settings)
    rd = redis_for(settings)
    return [
        ProcessSpec(
            name="postgres",
            argv=pg.argv(),
            env=env,
            cwd=pg.data_dir.parent,
            ports=(pg.port,),
            ready=pg.is_ready_async,
            user=pg.run_as.uid,
            group=pg.run_as.gid,
            stop_signal=signal.SIGINT,  # "fast" shutdown: don't wait for clients
            prepare=pg.init,
        ),
        ProcessSpec(
            name="redis",
            argv=rd.argv(),
            env=env,
            ports=(rd.port,),
            ready=rd.is_ready_async,
            prepare=lambda: rd.data_dir.mkdir(parents=True, exist_ok=True),
        ),
        ProcessSpec(
            name="mail",
            argv=[sys.executable, "-m", "petful.devstack.mail"],
            env=env,
            ports=(settings.smtp_port_resolved, settings.port("inbox")),
            ready=http_ok(f"http://{settings.bind_host}:{settings.port('inbox')}/api/messages"),
        ),
        *_sandbox_specs(settings, env),
    ]


def _sandbox_specs(settings: Settings, env: dict[str, str]) -> list[ProcessSpec]:
    if not uses_sandbox(settings):
        return []
    port = settings.port("instagram_sandbox")
    return [
        ProcessSpec(
            name="instagram",
            argv=[
                sys.executable,
                "-m",
                "petful.devstack.instagram_sandbox",
                "--host",
                settings.bind_host,
                "--port",
                str(port),
            ],
            env=env,
            ports=(port,),
            ready=http_ok(f"{sandbox_url(settings)}/__sandbox__/health"),
        )
    ]


def app_specs(settings: Settings) -> list[ProcessSpec]:
    env = child_env(settings)
    host = settings.bind_host
    specs = [
        ProcessSpec(
            name=domain,
            wave=1,  # after the infrastructure, all at once
            argv=[sys.executable, "-m", "petful", "serve", domain],
            env=env,
            ports=(settings.port(f"grpc.{domain}"), settings.port(f"metrics.{domain}")),
            ready=grpc_serving(f"{host}:{settings.port(f'grpc.{domain}')}"),
        )
        for domain in DOMAINS
    ]
    envoy = EnvoyConfig.from_settings(settings)
    envoy_file = settings.data_dir.resolve() / "envoy" / "envoy.yaml"
    specs += [
        ProcessSpec(
            name="edge",
            wave=1,  # after the infrastructure, all at once
            argv=[sys.executable, "-m", "petful", "edge"],
            env=env,
            ports=(settings.port("edge"),),
            ready=http_ok(f"http://{host}:{settings.port('edge')}/api/v1/health/live"),
        ),
        ProcessSpec(
            name="envoy",
            wave=1,  # after the infrastructure, all at once
            argv=envoy.argv(envoy_file),
            env=env,
            ports=(envoy.port, envoy.admin_port),
            ready=envoy.is_ready,
            prepare=lambda: envoy.write(envoy_file),
        ),
    ]
    # Celery has no API of its own: its metrics endpoint says the process is up. One worker
    # per queue (platform/jobs.py), as in the chart; the bulk one serves its metrics on a
    # port of its own (in a cluster each pod has metrics.worker to itself).
    bulk_env = {
        **env,
        "PETFUL_PORTS": json.dumps(
            {**settings.ports, "metrics.worker": settings.port("metrics.worker-bulk")}
        ),
    }
    celery = [
        ("worker", ["worker", "--queues", QUICK_QUEUE], env, "metrics.worker"),
        ("worker-bulk", ["worker", "--queues", BULK_QUEUE], bulk_env, "metrics.worker-bulk"),
        ("beat", ["beat"], env, "metrics.beat"),
    ]
    specs += [
        ProcessSpec(
            name=name,
            wave=1,
            argv=[sys.executable, "-m", "petful", *args],
            env=process_env,
            ports=(settings.port(metrics),),
            ready=http_ok(f"http://{host}:{settings.port(metrics)}/metrics"),
            # The bulk worker loads its models (matching's embedder, the OCR) before its
            # metrics answer: tens of seconds of CPU, and past the default 60 s on a busy
            # two-core machine, where the whole boot then failed. BOOT_WITHIN (tests) and
            # a person waiting on `make run` allow three minutes in all.
            ready_timeout=180.0,
            # A warm shutdown waits on a broker that is going away too: kill outright.
            # Tasks are idempotent and acked late, so an interrupted one runs again (once
            # the broker's visibility timeout has passed: platform/jobs.py).
            orphan_signal=signal.SIGKILL,
        )
        for name, args, process_env, metrics in celery
    ]
    return specs
