"""Demo schedules for 보리 (owner@petful.dev): a medication course, a monthly heartworm
pill, the yearly vaccination and weekly grooming, all with reminders on. Idempotent: a pet
that already has schedules is left alone.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.base import utc_now
from petful.health.pets import OwnPet
from petful.health.schedules import repository, rules
from petful.health.schedules.service import (
    FieldsIn,
    check_fields,
    new_schedule,
    repoint,
    series_of,
)

OWNER, PET = "owner@petful.dev", "보리"


def _weekday(d: date) -> str:
    return rules.WEEKDAYS[d.weekday()]


def demo_fields(today: date) -> list[FieldsIn]:
    first_of_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    saturday = today + timedelta(days=(5 - today.weekday()) % 7)
    return [
        FieldsIn(
            kind="MEDICATION",
            sub_type="PILL",
            title="피부염 항생제",
            times=("08:00", "20:00"),
            start_date=today.isoformat(),
            frequency="DAILY",
            medication_name="아목시실린",
            dosage="1정",
            doses_per_day=2,
            duration_days=7,
            reminder_enabled=True,
            reminder_lead_minutes=10,
            memo="밥 먹고 30분 뒤에 먹여요.",
        ),
        FieldsIn(
            kind="MEDICATION",
            sub_type="PILL",
            title="심장사상충 예방약",
            times=("09:00",),
            start_date=first_of_next_month.isoformat(),
            frequency="MONTHLY",
            month_day=1,
            medication_name="하트가드",
            dosage="1정",
            reminder_enabled=True,
            reminder_lead_minutes=1440,
        ),
        FieldsIn(
            kind="VACCINATION",
            sub_type="VACCINE",
            title="종합백신 추가접종",
            times=("10:30",),
            start_date=(today + timedelta(days=20)).isoformat(),
            frequency="YEARLY",
            reminder_enabled=True,
            reminder_lead_minutes=2880,
            memo="행복동물병원",
        ),
        FieldsIn(
            kind="CARE",
            sub_type="GROOMING",
            title="빗질과 발톱 정리",
            times=("14:00",),
            start_date=saturday.isoformat(),
            frequency="WEEKLY",
            weekdays=(_weekday(saturday),),
            reminder_enabled=True,
            reminder_lead_minutes=60,
        ),
    ]


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    owner_id = demo.get("account_ids", {}).get(OWNER)
    pet_id = demo.get("pet_ids", {}).get(PET)
    if not owner_id or not pet_id:
        return "no demo pet to schedule for"
    pet = OwnPet(id=uuid.UUID(pet_id), owner_id=uuid.UUID(owner_id), name=PET, weight_kg=None)
    if await repository.list_schedules(session, owner_id=pet.owner_id, pet_ids=[pet.id]):
        return "schedules already there"
    now = utc_now()
    made = []
    for fields in demo_fields(rules.seoul_today(now)):
        s = new_schedule(pet, check_fields(fields, now=now), now)
        repoint(s, series_of(s), now)
        made.append(s)
    await repository.add(session, *made)
    return f"{len(made)} schedules for {PET}"
