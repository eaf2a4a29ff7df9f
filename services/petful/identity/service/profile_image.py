"""The caller's profile picture, through the platform's media pipeline.

An upload goes into this schema's media table (sanitized, public, thumbnails made by the
consumer in tasks.py) and the account points at that row. Nothing else sets the pointer,
so a picture is always one the account itself uploaded; replacing or removing it discards
the old row and its objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.identity.service.shared import SCHEMA, signed_in_account
from petful.platform import media
from petful.platform.auth_context import Principal
from petful.platform.settings import Settings

PURPOSE = "profile_image"


async def set_profile_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Account:
    """Store the upload as the caller's picture; the previous one is discarded."""
    account = await signed_in_account(session, actor, for_update=True)
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=account.id,
        purpose=PURPOSE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    old = account.profile_image_media_id
    account.profile_image_media_id = record.id
    account.updated_at = now
    # The same file again dedupes to the current row: that one must stay.
    if old is not None and old != record.id:
        await media.discard(session, schema=SCHEMA, media_id=old, now=now, settings=settings)
    return account


async def remove_profile_image(
    session: AsyncSession, *, actor: Principal, now: datetime, settings: Settings
) -> Account:
    account = await signed_in_account(session, actor, for_update=True)
    if account.profile_image_media_id is not None:
        account.updated_at = now
        await drop_profile_image(session, account, now=now, settings=settings)
    return account


async def drop_profile_image(
    session: AsyncSession, account: Account, *, now: datetime, settings: Settings | None = None
) -> None:
    """Unset the account's picture and discard its media (withdrawal uses this too)."""
    old = account.profile_image_media_id
    if old is None:
        return
    account.profile_image_media_id = None
    await media.discard(session, schema=SCHEMA, media_id=old, now=now, settings=settings)


async def pictures(
    session: AsyncSession, accounts: Iterable[Account]
) -> dict[uuid.UUID, media.MediaRecord]:
    """Account id -> its live picture. Only a row the account owns is ever shown, and a
    withdrawn account shows none."""
    wanted = {
        a.id: a.profile_image_media_id
        for a in accounts
        if a.profile_image_media_id is not None and a.status_enum is not AccountStatus.WITHDRAWN
    }
    found = await media.live_media(session, schema=SCHEMA, ids=wanted.values())
    return {
        account_id: found[media_id]
        for account_id, media_id in wanted.items()
        if media_id in found and found[media_id].owner_id == account_id
    }


async def picture(session: AsyncSession, account: Account) -> media.MediaRecord | None:
    return (await pictures(session, [account])).get(account.id)
