"""Work that holds the CPU for seconds goes to the bulk queue, everything else to the quick
one (platform/jobs.py), decided by Celery's own router as every task is sent."""

from __future__ import annotations

from petful.health.prescriptions.tasks import read_prescription
from petful.matching.tasks import REINDEX_TASK, TERM_STATS_TASK
from petful.platform import events
from petful.platform.jobs import BULK_QUEUE, HANDLE_TASK, QUICK_QUEUE, celery_app, load_task_modules

load_task_modules()


def queue_of(name: str, *args: object) -> str:
    """The queue Celery sends the task to."""
    route = celery_app.amqp.router.route({}, name, args=list(args), kwargs={})
    return str(route["queue"].name)


def test_embedding_and_reading_photos_go_to_the_bulk_queue() -> None:
    assert read_prescription is not None  # the subscriber is registered by its module
    assert queue_of(REINDEX_TASK) == BULK_QUEUE
    assert queue_of(TERM_STATS_TASK) == BULK_QUEUE
    for subscriber in ("matching.index_pet.pets.pet.updated", "health.prescriptions.read"):
        assert queue_of(HANDLE_TASK, subscriber, {}) == BULK_QUEUE


def test_events_notifications_and_mail_stay_on_the_quick_queue() -> None:
    quick = [s.name for s in events.subscriptions() if s.schema == "notifications"]
    assert quick
    for subscriber in [*quick, "matching.forget_pet", "matching.reindex_requested"]:
        assert queue_of(HANDLE_TASK, subscriber, {}) == QUICK_QUEUE
    assert queue_of("events.dispatch", {}) == QUICK_QUEUE
    assert queue_of("notifications.send_due") == QUICK_QUEUE
