"""The ScheduleService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.health.base import Clock, utc_now
from petful.health.pets import GrpcPets, PetsPort
from petful.health.schedules import feeds, occurrences, reminders, rules, service
from petful.health.schedules.models import Reminder, Schedule
from petful.pb.health.v1 import schedules_pb2 as pb
from petful.pb.health.v1 import schedules_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, from_timestamp, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings

KIND = "SCHEDULE_KIND_"
FREQUENCY = "RECURRENCE_FREQUENCY_"
SCOPE = "EDIT_SCOPE_"


def _kind(number: int) -> str:
    return enum_name(pb.ScheduleKind, number, KIND)


def schedule_to_pb(s: Schedule) -> pb.Schedule:
    rec = rules.from_rrule(s.rrule)
    medication = None
    if s.medication_name is not None:
        medication = pb.MedicationDetails(
            name=s.medication_name,
            dosage=s.dosage or "",
            doses_per_day=s.doses_per_day or len(s.times),
            duration_days=s.duration_days or 0,
            from_prescription=s.from_prescription,
        )
    return pb.Schedule(
        id=str(s.id),
        pet_id=str(s.pet_id),
        pet_name=s.pet_name,
        kind=f"{KIND}{s.kind}",
        sub_type=s.sub_type,
        title=s.title,
        times=[rules.format_time(t) for t in s.times],
        start_date=s.start_date.isoformat(),
        end_date=s.end_date.isoformat() if s.end_date else "",
        recurrence=pb.Recurrence(
            frequency=f"{FREQUENCY}{rec.frequency.value}",
            interval=rec.interval,
            weekdays=list(rec.weekdays),
            month_day=rec.month_day,
            count=rec.count,
        ),
        rrule=s.rrule,
        medication=medication,
        reminder_enabled=s.reminder_lead_minutes is not None,
        reminder_lead_minutes=(
            s.reminder_lead_minutes if s.reminder_lead_minutes is not None else s.last_lead_minutes
        ),
        memo=s.memo,
        created_at=to_timestamp(s.created_at),
        updated_at=to_timestamp(s.updated_at),
    )


def fields_in(f: pb.ScheduleFields) -> service.FieldsIn:
    med = f.medication if f.HasField("medication") else None
    return service.FieldsIn(
        kind=_kind(f.kind),
        sub_type=f.sub_type,
        title=f.title,
        times=tuple(f.times),
        start_date=f.start_date,
        end_date=f.end_date,
        frequency=enum_name(pb.RecurrenceFrequency, f.recurrence.frequency, FREQUENCY),
        interval=f.recurrence.interval,
        weekdays=tuple(f.recurrence.weekdays),
        month_day=f.recurrence.month_day,
        count=f.recurrence.count,
        medication_name=med.name if med else None,
        dosage=med.dosage if med else "",
        doses_per_day=med.doses_per_day if med else 0,
        duration_days=med.duration_days if med else 0,
        reminder_enabled=f.reminder_enabled,
        reminder_lead_minutes=f.reminder_lead_minutes,
        memo=f.memo,
    )


def _occurrence_base(o: occurrences.OccurrenceView) -> pb.Occurrence:
    s = o.schedule
    lead = s.reminder_lead_minutes
    return pb.Occurrence(
        schedule_id=str(s.id),
        pet_id=str(s.pet_id),
        pet_name=o.pet_name,
        kind=f"{KIND}{s.kind}",
        sub_type=s.sub_type,
        title=s.title,
        recurring=bool(s.rrule),
        medication_name=s.medication_name or "",
        dosage=s.dosage or "",
        reminder_enabled=lead is not None,
        reminder_lead_minutes=lead if lead is not None else s.last_lead_minutes,
    )


def occurrences_to_pb(found: list[occurrences.OccurrenceView]) -> list[pb.Occurrence]:
    """What a schedule's occurrences share is built once per schedule and copied: a month of
    a pet's schedules is a few hundred occurrences of about ten schedules."""
    bases: dict[Any, pb.Occurrence] = {}
    items = []
    for o in found:
        base = bases.get(o.schedule.id)
        if base is None:
            base = bases[o.schedule.id] = _occurrence_base(o)
        m = pb.Occurrence()
        m.CopyFrom(base)
        m.key = rules.format_key(o.occ.key)
        m.starts_at.FromDatetime(o.occ.at)
        if o.occ.title:
            m.title = o.occ.title
        m.overridden = o.occ.overridden
        items.append(m)
    return items


def reminder_to_pb(r: Reminder) -> pb.Reminder:
    return pb.Reminder(
        id=str(r.id),
        schedule_id=str(r.schedule_id),
        pet_id=str(r.pet_id),
        pet_name=r.pet_name,
        kind=f"{KIND}{r.kind}",
        sub_type=r.sub_type,
        title=r.title,
        occurs_at=to_timestamp(r.occurs_at),
        fired_at=to_timestamp(r.fired_at),
        lead_minutes=r.lead_minutes,
    )


def feed_to_pb(f: feeds.FeedState) -> pb.CalendarFeed:
    return pb.CalendarFeed(enabled=f.enabled, token=f.token, created_at=opt_timestamp(f.created_at))


