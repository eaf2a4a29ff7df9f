"""Demo data for matching: the demo PetStars and recruiting campaigns get embedded.

The seed cannot read the pets, sns or campaigns data (no cross-schema reads, and their
services are not running yet while `petful up` seeds), and `demo` carries only ids. So the
seed records a `matching.reindex.requested` event in the matching outbox; once the
platform runs, the matching service's relay publishes it, the worker's subscriber enqueues
`matching.reindex`, and that backfill embeds every approved PetStar and recruiting campaign
over gRPC (retrying while services are still starting). `petful matching reindex` does the
same in the foreground. Idempotent: requested again only while the index is empty.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts.matching import REINDEX_REQUESTED, ReindexRequested
from petful.matching.models import SCHEMA, PetStarDoc
from petful.platform import outbox


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    indexed = await session.execute(sa.select(sa.func.count()).select_from(PetStarDoc))
    if indexed.scalar():
        return "index already built"
    pets = len(demo.get("pet_ids", {}))
    await outbox.add_event(
        session,
        SCHEMA,
        REINDEX_REQUESTED,
        ReindexRequested(reason="demo seed", pets=pets),
        now=datetime.now(UTC),
    )
    return f"reindex requested ({pets} demo pets; embedded by the worker once services run)"
