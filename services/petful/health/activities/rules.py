"""Pure rules of the activity log: levels, meals, the calorie formulas and the report scores.

No I/O. Each check returns the normalised value or raises `RuleError(reason)`; the service
attaches the field name. The formulas and score thresholds are the original's
(REFERENCE §8.1), computed here on the server instead of in its front end; where the
original's bands were not monotonic (a score that rose when the balance got worse) the
departure is written beside the function.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from petful.platform.validation import RuleError, check_text


class ActivityLevel(StrEnum):
    LOW = "LOW"
    MEDIUM_LOW = "MEDIUM_LOW"
    MEDIUM_HIGH = "MEDIUM_HIGH"
    HIGH = "HIGH"

    @property
    def factor(self) -> float:
        return _LEVEL_FACTORS[self]

    @property
    def label(self) -> str:
        return _LEVEL_LABELS[self]


_LEVEL_FACTORS = {
    ActivityLevel.LOW: 1.2,
    ActivityLevel.MEDIUM_LOW: 1.5,
    ActivityLevel.MEDIUM_HIGH: 1.7,
    ActivityLevel.HIGH: 1.9,
}
_LEVEL_LABELS = {
    ActivityLevel.LOW: "거의 안 움직여요",
    ActivityLevel.MEDIUM_LOW: "가끔 산책해요",
    ActivityLevel.MEDIUM_HIGH: "자주 뛰어놀아요",
    ActivityLevel.HIGH: "매우 활동적이에요",
}


class MealType(StrEnum):
    BREAKFAST = "BREAKFAST"
    LUNCH = "LUNCH"
    DINNER = "DINNER"
    SNACK = "SNACK"

    @property
    def label(self) -> str:
        return _MEAL_LABELS[self]


_MEAL_LABELS = {
    MealType.BREAKFAST: "아침",
    MealType.LUNCH: "점심",
    MealType.DINNER: "저녁",
    MealType.SNACK: "간식",
}

# --- bounds of what an owner writes --------------------------------------------------------

WALK_KM_MAX = 100.0
WEIGHT_MIN, WEIGHT_MAX = 0.1, 120.0  # as the pets service bounds a pet's weight
SLEEP_MAX = 24.0
COUNT_MAX = 50
MEMO_MAX = 1000
FOOD_MAX = 50
MEALS_MAX = 12
GRAMS_MAX = 100_000.0
KCAL_MAX = 100_000.0
EARLIEST_DAY = date(2000, 1, 1)
REPORT_MAX_DAYS = 92
DEFAULT_REPORT_DAYS = 7
RECOMMENDED_SLEEP_HOURS = 13.0


def _number(value: float, *, low: float, high: float, unit: str, digits: int) -> float:
    if math.isnan(value) or math.isinf(value) or not low <= value <= high:
        raise RuleError(f"must be {low:g} to {high:g}{unit}")
    return round(value, digits)


def check_walk_km(value: float) -> float:
    return _number(value, low=0, high=WALK_KM_MAX, unit=" km", digits=2)


def check_weight(value: float) -> float:
    """Kilograms with one decimal, as pets keeps them."""
    return _number(value, low=WEIGHT_MIN, high=WEIGHT_MAX, unit=" kg", digits=1)


def check_sleep(value: float) -> float:
    return _number(value, low=0, high=SLEEP_MAX, unit=" hours", digits=1)


def check_count(value: int) -> int:
    if not 0 <= value <= COUNT_MAX:
        raise RuleError(f"must be 0 to {COUNT_MAX}")
    return value


def check_memo(raw: str) -> str:
    return check_text(raw, max_len=MEMO_MAX)


def check_food(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > FOOD_MAX:
        raise RuleError(f"must be at most {FOOD_MAX} characters")
    return check_text(text, max_len=FOOD_MAX)


def check_grams(value: float) -> float:
    """A weight in grams: more than zero (a meal's kcal divide by the package's grams)."""
    if math.isnan(value) or math.isinf(value) or not 0.1 <= value <= GRAMS_MAX:
        raise RuleError(f"must be 0.1 to {GRAMS_MAX:g} g")
    return round(value, 1)


def check_kcal(value: float) -> float:
    return _number(value, low=0, high=KCAL_MAX, unit=" kcal", digits=1)


def check_level(raw: str) -> ActivityLevel:
    try:
        return ActivityLevel(raw)
    except ValueError:
        raise RuleError("must be one of " + ", ".join(ActivityLevel)) from None


def check_meal_type(raw: str) -> MealType:
    try:
        return MealType(raw)
    except ValueError:
        raise RuleError("must be one of " + ", ".join(MealType)) from None


def parse_day(raw: str) -> date:
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RuleError("must be a date like 2025-03-06") from None


def check_record_day(raw: str, *, today: date) -> date:
    """The record's day: not in the future (Asia/Seoul's today), not before 2000."""
    day = parse_day(raw)
    if day > today:
        raise RuleError("must not be in the future")
    if day < EARLIEST_DAY:
        raise RuleError(f"must be on or after {EARLIEST_DAY.isoformat()}")
    return day


def check_month(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month."""
    if not 2000 <= year <= 2100:
        raise RuleError("year must be 2000 to 2100")
    if not 1 <= month <= 12:
        raise RuleError("month must be 1 to 12")
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def report_range(start: date | None, end: date | None, *, today: date) -> tuple[date, date]:
    """The report's days, inclusive. Neither given: the 7 days ending today; one given: 7
    days from it or up to it. More than 92 days or an end before the start is refused (the
    original allowed 7 and checked only the day of the month)."""
    if start is None and end is None:
        end = today
    if start is None:
        assert end is not None
        start = end - timedelta(days=DEFAULT_REPORT_DAYS - 1)
    if end is None:
        end = start + timedelta(days=DEFAULT_REPORT_DAYS - 1)
    if end < start:
        raise RuleError("must not be before from")
    if (end - start).days + 1 > REPORT_MAX_DAYS:
        raise RuleError(f"the range must be at most {REPORT_MAX_DAYS} days")
    return start, end


