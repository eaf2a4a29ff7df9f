"""The daily activity log through the edge: one record per pet per day, its meals and
computed calories, the month's markers, and who may see it (the pet's owner only).

Real identity, pets, health (its activity servicer) and edge servers on PostgreSQL and Redis
(`identity_edge` plus the health server, see health_activities_support.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from petful.platform.auth_context import Role
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.integration.health_activities_support import Log, day_body, owners_log
from tests.integration.health_support import TODAY, health_running


@pytest.fixture
async def log(identity_edge: IdentityEdge, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Log]:
    async with health_running(identity_edge, monkeypatch):
        yield await owners_log(identity_edge)


# --- the day's record ------------------------------------------------------------------------


async def test_a_day_is_written_with_its_calories_computed(log: Log) -> None:
    record = await log.created(TODAY)
    assert record["date"] == "2025-03-06"
    assert (record["activity_level_label"], record["activity_factor"]) == ("가끔 산책해요", 1.5)
    # 3.4 x 1.5 x 70 = 357; 3 x 1.5 x 5 = 22.5 -> 23 (half up); 3.4 x 1.5 x 100 = 510.
    assert record["burn_recommended_kcal"] == 357
    assert record["burn_actual_kcal"] == 23
    assert record["intake_recommended_kcal"] == 510
    # 360 / 100 x 45 = 162; 180 / 50 x 10 = 36.
    assert [m["consumed_kcal"] for m in record["meals"]] == [162, 36]
    assert [m["meal_type_label"] for m in record["meals"]] == ["아침", "간식"]
    assert record["intake_kcal"] == 198

    r = await log.get(TODAY)
    assert r.status_code == 200, r.text
    assert r.json() == record


async def test_a_second_record_of_the_same_day_is_409_naming_the_date(log: Log) -> None:
    await log.created(TODAY)
    r = await log.create(day_body(TODAY, walk_km=1))
    assert r.status_code == 409, r.text
    assert problem_fields(r) == {"date"}
    assert "2025-03-06" in r.json()["detail"]


async def test_bad_input_names_each_field(log: Log) -> None:
    r = await log.create(
        day_body(
            TODAY,
            walk_km=-1,
            activity_level="SPRINTING",
            meals=[{"meal_type": "BREAKFAST", "package_g": 0, "package_kcal": 1, "consumed_g": 1}],
        )
    )
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"walk_km", "activity_level", "meals.0.package_g"}
    # The service's own rules: no day in the future (Seoul's today), no bad pet id.
    r = await log.create(day_body(TODAY + timedelta(days=1)))
    assert (r.status_code, problem_fields(r)) == (422, {"date"})
    r = await log.client.post(
        "/api/v1/pets/not-a-uuid/activities", json=day_body(TODAY), headers=log.owner
    )
    assert (r.status_code, problem_fields(r)) == (422, {"pet_id"})
    r = await log.client.get(log.url("/2025-02-30"), headers=log.owner)
    assert (r.status_code, problem_fields(r)) == (422, {"date"})
    r = await log.get(TODAY)
    assert r.status_code == 404, r.text


async def test_seoul_decides_what_today_is(log: Log) -> None:
    # 23:30 UTC on the 6th is 08:30 on the 7th in Seoul: the 7th may be written.
    log.edge.clock.now = datetime(2025, 3, 6, 23, 30, tzinfo=UTC)
    assert (await log.create(day_body(date(2025, 3, 7)))).status_code == 201


async def test_a_partial_update_changes_fields_and_meals_and_recomputes(log: Log) -> None:
    record = await log.created(TODAY)
    breakfast, snack = (m["id"] for m in record["meals"])
    r = await log.patch(
        TODAY,
        {
            "walk_km": 5,
            "activity_level": "HIGH",
            "memo": "",
            "meals": [
                {"id": breakfast, "consumed_g": 50},
                {"id": snack, "remove": True},
                {"meal_type": "DINNER", "package_g": 100, "package_kcal": 360, "consumed_g": 40},
            ],
        },
    )
    assert r.status_code == 200, r.text
    after = r.json()
    assert (after["walk_km"], after["activity_level"], after["memo"]) == (5, "HIGH", "")
    assert after["sleep_hours"] == 13  # not named: unchanged
    assert [(m["meal_type"], m["consumed_kcal"]) for m in after["meals"]] == [
        ("BREAKFAST", 180),
        ("DINNER", 144),
    ]
    # 3.4 x 1.9 x 70 = 452.2; 5 x 1.9 x 5 = 47.5 -> 48; 3.4 x 1.9 x 100 = 646.
    assert (after["burn_recommended_kcal"], after["burn_actual_kcal"]) == (452, 48)
    assert (after["intake_recommended_kcal"], after["intake_kcal"]) == (646, 324)
    assert (await log.get(TODAY)).json() == after


async def test_a_refused_update_changes_nothing(log: Log) -> None:
    record = await log.created(TODAY)
    breakfast = record["meals"][0]["id"]
    r = await log.patch(
        TODAY,
        {
            "walk_km": 9,
            "meals": [
                {"id": breakfast, "remove": True},
                {"id": "00000000-0000-4000-8000-000000000000", "consumed_g": 1},
                {"meal_type": "LUNCH", "package_g": 100},
            ],
        },
    )
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {
        "meals.1.id",
        "meals.2.package_kcal",
        "meals.2.consumed_g",
    }
    assert (await log.get(TODAY)).json() == record


async def test_a_day_is_deleted_and_may_be_written_again(log: Log) -> None:
    await log.created(TODAY)
    r = await log.client.delete(log.url("/2025-03-06"), headers=log.owner)
    assert r.status_code == 204, r.text
    assert (await log.get(TODAY)).status_code == 404
    r = await log.client.delete(log.url("/2025-03-06"), headers=log.owner)
    assert r.status_code == 404
    await log.created(TODAY, walk_km=1)


async def test_the_calendar_marks_the_days_with_a_record(log: Log) -> None:
    for day in (date(2025, 2, 28), date(2025, 3, 1), date(2025, 3, 5), TODAY):
        await log.created(day)
    r = await log.client.get(
        log.url("/calendar"), params={"year": 2025, "month": 3}, headers=log.owner
    )
    assert r.status_code == 200, r.text
    assert r.json() == {
        "year": 2025,
        "month": 3,
        "dates": ["2025-03-01", "2025-03-05", "2025-03-06"],
    }
    r = await log.client.get(
        log.url("/calendar"), params={"year": 2025, "month": 13}, headers=log.owner
    )
    assert (r.status_code, problem_fields(r)) == (422, {"month"})


async def test_the_activity_levels_have_korean_labels(log: Log) -> None:
    r = await log.client.get("/api/v1/activity-levels", headers=log.owner)
    assert r.status_code == 200, r.text
    assert [(x["level"], x["factor"], x["label"]) for x in r.json()["items"]] == [
        ("LOW", 1.2, "거의 안 움직여요"),
        ("MEDIUM_LOW", 1.5, "가끔 산책해요"),
        ("MEDIUM_HIGH", 1.7, "자주 뛰어놀아요"),
        ("HIGH", 1.9, "매우 활동적이에요"),
    ]


# --- only the owner ---------------------------------------------------------------------------


async def test_only_the_pets_owner_reads_or_writes_its_log(log: Log) -> None:
    await log.created(TODAY)
    stranger = await headers_for(log.edge, "stranger@example.com")
    admin = await headers_for(log.edge, "admin@example.com", Role.ADMIN)
    for who in (stranger, admin):
        assert (await log.get(TODAY, by=who)).status_code == 404
        assert (await log.create(day_body(TODAY - timedelta(days=1)), by=who)).status_code == 404
        assert (await log.report(by=who)).status_code == 404
        r = await log.client.delete(log.url("/2025-03-06"), headers=who)
        assert r.status_code == 404
    r = await log.client.get(log.url("/2025-03-06"))
    assert r.status_code == 401
    assert (await log.get(TODAY)).status_code == 200


async def test_the_health_home_has_the_first_pet_its_month_and_the_day(log: Log) -> None:
    home = "/api/v1/me/health-home"
    await log.created(TODAY - timedelta(days=2))
    r = await log.client.get(home, params={"date": TODAY.isoformat()}, headers=log.owner)
    assert r.status_code == 200, r.text
    assert r.json()["pet_id"] == log.pet_id
    assert r.json()["calendar"]["dates"] == [(TODAY - timedelta(days=2)).isoformat()]
    assert r.json()["record"] is None  # nothing written today

    await log.created(TODAY)
    r = await log.client.get(home, params={"date": TODAY.isoformat()}, headers=log.owner)
    assert r.json()["record"]["date"] == TODAY.isoformat()

    # Someone without pets: nothing to show; a bad date is the field's problem.
    nobody = await headers_for(log.edge, "no-pets@example.com")
    r = await log.client.get(home, params={"date": TODAY.isoformat()}, headers=nobody)
    assert r.json() == {"pet_id": None, "calendar": None, "record": None}
    r = await log.client.get(home, params={"date": "yesterday"}, headers=nobody)
    assert r.status_code == 422
    assert problem_fields(r) == {"date"}
