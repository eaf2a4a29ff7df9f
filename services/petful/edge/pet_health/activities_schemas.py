"""Request and response bodies of the activity log and report routes, and their protobuf
mapping.

Shapes and bounds are checked here (422 naming the field); the health service re-checks
every rule (the day not in the future, meal ids of the record) and computes every calorie
figure: the bodies carry no calories in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal, cast
from uuid import UUID

from pydantic import BaseModel, Field

from petful.edge.common import Body
from petful.pb.health.v1 import activities_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

ActivityLevel = Literal["LOW", "MEDIUM_LOW", "MEDIUM_HIGH", "HIGH"]
MealType = Literal["BREAKFAST", "LUNCH", "DINNER", "SNACK"]

# Every number ends in a protobuf field: bounded, and never NaN or infinite.
WalkKm = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False, examples=[2.5])]
WeightKg = Annotated[float, Field(ge=0.1, le=120, allow_inf_nan=False, examples=[3.4])]
SleepHours = Annotated[float, Field(ge=0, le=24, allow_inf_nan=False, examples=[13])]
Count = Annotated[int, Field(ge=0, le=50)]
Grams = Annotated[float, Field(ge=0.1, le=100_000, allow_inf_nan=False)]
Kcal = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
Memo = Annotated[str, Field(max_length=1000)]
Food = Annotated[str, Field(max_length=50, examples=["사료"])]


# The generated enums are plain ints at run time (the stubs call them classes).
def level_value(name: str) -> pb.ActivityLevel:
    return cast(pb.ActivityLevel, pb.ActivityLevel.Value(f"ACTIVITY_LEVEL_{name}"))


def meal_type_value(name: str) -> pb.MealType:
    return cast(pb.MealType, pb.MealType.Value(f"MEAL_TYPE_{name}"))


class MealIn(Body):
    """A meal: the package's (or label's) weight and kcal, and how much was eaten; the
    eaten kcal are computed."""

    meal_type: MealType
    food: Food = ""
    package_g: Grams = Field(examples=[100])
    package_kcal: Kcal = Field(examples=[360])
    consumed_g: Grams = Field(examples=[45])

    def to_pb(self) -> pb.MealFields:
        return pb.MealFields(
            meal_type=meal_type_value(self.meal_type),
            food=self.food,
            package_g=self.package_g,
            package_kcal=self.package_kcal,
            consumed_g=self.consumed_g,
        )


class ActivityIn(Body):
    """A day's record (Asia/Seoul day, not in the future). One per pet per day."""

    date: date
    walk_km: WalkKm
    activity_level: ActivityLevel
    weight_kg: WeightKg
    sleep_hours: SleepHours
    poop_count: Count
    pee_count: Count
    memo: Memo = ""
    meals: list[MealIn] = Field(default_factory=list, max_length=12)

    def to_pb(self) -> pb.ActivityFields:
        return pb.ActivityFields(
            date=self.date.isoformat(),
            walk_km=self.walk_km,
            activity_level=level_value(self.activity_level),
            weight_kg=self.weight_kg,
            sleep_hours=self.sleep_hours,
            poop_count=self.poop_count,
            pee_count=self.pee_count,
            memo=self.memo,
            meals=[m.to_pb() for m in self.meals],
        )


class MealChangeIn(Body):
    """Without id: a new meal (meal_type, package_g, package_kcal and consumed_g required).
    With id: the fields given change, or `remove: true` removes the meal."""

    id: UUID | None = None
    remove: bool = False
    meal_type: MealType | None = None
    food: Food | None = None
    package_g: Grams | None = None
    package_kcal: Kcal | None = None
    consumed_g: Grams | None = None

    def to_pb(self) -> pb.MealChange:
        change = pb.MealChange(id=str(self.id) if self.id else "", remove=self.remove)
        if self.meal_type is not None:
            change.meal_type = meal_type_value(self.meal_type)
        for name in ("food", "package_g", "package_kcal", "consumed_g"):
            value = getattr(self, name)
            if value is not None:
                setattr(change, name, value)
        return change


