"""The ActivityService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.health.activities import report as reports
from petful.health.activities import rules, service
from petful.health.activities.models import ActivityRecord
from petful.health.base import Clock, utc_now
from petful.health.pets import GrpcPets, PetsPort
from petful.pb.health.v1 import activities_pb2 as pb
from petful.pb.health.v1 import activities_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, to_timestamp
from petful.platform.settings import Settings, get_settings

LEVEL_PREFIX = "ACTIVITY_LEVEL_"
MEAL_PREFIX = "MEAL_TYPE_"


def _level(number: int) -> str:
    return enum_name(pb.ActivityLevel, number, LEVEL_PREFIX)


def _meal_type(number: int) -> str:
    return enum_name(pb.MealType, number, MEAL_PREFIX)


def _opt(message: Any, name: str) -> Any:
    return getattr(message, name) if message.HasField(name) else None


def activity_input(fields: pb.ActivityFields) -> service.ActivityInput:
    return service.ActivityInput(
        date=fields.date,
        walk_km=fields.walk_km,
        activity_level=_level(fields.activity_level),
        weight_kg=fields.weight_kg,
        sleep_hours=fields.sleep_hours,
        poop_count=fields.poop_count,
        pee_count=fields.pee_count,
        memo=fields.memo,
        meals=[
            service.MealInput(
                meal_type=_meal_type(m.meal_type),
                food=m.food,
                package_g=m.package_g,
                package_kcal=m.package_kcal,
                consumed_g=m.consumed_g,
            )
            for m in fields.meals
        ],
    )


def activity_patch(request: pb.UpdateActivityRequest) -> service.ActivityPatch:
    level = _opt(request, "activity_level")
    return service.ActivityPatch(
        walk_km=_opt(request, "walk_km"),
        activity_level=_level(level) if level is not None else None,
        weight_kg=_opt(request, "weight_kg"),
        sleep_hours=_opt(request, "sleep_hours"),
        poop_count=_opt(request, "poop_count"),
        pee_count=_opt(request, "pee_count"),
        memo=_opt(request, "memo"),
        meals=[
            service.MealChange(
                id=m.id,
                remove=m.remove,
                meal_type=_meal_type(m.meal_type) if m.HasField("meal_type") else None,
                food=_opt(m, "food"),
                package_g=_opt(m, "package_g"),
                package_kcal=_opt(m, "package_kcal"),
                consumed_g=_opt(m, "consumed_g"),
            )
            for m in request.meals
        ],
    )


def activity_to_pb(record: ActivityRecord) -> pb.Activity:
    level = record.level
    return pb.Activity(
        id=str(record.id),
        pet_id=str(record.pet_id),
        date=record.day.isoformat(),
        walk_km=record.walk_km,
        activity_level=LEVEL_PREFIX + level.value,
        activity_level_label=level.label,
        activity_factor=level.factor,
        weight_kg=record.weight_kg,
        sleep_hours=record.sleep_hours,
        poop_count=record.poop_count,
        pee_count=record.pee_count,
        memo=record.memo,
        meals=[
            pb.Meal(
                id=str(meal.id),
                meal_type=MEAL_PREFIX + meal.meal_type,
                meal_type_label=meal.kind.label,
                food=meal.food,
                package_g=meal.package_g,
                package_kcal=meal.package_kcal,
                consumed_g=meal.consumed_g,
                consumed_kcal=meal.consumed_kcal,
            )
            for meal in record.meals
        ],
        burn_recommended_kcal=record.burn_recommended_kcal,
        burn_actual_kcal=record.burn_actual_kcal,
        intake_recommended_kcal=record.intake_recommended_kcal,
        intake_kcal=record.intake_kcal,
        created_at=to_timestamp(record.created_at),
        updated_at=to_timestamp(record.updated_at),
    )


def _report_day(day: Any, figures: reports.DayFigures | None) -> pb.ReportDay:
    if figures is None:
        return pb.ReportDay(date=day.isoformat(), recorded=False)
    return pb.ReportDay(
        date=day.isoformat(),
        recorded=True,
        walk_km=figures.walk_km,
        burn_recommended_kcal=figures.burn_recommended,
        burn_actual_kcal=figures.burn_actual,
        intake_recommended_kcal=figures.intake_recommended,
        intake_kcal=figures.intake,
        sleep_hours=figures.sleep_hours,
        poop_count=figures.poop_count,
        pee_count=figures.pee_count,
        weight_kg=figures.weight_kg,
    )


def report_to_pb(report: reports.Report) -> pb.HealthReport:
    t, a, s, w = report.totals, report.averages, report.scores, report.weight
    return pb.HealthReport(
        pet_id=str(report.pet_id),
        to=report.last.isoformat(),
        days=[_report_day(day, figures) for day, figures in report.days],
        totals=pb.ReportTotals(
            recorded_days=t.recorded_days,
            walk_km=t.walk_km,
            burn_actual_kcal=t.burn_actual,
            burn_recommended_kcal=t.burn_recommended,
            intake_kcal=t.intake,
            intake_recommended_kcal=t.intake_recommended,
            poop_count=t.poop_count,
            pee_count=t.pee_count,
            sleep_hours=t.sleep_hours,
        ),
        averages=pb.ReportAverages(
            walk_km=a.walk_km,
            burn_actual_kcal=a.burn_actual,
            intake_kcal=a.intake,
            sleep_hours=a.sleep_hours,
            poop_count=a.poop_count,
            pee_count=a.pee_count,
        ),
        scores=pb.ReportScores(
            walk_achievement=s.walk_achievement,
            intake_balance=s.intake_balance,
            excretion=s.excretion,
            pee=s.pee,
            poop=s.poop,
            sleep_quality=s.sleep_quality,
            walk_ratio=s.walk_ratio,
            intake_ratio=s.intake_ratio,
        ),
        weight=pb.WeightTrend(
            points=[pb.WeightPoint(date=d.isoformat(), weight_kg=kg) for d, kg in w.points],
            first_kg=w.first_kg,
            last_kg=w.last_kg,
            change_kg=w.change_kg,
            change_percent=w.change_percent,
        ),
        recommended_sleep_hours=rules.RECOMMENDED_SLEEP_HOURS,
        **{"from": report.first.isoformat()},  # `from` is a Python keyword
    )


class ActivityServicer(pb_grpc.ActivityServiceServicer):
    def __init__(self, settings: Settings, clock: Clock, pets: PetsPort) -> None:
        self.settings = settings
        self.clock = clock
        self.pets = pets

    async def CreateActivity(self, request: pb.CreateActivityRequest, context: Any) -> pb.Activity:
        actor = require_principal()
        async with transaction(self.settings) as session:
            record = await service.create_activity(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                data=activity_input(request.activity),
            )
            return activity_to_pb(record)

    async def GetActivity(self, request: pb.GetActivityRequest, context: Any) -> pb.Activity:
        actor = require_principal()
        async with transaction(self.settings) as session:
            record = await service.get_activity(
                session, actor=actor, pets=self.pets, pet_id=request.pet_id, day=request.date
            )
            return activity_to_pb(record)

    async def UpdateActivity(self, request: pb.UpdateActivityRequest, context: Any) -> pb.Activity:
        actor = require_principal()
        async with transaction(self.settings) as session:
            record = await service.update_activity(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                day=request.date,
                patch=activity_patch(request),
            )
            return activity_to_pb(record)

    async def DeleteActivity(
        self, request: pb.DeleteActivityRequest, context: Any
    ) -> pb.DeleteActivityResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            await service.delete_activity(
                session, actor=actor, pets=self.pets, pet_id=request.pet_id, day=request.date
            )
            return pb.DeleteActivityResponse()

    async def ListActivityDays(
        self, request: pb.ListActivityDaysRequest, context: Any
    ) -> pb.ListActivityDaysResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            days = await service.activity_days(
                session,
                actor=actor,
                pets=self.pets,
                pet_id=request.pet_id,
                year=request.year,
                month=request.month,
            )
            return pb.ListActivityDaysResponse(dates=[d.isoformat() for d in days])

    async def GetHealthReport(
        self, request: pb.GetHealthReportRequest, context: Any
    ) -> pb.HealthReport:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await service.health_report(
                session,
                actor=actor,
                pets=self.pets,
                now=self.clock(),
                pet_id=request.pet_id,
                start=getattr(request, "from"),
                end=request.to,
            )
            return report_to_pb(report)

    async def ListActivityLevels(
        self, request: pb.ListActivityLevelsRequest, context: Any
    ) -> pb.ListActivityLevelsResponse:
        require_principal()
        return pb.ListActivityLevelsResponse(
            levels=[
                pb.ActivityLevelInfo(
                    level=LEVEL_PREFIX + level.value,
                    label=level.label,
                    factor=level.factor,
                )
                for level in rules.ActivityLevel
            ]
        )


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    pets: PetsPort | None = None,
    **_: Any,
) -> None:
    """Add ActivityService to server (options the other health parts take are ignored)."""
    pb_grpc.add_ActivityServiceServicer_to_server(
        ActivityServicer(settings or get_settings(), clock or utc_now, pets or GrpcPets()),
        server,
    )
