"""Advertisers tasks: thumbnails of uploaded company logos, and what happens to a company
profile when its account leaves (service/leaving.py).

An account suspension (`identity.account.suspended`) needs nothing here: the profile is not
public (only its advertiser and admins read it, and a suspended account cannot sign in), a
suspension may be lifted at any time, and campaigns follow identity's events themselves.
Restricting the profile as well would only lose its approval for nothing.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers.models import SCHEMA
from petful.advertisers.service import leaving
from petful.contracts import Received
from petful.contracts import identity as identity_events
from petful.platform import events, media

media.subscribe_thumbnails(SCHEMA)


@events.subscriber(
    identity_events.ACCOUNT_WITHDRAWN, schema=SCHEMA, name="advertisers.withdraw_profile"
)
async def withdraw_profile(
    session: AsyncSession, event: Received[identity_events.AccountWithdrawn]
) -> None:
    # Every role: events from before `role` was sent carry "", and a non-advertiser simply
    # has no profile.
    await leaving.withdraw_profile(session, user_id=event.payload.user_id, now=event.occurred_at)


@events.subscriber(identity_events.ACCOUNT_ERASED, schema=SCHEMA, name="advertisers.erase_profile")
async def erase_profile(
    session: AsyncSession, event: Received[identity_events.AccountErased]
) -> None:
    await leaving.erase_profile(session, user_id=event.payload.user_id, now=event.occurred_at)
