"""Request and response bodies of the schedule, reminder and calendar-feed routes.

Shapes and size caps are checked here (422 naming the field); the health service re-checks
every rule (sub type per kind, start not in the past, end vs count, medication fields) and
owns the state. Bodies are flat (`frequency`, `weekdays`, `medication_name` beside
`title`): the web form has the same fields, so each error lands beside its field.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.pb.health.v1 import schedules_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

ScheduleKind = Literal["MEDICATION", "CARE", "VACCINATION", "EXERCISE", "TRAINING"]
# 복용약, 영양제, 산책, 놀이, 훈련, 생일, 미용, 예방접종, 건강검진, 기타 (which fit which kind:
# the service says, 422 on sub_type).
SubType = Literal[
    "PILL",
    "SUPPLEMENT",
    "WALK",
    "PLAY",
    "TRAINING",
    "BIRTHDAY",
    "GROOMING",
    "VACCINE",
    "CHECKUP",
    "ETC",
]
Frequency = Literal["NONE", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# At the time, 10/30/60 minutes, 1/2/3 days before. The bounds are stated too: every
# integer input of the API says its range (tests/security checks them all).
LeadMinutes = Annotated[
    Literal[0, 10, 30, 60, 1440, 2880, 4320],
    Field(json_schema_extra={"minimum": 0, "maximum": 4320}),
]
Scope = Literal["THIS", "FOLLOWING"]

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
KEY_PATTERN = r"^\d{8}T\d{6}Z$"

# The occurrence edit has fields named `date` and `time`, which would shadow the types.
Day = date

KIND = "SCHEDULE_KIND_"
FREQUENCY = "RECURRENCE_FREQUENCY_"


def kind_value(name: str) -> str:
    return f"{KIND}{name}"


class ScheduleIn(Body):
    """A schedule (the whole series). Times are Asia/Seoul wall times; a new schedule may
    not start before today (Asia/Seoul). Give an end date or a count, not both."""

    kind: ScheduleKind = Field(examples=["MEDICATION"])
    sub_type: SubType = Field(examples=["PILL"])
    title: str = Field(min_length=1, max_length=100, examples=["심장사상충 약"])
    times: list[Annotated[str, Field(pattern=TIME_PATTERN)]] = Field(
        min_length=1,
        max_length=6,
        description="Times of day, HH:MM (Asia/Seoul)",
        examples=[["09:00"]],
    )
    start_date: date = Field(examples=["2025-05-01"])
    end_date: date | None = None
    frequency: Frequency = "NONE"
    interval: int = Field(default=1, ge=1, le=99, description="every N days/weeks/...")
    weekdays: list[Weekday] = Field(default_factory=list, max_length=7)
    month_day: int = Field(
        default=0, ge=-1, le=31, description="MONTHLY: the day (0: the start's, -1: last)"
    )
    count: int = Field(default=0, ge=0, le=999, description="0: no limit")
    medication_name: str | None = Field(default=None, max_length=100)
    dosage: str = Field(default="", max_length=50, examples=["1정"])
    doses_per_day: int = Field(default=0, ge=0, le=6, description="0: the number of times")
    duration_days: int = Field(default=0, ge=0, le=365, description="0: open-ended")
    reminder_enabled: bool = False
    reminder_lead_minutes: LeadMinutes = 60
    memo: str = Field(default="", max_length=1000)

    def to_pb(self) -> pb.ScheduleFields:
        medication = None
        if self.medication_name is not None:
            medication = pb.MedicationDetails(
                name=self.medication_name,
                dosage=self.dosage,
                doses_per_day=self.doses_per_day,
                duration_days=self.duration_days,
            )
        return pb.ScheduleFields(
            kind=kind_value(self.kind),
            sub_type=self.sub_type,
            title=self.title,
            times=self.times,
            start_date=self.start_date.isoformat(),
            end_date=self.end_date.isoformat() if self.end_date else "",
            recurrence=pb.Recurrence(
                frequency=f"{FREQUENCY}{self.frequency}",
                interval=self.interval,
                weekdays=list(self.weekdays),
                month_day=self.month_day,
                count=self.count,
            ),
            medication=medication,
            reminder_enabled=self.reminder_enabled,
            reminder_lead_minutes=self.reminder_lead_minutes,
            memo=self.memo,
        )


class Schedule(BaseModel):
    id: str
    pet_id: str
    pet_name: str
    kind: str
    sub_type: str
    title: str
    times: list[str]
    start_date: date
    end_date: date | None
    frequency: str
    interval: int
    weekdays: list[str]
    month_day: int
    count: int
    rrule: str = Field(description="RFC 5545 RRULE value; end_date is its UNTIL")
    medication_name: str | None
    dosage: str
    doses_per_day: int
    duration_days: int
    from_prescription: bool
    reminder_enabled: bool
    reminder_lead_minutes: int = Field(description="remembered while reminders are off")
    memo: str
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, s: pb.Schedule) -> Schedule:
        med = s.medication if s.HasField("medication") else None
        return cls(
            id=s.id,
            pet_id=s.pet_id,
            pet_name=s.pet_name,
            kind=enum_name(pb.ScheduleKind, s.kind, KIND),
            sub_type=s.sub_type,
            title=s.title,
            times=list(s.times),
            start_date=date.fromisoformat(s.start_date),
            end_date=date.fromisoformat(s.end_date) if s.end_date else None,
            frequency=enum_name(pb.RecurrenceFrequency, s.recurrence.frequency, FREQUENCY),
            interval=s.recurrence.interval,
            weekdays=list(s.recurrence.weekdays),
            month_day=s.recurrence.month_day,
            count=s.recurrence.count,
            rrule=s.rrule,
            medication_name=med.name if med else None,
            dosage=med.dosage if med else "",
            doses_per_day=med.doses_per_day if med else 0,
            duration_days=med.duration_days if med else 0,
            from_prescription=med.from_prescription if med else False,
            reminder_enabled=s.reminder_enabled,
            reminder_lead_minutes=s.reminder_lead_minutes,
            memo=s.memo,
            created_at=timestamp_or_none(s.created_at),
            updated_at=timestamp_or_none(s.updated_at),
        )


class ScheduleList(BaseModel):
    items: list[Schedule]


class Occurrence(BaseModel):
    schedule_id: str
    pet_id: str
    pet_name: str
    key: str = Field(description="names the occurrence in edits (its planned UTC instant)")
    starts_at: datetime | None
    kind: str
    sub_type: str
    title: str
    overridden: bool
    recurring: bool
    medication_name: str | None
    dosage: str
    reminder_enabled: bool
    reminder_lead_minutes: int


class OccurrenceList(BaseModel):
    items: list[Occurrence]


def occurrence_json(o: pb.Occurrence) -> dict[str, object]:
    """An Occurrence's JSON as `Occurrence` would serialise it, without building the model:
    a month of a pet's schedules is hundreds of them, and validating each one (twice, with
    FastAPI's response check) was most of the listing's cost at the edge."""
    return {
        "schedule_id": o.schedule_id,
        "pet_id": o.pet_id,
        "pet_name": o.pet_name,
        "key": o.key,
        "starts_at": o.starts_at.ToDatetime(tzinfo=UTC).isoformat().replace("+00:00", "Z"),
        "kind": enum_name(pb.ScheduleKind, o.kind, KIND),
        "sub_type": o.sub_type,
        "title": o.title,
        "overridden": o.overridden,
        "recurring": o.recurring,
        "medication_name": o.medication_name or None,
        "dosage": o.dosage,
        "reminder_enabled": o.reminder_enabled,
        "reminder_lead_minutes": o.reminder_lead_minutes,
    }


class OccurrenceEdit(Body):
    """THIS: move (date, time) and/or retitle one occurrence; omitted fields stay.
    FOLLOWING: `schedule` is the new series from this occurrence's date on (its start_date
    is ignored)."""

    scope: Scope
    date: Day | None = None
    time: str | None = Field(default=None, pattern=TIME_PATTERN)
    title: str | None = Field(default=None, min_length=1, max_length=100)
    schedule: ScheduleIn | None = None


class ReminderSetting(Body):
    enabled: bool
    lead_minutes: LeadMinutes | None = Field(
        default=None, description="when turning on; omitted: the remembered lead time"
    )


class Reminder(BaseModel):
    id: str
    schedule_id: str
    pet_id: str
    pet_name: str
    kind: str
    sub_type: str
    title: str
    occurs_at: datetime | None
    fired_at: datetime | None
    lead_minutes: int

    @classmethod
    def from_pb(cls, r: pb.Reminder) -> Reminder:
        return cls(
            id=r.id,
            schedule_id=r.schedule_id,
            pet_id=r.pet_id,
            pet_name=r.pet_name,
            kind=enum_name(pb.ScheduleKind, r.kind, KIND),
            sub_type=r.sub_type,
            title=r.title,
            occurs_at=timestamp_or_none(r.occurs_at),
            fired_at=timestamp_or_none(r.fired_at),
            lead_minutes=r.lead_minutes,
        )


class CalendarFeed(BaseModel):
    enabled: bool
    url: str | None = Field(
        default=None,
        description="the private address, only in the answer that made it (copy it then)",
    )
    created_at: datetime | None
