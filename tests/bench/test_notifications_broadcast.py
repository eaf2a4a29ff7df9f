"""One announcement to 50,000 users, and the email channel against the local SMTP catcher,
through the real local stack (`petful up`: Envoy, edge, services, Celery worker and beat,
the devstack's SMTP catcher).

1. Fan-out: an admin's `POST /api/v1/admin/notifications/broadcasts` (in-app only) to the
   USER role of 50,000 accounts; timed from the request until the broadcast reads DONE
   (every inbox row written: the outbox relay, the start subscriber, then the
   `notifications.broadcast` task writing 1,000 rows per transaction), polling
   `GET .../broadcasts/{id}`. The rows are counted in the database afterwards.
2. Mail throughput: an announcement with email to the ADVERTISER role (2,000 accounts with
   quiet hours off, so every mail is due at once) on a stack whose mail rate is raised out
   of the way (PETFUL_NOTIFICATIONS__EMAIL_PER_SECOND=100000): the worker's `send_due` runs
   (after the first page and at the end of the fan-out, and each minute) until every
   delivery is SENT. Messages/s from the first mail sent to the last.
3. Pacing: 200 of those deliveries sent again by `tasks.send_due` in this process at
   20/s, due at an instant the stack's own senders never reach; messages/s should be the
   rate. (The default, 50/s, is above what the catcher takes here.)
4. Baseline in the same run: the same mail handed to the catcher by two plain concurrent
   senders (platform.mail), 200 times: what the catcher itself takes.

The accounts go straight into identity's table (COPY), the advertisers' notification
preferences straight into the notifications schema.

Run: `.venv/bin/python -m pytest -p no:xdist tests/bench/test_notifications_broadcast.py -s`
(`BENCH_BROADCAST_USERS=50000 BENCH_BROADCAST_EMAILS=2000 BENCH_PACED_EMAILS=200
BENCH_PACED_RATE=20`). Results are printed and written to
tests/bench/results/notifications_broadcast.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from petful.platform import settings as settings_module
from tests.bench.test_platform_overhead import RESULTS
from tests.bulk_accounts import insert_accounts
from tests.support import DevStack, started_platform

USERS = int(os.environ.get("BENCH_BROADCAST_USERS", "50000"))
EMAILS = int(os.environ.get("BENCH_BROADCAST_EMAILS", "2000"))
PACED_EMAILS = int(os.environ.get("BENCH_PACED_EMAILS", "200"))
# Below what the catcher takes on two shared cores (about 40 messages/s), so the measured
# rate is the limiter's, not the catcher's.
PACED_RATE = float(os.environ.get("BENCH_PACED_RATE", "20"))
BASELINE_EMAILS = 200
# The stack's mail rate for phase 2: far above what one SMTP catcher takes.
RAW_RATE = 100_000
ADMIN = "/api/v1/admin/notifications"


@pytest.fixture
def stack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DevStack]:
    """`petful up` (as the running_stack fixture) with the mail rate out of the way."""
    # In this process too: the bench runs the email channel here against the same rate.
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__EMAIL_PER_SECOND", str(RAW_RATE))
    with started_platform(tmp_path / "petful") as stack:
        yield stack


def _quiet_hours_off(dsn: str, role: str) -> None:
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "INSERT INTO notifications.preferences "
            "(user_id, quiet_enabled, quiet_start, quiet_end, daily_digest, updated_at) "
            "SELECT id, false, '22:00', '08:00', false, now() FROM identity.accounts "
            "WHERE role = %s ON CONFLICT (user_id) DO UPDATE SET quiet_enabled = false",
            (role,),
        )


def _login(base: str) -> dict[str, str]:
    r = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"email": "admin@petful.dev", "password": "petful-demo"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _fan_out(base: str, admin: dict[str, str], audience: str, email: bool) -> dict[str, Any]:
    """Create a broadcast and poll it to DONE; the timings from the request."""
    draft = {
        "audience": audience,
        "title": "서비스 점검 안내",
        "body": "3월 10일 02:00-04:00에 점검이 있어요.",
        "link": "/notifications",
        "email": email,
    }
    with httpx.Client(base_url=base, headers=admin, timeout=30) as client:
        started = time.perf_counter()
        r = client.post(f"{ADMIN}/broadcasts", json=draft)
        created = time.perf_counter() - started
        assert r.status_code == 201, r.text
        broadcast_id = r.json()["id"]
        first_row = None
        while True:
            body = client.get(f"{ADMIN}/broadcasts/{broadcast_id}").json()
            elapsed = time.perf_counter() - started
            if first_row is None and body["written"] > 0:
                first_row = elapsed
            if body["status"] in ("DONE", "FAILED"):
                break
            assert elapsed < 1800, body
            time.sleep(0.1)
    assert body["status"] == "DONE", body
    # Seen only once done (a page or two): no rate while writing.
    writing = None if first_row is None else elapsed - first_row
    return {
        "broadcast_id": broadcast_id,
        "recipients": body["recipients"],
        "written": body["written"],
        "emails": body["emails"],
        "create_request_seconds": round(created, 3),
        "seconds_to_first_row": round(first_row or elapsed, 3),
        "seconds_to_all_rows": round(elapsed, 3),
        "rows_per_second": round(body["written"] / elapsed),
        "rows_per_second_while_writing": round(body["written"] / writing) if writing else None,
    }


def _rows_of(dsn: str, broadcast_id: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FROM notifications.notifications WHERE object_id = %s",
            (broadcast_id,),
        ).fetchone()
    return int(row[0]) if row else 0


_MAIL_STATE = (
    "SELECT count(*) FILTER (WHERE d.status = 'SENT'), count(*) FILTER (WHERE d.status <> "
    "'PENDING'), count(*) FROM notifications.deliveries d JOIN notifications.notifications n "
    "ON n.id = d.notification_id WHERE n.object_id = %s AND d.channel = 'EMAIL'"
)


def _mail_throughput(dsn: str, broadcast_id: str, expected: int, t0: float) -> dict[str, Any]:
    """Poll the deliveries until every mail ended; messages/s from the first sent."""
    first = None
    with psycopg.connect(dsn, autocommit=True) as conn:
        while True:
            row = conn.execute(_MAIL_STATE, (broadcast_id,)).fetchone()
            assert row is not None
            sent, ended, total = (int(v) for v in row)
            now = time.perf_counter()
            if first is None and sent:
                first = (now, sent)
            if total == expected and ended == total:
                break
            assert now - t0 < 1800, row
            time.sleep(0.05)
    assert first is not None
    span = max(now - first[0], 1e-9)
    return {
        "mails": total,
        "sent": sent,
        "seconds_first_to_last": round(span, 3),
        "messages_per_second": round((sent - first[1]) / span, 1),
        "seconds_from_create_to_all_sent": round(now - t0, 3),
    }


def _in_process(stack: DevStack, monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's settings: the stack's database, Redis, ports and keys."""
    for key in ("PETFUL_ENV", "PETFUL_DATA_DIR", "PETFUL_PORTS"):
        monkeypatch.setenv(key, stack.env[key])
    monkeypatch.setenv(
        "PETFUL_DATABASE_URL",
        f"postgresql+psycopg://petful@127.0.0.1:{stack.ports['postgres']}/petful",
    )
    monkeypatch.setenv("PETFUL_REDIS_URL", f"redis://127.0.0.1:{stack.ports['redis']}/0")
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__EMAIL_PER_SECOND", str(PACED_RATE))
    settings_module.get_settings.cache_clear()


