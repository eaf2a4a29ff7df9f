"""The one Celery app. Worker and beat run from the same code as the services.

Tasks are named `<domain>.<verb>`, take ids, and are idempotent, which is why late acks
and redelivery on a lost worker are on for all of them.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import threading
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any, TypeVar

from celery import Celery

from petful.platform.settings import DOMAINS, Settings, get_settings

T = TypeVar("T")

# Beat entries declared by the modules that own them (platform and domain tasks.py).
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}


def beat(name: str, task: str, every: timedelta, **options: Any) -> None:
    BEAT_SCHEDULE[name] = {"task": task, "schedule": every, "options": options}


# Loaded before a worker reports ready: heavy one-off imports (e.g. a model) would
# otherwise stall the whole process, metrics endpoint included, on its first task.
WORKER_WARMUPS: list[Callable[[], None]] = []


def on_worker_start(warmup: Callable[[], None]) -> Callable[[], None]:
    WORKER_WARMUPS.append(warmup)
    return warmup


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("petful", broker=settings.redis_url, set_as_current=True)
    app.conf.update(
        task_default_queue="petful",
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        # Longer than any task may run, or Redis redelivers a task still running.
        broker_transport_options={"visibility_timeout": 3600},
        timezone="UTC",
        beat_schedule=BEAT_SCHEDULE,
    )
    return app


celery_app = make_celery()


def use_broker(url: str) -> None:
    """Point the app at another broker (tests; a settings change) and drop old connections."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app.conf.broker_url = url
    # Same reset Celery itself does after a fork: pools are rebuilt on next use.
    celery_app._after_fork()


def load_task_modules() -> list[str]:
    """Import the platform's and every domain's tasks so the worker knows them."""
    loaded = ["petful.platform.events", "petful.platform.maintenance"]
    for name in loaded:
        importlib.import_module(name)
    for domain in DOMAINS:
        name = f"petful.{domain}.tasks"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)
            loaded.append(name)
    return loaded


_local = threading.local()


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from a (sync) Celery task on this thread's long-lived loop.

    One loop per thread keeps database connection pools alive between tasks.
    """
    runner: asyncio.Runner | None = getattr(_local, "runner", None)
    if runner is None:
        runner = asyncio.Runner()
        _local.runner = runner
    return runner.run(coro)