# --- calories --------------------------------------------------------------------------------


def round_half_up(value: float) -> int:
    """Integers as the original rounded them (Java's Math.round), not banker's rounding."""
    return math.floor(value + 0.5)


def recommended_burn(weight_kg: float, level: ActivityLevel) -> int:
    return round_half_up(weight_kg * level.factor * 70)


def actual_burn(walk_km: float, level: ActivityLevel) -> int:
    return round_half_up(walk_km * level.factor * 5)


def recommended_intake(weight_kg: float, level: ActivityLevel) -> int:
    return round_half_up(weight_kg * level.factor * 100)


def consumed_kcal(*, package_g: float, package_kcal: float, consumed_g: float) -> int:
    """The kcal of what was eaten, by the package's kcal per gram. Eating more than the
    package's reference weight is allowed (the package may be a label's "per 100 g")."""
    return round_half_up(package_kcal / package_g * consumed_g)


@dataclass(frozen=True)
class Calories:
    burn_recommended: int
    burn_actual: int
    intake_recommended: int
    intake: int


def day_calories(
    *, weight_kg: float, walk_km: float, level: ActivityLevel, meal_kcal: Sequence[int]
) -> Calories:
    return Calories(
        burn_recommended=recommended_burn(weight_kg, level),
        burn_actual=actual_burn(walk_km, level),
        intake_recommended=recommended_intake(weight_kg, level),
        intake=sum(meal_kcal),
    )


# --- report scores ---------------------------------------------------------------------------


def ratio(actual: float, recommended: float) -> float | None:
    return actual / recommended if recommended > 0 else None


def walk_achievement(walk_ratio: float) -> int:
    """Actual burn over recommended burn, in percent, capped at 100."""
    return min(100, round_half_up(walk_ratio * 100))


def intake_balance(intake_ratio: float) -> int:
    """100 within 90-110 % of the recommended intake, 80 within 80-120 %, 60 within
    70-130 %. Outside that the original gave ratio x 100, which scored eating twice the
    recommendation 200 and 69 % higher than 75 %; here it is the distance from 100 %
    (min(r, 2 - r) x 100), kept below the 60 band and at least 0."""
    r = intake_ratio
    if 0.9 <= r <= 1.1:
        return 100
    if 0.8 <= r <= 1.2:
        return 80
    if 0.7 <= r <= 1.3:
        return 60
    return max(0, min(59, round_half_up(min(r, 2 - r) * 100)))


def pee_score(per_day: float) -> int:
    """3-6 a day 100, 2-7 85, 1-8 70, more than 8 50, less than once a day 30."""
    if 3 <= per_day <= 6:
        return 100
    if 2 <= per_day <= 7:
        return 85
    if 1 <= per_day <= 8:
        return 70
    return 50 if per_day > 8 else 30


def poop_score(per_day: float) -> int:
    """1-3 a day 100, up to 4 (or less than once) 80, more than 4 60."""
    if 1 <= per_day <= 3:
        return 100
    if per_day <= 4:
        return 80
    return 60


def excretion(pee_per_day: float, poop_per_day: float) -> int:
    return round_half_up((pee_score(pee_per_day) + poop_score(poop_per_day)) / 2)


def sleep_quality(hours_per_day: float) -> int:
    """12-14 hours 100, 10-16 85, 8-18 70, 6-20 50, else 30 (13 hours recommended)."""
    h = hours_per_day
    if 12 <= h <= 14:
        return 100
    if 10 <= h <= 16:
        return 85
    if 8 <= h <= 18:
        return 70
    if 6 <= h <= 20:
        return 50
    return 30


def weight_change(first: float, last: float) -> tuple[float, float]:
    """(kg, percent) from the first to the last weight of a range."""
    change = round(last - first, 1)
    return change, round(change / first * 100, 1)