def _smtp_only() -> dict[str, Any]:
    """The baseline: the same mail handed to the catcher by two concurrent plain senders
    (platform.mail, one connection per mail, as send_due does), nothing else."""
    from petful.notifications import mails
    from petful.notifications.rules import Category
    from petful.platform.mail import send_mail

    settings = settings_module.get_settings()
    mail = mails.notification(
        nickname="벤치",
        item=mails.Item("서비스 점검 안내", "3월 10일 02:00-04:00에 점검이 있어요.", "/"),
        category=Category.ACCOUNT,
        origin="http://127.0.0.1",
        unsubscribe_token="x" * 32,
    )

    async def sender(k: int) -> None:
        for i in range(BASELINE_EMAILS // 2):
            await send_mail(
                f"baseline{k}-{i}@bench.example",
                mail.subject,
                mail.text,
                mail.html,
                settings=settings,
                headers=mail.headers,
            )

    async def both() -> float:
        started = time.perf_counter()
        await asyncio.gather(sender(0), sender(1))
        return time.perf_counter() - started

    seconds = asyncio.run(both())
    return {
        "mails": BASELINE_EMAILS,
        "seconds": round(seconds, 3),
        "messages_per_second": round(BASELINE_EMAILS / seconds, 1),
    }


_PACED_SENT = (
    "SELECT count(*) FROM notifications.deliveries d JOIN notifications.notifications n "
    "ON n.id = d.notification_id WHERE n.object_id = %s AND d.status = 'SENT' "
    "AND d.sent_at >= %s"
)


def _paced(dsn: str, broadcast_id: str) -> Any:
    """Send PACED_EMAILS of the broadcast's mails again from this process at PACED_RATE,
    due at an instant the stack's senders (at the wall clock) never reach."""
    later = datetime.now(UTC) + timedelta(days=30)
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "UPDATE notifications.deliveries SET status = 'PENDING', attempts = 0, "
            "sent_at = NULL, due_at = %s WHERE id IN (SELECT d.id FROM "
            "notifications.deliveries d JOIN notifications.notifications n "
            "ON n.id = d.notification_id WHERE n.object_id = %s AND d.channel = 'EMAIL' "
            "LIMIT %s)",
            (later, broadcast_id, PACED_EMAILS),
        )
    from petful.notifications import tasks
    from petful.platform.db import dispose_engines
    from petful.platform.grpc_client import close_channels
    from petful.platform.redis import close_redis

    async def send() -> tuple[int, float]:
        try:
            started = time.perf_counter()
            handled = await tasks.send_due(now=later + timedelta(seconds=1))
            return handled, time.perf_counter() - started
        finally:
            await dispose_engines()
            await close_channels()
            await close_redis()

    handled, seconds = asyncio.run(send())
    with psycopg.connect(dsn) as conn:
        row = conn.execute(_PACED_SENT, (broadcast_id, later)).fetchone()
    sent = int(row[0]) if row else 0
    return {
        "rate_setting": PACED_RATE,
        "mails": sent,
        "deliveries_handled": handled,
        "seconds": round(seconds, 3),
        "messages_per_second": round(sent / seconds, 1),
    }


