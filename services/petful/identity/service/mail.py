"""Account mail (codes, resets, notices): identity asks, the notifications service sends.

The service asks inside its transaction (`request_mail` writes an `identity.mail.requested`
event, so nothing is sent for a rolled-back request). A one-time code does not go into the
event, which is kept for days: it waits in the platform's short-lived store for as long as
it is valid, and the event names it by reference (platform/handoff.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity.service.shared import SCHEMA
from petful.platform import handoff, outbox


async def request_mail(
    session: AsyncSession, to: str, template: str, *, now: datetime, **params: Any
) -> None:
    """Queue one account mail (`contract.MAIL_*`) in the caller's transaction."""
    request = contract.MailRequested(to=to, template=template, params=params)
    await outbox.add_event(session, SCHEMA, contract.MAIL_REQUESTED, request, now=now)


async def request_code_mail(
    session: AsyncSession,
    redis: aioredis.Redis,
    to: str,
    template: str,
    *,
    code: str,
    ttl_seconds: int,
    now: datetime,
    **params: Any,
) -> None:
    """Queue a mail carrying a one-time code, the code handed over apart from the event."""
    ref = await handoff.put(redis, code, ttl_seconds=ttl_seconds)
    request = contract.MailRequested(to=to, template=template, params=params, secret_ref=ref)
    await outbox.add_event(session, SCHEMA, contract.MAIL_REQUESTED, request, now=now)
