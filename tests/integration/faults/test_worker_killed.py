"""The Celery worker SIGKILLed in the middle of a task: the supervisor restarts it, the
task runs again, and its effect happens once.

To catch the worker mid-task deterministically the test holds a lock the task needs: an
event handler that writes a notification waits on the notifications table while the test
keeps it locked, its inbox claim written but not committed. Then the worker dies, the
lock goes, and the task must come back by itself.
"""

from __future__ import annotations

import os
import signal
from typing import Any

import psycopg
import pytest

from petful.devstack.probes import libpq_url
from tests.integration.faults.conftest import OWNER, Platform

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# How long a killed worker's task may take to run again: the broker gives a delivered,
# unacknowledged task back after its visibility timeout (30 s on this platform, conftest)
# and a sweep of a few seconds; the rest is the restarted worker's start under load.
REDELIVERED_WITHIN = 120.0


def blocked_on_notifications(platform: Platform) -> bool:
    """A worker's handler waits for the lock the test holds."""
    rows = platform.sql(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND query ILIKE '%%notifications.notifications%%'"
    )
    return rows != [(0,)]


@pytest.mark.timeout(600)
async def test_a_task_interrupted_by_a_killed_worker_runs_again_once(platform: Platform) -> None:
    async with platform.client() as client:
        owner = await platform.login(client, OWNER)
        fan = await platform.login(client, "owner3@petful.dev")
        r = await client.post(
            "/api/v1/community/posts",
            json={"board": "INFORMATION", "title": "일꾼이 쓰러지면", "body": "좋아요 눌러 주세요"},
            headers=owner,
        )
        assert r.status_code == 201, r.text
        post = r.json()["id"]
        pid, restarts = platform.process("worker")
        assert pid is not None

        url = libpq_url(platform.database.url("petful"))
        with psycopg.connect(url, connect_timeout=5) as lock:
            lock.execute("LOCK TABLE notifications.notifications IN EXCLUSIVE MODE")
            r = await client.put(f"/api/v1/community/posts/{post}/like", headers=fan)
            assert r.status_code == 200, r.text
            platform.stack.wait(
                "the like's notification task mid-way (waiting on the lock)",
                lambda: blocked_on_notifications(platform),
                within=60,
            )
            os.kill(pid, signal.SIGKILL)
            platform.wait_restarted("worker", pid)
            lock.rollback()  # the lock goes; the killed task's transaction is gone too
        assert platform.process("worker")[1] == restarts + 1

    def told() -> list[tuple[Any, ...]]:
        return platform.sql(
            "SELECT count(*), coalesce(sum(actor_count), 0) FROM notifications.notifications"
            " WHERE type = 'POST_LIKED' AND object_id = %s",
            post,
        )

    platform.stack.wait("the task run again", lambda: told() != [(0, 0)], REDELIVERED_WITHIN)
    assert told() == [(1, 1)]  # and once
