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
from kombu.entity import Queue

from petful.platform.logging import get_logger
from petful.platform.settings import DOMAINS, Settings, get_settings

log = get_logger(__name__)

T = TypeVar("T")

# Beat entries declared by the modules that own them (platform and domain tasks.py).
BEAT_SCHEDULE: dict[str, dict[str, Any]] = {}


def beat(name: str, task: str, every: timedelta, **options: Any) -> None:
    BEAT_SCHEDULE[name] = {"task": task, "schedule": every, "options": options}


# Loaded before a worker of the bulk queue reports ready (the work they prepare runs
# there): heavy one-off imports (e.g. a model) would otherwise stall the whole process,
# metrics endpoint included, on its first task.
WORKER_WARMUPS: list[Callable[[], None]] = []


def on_worker_start(warmup: Callable[[], None]) -> Callable[[], None]:
    WORKER_WARMUPS.append(warmup)
    return warmup


# Two queues, each with workers of its own. Tasks that hold the CPU for seconds (embedding
# texts, reading photos) go to BULK: in the same process they hold Python's GIL, and a quick
# task (an event becoming a notification) waited seconds behind a reindex. A worker started
# without --queues takes both (tests, a one-process install).
QUICK_QUEUE = "petful"
BULK_QUEUE = "petful.bulk"
HANDLE_TASK = "events.handle"  # one task for every subscriber: routed by its first argument
BULK_TASKS: set[str] = set()
BULK_SUBSCRIBERS: set[str] = set()


def bulk_task(name: str) -> str:
    """Route the task of this name to the bulk queue (declared beside the task)."""
    BULK_TASKS.add(name)
    return name


def route(
    name: str, args: tuple[Any, ...] | list[Any], kwargs: dict[str, Any], options: Any, **_: Any
) -> dict[str, str] | None:
    """Celery's router: bulk work to BULK_QUEUE, everything else to the default queue."""
    if name in BULK_TASKS or (name == HANDLE_TASK and args and args[0] in BULK_SUBSCRIBERS):
        return {"queue": BULK_QUEUE}
    return None


def make_celery(settings: Settings | None = None) -> Celery:
    settings = settings or get_settings()
    app = Celery("petful", broker=settings.redis_url, set_as_current=True)
    app.conf.update(
        task_default_queue=QUICK_QUEUE,
        task_queues=(Queue(QUICK_QUEUE), Queue(BULK_QUEUE)),  # type: ignore[no-untyped-call]
        task_routes=(route,),
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        worker_prefetch_multiplier=1,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        # A killed worker's unacknowledged tasks return after the visibility timeout
        # (settings.broker_visibility_timeout_seconds); the sweep that returns them runs
        # every few seconds rather than Kombu's default of about 100.
        broker_transport_options={
            "visibility_timeout": settings.broker_visibility_timeout_seconds,
            "unacked_restore_interval": min(10.0, settings.broker_visibility_timeout_seconds / 4),
            "unacked_restore_throttle": 1,
        },
        timezone="UTC",
        beat_schedule=BEAT_SCHEDULE,
    )
    return app


celery_app = make_celery()


def enqueue_soon(name: str, *args: Any) -> None:
    """Send the task without waiting for the broker, which blocks for seconds while Redis
    is down: for a nudge whose work is kept elsewhere too (a committed row, an event, a
    beat job), so that a failed send only delays it. Call from a running event loop."""

    def send() -> None:
        try:
            celery_app.send_task(name, args=list(args), retry=False)
        except Exception as exc:
            log.warning("task not enqueued now; it is picked up later", task=name, error=repr(exc))

    asyncio.get_running_loop().run_in_executor(None, send)


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