def test_broadcast_fan_out_and_mail_throughput(
    stack: DevStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    dsn = f"postgresql://petful@127.0.0.1:{stack.ports['postgres']}/petful"
    base = f"http://127.0.0.1:{stack.ports['envoy']}"
    started = time.perf_counter()
    insert_accounts(dsn, "USER", USERS)
    insert_accounts(dsn, "ADVERTISER", EMAILS)
    _quiet_hours_off(dsn, "ADVERTISER")
    setup_s = time.perf_counter() - started
    admin = _login(base)

    # The first broadcast after start-up also waits for a worker busy with the demo data's
    # start-up jobs: a one-account warm-up, reported on its own.
    warm_up = _fan_out(base, admin, "ADMIN", email=False)
    fan_out = _fan_out(base, admin, "USER", email=False)
    assert fan_out["written"] == fan_out["recipients"] >= USERS
    assert _rows_of(dsn, fan_out["broadcast_id"]) == fan_out["written"]

    t0 = time.perf_counter()
    mailed = _fan_out(base, admin, "ADVERTISER", email=True)
    assert mailed["emails"] == mailed["recipients"] >= EMAILS
    throughput = _mail_throughput(dsn, mailed["broadcast_id"], mailed["emails"], t0)
    assert throughput["sent"] == mailed["emails"]

    _in_process(stack, monkeypatch)
    try:
        paced = _paced(dsn, mailed["broadcast_id"])
        baseline = _smtp_only()
    finally:
        settings_module.get_settings.cache_clear()
    assert paced["mails"] >= PACED_EMAILS

    report = {
        "command": f"BENCH_BROADCAST_USERS={USERS} BENCH_BROADCAST_EMAILS={EMAILS} "
        f"BENCH_PACED_EMAILS={PACED_EMAILS} BENCH_PACED_RATE={PACED_RATE:g} "
        ".venv/bin/python -m pytest -p no:xdist tests/bench/test_notifications_broadcast.py -s",
        "accounts_inserted_seconds": round(setup_s, 3),
        "warm_up_one_account": warm_up,
        "fan_out_in_app": fan_out,
        "fan_out_with_email": mailed,
        "email_throughput_unpaced": throughput,
        "email_paced": paced,
        "baseline_smtp_only_two_senders": baseline,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "notifications_broadcast.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
