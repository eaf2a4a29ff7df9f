"""Demo data for the health service: 보리's month of records, schedules and a prescription."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.activities import demo as activities
from petful.health.prescriptions import demo as prescriptions
from petful.health.schedules import demo as schedules


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    parts = [
        await activities.seed(session, demo),
        await schedules.seed(session, demo),
        await prescriptions.seed(session, demo),
    ]
    return "; ".join(parts)
