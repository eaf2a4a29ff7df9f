"""Schedules at scale, through the real local stack.

1. Occurrence expansion: 1,000 pets of one owner with 10 schedules each (daily, weekly,
   monthly, yearly, courses, some with exceptions), a month's window of one pet per request:
   Envoy -> edge -> health (gRPC; it asks pets over gRPC whose pet it is) -> PostgreSQL,
   then RRULE expansion. Target: p95 <= 50 ms at 20 requests/s (what two shared cores
   carry, as in the directory bench). Baseline in the same run: the plain authenticated
   read `GET /api/v1/me` at the same rate (the platform's own cost).
2. The reminder scan over 100,000 schedules with reminders on: one beat tick at a busy
   minute (09:00 in Seoul, when a fifth of them are due at once, the rest spread over the
   day). Target: < 5 s per tick. Baseline in the same run: the scan without the
   pointer index, i.e. reading every schedule and expanding it to find what is due.

Run: `.venv/bin/python -m pytest -p no:xdist tests/bench/test_health_schedules.py -s`
(`BENCH_SCHEDULE_RATE=20 BENCH_SECONDS=10`, `BENCH_REMINDER_SCHEDULES=100000`). Results are
printed and written to tests/bench/results/health_schedules.json.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time as clock
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from petful.health.base import SEOUL
from petful.health.schedules import rules
from petful.health.schedules.tasks import scan_reminders_now
from petful.platform import settings as settings_module
from petful.platform.db import dispose_engines
from tests.bench.test_platform_overhead import RESULTS, SECONDS, _load
from tests.support import DevStack

PETS = int(os.environ.get("BENCH_SCHEDULE_PETS", "1000"))
PER_PET = 10
RATE = float(os.environ.get("BENCH_SCHEDULE_RATE", "20"))
REMINDER_SCHEDULES = int(os.environ.get("BENCH_REMINDER_SCHEDULES", "100000"))
OWNER = ("owner@petful.dev", "petful-demo")

COLUMNS = (
    "id, owner_id, pet_id, pet_name, kind, sub_type, title, memo, times, start_date, "
    "end_date, rrule, medication_name, dosage, doses_per_day, duration_days, "
    "from_prescription, reminder_lead_minutes, last_lead_minutes, next_occurrence_key, "
    "next_occurrence_at, next_fire_at, created_at, updated_at"
)

# The ten schedules every bench pet has: (kind, sub type, title, times, rrule, days).
SHAPES: tuple[tuple[str, str, str, tuple[str, ...], str, int], ...] = (
    ("MEDICATION", "PILL", "항생제", ("08:00", "20:00"), "FREQ=DAILY;INTERVAL=1", 14),
    ("MEDICATION", "SUPPLEMENT", "유산균", ("09:00",), "FREQ=DAILY;INTERVAL=1", 0),
    ("MEDICATION", "PILL", "심장사상충 약", ("09:00",), "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1", 0),
    ("VACCINATION", "VACCINE", "종합백신", ("10:30",), "FREQ=YEARLY;INTERVAL=1", 0),
    ("CARE", "GROOMING", "빗질", ("14:00",), "FREQ=WEEKLY;INTERVAL=1;BYDAY=SA", 0),
    ("EXERCISE", "WALK", "산책", ("07:30", "19:30"), "FREQ=DAILY;INTERVAL=1", 0),
    ("EXERCISE", "PLAY", "공놀이", ("18:00",), "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE,FR", 0),
    ("TRAINING", "TRAINING", "앉아 훈련", ("17:00",), "FREQ=DAILY;INTERVAL=2;COUNT=30", 0),
    ("CARE", "CHECKUP", "건강검진", ("11:00",), "FREQ=MONTHLY;INTERVAL=6", 0),
    ("CARE", "BIRTHDAY", "생일", ("00:00",), "", 0),
)


def _owner_id(dsn: str) -> uuid.UUID:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT id FROM identity.accounts WHERE email = %s", (OWNER[0],)
        ).fetchone()
    assert row is not None, "the demo owner is seeded by `petful up`"
    return uuid.UUID(str(row[0]))


def _schedule_row(
    owner: uuid.UUID, pet: uuid.UUID, shape: tuple[Any, ...], start: date, now: datetime
) -> tuple[Any, ...]:
    kind, sub, title, times, rrule, days = shape
    tod = [rules.time_of_day(t) for t in times]
    end = rules.course_end(start, days) if days else None
    medication = kind == "MEDICATION"
    lead = 10
    series = rules.Series(start, end, rrule, tuple(tod))
    nxt = rules.first_reminder(series, lead, now)
    return (
        uuid.uuid4(),
        owner,
        pet,
        "벤치",
        kind,
        sub,
        title,
        "",
        tod,
        start,
        end,
        rrule,
        title if medication else None,
        "1정" if medication else None,
        len(tod) if medication else None,
        days if medication else None,
        False,
        lead,
        lead,
        nxt.key if nxt else None,
        nxt.at if nxt else None,
        rules.fire_at(nxt, lead) if nxt else None,
        now,
        now,
    )


def _copy_schedules(dsn: str, rows: list[tuple[Any, ...]]) -> None:
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY health.schedules ({COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute("ANALYZE health.schedules")


def _insert_pets(dsn: str, owner: uuid.UUID, n: int) -> list[uuid.UUID]:
    now = datetime.now(UTC)
    ids = [uuid.uuid4() for _ in range(n)]
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pets.pets (id, owner_id, name, name_key, species, breed, sex, "
            "personality_tags, intro, petstar_status, created_at, updated_at) "
            "VALUES (%s,%s,%s,%s,'DOG','믹스','UNKNOWN','{}','','NONE',%s,%s)",
            [(p, owner, f"bench-{i}", f"bench-{i}", now, now) for i, p in enumerate(ids)],
        )
        cur.execute("ANALYZE pets.pets")
    return ids


def _login(base: str) -> str:
    r = httpx.post(
        f"{base}/api/v1/auth/login", json={"email": OWNER[0], "password": OWNER[1]}, timeout=10
    )
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def _expansion(stack: DevStack, dsn: str) -> dict[str, Any]:
    owner = _owner_id(dsn)
    pets = _insert_pets(dsn, owner, PETS)
    now = datetime.now(UTC)
    today = now.astimezone(SEOUL).date()
    rnd = random.Random(15)
    rows = [
        _schedule_row(owner, pet, shape, today - timedelta(days=rnd.randrange(0, 90)), now)
        for pet in pets
        for shape in SHAPES
    ]
    _copy_schedules(dsn, rows)
    base = f"http://127.0.0.1:{stack.ports['envoy']}"
    token = _login(base)
    auth = [f"Authorization: Bearer {token}"]
    first = today.replace(day=1)
    window = (
        f"from={first.isoformat()}T00:00:00%2B09:00"
        f"&to={(first + timedelta(days=31)).isoformat()}T00:00:00%2B09:00"
    )
    pet = pets[PETS // 2]
    url = f"{base}/api/v1/pets/{pet}/schedules/occurrences?{window}"
    sample = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert sample.status_code == 200, sample.text
    occurrences = len(sample.json()["items"])
    return {
        "pets": PETS,
        "schedules": len(rows),
        "occurrences_per_request": occurrences,
        "rate": RATE,
        "occurrences_month": _load(url, auth, RATE),
        "baseline_me": _load(f"{base}/api/v1/me", auth, RATE),
    }


def _reminder_rows(owner_of: list[uuid.UUID], now: datetime) -> list[tuple[Any, ...]]:
    """A fifth daily at 09:00 reminded at the time; the rest at 10-minute slots all day."""
    rnd = random.Random(5)
    today = now.astimezone(SEOUL).date()
    rows = []
    for i in range(REMINDER_SCHEDULES):
        if i % 5 == 0:
            times, lead = ("09:00",), 0
        else:
            slot = rnd.randrange(0, 144) * 10
            times, lead = (f"{slot // 60:02d}:{slot % 60:02d}",), rnd.choice(rules.LEAD_MINUTES)
        shape = ("CARE", "ETC", f"일정 {i}", times, "FREQ=DAILY;INTERVAL=1", 0)
        row = list(_schedule_row(owner_of[i % len(owner_of)], uuid.uuid4(), shape, today, now))
        tod = [rules.time_of_day(t) for t in times]
        nxt = rules.first_reminder(rules.Series(today, None, shape[4], tuple(tod)), lead, now)
        row[17] = row[18] = lead
        row[19], row[20] = (nxt.key, nxt.at) if nxt else (None, None)
        row[21] = rules.fire_at(nxt, lead) if nxt else None
        rows.append(tuple(row))
    return rows


async def _naive_scan(dsn: str, now: datetime) -> tuple[float, int]:
    """The baseline: every schedule read and expanded around now to find what is due."""
    started = clock.perf_counter()
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT start_date, end_date, rrule, times, reminder_lead_minutes "
            "FROM health.schedules WHERE deleted_at IS NULL "
            "AND reminder_lead_minutes IS NOT NULL"
        ).fetchall()
    due = 0
    for start, end, rrule, times, lead in rows:
        series = rules.Series(start, end, rrule, tuple(times))
        window = (now + timedelta(minutes=lead - 1), now + timedelta(minutes=lead))
        due += len(rules.occurrences_between(series, window[0], window[1] + timedelta(seconds=1)))
    return clock.perf_counter() - started, due


def _reminder_scan(stack: DevStack, dsn: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    # Made at 08:58 tomorrow in Seoul, scanned at 08:59 (a quiet minute) and 09:00 (busy).
    tomorrow = (datetime.now(SEOUL) + timedelta(days=1)).date()
    made = datetime.combine(tomorrow, time(8, 58), tzinfo=SEOUL).astimezone(UTC)
    tick = datetime.combine(tomorrow, time(9, 0), tzinfo=SEOUL).astimezone(UTC)
    owners = [uuid.uuid4() for _ in range(REMINDER_SCHEDULES // 20)]
    started = clock.perf_counter()
    _copy_schedules(dsn, _reminder_rows(owners, made))
    load_s = clock.perf_counter() - started

    monkeypatch.setenv(
        "PETFUL_DATABASE_URL",
        f"postgresql+psycopg://petful@127.0.0.1:{stack.ports['postgres']}/petful",
    )
    settings_module.get_settings.cache_clear()

    async def ticks() -> dict[str, Any]:
        try:
            # The minute before: nothing of the 10-minute slots is due.
            quiet_start = clock.perf_counter()
            quiet = await scan_reminders_now(tick - timedelta(minutes=1))
            quiet_s = clock.perf_counter() - quiet_start
            busy_start = clock.perf_counter()
            busy = await scan_reminders_now(tick)
            busy_s = clock.perf_counter() - busy_start
            again_start = clock.perf_counter()
            again = await scan_reminders_now(tick + timedelta(seconds=30))
            again_s = clock.perf_counter() - again_start
            naive_s, naive_due = await _naive_scan(dsn, tick)
        finally:
            await dispose_engines()
        return {
            "quiet_tick": {"seconds": quiet_s, "sent": quiet.sent, "batches": quiet.batches},
            "busy_tick": {"seconds": busy_s, "sent": busy.sent, "batches": busy.batches},
            "same_minute_again": {"seconds": again_s, "sent": again.sent},
            "baseline_full_expansion": {"seconds": naive_s, "due_found": naive_due},
        }

    result = asyncio.run(ticks())
    settings_module.get_settings.cache_clear()
    return {"schedules": REMINDER_SCHEDULES, "insert_seconds": load_s, **result}


def test_health_schedules_bench(running_stack: DevStack, monkeypatch: pytest.MonkeyPatch) -> None:
    dsn = f"postgresql://petful@127.0.0.1:{running_stack.ports['postgres']}/petful"
    report = {
        "command": f"BENCH_SCHEDULE_RATE={RATE:g} BENCH_SECONDS={SECONDS:g} "
        f"BENCH_REMINDER_SCHEDULES={REMINDER_SCHEDULES} "
        ".venv/bin/python -m pytest -p no:xdist tests/bench/test_health_schedules.py -s",
        "expansion": _expansion(running_stack, dsn),
        "reminders": _reminder_scan(running_stack, dsn, monkeypatch),
    }
    RESULTS.mkdir(exist_ok=True)
    Path(RESULTS / "health_schedules.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps(report, indent=2, default=str))
    expansion = report["expansion"]
    assert expansion["occurrences_month"]["errors"] == 0
    assert expansion["occurrences_month"]["p95_ms"] <= 50
    reminders = report["reminders"]
    assert reminders["busy_tick"]["sent"] >= REMINDER_SCHEDULES // 5
    assert reminders["same_minute_again"]["sent"] == 0
    assert reminders["busy_tick"]["seconds"] < 5
