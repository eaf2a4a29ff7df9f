"""The activity log's pure rules: the calorie formulas, the score thresholds (REFERENCE §8.1,
computed on the server now), the report ranges and the report built from recorded days."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from petful.health.activities import report, rules
from petful.health.activities.rules import ActivityLevel
from petful.platform.validation import RuleError

TODAY = date(2025, 3, 6)


# --- levels and calories ----------------------------------------------------------------------


def test_levels_have_the_reference_factors_and_korean_labels() -> None:
    assert [(lv.value, lv.factor, lv.label) for lv in ActivityLevel] == [
        ("LOW", 1.2, "거의 안 움직여요"),
        ("MEDIUM_LOW", 1.5, "가끔 산책해요"),
        ("MEDIUM_HIGH", 1.7, "자주 뛰어놀아요"),
        ("HIGH", 1.9, "매우 활동적이에요"),
    ]
    assert [m.label for m in rules.MealType] == ["아침", "점심", "저녁", "간식"]


def test_the_calorie_formulas_round_half_up() -> None:
    # weight x factor x 70 / km x factor x 5 / weight x factor x 100
    assert rules.recommended_burn(3.4, ActivityLevel.MEDIUM_LOW) == 357
    assert rules.actual_burn(3.0, ActivityLevel.MEDIUM_LOW) == 23  # 22.5: half up, not even
    assert rules.actual_burn(2.5, ActivityLevel.LOW) == 15
    assert rules.recommended_intake(3.4, ActivityLevel.HIGH) == 646
    assert rules.recommended_burn(10, ActivityLevel.HIGH) == 1330
    assert rules.round_half_up(0.5) == 1
    assert rules.round_half_up(2.5) == 3


def test_a_meals_kcal_are_the_packages_kcal_per_gram_times_the_grams_eaten() -> None:
    assert rules.consumed_kcal(package_g=100, package_kcal=360, consumed_g=45) == 162
    # More than the package's reference weight (a label's "per 100 g") is fine.
    assert rules.consumed_kcal(package_g=100, package_kcal=360, consumed_g=150) == 540
    assert rules.consumed_kcal(package_g=3, package_kcal=10, consumed_g=1) == 3  # 3.33


def test_day_calories_sum_the_meals() -> None:
    c = rules.day_calories(
        weight_kg=3.4, walk_km=3, level=ActivityLevel.MEDIUM_LOW, meal_kcal=[162, 36]
    )
    assert (c.burn_recommended, c.burn_actual, c.intake_recommended, c.intake) == (
        357,
        23,
        510,
        198,
    )


# --- input checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("check", "value"),
    [
        (rules.check_walk_km, -0.1),
        (rules.check_walk_km, 100.1),
        (rules.check_walk_km, float("nan")),
        (rules.check_weight, 0.05),
        (rules.check_weight, 121),
        (rules.check_weight, float("inf")),
        (rules.check_sleep, 24.5),
        (rules.check_count, -1),
        (rules.check_count, 51),
        (rules.check_grams, 0),
        (rules.check_kcal, -1),
    ],
)
def test_numbers_out_of_bounds_are_refused(check: object, value: float) -> None:
    with pytest.raises(RuleError):
        check(value)  # type: ignore[operator]


def test_numbers_are_rounded_as_stored() -> None:
    assert rules.check_weight(3.46) == 3.5
    assert rules.check_walk_km(2.344) == 2.34
    assert rules.check_sleep(12.26) == 12.3


def test_a_record_day_is_not_in_the_future_nor_before_2000() -> None:
    assert rules.check_record_day("2025-03-06", today=TODAY) == TODAY
    for raw, reason in (
        ("2025-03-07", "must not be in the future"),
        ("1999-12-31", "on or after"),
        ("2025-02-30", "must be a date"),
        ("", "is required"),
    ):
        with pytest.raises(RuleError, match=reason):
            rules.check_record_day(raw, today=TODAY)


def test_levels_and_meal_types_are_checked() -> None:
    assert rules.check_level("HIGH") is ActivityLevel.HIGH
    with pytest.raises(RuleError, match="must be one of LOW"):
        rules.check_level("?")
    with pytest.raises(RuleError, match="must be one of BREAKFAST"):
        rules.check_meal_type("BRUNCH")


def test_a_month_has_its_first_and_last_day() -> None:
    assert rules.check_month(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert rules.check_month(2025, 12) == (date(2025, 12, 1), date(2025, 12, 31))
    with pytest.raises(RuleError):
        rules.check_month(2025, 13)
    with pytest.raises(RuleError):
        rules.check_month(1999, 1)


# --- report ranges --------------------------------------------------------------------------------


def test_a_report_range_defaults_to_the_week_ending_today() -> None:
    assert rules.report_range(None, None, today=TODAY) == (date(2025, 2, 28), TODAY)
    assert rules.report_range(date(2025, 1, 1), None, today=TODAY) == (
        date(2025, 1, 1),
        date(2025, 1, 7),
    )
    assert rules.report_range(None, date(2025, 1, 7), today=TODAY) == (
        date(2025, 1, 1),
        date(2025, 1, 7),
    )


def test_a_report_range_is_at_most_92_days_whatever_the_months() -> None:
    # The original checked only the day of the month; here it is the real span.
    start = date(2024, 12, 1)
    assert rules.report_range(start, start + timedelta(days=91), today=TODAY)[1] == date(2025, 3, 2)
    with pytest.raises(RuleError, match="at most 92 days"):
        rules.report_range(start, start + timedelta(days=92), today=TODAY)
    with pytest.raises(RuleError, match="must not be before from"):
        rules.report_range(TODAY, TODAY - timedelta(days=1), today=TODAY)


# --- scores ------------------------------------------------------------------------------------


def test_walk_achievement_is_capped_at_100() -> None:
    assert rules.walk_achievement(0.061) == 6
    assert rules.walk_achievement(0.995) == 100
    assert rules.walk_achievement(2.5) == 100


@pytest.mark.parametrize(
    ("ratio", "score"),
    [
        (1.0, 100),
        (0.9, 100),
        (1.1, 100),
        (0.85, 80),
        (1.2, 80),
        (0.7, 60),
        (1.3, 60),
        (0.69, 59),  # the original gave 69 here, more than the 60 band above it
        (0.5, 50),
        (1.5, 50),  # the original gave 150
        (2.0, 0),
        (3.0, 0),
        (0.0, 0),
    ],
)
def test_intake_balance_bands(ratio: float, score: int) -> None:
    assert rules.intake_balance(ratio) == score


def test_intake_balance_never_rises_as_the_balance_worsens() -> None:
    under = [rules.intake_balance(r / 100) for r in range(0, 101)]
    over = [rules.intake_balance(r / 100) for r in range(100, 301)]
    assert under == sorted(under)
    assert over == sorted(over, reverse=True)


@pytest.mark.parametrize(
    ("per_day", "score"),
    [
        *[(0, 30), (0.5, 30), (1, 70), (2, 85), (3, 100), (4.5, 100)],
        *[(6, 100), (7, 85), (8, 70), (8.5, 50), (9, 50), (12, 50)],
    ],
)
def test_pee_score(per_day: float, score: int) -> None:
    assert rules.pee_score(per_day) == score


@pytest.mark.parametrize(
    ("per_day", "score"), [(0, 80), (0.5, 80), (1, 100), (3, 100), (3.5, 80), (4, 80), (5, 60)]
)
def test_poop_score(per_day: float, score: int) -> None:
    assert rules.poop_score(per_day) == score


def test_excretion_is_the_mean_of_pee_and_poop() -> None:
    assert rules.excretion(4, 2) == 100
    assert rules.excretion(0, 0) == 55  # (30 + 80) / 2
    assert rules.excretion(2, 5) == 73  # (85 + 60) / 2 = 72.5, half up


@pytest.mark.parametrize(
    ("hours", "score"),
    [
        *[(13, 100), (12, 100), (14, 100), (10, 85), (16, 85), (8, 70), (18, 70)],
        *[(6, 50), (20, 50), (5.9, 30), (20.5, 30), (0, 30)],
    ],
)
def test_sleep_quality(hours: float, score: int) -> None:
    assert rules.sleep_quality(hours) == score


def test_weight_change_over_a_range() -> None:
    assert rules.weight_change(3.6, 3.4) == (-0.2, -5.6)
    assert rules.weight_change(10, 10.5) == (0.5, 5.0)


# --- the report ---------------------------------------------------------------------------------


def figures(day: date, **kw: object) -> report.DayFigures:
    values: dict[str, object] = {
        "walk_km": 2.0,
        "weight_kg": 3.4,
        "sleep_hours": 13.0,
        "poop_count": 2,
        "pee_count": 4,
        "burn_recommended": 357,
        "burn_actual": 15,
        "intake_recommended": 510,
        "intake": 500,
    }
    values.update(kw)
    return report.DayFigures(day=day, **values)  # type: ignore[arg-type]


def test_a_report_lists_every_day_and_scores_the_recorded_ones() -> None:
    first = date(2025, 3, 1)
    built = report.build(
        pet_id=uuid.uuid4(),
        first=first,
        last=first + timedelta(days=3),
        days=[
            figures(first, weight_kg=3.6),
            figures(first + timedelta(days=2), intake=None, sleep_hours=9.0, weight_kg=3.5),
        ],
    )
    assert [(d.isoformat(), f is not None) for d, f in built.days] == [
        ("2025-03-01", True),
        ("2025-03-02", False),
        ("2025-03-03", True),
        ("2025-03-04", False),
    ]
    assert built.totals.recorded_days == 2
    assert built.totals.intake == 500
    assert built.averages.intake == 500.0  # only the day with meals counts
    assert built.averages.sleep_hours == 11.0
    assert built.scores.intake_ratio == 0.98  # 500 / 510
    assert built.scores.intake_balance == 100
    assert built.scores.sleep_quality == 85  # 11 hours a day
    assert built.scores.walk_achievement == 4  # 30 / 714
    assert (built.weight.first_kg, built.weight.last_kg, built.weight.change_kg) == (
        3.6,
        3.5,
        -0.1,
    )


def test_a_report_without_records_has_no_scores() -> None:
    built = report.build(pet_id=uuid.uuid4(), first=TODAY, last=TODAY, days=[])
    assert built.scores == report.Scores()
    assert built.averages == report.Averages()
    assert built.weight.points == []


def test_a_report_without_any_meal_has_no_intake_balance() -> None:
    built = report.build(
        pet_id=uuid.uuid4(), first=TODAY, last=TODAY, days=[figures(TODAY, intake=None)]
    )
    assert built.scores.intake_balance is None
    assert built.scores.excretion == 100
