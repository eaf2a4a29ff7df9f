"""Community subscribers and jobs: posts (pictures, restrictions of suspended users) and
what happens to user reports (신고) when an account is erased."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.posts import tasks as posts
from petful.community.reports import service
from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.platform import events


@events.subscriber(identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="community.forget_reporter")
async def forget_reporter(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await service.forget_reporter(session, user_id=event.payload.user_id)


__all__ = ["forget_reporter", "posts"]
