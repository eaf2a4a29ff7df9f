"""Prescription rules without I/O: the draft's notice, suggested dose times, the owner's
corrections and what a confirmation needs."""

from __future__ import annotations

from datetime import date, time

import pytest

from petful.health.prescriptions import rules
from petful.health.prescriptions.parser import parse
from petful.health.prescriptions.rules import Medication, MedicationInput, Notice
from petful.platform.errors import InvalidArgument
from petful.platform.validation import RuleError

TODAY = date(2025, 3, 6)


def med(**fields: object) -> Medication:
    base: dict[str, object] = {
        "drug_name": "아목시실린정",
        "dosage": "1정",
        "administration": "1일 2회 아침·저녁 식후",
        "doses_per_day": 2,
        "days": 7,
    }
    base.update(fields)
    return Medication(**base)  # type: ignore[arg-type]


def fields_of(error: pytest.ExceptionInfo[InvalidArgument]) -> dict[str, str]:
    return dict(error.value.field_violations)


def test_the_notice_says_why_a_draft_is_short() -> None:
    assert rules.notice_for(parse("")) is Notice.UNREADABLE
    assert rules.notice_for(parse("~ . ' ㆍ 1 2")) is Notice.UNREADABLE
    assert rules.notice_for(parse("행복동물병원 처방전\n환자명: 보리")) is Notice.NO_MEDICATIONS
    many = "\n".join(f"테스트{chr(0xAC00 + i)}정 1정 1일 1회 5일" for i in range(11))
    assert rules.notice_for(parse(many)) is Notice.TOO_MANY
    assert rules.notice_for(parse("아목시실린정 1정 1일 2회 7일분")) is None


def test_a_medication_round_trips_through_its_json() -> None:
    m = med(drug_name_line=3, days_line=4)
    assert Medication.from_json(m.to_json()) == m
    # A stored entry without the line fields (older or hand-made) still reads.
    assert Medication.from_json({"drug_name": "x", "doses_per_day": 1}).days_line is None


@pytest.mark.parametrize(
    ("administration", "doses", "times"),
    [
        ("1일 2회 아침·저녁 식후", 2, ("08:00", "19:00")),
        ("하루 3회 아침 점심 저녁", 3, ("08:00", "12:00", "19:00")),
        ("1일 2회 식후", 2, ("08:00", "20:00")),
        ("취침 전", 1, ("22:00",)),
        ("1일 1회 아침 저녁 중", 1, ("09:00",)),  # two parts named, one dose: the default slot
        ("", 3, ("08:00", "13:00", "20:00")),
        ("", None, ()),
    ],
)
def test_suggested_times_follow_the_named_parts_of_the_day(
    administration: str, doses: int | None, times: tuple[str, ...]
) -> None:
    assert rules.suggested_times(med(administration=administration, doses_per_day=doses)) == times


def test_every_dose_count_has_default_slots() -> None:
    for count in range(1, rules.MAX_DOSES_PER_DAY + 1):
        slots = rules.DEFAULT_TIMES[count]
        assert len(slots) == len(set(slots)) == count


def test_check_times_wants_one_distinct_time_per_dose() -> None:
    assert rules.check_times(["20:00", "08:00"], 2) == (time(8), time(20))
    for raw, reason in (
        (["08:00"], "must name 2 times"),
        (["08:00", "08:00"], "must not repeat"),
        (["8:00", "20:00"], "like 08:00"),
        (["25:00", "20:00"], "like 08:00"),
    ):
        with pytest.raises(RuleError, match=reason):
            rules.check_times(raw, 2)


def test_corrections_are_checked_field_by_field() -> None:
    good = MedicationInput("  파모티딘정   10mg ", "1정", "1일 1회", 1, 14, drug_name_line=0)
    (checked,) = rules.check_medications([good], line_count=3)
    assert (checked.drug_name, checked.days, checked.drug_name_line) == ("파모티딘정 10mg", 14, 0)

    bad = MedicationInput("", "x" * 51, "ok", 7, 0, days_line=3)
    with pytest.raises(InvalidArgument) as error:
        rules.check_medications([good, bad], line_count=3)
    assert set(fields_of(error)) == {
        "medications.1.drug_name",
        "medications.1.dosage",
        "medications.1.doses_per_day",
        "medications.1.days",
        "medications.1.days_line",
    }
    with pytest.raises(InvalidArgument) as error:
        rules.check_medications([good] * 11, line_count=3)
    assert set(fields_of(error)) == {"medications"}


def test_a_confirmation_needs_complete_medications_and_matching_times() -> None:
    courses = rules.check_courses([med(), med(doses_per_day=1, administration="")], None)
    assert [c.times for c in courses] == [(time(8), time(19)), (time(9),)]
    chosen = rules.check_courses([med()], [["07:30", "21:00"]])
    assert chosen[0].times == (time(7, 30), time(21))

    with pytest.raises(InvalidArgument) as error:
        rules.check_courses([med(days=None), med(doses_per_day=None)], None)
    assert set(fields_of(error)) == {"medications.0.days", "medications.1.doses_per_day"}
    with pytest.raises(InvalidArgument) as error:
        rules.check_courses([med()], [["08:00"]])
    assert set(fields_of(error)) == {"dose_times.0"}
    with pytest.raises(InvalidArgument) as error:
        rules.check_courses([med(), med()], [["08:00", "20:00"]])
    assert set(fields_of(error)) == {"dose_times"}
    with pytest.raises(InvalidArgument) as error:
        rules.check_courses([], None)
    assert set(fields_of(error)) == {"medications"}


def test_start_and_reminder_lead() -> None:
    assert rules.check_start(TODAY, today=TODAY) == TODAY
    with pytest.raises(RuleError, match="past"):
        rules.check_start(date(2025, 3, 5), today=TODAY)
    with pytest.raises(RuleError, match="within 90 days"):
        rules.check_start(date(2025, 7, 1), today=TODAY)
    assert rules.check_lead(None) is None
    assert rules.check_lead(30) == 30
    with pytest.raises(RuleError, match="one of 0, 10"):
        rules.check_lead(15)
