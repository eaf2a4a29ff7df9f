"""Demo data: 보리 (owner@petful.dev) has written 30 days of her log, ending today.

Idempotent: a day that already has a record is left as it is. The figures vary by day but
not by run (no randomness), and the last day's weight is the one the pets seed gave 보리
(3.4 kg), so the pet card and the log agree without an event.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.activities import repository
from petful.health.activities.models import ActivityRecord, Meal
from petful.health.activities.rules import ActivityLevel, MealType
from petful.health.activities.service import compute_calories, today_in_seoul
from petful.health.base import utc_now

OWNER, PET, DAYS = "owner@petful.dev", "보리", 30
# Weights of the last days, oldest first: she slimmed down a little over the month.
WEIGHTS = [3.6, 3.6, 3.6, 3.5, 3.5, 3.5, 3.5, 3.4, 3.4, 3.4]
MEMOS = {0: "한강 공원에서 친구를 만났어요.", 6: "미용 다녀온 날", 13: "비가 와서 집에서 놀았어요."}


def _meals(i: int) -> list[tuple[MealType, str, float, float, float]]:
    """(type, food, package g, package kcal, consumed g) of day i."""
    kibble = ("사료", 100.0, 360.0)
    meals = [
        (MealType.BREAKFAST, *kibble, 40.0 + (i % 3) * 2),
        (MealType.DINNER, *kibble, 42.0 + (i % 4)),
    ]
    if i % 2 == 0:
        meals.append((MealType.SNACK, "닭가슴살 져키", 50.0, 180.0, 10.0))
    return meals


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    owner = demo.get("account_ids", {}).get(OWNER)
    pet = demo.get("pet_ids", {}).get(PET)
    if owner is None or pet is None:
        return "no demo pet"
    now = utc_now()
    today = today_in_seoul(now)
    pet_id, owner_id = uuid.UUID(pet), uuid.UUID(owner)
    first = today - timedelta(days=DAYS - 1)
    have = set(await repository.days_between(session, pet_id, first, today))
    created = 0
    for i in range(DAYS):
        day = first + timedelta(days=i)
        if day in have:
            continue
        rainy = i % 7 == 3
        record = ActivityRecord(
            id=uuid.uuid4(),
            pet_id=pet_id,
            owner_id=owner_id,
            day=day,
            walk_km=0.5 if rainy else 2.0 + (i % 5) * 0.6,
            activity_level=(ActivityLevel.LOW if rainy else ActivityLevel.MEDIUM_HIGH).value,
            weight_kg=WEIGHTS[max(0, i - (DAYS - len(WEIGHTS)))],
            sleep_hours=12.0 + (i % 4) * 0.5,
            poop_count=1 + i % 2,
            pee_count=3 + i % 3,
            memo=MEMOS.get(DAYS - 1 - i, ""),
            created_at=now,
            updated_at=now,
            meals=[
                Meal(
                    id=uuid.uuid4(),
                    position=n,
                    meal_type=kind.value,
                    food=food,
                    package_g=package_g,
                    package_kcal=package_kcal,
                    consumed_g=consumed_g,
                    consumed_kcal=0,
                )
                for n, (kind, food, package_g, package_kcal, consumed_g) in enumerate(_meals(i))
            ],
        )
        compute_calories(record)
        await repository.add(session, record)
        created += 1
    return f"{created} activity days"
