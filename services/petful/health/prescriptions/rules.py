"""Pure rules of prescriptions: their states, what a draft's medications may hold, and what
a confirmation asks for. No I/O.

A prescription is READING while OCR runs, then a DRAFT the owner reviews (a read that found
nothing is a DRAFT too, with a notice saying why), then CONFIRMED into medication
schedules. Only a DRAFT changes; nothing is scheduled before CONFIRMED.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any

from petful.health.prescriptions.parser import (
    MAX_DAYS,
    MAX_DOSES_PER_DAY,
    MAX_MEDICATIONS,
    ParsedMedication,
    ParseResult,
    day_parts,
)
from petful.platform.validation import RuleError, Violations, check_line, has_control

__all__ = ["MAX_DAYS", "MAX_DOSES_PER_DAY", "MAX_MEDICATIONS"]


class Status(StrEnum):
    READING = "READING"
    DRAFT = "DRAFT"
    CONFIRMED = "CONFIRMED"


class Notice(StrEnum):
    """Why a draft holds fewer medications than the photo may have (shown to the owner)."""

    UNREADABLE = "UNREADABLE"  # no text could be read: blurred, dark, not a document
    NO_MEDICATIONS = "NO_MEDICATIONS"  # text, but nothing that looks like a drug
    TOO_MANY = "TOO_MANY"  # more than MAX_MEDICATIONS: the first ones are in the draft
    TIMED_OUT = "TIMED_OUT"  # OCR took too long and was stopped
    FAILED = "FAILED"  # the read never finished (see READING_GIVE_UP)


PURPOSE = "health.prescription"
# Photos being read at once per owner: OCR is a worker's CPU, not to be queued by the dozen.
MAX_READING_PER_OWNER = 5
# A read not finished by then is given up (the worker died, or the queue never drained):
# the draft says so instead of waiting for ever.
READING_GIVE_UP = timedelta(minutes=15)
# Fewer letters than this in the whole text: nothing was really read.
MIN_LETTERS = 8
# A course starts at most this far ahead (the owner confirms what the vet just gave).
MAX_START_AHEAD = timedelta(days=90)

DRUG_NAME_MAX = 100
DOSAGE_MAX = 50
ADMINISTRATION_MAX = 200
# The reminder lead times schedules offer (minutes before each dose; 0: at the time).
REMINDER_LEADS = (0, 10, 30, 60, 1440, 2880, 4320)


@dataclass(frozen=True)
class Medication:
    """One medication of a draft, as read and as the owner corrected it."""

    drug_name: str
    dosage: str
    administration: str
    doses_per_day: int | None
    days: int | None
    # Index into the prescription's OCR lines of the line each field came from (None:
    # not read, or typed by the owner).
    drug_name_line: int | None = None
    dosage_line: int | None = None
    administration_line: int | None = None
    days_line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Medication:
        return cls(
            drug_name=str(raw.get("drug_name") or ""),
            dosage=str(raw.get("dosage") or ""),
            administration=str(raw.get("administration") or ""),
            doses_per_day=raw.get("doses_per_day"),
            days=raw.get("days"),
            drug_name_line=raw.get("drug_name_line"),
            dosage_line=raw.get("dosage_line"),
            administration_line=raw.get("administration_line"),
            days_line=raw.get("days_line"),
        )

    @classmethod
    def from_parsed(cls, parsed: ParsedMedication) -> Medication:
        return cls(
            drug_name=parsed.drug_name[:DRUG_NAME_MAX],
            dosage=parsed.dosage[:DOSAGE_MAX],
            administration=parsed.administration[:ADMINISTRATION_MAX],
            doses_per_day=parsed.doses_per_day,
            days=parsed.days,
            drug_name_line=parsed.drug_name_line,
            dosage_line=parsed.dosage_line,
            administration_line=parsed.administration_line,
            days_line=parsed.days_line,
        )

    @property
    def complete(self) -> bool:
        """Everything a schedule needs is there."""
        return bool(self.drug_name) and self.doses_per_day is not None and self.days is not None


def notice_for(result: ParseResult) -> Notice | None:
    if result.letters < MIN_LETTERS:
        return Notice.UNREADABLE
    if not result.medications:
        return Notice.NO_MEDICATIONS
    if result.truncated:
        return Notice.TOO_MANY
    return None


def medications_of(result: ParseResult) -> list[Medication]:
    return [Medication.from_parsed(m) for m in result.medications]


# --- dose times ------------------------------------------------------------------------------

# When a course says nothing about the time of day: the reference's slots, extended to 6.
DEFAULT_TIMES: dict[int, tuple[str, ...]] = {
    1: ("09:00",),
    2: ("08:00", "20:00"),
    3: ("08:00", "13:00", "20:00"),
    4: ("08:00", "12:00", "16:00", "20:00"),
    5: ("07:00", "11:00", "15:00", "19:00", "23:00"),
    6: ("06:00", "10:00", "14:00", "18:00", "22:00", "02:00"),
}
DAY_PART_TIMES = {"아침": "08:00", "점심": "12:00", "저녁": "19:00", "취침": "22:00"}


def suggested_times(medication: Medication) -> tuple[str, ...]:
    """Dose times (HH:MM, Asia/Seoul) for the draft: the parts of the day the
    administration names when they match the doses a day, else the default slots."""
    count = medication.doses_per_day
    if count is None:
        return ()
    parts = day_parts(medication.administration)
    if len(parts) == count:
        return tuple(DAY_PART_TIMES[p] for p in parts)
    return DEFAULT_TIMES[count]


def parse_time(raw: str) -> time:
    text = raw.strip()
    try:
        hours, minutes = text.split(":")
        if len(hours) != 2 or len(minutes) != 2:
            raise ValueError(text)
        return time(int(hours), int(minutes))
    except ValueError:
        raise RuleError("must be a time of day like 08:00") from None


def check_times(raw: list[str], doses_per_day: int) -> tuple[time, ...]:
    """One distinct HH:MM per dose, in the order of the day."""
    if len(raw) != doses_per_day:
        raise RuleError(f"must name {doses_per_day} times, one per dose")
    times = [parse_time(t) for t in raw]
    if len(set(times)) != len(times):
        raise RuleError("must not repeat a time")
    return tuple(sorted(times))


# --- the owner's corrections ------------------------------------------------------------------


@dataclass(frozen=True)
class MedicationInput:
    """A medication as the owner sends it back: every field, line references included."""

    drug_name: str
    dosage: str
    administration: str
    doses_per_day: int | None
    days: int | None
    drug_name_line: int | None = None
    dosage_line: int | None = None
    administration_line: int | None = None
    days_line: int | None = None


def _optional_text(raw: str, max_len: int) -> str:
    text = " ".join(raw.split())
    if len(text) > max_len:
        raise RuleError(f"must be at most {max_len} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


def _count(raw: int | None, high: int) -> int | None:
    if raw is None:
        return None
    if not 1 <= raw <= high:
        raise RuleError(f"must be 1 to {high}")
    return raw


def _line(raw: int | None, line_count: int) -> int | None:
    if raw is None:
        return None
    if not 0 <= raw < line_count:
        raise RuleError("must name one of the prescription's lines")
    return raw


def _line_field(v: Violations, at: str, line_count: int, name: str, raw: int | None) -> int | None:
    return v.check(f"{at}.{name}_line", _line, raw, line_count)


def check_medications(items: list[MedicationInput], *, line_count: int) -> list[Medication]:
    """The draft's medications as corrected; InvalidArgument naming `medications.<i>.<f>`."""
    v = Violations()
    if len(items) > MAX_MEDICATIONS:
        v.add("medications", f"must hold at most {MAX_MEDICATIONS} medications")
        v.raise_if_any("the medications are invalid")
    checked: list[Medication] = []
    for i, item in enumerate(items):
        at = f"medications.{i}"
        line = functools.partial(_line_field, v, at, line_count)
        checked.append(
            Medication(
                drug_name=v.check(
                    f"{at}.drug_name", check_line, item.drug_name, max_len=DRUG_NAME_MAX
                ),
                dosage=v.check(f"{at}.dosage", _optional_text, item.dosage, DOSAGE_MAX),
                administration=v.check(
                    f"{at}.administration", _optional_text, item.administration, ADMINISTRATION_MAX
                ),
                doses_per_day=v.check(
                    f"{at}.doses_per_day", _count, item.doses_per_day, MAX_DOSES_PER_DAY
                ),
                days=v.check(f"{at}.days", _count, item.days, MAX_DAYS),
                drug_name_line=line("drug_name", item.drug_name_line),
                dosage_line=line("dosage", item.dosage_line),
                administration_line=line("administration", item.administration_line),
                days_line=line("days", item.days_line),
            )
        )
    v.raise_if_any("the medications are invalid")
    return checked


