"""A health report over a range of days, from the stored figures of each recorded day.

Pure (no I/O): the service reads the records and hands their figures here. Every day of the
range is in the series (a day without a record has no values, so charts show a gap rather
than a zero); totals count the recorded days; averages are per recorded day. Scores:

- walk achievement: the range's actual burn over its recommended burn (capped at 100 %);
- intake balance: the intake over the recommended intake, on the days with meals written
  (a day whose meals were not written is not a day without food);
- excretion: the mean of the pee and poop scores of the daily averages;
- sleep quality: of the average sleep per recorded day.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from petful.health.activities import rules


@dataclass(frozen=True)
class DayFigures:
    day: date
    walk_km: float
    weight_kg: float
    sleep_hours: float
    poop_count: int
    pee_count: int
    burn_recommended: int
    burn_actual: int
    intake_recommended: int
    intake: int | None  # None: no meal written that day


@dataclass(frozen=True)
class Totals:
    recorded_days: int
    walk_km: float
    burn_actual: int
    burn_recommended: int
    intake: int
    intake_recommended: int
    poop_count: int
    pee_count: int
    sleep_hours: float


@dataclass(frozen=True)
class Averages:
    walk_km: float | None = None
    burn_actual: float | None = None
    intake: float | None = None
    sleep_hours: float | None = None
    poop_count: float | None = None
    pee_count: float | None = None


@dataclass(frozen=True)
class Scores:
    walk_achievement: int | None = None
    intake_balance: int | None = None
    excretion: int | None = None
    pee: int | None = None
    poop: int | None = None
    sleep_quality: int | None = None
    walk_ratio: float | None = None
    intake_ratio: float | None = None


@dataclass(frozen=True)
class WeightTrend:
    points: list[tuple[date, float]]
    first_kg: float | None = None
    last_kg: float | None = None
    change_kg: float | None = None
    change_percent: float | None = None


@dataclass(frozen=True)
class Report:
    pet_id: uuid.UUID
    first: date
    last: date
    days: list[tuple[date, DayFigures | None]]
    totals: Totals
    averages: Averages
    scores: Scores
    weight: WeightTrend


def _mean(total: float, count: int, digits: int = 1) -> float | None:
    return round(total / count, digits) if count else None


def _scores(days: list[DayFigures], totals: Totals) -> Scores:
    if not days:
        return Scores()
    n = len(days)
    walk_ratio = rules.ratio(totals.burn_actual, totals.burn_recommended)
    fed = [d for d in days if d.intake is not None]
    intake_ratio = rules.ratio(
        sum(d.intake or 0 for d in fed), sum(d.intake_recommended for d in fed)
    )
    pee, poop = totals.pee_count / n, totals.poop_count / n
    return Scores(
        walk_achievement=rules.walk_achievement(walk_ratio) if walk_ratio is not None else None,
        intake_balance=rules.intake_balance(intake_ratio) if intake_ratio is not None else None,
        excretion=rules.excretion(pee, poop),
        pee=rules.pee_score(pee),
        poop=rules.poop_score(poop),
        sleep_quality=rules.sleep_quality(totals.sleep_hours / n),
        walk_ratio=round(walk_ratio, 3) if walk_ratio is not None else None,
        intake_ratio=round(intake_ratio, 3) if intake_ratio is not None else None,
    )


def _weight(days: list[DayFigures]) -> WeightTrend:
    points = [(d.day, d.weight_kg) for d in days]
    if not points:
        return WeightTrend(points=[])
    first, last = points[0][1], points[-1][1]
    change, percent = rules.weight_change(first, last)
    return WeightTrend(
        points=points, first_kg=first, last_kg=last, change_kg=change, change_percent=percent
    )


def build(*, pet_id: uuid.UUID, first: date, last: date, days: list[DayFigures]) -> Report:
    """The report of first..last from the recorded days in it (oldest first)."""
    by_day = {d.day: d for d in days}
    series = [
        (first + timedelta(days=i), by_day.get(first + timedelta(days=i)))
        for i in range((last - first).days + 1)
    ]
    totals = Totals(
        recorded_days=len(days),
        walk_km=round(sum(d.walk_km for d in days), 2),
        burn_actual=sum(d.burn_actual for d in days),
        burn_recommended=sum(d.burn_recommended for d in days),
        intake=sum(d.intake or 0 for d in days),
        intake_recommended=sum(d.intake_recommended for d in days),
        poop_count=sum(d.poop_count for d in days),
        pee_count=sum(d.pee_count for d in days),
        sleep_hours=round(sum(d.sleep_hours for d in days), 1),
    )
    n = len(days)
    fed = sum(1 for d in days if d.intake is not None)
    averages = Averages(
        walk_km=_mean(totals.walk_km, n, 2),
        burn_actual=_mean(totals.burn_actual, n),
        intake=_mean(totals.intake, fed),
        sleep_hours=_mean(totals.sleep_hours, n),
        poop_count=_mean(totals.poop_count, n),
        pee_count=_mean(totals.pee_count, n),
    )
    return Report(
        pet_id=pet_id,
        first=first,
        last=last,
        days=series,
        totals=totals,
        averages=averages,
        scores=_scores(days, totals),
        weight=_weight(days),
    )
