"""Care schedules, reminders and the calendar feed: /api/v1/pets/{pet_id}/schedules…,
/api/v1/me/schedules…, /api/v1/me/reminders, /api/v1/me/calendar-feed, and the feed itself
at /api/v1/public/calendar/{token}.ics.

Only the pet's owner reads or writes its schedules (the health service asks pets on every
call): anyone else, admins included, gets 404 for the pet. The feed's address is the one
route here without a session (under /api/v1/public/, which Envoy lets through without a
token): calendar apps cannot sign in, so the random token in it is the credential.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status

from petful.edge.auth import CurrentUser
from petful.edge.common import Instant, Page, PageSize
from petful.edge.pet_health.schedules_schemas import (
    KEY_PATTERN,
    CalendarFeed,
    OccurrenceEdit,
    OccurrenceList,
    Reminder,
    ReminderSetting,
    Schedule,
    ScheduleIn,
    ScheduleKind,
    ScheduleList,
    Scope,
    kind_value,
    occurrence_json,
)
from petful.pb.health.v1 import schedules_pb2 as pb
from petful.pb.health.v1 import schedules_pb2_grpc as pb_grpc
from petful.platform.errors import NotFound
from petful.platform.grpc_client import channel
from petful.platform.protobuf import timestamp_or_none, to_timestamp

router = APIRouter(tags=["schedules"])

PetId = Annotated[str, Path(max_length=64, description="the pet's id")]
ScheduleId = Annotated[str, Path(max_length=64, description="the schedule's id")]
Key = Annotated[
    str,
    Path(pattern=KEY_PATTERN, description="the occurrence's key, like 20250501T000000Z"),
]
From = Annotated[Instant, Query(alias="from", description="window start (inclusive)")]
To = Annotated[Instant, Query(alias="to", description="window end (exclusive), <= 366 days")]
Kinds = Annotated[list[ScheduleKind] | None, Query(alias="kind", description="repeatable")]
Cursor = Annotated[str | None, Query(max_length=200)]
BASE = "/api/v1/pets/{pet_id}/schedules"
ONE = BASE + "/{schedule_id}"
FEED_PATH = "/api/v1/public/calendar/{token}.ics"


def schedules() -> pb_grpc.ScheduleServiceStub:
    return pb_grpc.ScheduleServiceStub(channel("health"))


def _scope(name: str) -> str:
    return f"EDIT_SCOPE_{name}"


# --- one pet's schedules --------------------------------------------------------------------


@router.post(BASE, response_model=Schedule, status_code=status.HTTP_201_CREATED)
async def create_schedule(pet_id: PetId, body: ScheduleIn, user: CurrentUser) -> Schedule:
    """A new schedule (one row however often it recurs). 422 when it starts before today."""
    r = await schedules().CreateSchedule(
        pb.CreateScheduleRequest(pet_id=pet_id, schedule=body.to_pb())
    )
    return Schedule.from_pb(r)


@router.get(BASE, response_model=ScheduleList)
async def list_schedules(
    pet_id: PetId, user: CurrentUser, kind: ScheduleKind | None = None
) -> ScheduleList:
    """The pet's schedules themselves (not their occurrences), by start date."""
    r = await schedules().ListSchedules(
        pb.ListSchedulesRequest(pet_id=pet_id, kind=kind_value(kind) if kind else None)
    )
    return ScheduleList(items=[Schedule.from_pb(s) for s in r.items])


@router.get(BASE + "/occurrences", response_model=OccurrenceList)
async def pet_occurrences(
    pet_id: PetId, user: CurrentUser, start: From, end: To, kind: Kinds = None
) -> Response:
    """The pet's occurrences starting in [from, to), by time."""
    return await _list_occurrences(pet_id, start, end, kind)


async def _list_occurrences(
    pet_id: str, start: datetime, end: datetime, kinds: list[ScheduleKind] | None
) -> Response:
    request = pb.ListOccurrencesRequest(pet_id=pet_id, kinds=[kind_value(k) for k in kinds or []])
    getattr(request, "from").CopyFrom(to_timestamp(start))
    request.to.CopyFrom(to_timestamp(end))
    r = await schedules().ListOccurrences(request)
    # The documented shape (OccurrenceList) written directly: see occurrence_json.
    body = json.dumps({"items": [occurrence_json(o) for o in r.items]}, ensure_ascii=False)
    return Response(content=body.encode(), media_type="application/json")


@router.get(ONE, response_model=Schedule)
async def get_schedule(pet_id: PetId, schedule_id: ScheduleId, user: CurrentUser) -> Schedule:
    r = await schedules().GetSchedule(pb.GetScheduleRequest(schedule_id=schedule_id))
    if r.pet_id != pet_id:
        raise NotFound("schedule not found")
    return Schedule.from_pb(r)


@router.put(ONE, response_model=Schedule)
async def update_schedule(
    pet_id: PetId, schedule_id: ScheduleId, body: ScheduleIn, user: CurrentUser
) -> Schedule:
    """Edit the whole series (the full form). A changed start may not be in the past;
    one-occurrence changes the new rule no longer has are dropped."""
    r = await schedules().UpdateSchedule(
        pb.UpdateScheduleRequest(pet_id=pet_id, schedule_id=schedule_id, schedule=body.to_pb())
    )
    return Schedule.from_pb(r)


