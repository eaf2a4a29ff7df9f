"""Activity log ORM: one record per pet per day, and its meals.

`pet_id` and `owner_id` are the pets service's and identity's ids (no foreign keys across
services). The calorie columns are computed by the service on every change (rules.py), so
reports read them as stored.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column, relationship

from petful.health.activities.rules import ActivityLevel, MealType
from petful.health.base import TS, HealthBase


class ActivityRecord(HealthBase):
    __tablename__ = "activity_records"
    __table_args__ = (sa.UniqueConstraint("pet_id", "day", name="uq_activity_records_pet_day"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    pet_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    owner_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True))
    day: Mapped[date] = mapped_column(sa.Date)
    walk_km: Mapped[float] = mapped_column(sa.Float)
    activity_level: Mapped[str] = mapped_column(sa.Text)
    weight_kg: Mapped[float] = mapped_column(sa.Float)
    sleep_hours: Mapped[float] = mapped_column(sa.Float)
    poop_count: Mapped[int] = mapped_column(sa.Integer)
    pee_count: Mapped[int] = mapped_column(sa.Integer)
    memo: Mapped[str] = mapped_column(sa.Text, default="")
    burn_recommended_kcal: Mapped[int] = mapped_column(sa.Integer)
    burn_actual_kcal: Mapped[int] = mapped_column(sa.Integer)
    intake_recommended_kcal: Mapped[int] = mapped_column(sa.Integer)
    intake_kcal: Mapped[int] = mapped_column(sa.Integer)
    created_at: Mapped[datetime] = mapped_column(TS)
    updated_at: Mapped[datetime] = mapped_column(TS)

    meals: Mapped[list[Meal]] = relationship(
        back_populates="record",
        cascade="all, delete-orphan",
        order_by="Meal.position",
        lazy="raise",
    )

    @property
    def level(self) -> ActivityLevel:
        return ActivityLevel(self.activity_level)


class Meal(HealthBase):
    __tablename__ = "activity_meals"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), sa.ForeignKey("health.activity_records.id", ondelete="CASCADE")
    )
    # The order the owner added them in (a removed meal leaves a gap, which is fine).
    position: Mapped[int] = mapped_column(sa.Integer)
    meal_type: Mapped[str] = mapped_column(sa.Text)
    food: Mapped[str] = mapped_column(sa.Text, default="")
    package_g: Mapped[float] = mapped_column(sa.Float)
    package_kcal: Mapped[float] = mapped_column(sa.Float)
    consumed_g: Mapped[float] = mapped_column(sa.Float)
    consumed_kcal: Mapped[int] = mapped_column(sa.Integer)

    record: Mapped[ActivityRecord] = relationship(back_populates="meals", lazy="raise")

    @property
    def kind(self) -> MealType:
        return MealType(self.meal_type)
