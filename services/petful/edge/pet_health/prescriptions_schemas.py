"""Request and response bodies of the prescription routes, and their protobuf mapping.

Shapes and size caps are checked here (422 naming the field); the health service re-checks
every rule and owns the state (404 for anything not the caller's, 409 for a prescription
that is no longer a draft).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from petful.edge.common import Body
from petful.edge.pet_health.schedules_schemas import LeadMinutes
from petful.pb.health.v1 import prescriptions_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

PrescriptionStatus = Literal["READING", "DRAFT", "CONFIRMED"]
# Why a draft holds fewer medications than the photo may have: UNREADABLE (no text could be
# read), NO_MEDICATIONS (text, but no drug found), TOO_MANY (more than 10: the first 10 are
# kept), TIMED_OUT (OCR was stopped), FAILED (the read never finished).
PrescriptionNotice = Literal["UNREADABLE", "NO_MEDICATIONS", "TOO_MANY", "TIMED_OUT", "FAILED"]
_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _time_of_day(value: str) -> str:
    if not _HH_MM.match(value):
        raise ValueError("must be a time of day like 08:00")
    return value


TimeOfDay = Annotated[str, AfterValidator(_time_of_day)]
LineIndex = Annotated[int, Field(ge=0, le=199)]


class PrescribedMedicationFields(BaseModel):
    drug_name: str = Field(max_length=100, examples=["아목시실린정 250mg"])
    dosage: str = Field(default="", max_length=50, examples=["1정"])
    administration: str = Field(default="", max_length=200, examples=["1일 2회 아침·저녁 식후"])
    doses_per_day: int | None = Field(default=None, ge=1, le=6)
    days: int | None = Field(default=None, ge=1, le=365)
    drug_name_line: LineIndex | None = Field(
        default=None, description="Index into `lines` of the line the name was read from."
    )
    dosage_line: LineIndex | None = None
    administration_line: LineIndex | None = None
    days_line: LineIndex | None = None


class PrescribedMedication(PrescribedMedicationFields):
    suggested_times: list[str] = Field(
        description="Dose times (HH:MM, Asia/Seoul) confirming uses unless others are given.",
        examples=[["08:00", "19:00"]],
    )

    @classmethod
    def from_pb(cls, m: pb.PrescribedMedication) -> PrescribedMedication:
        def opt(name: str) -> int | None:
            return int(getattr(m, name)) if m.HasField(name) else None

        return cls(
            drug_name=m.drug_name,
            dosage=m.dosage,
            administration=m.administration,
            doses_per_day=opt("doses_per_day"),
            days=opt("days"),
            drug_name_line=opt("drug_name_line"),
            dosage_line=opt("dosage_line"),
            administration_line=opt("administration_line"),
            days_line=opt("days_line"),
            suggested_times=list(m.suggested_times),
        )


class PrescribedMedicationIn(Body, PrescribedMedicationFields):
    def to_pb(self) -> pb.PrescribedMedication:
        return pb.PrescribedMedication(
            drug_name=self.drug_name,
            dosage=self.dosage,
            administration=self.administration,
            doses_per_day=self.doses_per_day,
            days=self.days,
            drug_name_line=self.drug_name_line,
            dosage_line=self.dosage_line,
            administration_line=self.administration_line,
            days_line=self.days_line,
        )


class Prescription(BaseModel):
    id: str
    pet_id: str
    status: PrescriptionStatus
    notice: PrescriptionNotice | None
    lines: list[str] = Field(description="What OCR read, line by line.")
    medications: list[PrescribedMedication]
    photo_url: str = Field(description="The photo (private: send the access token).")
    created_at: datetime | None
    updated_at: datetime | None
    read_at: datetime | None
    confirmed_at: datetime | None
    start_date: date | None
    reminder_lead_minutes: int | None
    schedule_ids: list[str]

    @classmethod
    def from_pb(cls, p: pb.Prescription) -> Prescription:
        status = enum_name(pb.PrescriptionStatus, p.status, "PRESCRIPTION_STATUS_")
        notice = enum_name(pb.PrescriptionNotice, p.notice, "PRESCRIPTION_NOTICE_")
        return cls(
            id=p.id,
            pet_id=p.pet_id,
            status=status,  # type: ignore[arg-type]
            notice=notice or None,  # type: ignore[arg-type]
            lines=list(p.lines),
            medications=[PrescribedMedication.from_pb(m) for m in p.medications],
            photo_url=f"/api/v1/prescriptions/{p.id}/photo",
            created_at=timestamp_or_none(p.created_at),
            updated_at=timestamp_or_none(p.updated_at),
            read_at=timestamp_or_none(p.read_at),
            confirmed_at=timestamp_or_none(p.confirmed_at),
            start_date=date.fromisoformat(p.start_date) if p.start_date else None,
            reminder_lead_minutes=(
                p.reminder_lead_minutes if p.HasField("reminder_lead_minutes") else None
            ),
            schedule_ids=list(p.schedule_ids),
        )


class PrescriptionMedicationsIn(Body):
    medications: list[PrescribedMedicationIn] = Field(max_length=10)


class PrescriptionConfirmIn(Body):
    start_date: date | None = Field(
        default=None, description="The courses' first day (Asia/Seoul); today when left out."
    )
    reminder_lead_minutes: LeadMinutes | None = Field(
        default=None,
        description="Remind this many minutes before each dose (0: at the time); null: off.",
    )
    dose_times: list[Annotated[list[TimeOfDay], Field(max_length=6)]] | None = Field(
        default=None,
        max_length=10,
        description="One list per medication in the draft's order, one time per dose a day; "
        "null: the suggested times.",
        examples=[[["08:00", "20:00"], ["09:00"]]],
    )

    def to_pb(self, prescription_id: str) -> pb.ConfirmPrescriptionRequest:
        return pb.ConfirmPrescriptionRequest(
            prescription_id=prescription_id,
            start_date=self.start_date.isoformat() if self.start_date else "",
            reminder_lead_minutes=self.reminder_lead_minutes,
            dose_times=[pb.PrescriptionDoseTimes(times=t) for t in self.dose_times or []],
        )