class ScheduleServicer(pb_grpc.ScheduleServiceServicer):
    def __init__(self, settings: Settings, clock: Clock, pets: PetsPort) -> None:
        self.settings = settings
        self.clock = clock
        self.pets = pets

    async def CreateSchedule(self, request: pb.CreateScheduleRequest, context: Any) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await service.create_schedule(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                fields=fields_in(request.schedule),
            )
            return schedule_to_pb(s)

    async def GetSchedule(self, request: pb.GetScheduleRequest, context: Any) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await service.get_schedule(
                session, actor=actor, pets=self.pets, schedule_id=request.schedule_id
            )
            return schedule_to_pb(s)

    async def ListSchedules(
        self, request: pb.ListSchedulesRequest, context: Any
    ) -> pb.ListSchedulesResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            found = await service.list_schedules(
                session,
                actor=actor,
                pets=self.pets,
                pet_id=request.pet_id,
                kind=_kind(request.kind),
            )
            return pb.ListSchedulesResponse(items=[schedule_to_pb(s) for s in found])

    async def UpdateSchedule(self, request: pb.UpdateScheduleRequest, context: Any) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await service.update_schedule(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                schedule_id=request.schedule_id,
                fields=fields_in(request.schedule),
            )
            return schedule_to_pb(s)

    async def DeleteSchedule(
        self, request: pb.DeleteScheduleRequest, context: Any
    ) -> pb.DeleteScheduleResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_schedule(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                schedule_id=request.schedule_id,
            )
            return pb.DeleteScheduleResponse()

    async def SetReminder(self, request: pb.SetReminderRequest, context: Any) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await service.set_reminder(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                schedule_id=request.schedule_id,
                enabled=request.enabled,
                lead_minutes=request.lead_minutes if request.HasField("lead_minutes") else None,
            )
            return schedule_to_pb(s)

    async def ListOccurrences(
        self, request: pb.ListOccurrencesRequest, context: Any
    ) -> pb.ListOccurrencesResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            found = await occurrences.list_occurrences(
                session,
                actor=actor,
                pets=self.pets,
                pet_id=request.pet_id,
                start=from_timestamp(request, "from"),
                end=from_timestamp(request, "to"),
                kinds=[_kind(k) for k in request.kinds],
            )
            return pb.ListOccurrencesResponse(items=occurrences_to_pb(found))

    async def EditOccurrence(self, request: pb.EditOccurrenceRequest, context: Any) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await occurrences.edit_occurrence(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                schedule_id=request.schedule_id,
                key=request.key,
                scope=enum_name(pb.EditScope, request.scope, SCOPE),
                new_date=request.date if request.HasField("date") else None,
                new_time=request.time if request.HasField("time") else None,
                new_title=request.title if request.HasField("title") else None,
                fields=fields_in(request.schedule) if request.HasField("schedule") else None,
            )
            return schedule_to_pb(s)

    async def CancelOccurrence(
        self, request: pb.CancelOccurrenceRequest, context: Any
    ) -> pb.Schedule:
        actor = require_principal()
        async with transaction(self.settings) as session:
            s = await occurrences.cancel_occurrence(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                schedule_id=request.schedule_id,
                key=request.key,
                scope=enum_name(pb.EditScope, request.scope, SCOPE),
            )
            return schedule_to_pb(s)

    async def ListReminders(
        self, request: pb.ListRemindersRequest, context: Any
    ) -> pb.ListRemindersResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await reminders.list_reminders(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return pb.ListRemindersResponse(
                items=[reminder_to_pb(r) for r in page.items], next_cursor=page.next_cursor
            )

    async def GetCalendarFeed(
        self, request: pb.GetCalendarFeedRequest, context: Any
    ) -> pb.CalendarFeed:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return feed_to_pb(await feeds.get_feed(session, actor=actor))

    async def EnableCalendarFeed(
        self, request: pb.EnableCalendarFeedRequest, context: Any
    ) -> pb.CalendarFeed:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return feed_to_pb(await feeds.enable_feed(session, actor=actor, now=self.clock()))

    async def DisableCalendarFeed(
        self, request: pb.DisableCalendarFeedRequest, context: Any
    ) -> pb.CalendarFeed:
        actor = require_principal()
        async with transaction(self.settings) as session:
            return feed_to_pb(await feeds.disable_feed(session, actor=actor))

    async def RenderCalendarFeed(
        self, request: pb.RenderCalendarFeedRequest, context: Any
    ) -> pb.RenderCalendarFeedResponse:
        # No caller to check: the token is the credential (a calendar app has no session).
        async with transaction(self.settings) as session:
            ics = await feeds.render_feed(session, token=request.token, now=self.clock())
            return pb.RenderCalendarFeedResponse(ics=ics.decode())


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    pets: PetsPort | None = None,
    **_: Any,
) -> None:
    """Add ScheduleService to server (the other parts' options are not ours)."""
    pb_grpc.add_ScheduleServiceServicer_to_server(
        ScheduleServicer(settings or get_settings(), clock or utc_now, pets or GrpcPets()),
        server,
    )