class ActivityPatch(Body):
    """Only the fields present change (null or absent: unchanged; an empty memo clears it).
    Meals not named are kept."""

    walk_km: WalkKm | None = None
    activity_level: ActivityLevel | None = None
    weight_kg: WeightKg | None = None
    sleep_hours: SleepHours | None = None
    poop_count: Count | None = None
    pee_count: Count | None = None
    memo: Memo | None = None
    meals: list[MealChangeIn] = Field(default_factory=list, max_length=24)

    def to_request(self, pet_id: str, day: date) -> pb.UpdateActivityRequest:
        request = pb.UpdateActivityRequest(
            pet_id=pet_id, date=day.isoformat(), meals=[m.to_pb() for m in self.meals]
        )
        if self.activity_level is not None:
            request.activity_level = level_value(self.activity_level)
        for name in ("walk_km", "weight_kg", "sleep_hours", "poop_count", "pee_count", "memo"):
            value = getattr(self, name)
            if value is not None:
                setattr(request, name, value)
        return request


class Meal(BaseModel):
    id: str
    meal_type: str
    meal_type_label: str = Field(examples=["아침"])
    food: str
    package_g: float
    package_kcal: float
    consumed_g: float
    consumed_kcal: int

    @classmethod
    def from_pb(cls, m: pb.Meal) -> Meal:
        return cls(
            id=m.id,
            meal_type=enum_name(pb.MealType, m.meal_type, "MEAL_TYPE_"),
            meal_type_label=m.meal_type_label,
            food=m.food,
            package_g=m.package_g,
            package_kcal=m.package_kcal,
            consumed_g=m.consumed_g,
            consumed_kcal=m.consumed_kcal,
        )


class Activity(BaseModel):
    """A day's record with its computed calories: recommended burn = weight x factor x 70,
    actual burn = km x factor x 5, recommended intake = weight x factor x 100, intake = the
    meals' eaten kcal."""

    id: str
    pet_id: str
    date: date
    walk_km: float
    activity_level: str
    activity_level_label: str = Field(examples=["가끔 산책해요"])
    activity_factor: float
    weight_kg: float
    sleep_hours: float
    poop_count: int
    pee_count: int
    memo: str
    meals: list[Meal]
    burn_recommended_kcal: int
    burn_actual_kcal: int
    intake_recommended_kcal: int
    intake_kcal: int
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, a: pb.Activity) -> Activity:
        return cls(
            id=a.id,
            pet_id=a.pet_id,
            date=date.fromisoformat(a.date),
            walk_km=a.walk_km,
            activity_level=enum_name(pb.ActivityLevel, a.activity_level, "ACTIVITY_LEVEL_"),
            activity_level_label=a.activity_level_label,
            activity_factor=a.activity_factor,
            weight_kg=a.weight_kg,
            sleep_hours=a.sleep_hours,
            poop_count=a.poop_count,
            pee_count=a.pee_count,
            memo=a.memo,
            meals=[Meal.from_pb(m) for m in a.meals],
            burn_recommended_kcal=a.burn_recommended_kcal,
            burn_actual_kcal=a.burn_actual_kcal,
            intake_recommended_kcal=a.intake_recommended_kcal,
            intake_kcal=a.intake_kcal,
            created_at=timestamp_or_none(a.created_at),
            updated_at=timestamp_or_none(a.updated_at),
        )


class ActivityCalendar(BaseModel):
    """The days of the month that have a record (the calendar's markers)."""

    year: int
    month: int
    dates: list[date]


class HealthHome(BaseModel):
    """What the health home shows first, in one round: the first of my pets (none: no
    pets), its month's markers and the day's record (null: none that day)."""

    pet_id: str | None
    calendar: ActivityCalendar | None
    record: Activity | None


class ActivityLevelInfo(BaseModel):
    level: str
    label: str = Field(examples=["거의 안 움직여요"])
    factor: float


class ActivityLevels(BaseModel):
    items: list[ActivityLevelInfo]


# --- the report --------------------------------------------------------------------------------


def _opt(message: object, name: str) -> float | None:
    return getattr(message, name) if message.HasField(name) else None  # type: ignore[attr-defined]


def _opt_int(message: object, name: str) -> int | None:
    value = _opt(message, name)
    return int(value) if value is not None else None


