"""The private calendar feed: turned on (a new token, its address shown once), fetched
without a session, parsed back with icalendar and expanded with dateutil to the very
occurrences the API lists; revoked or replaced addresses stop working.

Also `schedule_medications`, the prescriptions part's way in.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from dateutil.rrule import rrulestr  # type: ignore[import-untyped,unused-ignore]
from icalendar import Calendar, Event

from petful.edge.auth import PUBLIC_ROUTES
from petful.health.base import SEOUL
from petful.health.medication import MedicationPlan
from petful.health.schedules import service
from petful.health.schedules.models import Schedule
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.health_schedules_support import Plan, body, owners_plan
from tests.integration.health_support import NOW, TODAY, health_running, new_pet

FEED = "/api/v1/me/calendar-feed"
WINDOW = (datetime(2025, 3, 1, tzinfo=SEOUL), datetime(2025, 6, 1, tzinfo=SEOUL))


@pytest.fixture
async def plan(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Plan]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_plan(identity_edge)


def ical_text(value: Any) -> str:
    raw = value.to_ical()
    return raw.decode() if isinstance(raw, bytes) else str(raw)


def expand(ics: bytes, start: datetime, end: datetime) -> list[tuple[datetime, str]]:
    """Every (start, summary) the feed puts in [start, end): series by RRULE minus EXDATE,
    overrides in place of the instances they name (as a calendar app reads it)."""
    cal = Calendar.from_ical(ics)
    overrides: dict[tuple[str, datetime], Any] = {}
    found: list[tuple[datetime, str]] = []
    events = [e for e in cal.walk("VEVENT") if isinstance(e, Event)]
    for e in events:
        if "RECURRENCE-ID" in e:
            overrides[(str(e["UID"]), e.decoded("RECURRENCE-ID"))] = e
    for e in events:
        if "RECURRENCE-ID" in e:
            continue
        dtstart: datetime = e.decoded("DTSTART")
        if "RRULE" in e:
            rule = rrulestr(ical_text(e["RRULE"]), dtstart=dtstart)
            starts = list(rule.between(start - timedelta(days=40), end, inc=True))
        else:
            starts = [dtstart]
        exdates = set(e.exdates)
        for at in starts:
            if at in exdates:
                continue
            o = overrides.get((str(e["UID"]), at))
            when, summary = (
                (o.decoded("DTSTART"), str(o["SUMMARY"])) if o else (at, str(e["SUMMARY"]))
            )
            if start <= when < end:
                found.append((when, summary))
    return sorted(found)


async def test_the_feed_parses_back_to_the_listed_occurrences(plan: Plan) -> None:
    assert ("prefix", "/api/v1/public/") in PUBLIC_ROUTES  # Envoy lets it through unsigned
    r = await plan.client.get(FEED, headers=plan.owner)
    assert r.json() == {"enabled": False, "url": None, "created_at": None}
    weekly = await plan.created(count=8, reminder_enabled=True, reminder_lead_minutes=30)
    monthly = await plan.created(
        kind="MEDICATION",
        sub_type="PILL",
        title="심장사상충 약",
        medication_name="하트가드",
        times=["09:00"],
        frequency="MONTHLY",
        weekdays=[],
        start_date="2025-03-10",
        end_date="2025-05-10",
    )
    await plan.created(
        kind="VACCINATION",
        sub_type="VACCINE",
        title="광견병",
        frequency="NONE",
        weekdays=[],
        times=["10:30"],
        start_date="2025-04-02",
    )
    listed = await plan.listed(WINDOW[0].isoformat(), WINDOW[1].isoformat())
    walks = [o["key"] for o in listed if o["schedule_id"] == weekly["id"]]
    base = plan.url(f"/{weekly['id']}/occurrences")
    await plan.client.delete(f"{base}/{walks[0]}", headers=plan.owner)
    r = await plan.client.patch(
        f"{base}/{walks[1]}",
        json={"scope": "THIS", "date": "2025-03-11", "time": "21:00", "title": "밤 산책"},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    listed = await plan.listed(WINDOW[0].isoformat(), WINDOW[1].isoformat())

    r = await plan.client.post(FEED, headers=plan.owner)
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert url.startswith("http://edge/api/v1/public/calendar/")
    assert url.endswith(".ics")
    # Later reads say it is on without the address (it was shown once).
    assert (await plan.client.get(FEED, headers=plan.owner)).json()["url"] is None

    feed = await plan.client.get(url.removeprefix("http://edge"))  # no Authorization
    assert feed.status_code == 200, feed.text
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    got = expand(feed.content, *WINDOW)
    want = [
        (datetime.fromisoformat(o["starts_at"]).astimezone(SEOUL), f"[보리] {o['title']}")
        for o in listed
    ]
    assert got == want
    assert len(got) == 8 * 2 - 1 + 3 + 1
    cal = Calendar.from_ical(feed.content)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Seoul"]
    by_uid = {str(e["UID"]): e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e}
    walk = by_uid[f"{weekly['id']}-0800@petful.dev"]
    assert ical_text(walk["RRULE"]) == "FREQ=WEEKLY;COUNT=8;INTERVAL=1;BYDAY=MO,WE"
    (alarm,) = walk.walk("VALARM")
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=30)
    pill = by_uid[f"{monthly['id']}-0900@petful.dev"]
    assert "UNTIL=20250510T145959Z" in ical_text(pill["RRULE"])
    assert "하트가드" in str(pill["DESCRIPTION"])
    assert not pill.walk("VALARM")


async def test_revoked_and_replaced_addresses_stop_working(plan: Plan) -> None:
    await plan.created()
    first = (await plan.client.post(FEED, headers=plan.owner)).json()["url"]
    path = first.removeprefix("http://edge")
    assert (await plan.client.get(path)).status_code == 200
    second = (await plan.client.post(FEED, headers=plan.owner)).json()["url"]
    assert second != first
    assert (await plan.client.get(path)).status_code == 404
    assert (await plan.client.get(second.removeprefix("http://edge"))).status_code == 200
    assert (await plan.client.delete(FEED, headers=plan.owner)).status_code == 204
    assert (await plan.client.get(second.removeprefix("http://edge"))).status_code == 404
    assert (await plan.client.get(FEED, headers=plan.owner)).json()["enabled"] is False
    r = await plan.client.get("/api/v1/public/calendar/" + "x" * 101 + ".ics")
    assert r.status_code in (404, 422)
    assert (await plan.client.post(FEED)).status_code == 401


async def test_a_feed_holds_only_its_owners_schedules(plan: Plan) -> None:
    await plan.created()
    other = await owners_plan(plan.edge, "other@example.com", "나비")
    await other.created(title="나비 미용", kind="CARE", sub_type="GROOMING")
    url = (await plan.client.post(FEED, headers=plan.owner)).json()["url"]
    ics = (await plan.client.get(url.removeprefix("http://edge"))).text
    assert "한강 산책" in ics
    assert "나비" not in ics


# --- schedule_medications (for the prescriptions part) ----------------------------------------


def course(**fields: Any) -> MedicationPlan:
    base: dict[str, Any] = {
        "drug_name": "아목시실린",
        "dosage": "1정",
        "doses_per_day": 2,
        "days": 5,
        "times": (time(8, 0), time(20, 0)),
        "start": TODAY,
        "reminder_lead_minutes": 0,
    }
    base.update(fields)
    return MedicationPlan(**base)


async def test_schedule_medications_makes_one_course_per_plan(plan: Plan) -> None:
    owner_id = uuid.UUID(plan.edge.users["owner@example.com"])
    async with transaction() as session:
        ids = await service.schedule_medications(
            session,
            owner_id=owner_id,
            pet_id=uuid.UUID(plan.pet_id),
            plans=[
                course(),
                course(
                    drug_name="유산균",
                    doses_per_day=1,
                    days=30,
                    times=(time(9, 0),),
                    reminder_lead_minutes=None,
                ),
            ],
            now=NOW,
            pet_name="보리",
        )
    assert len(ids) == 2
    async with transaction() as session:
        rows = [await session.get(Schedule, i) for i in ids]
    first, second = rows
    assert first is not None
    assert second is not None
    assert (first.kind, first.sub_type, first.rrule) == (
        "MEDICATION",
        "PILL",
        "FREQ=DAILY;INTERVAL=1",
    )
    assert (first.start_date, first.end_date, first.duration_days) == (TODAY, date(2025, 3, 10), 5)
    assert (first.title, first.medication_name, first.from_prescription) == (
        "아목시실린 1정",
        "아목시실린",
        True,
    )
    assert (first.reminder_lead_minutes, second.reminder_lead_minutes) == (0, None)
    items = await plan.listed("2025-03-01T00:00:00+09:00", "2025-05-01T00:00:00+09:00")
    assert len(items) == 5 * 2 + 30
    r = await plan.client.get(plan.url(f"/{ids[0]}"), headers=plan.owner)
    assert (r.json()["from_prescription"], r.json()["doses_per_day"]) == (True, 2)


async def test_schedule_medications_names_the_refused_plan(plan: Plan) -> None:
    async with transaction() as session:
        with pytest.raises(InvalidArgument) as refused:
            await service.schedule_medications(
                session,
                owner_id=uuid.UUID(plan.edge.users["owner@example.com"]),
                pet_id=uuid.UUID(plan.pet_id),
                plans=[course(), course(start=TODAY - timedelta(days=1), drug_name="")],
                now=NOW,
            )
    # The start is checked first (the course's end follows from it).
    assert set(dict(refused.value.field_violations)) == {"medications.1.start_date"}


async def test_another_pet_of_mine_gets_its_own_feed_entries(plan: Plan) -> None:
    other = await new_pet(plan.edge, plan.owner, "콩이")
    r = await plan.client.post(
        f"/api/v1/pets/{other}/schedules", json=body(title="콩이 산책"), headers=plan.owner
    )
    assert r.status_code == 201
    url = (await plan.client.post(FEED, headers=plan.owner)).json()["url"]
    ics = (await plan.client.get(url.removeprefix("http://edge"))).text
    assert "[콩이] 콩이 산책" in ics
    stranger = await headers_for(plan.edge, "stranger@example.com")
    assert (await plan.client.get(FEED, headers=stranger)).json()["enabled"] is False