@router.delete(ONE, status_code=status.HTTP_204_NO_CONTENT)
async def delete_schedule(pet_id: PetId, schedule_id: ScheduleId, user: CurrentUser) -> Response:
    """Soft delete: its occurrences, reminders and feed entries stop."""
    await schedules().DeleteSchedule(
        pb.DeleteScheduleRequest(pet_id=pet_id, schedule_id=schedule_id)
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(ONE + "/reminder", response_model=Schedule)
async def set_reminder(
    pet_id: PetId, schedule_id: ScheduleId, body: ReminderSetting, user: CurrentUser
) -> Schedule:
    """Reminders on (with a lead time, or the remembered one) or off (the lead is kept)."""
    r = await schedules().SetReminder(
        pb.SetReminderRequest(
            pet_id=pet_id,
            schedule_id=schedule_id,
            enabled=body.enabled,
            lead_minutes=body.lead_minutes,
        )
    )
    return Schedule.from_pb(r)


@router.patch(ONE + "/occurrences/{key}", response_model=Schedule)
async def edit_occurrence(
    pet_id: PetId, schedule_id: ScheduleId, key: Key, body: OccurrenceEdit, user: CurrentUser
) -> Schedule:
    """THIS: move or retitle this occurrence only (returns the series). FOLLOWING: this and
    the following ones become a new schedule from the occurrence's date (returns it)."""
    request = pb.EditOccurrenceRequest(
        pet_id=pet_id,
        schedule_id=schedule_id,
        key=key,
        scope=_scope(body.scope),
        date=body.date.isoformat() if body.date else None,
        time=body.time,
        title=body.title,
        schedule=body.schedule.to_pb() if body.schedule else None,
    )
    return Schedule.from_pb(await schedules().EditOccurrence(request))


@router.delete(ONE + "/occurrences/{key}", response_model=Schedule)
async def cancel_occurrence(
    pet_id: PetId, schedule_id: ScheduleId, key: Key, user: CurrentUser, scope: Scope = "THIS"
) -> Schedule:
    """THIS: skip this occurrence (an EXDATE). FOLLOWING: end the series before its date."""
    r = await schedules().CancelOccurrence(
        pb.CancelOccurrenceRequest(
            pet_id=pet_id, schedule_id=schedule_id, key=key, scope=_scope(scope)
        )
    )
    return Schedule.from_pb(r)


# --- all my pets --------------------------------------------------------------------------------


@router.get("/api/v1/me/schedules/occurrences", response_model=OccurrenceList)
async def my_occurrences(
    user: CurrentUser,
    start: From,
    end: To,
    kind: Kinds = None,
    pet_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Occurrences of all my pets (or of `pet_id`) starting in [from, to), by time."""
    return await _list_occurrences(pet_id or "", start, end, kind)


@router.get("/api/v1/me/schedules/{schedule_id}", response_model=Schedule)
async def my_schedule(schedule_id: ScheduleId, user: CurrentUser) -> Schedule:
    """One of my schedules by its id alone (whichever pet it is for)."""
    r = await schedules().GetSchedule(pb.GetScheduleRequest(schedule_id=schedule_id))
    return Schedule.from_pb(r)


@router.get("/api/v1/me/reminders", response_model=Page[Reminder])
async def my_reminders(
    user: CurrentUser, page_size: PageSize = 20, cursor: Cursor = None
) -> Page[Reminder]:
    """Reminders sent to me, newest first (in-app, until notifications deliver them)."""
    r = await schedules().ListReminders(
        pb.ListRemindersRequest(page_size=page_size, cursor=cursor or "")
    )
    return Page[Reminder](
        items=[Reminder.from_pb(x) for x in r.items], next_cursor=r.next_cursor or None
    )


# --- the calendar feed ---------------------------------------------------------------------------


def _feed(request: Request, f: pb.CalendarFeed) -> CalendarFeed:
    url = None
    if f.token:
        url = str(request.url_for("calendar_feed", token=f.token))
    return CalendarFeed(enabled=f.enabled, url=url, created_at=timestamp_or_none(f.created_at))


@router.get("/api/v1/me/calendar-feed", response_model=CalendarFeed)
async def get_calendar_feed(request: Request, user: CurrentUser) -> CalendarFeed:
    """Whether my feed is on (its address was shown when it was made)."""
    return _feed(request, await schedules().GetCalendarFeed(pb.GetCalendarFeedRequest()))


@router.post("/api/v1/me/calendar-feed", response_model=CalendarFeed)
async def enable_calendar_feed(request: Request, user: CurrentUser) -> CalendarFeed:
    """A new private address for calendar apps; an earlier one stops working."""
    f = await schedules().EnableCalendarFeed(pb.EnableCalendarFeedRequest())
    return _feed(request, f)


@router.delete("/api/v1/me/calendar-feed", status_code=status.HTTP_204_NO_CONTENT)
async def disable_calendar_feed(user: CurrentUser) -> Response:
    await schedules().DisableCalendarFeed(pb.DisableCalendarFeedRequest())
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    FEED_PATH,
    name="calendar_feed",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
async def calendar_feed(token: Annotated[str, Path(max_length=100)]) -> Response:
    """The iCalendar document for calendar apps (no sign-in: the token is the key).
    404 for an unknown or revoked token."""
    r = await schedules().RenderCalendarFeed(pb.RenderCalendarFeedRequest(token=token))
    return Response(
        content=r.ics.encode(),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": 'inline; filename="petful.ics"',
            # Private to whoever holds the address; apps poll, so a short private cache.
            "Cache-Control": "private, max-age=300",
        },
    )