class ReportDay(BaseModel):
    """One day of the range; the values are null on a day without a record (intake_kcal
    also on a recorded day without meals)."""

    date: date
    recorded: bool
    walk_km: float | None
    burn_recommended_kcal: int | None
    burn_actual_kcal: int | None
    intake_recommended_kcal: int | None
    intake_kcal: int | None
    sleep_hours: float | None
    poop_count: int | None
    pee_count: int | None
    weight_kg: float | None

    @classmethod
    def from_pb(cls, d: pb.ReportDay) -> ReportDay:
        return cls(
            date=date.fromisoformat(d.date),
            recorded=d.recorded,
            walk_km=_opt(d, "walk_km"),
            burn_recommended_kcal=_opt_int(d, "burn_recommended_kcal"),
            burn_actual_kcal=_opt_int(d, "burn_actual_kcal"),
            intake_recommended_kcal=_opt_int(d, "intake_recommended_kcal"),
            intake_kcal=_opt_int(d, "intake_kcal"),
            sleep_hours=_opt(d, "sleep_hours"),
            poop_count=_opt_int(d, "poop_count"),
            pee_count=_opt_int(d, "pee_count"),
            weight_kg=_opt(d, "weight_kg"),
        )


class ReportTotals(BaseModel):
    recorded_days: int
    walk_km: float
    burn_actual_kcal: int
    burn_recommended_kcal: int
    intake_kcal: int
    intake_recommended_kcal: int
    poop_count: int
    pee_count: int
    sleep_hours: float


class ReportAverages(BaseModel):
    """Per recorded day (intake: per day with meals); null without any."""

    walk_km: float | None
    burn_actual_kcal: float | None
    intake_kcal: float | None
    sleep_hours: float | None
    poop_count: float | None
    pee_count: float | None


class ReportScores(BaseModel):
    """0-100, null when the range has nothing to score. walk_achievement: actual over
    recommended burn (capped at 100). intake_balance: 100 within 90-110 % of the recommended
    intake, 80 within 80-120 %, 60 within 70-130 %, below 60 further out. excretion: the mean
    of pee (3-6 a day 100, 2-7 85, 1-8 70, more 50, less than 1 30) and poop (1-3 a day 100,
    up to 4 80, more 60). sleep_quality: 12-14 h 100, 10-16 85, 8-18 70, 6-20 50, else 30."""

    walk_achievement: int | None
    intake_balance: int | None
    excretion: int | None
    pee: int | None
    poop: int | None
    sleep_quality: int | None
    walk_ratio: float | None
    intake_ratio: float | None


class WeightPoint(BaseModel):
    date: date
    weight_kg: float


class WeightTrend(BaseModel):
    points: list[WeightPoint]
    first_kg: float | None
    last_kg: float | None
    change_kg: float | None
    change_percent: float | None


class HealthReport(BaseModel):
    pet_id: str
    from_: date = Field(alias="from", serialization_alias="from")
    to: date
    days: list[ReportDay]
    totals: ReportTotals
    averages: ReportAverages
    scores: ReportScores
    weight: WeightTrend
    recommended_sleep_hours: float

    model_config = {"populate_by_name": True}

    @classmethod
    def from_pb(cls, r: pb.HealthReport) -> HealthReport:
        t, a, s, w = r.totals, r.averages, r.scores, r.weight
        return cls(
            pet_id=r.pet_id,
            **{"from": date.fromisoformat(getattr(r, "from"))},
            to=date.fromisoformat(r.to),
            days=[ReportDay.from_pb(d) for d in r.days],
            totals=ReportTotals(
                recorded_days=t.recorded_days,
                walk_km=t.walk_km,
                burn_actual_kcal=t.burn_actual_kcal,
                burn_recommended_kcal=t.burn_recommended_kcal,
                intake_kcal=t.intake_kcal,
                intake_recommended_kcal=t.intake_recommended_kcal,
                poop_count=t.poop_count,
                pee_count=t.pee_count,
                sleep_hours=t.sleep_hours,
            ),
            averages=ReportAverages(
                **{name: _opt(a, name) for name in ReportAverages.model_fields}
            ),
            scores=ReportScores(
                walk_achievement=_opt_int(s, "walk_achievement"),
                intake_balance=_opt_int(s, "intake_balance"),
                excretion=_opt_int(s, "excretion"),
                pee=_opt_int(s, "pee"),
                poop=_opt_int(s, "poop"),
                sleep_quality=_opt_int(s, "sleep_quality"),
                walk_ratio=_opt(s, "walk_ratio"),
                intake_ratio=_opt(s, "intake_ratio"),
            ),
            weight=WeightTrend(
                points=[
                    WeightPoint(date=date.fromisoformat(p.date), weight_kg=p.weight_kg)
                    for p in w.points
                ],
                first_kg=_opt(w, "first_kg"),
                last_kg=_opt(w, "last_kg"),
                change_kg=_opt(w, "change_kg"),
                change_percent=_opt(w, "change_percent"),
            ),
            recommended_sleep_hours=r.recommended_sleep_hours,
        )
