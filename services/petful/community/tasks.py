"""Community subscribers: what happens to user reports (신고) when an account is erased."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community import service
from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.platform import events


@events.subscriber(
    identity_events.ACCOUNT_ERASED, schema=service.SCHEMA, name="community.forget_reporter"
)
async def forget_reporter(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await service.forget_reporter(session, user_id=event.payload.user_id)