# --- confirming ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Course:
    """One medication as it will be scheduled."""

    medication: Medication
    times: tuple[time, ...]


def check_start(start: date, *, today: date) -> date:
    if start < today:
        raise RuleError("must not be in the past")
    if start > today + MAX_START_AHEAD:
        raise RuleError(f"must be within {MAX_START_AHEAD.days} days")
    return start


def check_lead(minutes: int | None) -> int | None:
    if minutes is not None and minutes not in REMINDER_LEADS:
        allowed = ", ".join(str(m) for m in REMINDER_LEADS)
        raise RuleError(f"must be one of {allowed} (minutes before the dose)")
    return minutes


def check_courses(
    medications: list[Medication], dose_times: list[list[str]] | None
) -> list[Course]:
    """Each medication with its dose times (the owner's, or the suggested ones when
    dose_times is None). Every medication must be complete: a name, doses a day, days."""
    v = Violations()
    if not medications:
        v.add("medications", "the draft has no medications to schedule")
        v.raise_if_any("there is nothing to schedule")
    if dose_times is not None and len(dose_times) != len(medications):
        v.add("dose_times", f"must give the times of all {len(medications)} medications")
        v.raise_if_any("the confirmation is invalid")
    courses: list[Course] = []
    for i, medication in enumerate(medications):
        at = f"medications.{i}"
        if not medication.drug_name:
            v.add(f"{at}.drug_name", "is required")
        if medication.doses_per_day is None:
            v.add(f"{at}.doses_per_day", "is required before confirming")
        if medication.days is None:
            v.add(f"{at}.days", "is required before confirming")
        if not medication.complete or medication.doses_per_day is None:
            continue
        raw = list(suggested_times(medication)) if dose_times is None else dose_times[i]
        times = v.check(f"dose_times.{i}", check_times, raw, medication.doses_per_day)
        courses.append(Course(medication, times))
    v.raise_if_any("the draft is not ready to confirm")
    return courses
