"""The daily activity log and reports: /api/v1/pets/{pet_id}/activities…,
/api/v1/pets/{pet_id}/health-report and /api/v1/activity-levels.

Only the pet's owner reads or writes them (the health service asks pets, on every call):
anyone else, admins included, gets 404 for the pet.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from petful.edge.auth import CurrentUser
from petful.edge.clients import pets
from petful.edge.pet_health.activities_schemas import (
    Activity,
    ActivityCalendar,
    ActivityIn,
    ActivityLevelInfo,
    ActivityLevels,
    ActivityPatch,
    HealthHome,
    HealthReport,
)
from petful.pb.health.v1 import activities_pb2 as pb
from petful.pb.health.v1 import activities_pb2_grpc as pb_grpc
from petful.pb.pets.v1 import pets_pb2
from petful.platform.grpc_client import call_or_none, channel
from petful.platform.protobuf import enum_name

router = APIRouter(tags=["health"])

PetId = Annotated[str, Path(max_length=64, description="the pet's id")]
Day = Annotated[
    date, Path(alias="date", description="the record's day (Asia/Seoul), like 2025-03-06")
]
BASE = "/api/v1/pets/{pet_id}/activities"


def activities() -> pb_grpc.ActivityServiceStub:
    return pb_grpc.ActivityServiceStub(channel("health"))


@router.get("/api/v1/activity-levels", response_model=ActivityLevels)
async def activity_levels(user: CurrentUser) -> ActivityLevels:
    """The four activity levels: their factor in the calorie formulas and Korean label."""
    r = await activities().ListActivityLevels(pb.ListActivityLevelsRequest())
    return ActivityLevels(
        items=[
            ActivityLevelInfo(
                level=enum_name(pb.ActivityLevel, x.level, "ACTIVITY_LEVEL_"),
                label=x.label,
                factor=x.factor,
            )
            for x in r.levels
        ]
    )


@router.post(BASE, response_model=Activity, status_code=status.HTTP_201_CREATED)
async def create_activity(pet_id: PetId, body: ActivityIn, user: CurrentUser) -> Activity:
    """Write a day's record. A second record of the same day is 409 naming the date; a day
    in the future is 422. Calories are computed."""
    r = await activities().CreateActivity(
        pb.CreateActivityRequest(pet_id=pet_id, activity=body.to_pb())
    )
    return Activity.from_pb(r)


# Before /{date}: "calendar" is not a day.
@router.get(f"{BASE}/calendar", response_model=ActivityCalendar)
async def activity_calendar(
    pet_id: PetId,
    user: CurrentUser,
    year: Annotated[int, Query(ge=2000, le=2100)],
    month: Annotated[int, Query(ge=1, le=12)],
) -> ActivityCalendar:
    """The days of the month that have a record."""
    r = await activities().ListActivityDays(
        pb.ListActivityDaysRequest(pet_id=pet_id, year=year, month=month)
    )
    return ActivityCalendar(year=year, month=month, dates=[date.fromisoformat(d) for d in r.dates])


@router.get("/api/v1/me/health-home", response_model=HealthHome)
async def health_home(
    user: CurrentUser,
    day: Annotated[date, Query(alias="date", description="the day to show (Asia/Seoul)")],
) -> HealthHome:
    """The first of my pets with its month's markers and the day's record: what the health
    home shows before a pet is chosen, without the app waiting for the pet list first."""
    mine = await pets().ListMyPets(pets_pb2.ListMyPetsRequest())
    if not mine.pets:
        return HealthHome(pet_id=None, calendar=None, record=None)
    pet_id = mine.pets[0].id
    days, record = await asyncio.gather(
        activities().ListActivityDays(
            pb.ListActivityDaysRequest(pet_id=pet_id, year=day.year, month=day.month)
        ),
        call_or_none(
            activities().GetActivity(pb.GetActivityRequest(pet_id=pet_id, date=day.isoformat()))
        ),
    )
    return HealthHome(
        pet_id=pet_id,
        calendar=ActivityCalendar(
            year=day.year, month=day.month, dates=[date.fromisoformat(d) for d in days.dates]
        ),
        record=Activity.from_pb(record) if record is not None else None,
    )


@router.get(f"{BASE}/{{date}}", response_model=Activity)
async def get_activity(pet_id: PetId, day: Day, user: CurrentUser) -> Activity:
    """The day's record; 404 when there is none."""
    r = await activities().GetActivity(pb.GetActivityRequest(pet_id=pet_id, date=day.isoformat()))
    return Activity.from_pb(r)


@router.patch(f"{BASE}/{{date}}", response_model=Activity)
async def update_activity(
    pet_id: PetId, day: Day, body: ActivityPatch, user: CurrentUser
) -> Activity:
    """Change the fields present; meals are added (no id), changed (id) or removed (id and
    `remove: true`). Calories are computed again."""
    r = await activities().UpdateActivity(body.to_request(pet_id, day))
    return Activity.from_pb(r)


@router.delete(f"{BASE}/{{date}}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_activity(pet_id: PetId, day: Day, user: CurrentUser) -> Response:
    await activities().DeleteActivity(pb.DeleteActivityRequest(pet_id=pet_id, date=day.isoformat()))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/api/v1/pets/{pet_id}/health-report", response_model=HealthReport)
async def health_report(
    pet_id: PetId,
    user: CurrentUser,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
) -> HealthReport:
    """The days from `from` to `to` (inclusive, at most 92; neither: the 7 days ending
    today, Asia/Seoul): a series with every day, totals, averages per recorded day, the
    four scores and the weight trend."""
    request = pb.GetHealthReportRequest(pet_id=pet_id, to=to.isoformat() if to else "")
    setattr(request, "from", from_.isoformat() if from_ else "")  # `from` is a keyword
    r = await activities().GetHealthReport(request)
    return HealthReport.from_pb(r)
