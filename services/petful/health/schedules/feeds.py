"""The owner's calendar feed: turn it on (a new random token, shown once), look at it,
revoke it, and render it for whoever holds the token (a calendar app, without a session).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.health.schedules import calendar, repository
from petful.health.schedules.service import user_of
from petful.platform.auth_context import Principal
from petful.platform.errors import NotFound

# Longer than any token we make, to refuse junk before hashing it.
TOKEN_MAX = 100


@dataclass(frozen=True)
class FeedState:
    enabled: bool
    created_at: datetime | None = None
    token: str = ""  # only right after it was made


async def get_feed(session: AsyncSession, *, actor: Principal) -> FeedState:
    feed = await repository.get_feed(session, user_of(actor))
    return FeedState(True, feed.created_at) if feed else FeedState(False)


async def enable_feed(session: AsyncSession, *, actor: Principal, now: datetime) -> FeedState:
    """A new address; the previous one (if any) stops working at once."""
    owner = user_of(actor)
    token, digest = calendar.new_token()
    await repository.put_feed(session, owner_id=owner, token_hash=digest, now=now)
    return FeedState(True, now, token)


async def disable_feed(session: AsyncSession, *, actor: Principal) -> FeedState:
    await repository.delete_feed(session, user_of(actor))
    return FeedState(False)


async def render_feed(session: AsyncSession, *, token: str, now: datetime) -> bytes:
    """The feed of the token's owner; NotFound for a token that is not (or no longer) one."""
    feed = None
    if 0 < len(token) <= TOKEN_MAX:
        feed = await repository.feed_by_hash(session, calendar.token_hash(token))
    if feed is None:
        raise NotFound("no such calendar feed")
    schedules = await repository.owner_schedules(session, feed.owner_id)
    exceptions = await repository.exceptions_of(session, [s.id for s in schedules])
    return calendar.build([(s, exceptions[s.id]) for s in schedules], now=now)
