"""Schedules through the edge: one row per series expanded into occurrences for any window,
per pet and across my pets, edits of the series, of one occurrence and of it and the
following ones, soft delete, the reminder toggle, and who may see any of it.

Real identity, pets, health (its schedule servicer) and edge servers on PostgreSQL and Redis
(`identity_edge` plus the health server, see health_schedules_support.py). The services'
clock stands at Thursday 2025-03-06, 15:00 in Seoul.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
import sqlalchemy as sa

from petful.health.schedules.models import Schedule
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.integration.health_schedules_support import Plan, body, owners_plan, seoul
from tests.integration.health_support import health_running, new_pet

MARCH = ("2025-03-01T00:00:00+09:00", "2025-04-01T00:00:00+09:00")


@pytest.fixture
async def plan(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Plan]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_plan(identity_edge)


# --- one row, many occurrences ----------------------------------------------------------------


async def test_a_weekly_schedule_is_one_row_expanded_for_any_window(plan: Plan) -> None:
    s = await plan.created(end_date="2025-03-19")
    assert (s["frequency"], s["weekdays"], s["times"]) == (
        "WEEKLY",
        ["MO", "WE"],
        ["08:00", "20:00"],
    )
    assert s["rrule"] == "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE"
    assert (s["start_date"], s["end_date"], s["pet_name"]) == ("2025-03-06", "2025-03-19", "보리")
    items = await plan.listed(*MARCH)
    assert seoul(items) == [
        "2025-03-10 08:00",
        "2025-03-10 20:00",
        "2025-03-12 08:00",
        "2025-03-12 20:00",
        "2025-03-17 08:00",
        "2025-03-17 20:00",
        "2025-03-19 08:00",
        "2025-03-19 20:00",
    ]
    first = items[0]
    assert first["key"] == "20250309T230000Z"  # 08:00 in Seoul is 23:00 UTC the day before
    assert (first["kind"], first["sub_type"], first["recurring"]) == ("EXERCISE", "WALK", True)
    async with transaction() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Schedule)) == 1
    # Any window: a narrow one cuts at instants, not days.
    narrow = await plan.listed("2025-03-12T09:00:00+09:00", "2025-03-17T08:00:00+09:00")
    assert seoul(narrow) == ["2025-03-12 20:00"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"frequency": "DAILY", "interval": 3, "count": 4, "weekdays": []},
            ["03-06", "03-09", "03-12", "03-15"],
        ),
        (
            {"frequency": "MONTHLY", "month_day": -1, "weekdays": [], "start_date": "2025-03-31"},
            ["03-31", "04-30", "05-31"],
        ),
        ({"frequency": "MONTHLY", "weekdays": [], "start_date": "2025-03-31"}, ["03-31", "05-31"]),
        ({"frequency": "YEARLY", "weekdays": [], "start_date": "2025-04-01"}, ["04-01"]),
        ({"frequency": "NONE", "weekdays": [], "start_date": "2025-03-08"}, ["03-08"]),
        (
            {"weekdays": [], "interval": 2},
            ["03-06", "03-20", "04-03", "04-17", "05-01", "05-15", "05-29"],
        ),
    ],
)
async def test_recurrence_kinds(plan: Plan, fields: dict[str, object], expected: list[str]) -> None:
    await plan.created(times=["09:00"], **fields)
    items = await plan.listed("2025-03-01T00:00:00+09:00", "2025-06-01T00:00:00+09:00")
    assert [x[5:10] for x in seoul(items)] == expected


async def test_my_schedules_span_all_my_pets_with_filters(plan: Plan) -> None:
    other = await new_pet(plan.edge, plan.owner, "콩이")
    await plan.created(times=["08:00"], end_date="2025-03-12")
    r = await plan.client.post(
        f"/api/v1/pets/{other}/schedules",
        json=body(
            kind="MEDICATION",
            sub_type="PILL",
            title="심장사상충 약",
            times=["09:00"],
            frequency="MONTHLY",
            weekdays=[],
            start_date="2025-03-10",
            medication_name="하트가드",
            dosage="1정",
        ),
        headers=plan.owner,
    )
    assert r.status_code == 201, r.text
    assert r.json()["doses_per_day"] == 1
    url = "/api/v1/me/schedules/occurrences"
    params = {"from": MARCH[0], "to": MARCH[1]}
    r = await plan.client.get(url, params=params, headers=plan.owner)
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [(o["pet_name"], seoul([o])[0]) for o in items] == [
        ("보리", "2025-03-10 08:00"),
        ("콩이", "2025-03-10 09:00"),
        ("보리", "2025-03-12 08:00"),
    ]
    assert items[1]["medication_name"] == "하트가드"
    r = await plan.client.get(url, params={**params, "kind": "MEDICATION"}, headers=plan.owner)
    assert [o["pet_name"] for o in r.json()["items"]] == ["콩이"]
    r = await plan.client.get(url, params={**params, "pet_id": plan.pet_id}, headers=plan.owner)
    assert {o["pet_name"] for o in r.json()["items"]} == {"보리"}
    # The edit screen finds a schedule by its id alone.
    r = await plan.client.get(f"/api/v1/me/schedules/{items[1]['schedule_id']}", headers=plan.owner)
    assert (r.status_code, r.json()["title"]) == (200, "심장사상충 약")


# --- refusals name their fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"start_date": "2025-03-05"}, {"start_date"}),
        ({"sub_type": "VACCINE"}, {"sub_type"}),
        ({"end_date": "2025-03-20", "count": 3}, {"end_date"}),
        ({"end_date": "2025-03-01"}, {"end_date"}),
        ({"frequency": "DAILY"}, {"weekdays"}),
        ({"frequency": "NONE"}, {"weekdays"}),
        ({"frequency": "MONTHLY", "weekdays": [], "month_day": 0, "count": 1000}, {"count"}),
        ({"times": ["25:00", "08:00"]}, {"times.0"}),
        ({"times": ["08:00", "08:00"]}, {"times"}),
        ({"times": []}, {"times"}),
        ({"title": "   "}, {"title"}),
        ({"kind": "MEDICATION", "sub_type": "PILL"}, {"medication_name"}),
        (
            {"kind": "MEDICATION", "sub_type": "PILL", "medication_name": "약", "doses_per_day": 3},
            {"doses_per_day"},
        ),
        ({"medication_name": "약"}, {"medication_name"}),
        ({"reminder_lead_minutes": 15}, {"reminder_lead_minutes"}),
        ({"surprise": 1}, {"surprise"}),
    ],
)
async def test_bad_input_is_422_naming_the_field(
    plan: Plan, fields: dict[str, object], bad: set[str]
) -> None:
    r = await plan.create(body(**fields))
    assert r.status_code == 422, r.text
    assert problem_fields(r) == bad


async def test_a_medication_course_ends_after_its_days(plan: Plan) -> None:
    s = await plan.created(
        kind="MEDICATION",
        sub_type="PILL",
        title="항생제",
        frequency="DAILY",
        weekdays=[],
        medication_name="아목시실린",
        dosage="1정",
        duration_days=3,
    )
    assert (s["end_date"], s["doses_per_day"], s["duration_days"]) == ("2025-03-08", 2, 3)
    items = await plan.listed(*MARCH)
    assert len(items) == 6  # 3 days, twice a day (a window shows the past ones too)
    assert seoul(items)[0] == "2025-03-06 08:00"


async def test_bad_windows_are_422(plan: Plan) -> None:
    r = await plan.occurrences("2025-03-01T00:00:00+09:00", "2026-03-03T00:00:00+09:00")
    assert (r.status_code, problem_fields(r)) == (422, {"from"})
    r = await plan.occurrences(MARCH[1], MARCH[0])
    assert (r.status_code, problem_fields(r)) == (422, {"from"})
    r = await plan.client.get(plan.url("/occurrences"), headers=plan.owner)
    assert (r.status_code, problem_fields(r)) == (422, {"from", "to"})


# --- only the owner ---------------------------------------------------------------------------


async def test_only_the_pets_owner_reads_or_writes_its_schedules(plan: Plan) -> None:
    s = await plan.created()
    one = plan.url(f"/{s['id']}")
    stranger = await headers_for(plan.edge, "stranger@example.com")
    admin = await headers_for(plan.edge, "admin@example.com", Role.ADMIN)
    for who in (stranger, admin):
        assert (await plan.create(body(), by=who)).status_code == 404
        assert (await plan.occurrences(*MARCH, by=who)).status_code == 404
        assert (await plan.client.get(one, headers=who)).status_code == 404
        assert (await plan.client.put(one, json=body(), headers=who)).status_code == 404
        assert (await plan.client.delete(one, headers=who)).status_code == 404
        r = await plan.client.get(f"/api/v1/me/schedules/{s['id']}", headers=who)
        assert r.status_code == 404
        r = await plan.client.get(
            "/api/v1/me/schedules/occurrences",
            params={"from": MARCH[0], "to": MARCH[1]},
            headers=who,
        )
        assert r.json()["items"] == []
    assert (await plan.client.get(one)).status_code == 401
    assert (await plan.client.get(one, headers=plan.owner)).status_code == 200


# --- edits ------------------------------------------------------------------------------------


async def test_this_occurrence_only_moves_retitles_or_cancels_one(plan: Plan) -> None:
    s = await plan.created(end_date="2025-03-19")
    items = await plan.listed(*MARCH)
    monday_evening = items[1]["key"]
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{monday_evening}"),
        json={"scope": "THIS", "date": "2025-03-11", "time": "19:30", "title": "저녁 산책"},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    r = await plan.client.delete(
        plan.url(f"/{s['id']}/occurrences/{items[2]['key']}"), headers=plan.owner
    )
    assert r.status_code == 200, r.text
    after = await plan.listed(*MARCH)
    assert seoul(after)[:3] == ["2025-03-10 08:00", "2025-03-11 19:30", "2025-03-12 20:00"]
    moved = after[1]
    assert (moved["key"], moved["title"], moved["overridden"]) == (
        monday_evening,
        "저녁 산책",
        True,
    )
    # Cancelled is gone for good: cancelling it again is 404, as is a key the rule never had.
    r = await plan.client.delete(
        plan.url(f"/{s['id']}/occurrences/{items[2]['key']}"), headers=plan.owner
    )
    assert r.status_code == 404
    r = await plan.client.delete(
        plan.url(f"/{s['id']}/occurrences/20250311T000000Z"), headers=plan.owner
    )
    assert (r.status_code, problem_fields(r)) == (404, {"key"})
    r = await plan.client.delete(plan.url(f"/{s['id']}/occurrences/yesterday"), headers=plan.owner)
    assert (r.status_code, problem_fields(r)) == (422, {"key"})
    # Moving it back to plan with its old title removes the override.
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{monday_evening}"),
        json={"scope": "THIS", "date": "2025-03-10", "time": "20:00", "title": "한강 산책"},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    assert not (await plan.listed(*MARCH))[1]["overridden"]


async def test_this_and_following_splits_the_series(plan: Plan) -> None:
    s = await plan.created(count=6)  # Mon/Wed dates, 6 of them
    items = await plan.listed(*MARCH)
    assert len(items) == 12
    third_date = items[4]  # Monday 2025-03-17, 08:00
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{third_date['key']}"),
        json={
            "scope": "FOLLOWING",
            "schedule": body(title="저녁만 산책", times=["19:00"], count=6),
        },
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    new = r.json()
    assert new["id"] != s["id"]
    assert (new["start_date"], new["count"], new["times"]) == ("2025-03-17", 4, ["19:00"])
    old = (await plan.client.get(plan.url(f"/{s['id']}"), headers=plan.owner)).json()
    assert old["count"] == 2
    after = await plan.listed(*MARCH)
    assert [(x, o["title"]) for x, o in zip(seoul(after), after, strict=True)] == [
        ("2025-03-10 08:00", "한강 산책"),
        ("2025-03-10 20:00", "한강 산책"),
        ("2025-03-12 08:00", "한강 산책"),
        ("2025-03-12 20:00", "한강 산책"),
        ("2025-03-17 19:00", "저녁만 산책"),
        ("2025-03-19 19:00", "저녁만 산책"),
        ("2025-03-24 19:00", "저녁만 산책"),
        ("2025-03-26 19:00", "저녁만 산책"),
    ]
    # ... and cancelling "this and following" ends the new one before its second date.
    r = await plan.client.delete(
        plan.url(f"/{new['id']}/occurrences/{after[5]['key']}"),
        params={"scope": "FOLLOWING"},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    assert len(await plan.listed(*MARCH)) == 5


async def test_following_from_the_first_date_edits_the_whole_series(plan: Plan) -> None:
    s = await plan.created(end_date="2025-03-31")
    first = (await plan.listed(*MARCH))[0]
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{first['key']}"),
        json={"scope": "FOLLOWING", "schedule": body(title="아침 산책", times=["07:00"])},
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["id"], r.json()["start_date"]) == (s["id"], "2025-03-06")
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{first['key']}"),
        json={"scope": "FOLLOWING"},
        headers=plan.owner,
    )
    assert (r.status_code, problem_fields(r)) == (422, {"schedule"})


async def test_editing_the_series_keeps_an_old_start_but_refuses_a_new_past_one(
    plan: Plan,
) -> None:
    s = await plan.created()
    plan.edge.clock.advance(timedelta(days=10))
    one = plan.url(f"/{s['id']}")
    r = await plan.client.put(one, json=body(title="산책 (수정)"), headers=plan.owner)
    assert (r.status_code, r.json()["title"]) == (200, "산책 (수정)")
    r = await plan.client.put(one, json=body(start_date="2025-03-10"), headers=plan.owner)
    assert (r.status_code, problem_fields(r)) == (422, {"start_date"})


async def test_a_series_edit_drops_exceptions_its_rule_no_longer_has(plan: Plan) -> None:
    s = await plan.created(end_date="2025-03-31")
    items = await plan.listed(*MARCH)
    await plan.client.delete(
        plan.url(f"/{s['id']}/occurrences/{items[0]['key']}"), headers=plan.owner
    )
    await plan.client.delete(
        plan.url(f"/{s['id']}/occurrences/{items[1]['key']}"), headers=plan.owner
    )
    r = await plan.client.put(
        plan.url(f"/{s['id']}"),
        json=body(end_date="2025-03-31", times=["08:00"]),
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    # 08:00 on the 10th is still cancelled; the 20:00 exception went with its time.
    assert seoul(await plan.listed(*MARCH))[0] == "2025-03-12 08:00"


async def test_soft_delete_hides_the_schedule(plan: Plan) -> None:
    s = await plan.created()
    r = await plan.client.delete(plan.url(f"/{s['id']}"), headers=plan.owner)
    assert r.status_code == 204
    assert await plan.listed(*MARCH) == []
    assert (await plan.client.get(plan.url(f"/{s['id']}"), headers=plan.owner)).status_code == 404
    r = await plan.client.get(plan.url(), headers=plan.owner)
    assert r.json()["items"] == []
    async with transaction() as session:
        row = await session.get(Schedule, s["id"])
        assert row is not None
        assert row.deleted_at is not None


async def test_the_reminder_toggle_remembers_its_lead_time(plan: Plan) -> None:
    s = await plan.created(reminder_enabled=True, reminder_lead_minutes=1440)
    assert (s["reminder_enabled"], s["reminder_lead_minutes"]) == (True, 1440)
    url = plan.url(f"/{s['id']}/reminder")
    r = await plan.client.put(url, json={"enabled": False}, headers=plan.owner)
    assert (r.json()["reminder_enabled"], r.json()["reminder_lead_minutes"]) == (False, 1440)
    r = await plan.client.put(url, json={"enabled": True}, headers=plan.owner)
    assert (r.json()["reminder_enabled"], r.json()["reminder_lead_minutes"]) == (True, 1440)
    r = await plan.client.put(url, json={"enabled": True, "lead_minutes": 10}, headers=plan.owner)
    assert r.json()["reminder_lead_minutes"] == 10
    r = await plan.client.put(url, json={"enabled": True, "lead_minutes": 7}, headers=plan.owner)
    assert (r.status_code, problem_fields(r)) == (422, {"lead_minutes"})
    items = await plan.listed(*MARCH)
    assert (items[0]["reminder_enabled"], items[0]["reminder_lead_minutes"]) == (True, 10)


async def test_this_and_following_in_a_course_keeps_its_days(plan: Plan) -> None:
    s = await plan.created(
        kind="MEDICATION",
        sub_type="PILL",
        title="항생제",
        times=["09:00"],
        frequency="DAILY",
        weekdays=[],
        medication_name="아목시실린",
        duration_days=10,
    )
    assert s["end_date"] == "2025-03-15"
    fourth = (await plan.listed(*MARCH))[3]
    r = await plan.client.patch(
        plan.url(f"/{s['id']}/occurrences/{fourth['key']}"),
        json={
            "scope": "FOLLOWING",
            "schedule": body(
                kind="MEDICATION",
                sub_type="PILL",
                title="항생제 (반 알)",
                times=["09:00"],
                frequency="DAILY",
                weekdays=[],
                medication_name="아목시실린",
                dosage="0.5정",
                duration_days=10,
            ),
        },
        headers=plan.owner,
    )
    assert r.status_code == 200, r.text
    new = r.json()
    assert (new["start_date"], new["end_date"], new["duration_days"]) == (
        "2025-03-09",
        "2025-03-15",
        7,
    )
    old = (await plan.client.get(plan.url(f"/{s['id']}"), headers=plan.owner)).json()
    assert (old["end_date"], old["duration_days"]) == ("2025-03-08", 3)
    assert len(await plan.listed(*MARCH)) == 10
