"""Each user's notification settings: email and push per category, quiet hours and the
daily community digest; and the unsubscribe links in mails.

The inbox always gets everything (nothing is ever dropped); settings decide only where
else a notification goes (channels.plan) and, when it is sent, whether it still should.
Functions are keyword-only, take the caller's session and never commit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy.ext.asyncio import AsyncSession

from petful.notifications import channel_repository as repo
from petful.notifications.catalogue import OPTIONAL_BY_CATEGORY
from petful.notifications.rules import (
    DEFAULT_QUIET_END,
    DEFAULT_QUIET_START,
    Category,
    Channel,
    category_name,
    optional_channel,
    time_of_day,
)
from petful.notifications.service import user_of
from petful.platform.auth_context import Principal
from petful.platform.errors import NotFound
from petful.platform.validation import Violations


@dataclass(frozen=True)
class View:
    # category -> channel -> on
    channels: dict[Category, dict[Channel, bool]]
    quiet_enabled: bool
    quiet_start: time
    quiet_end: time
    daily_digest: bool


@dataclass(frozen=True)
class Change:
    """What an update asks; None leaves a setting as it is."""

    channels: tuple[tuple[str, str, bool], ...] = ()  # (category, channel, on)
    quiet_enabled: bool | None = None
    quiet_start: str | None = None
    quiet_end: str | None = None
    daily_digest: bool | None = None


async def _view(session: AsyncSession, user_id: uuid.UUID) -> View:
    prefs = (await repo.preferences(session, [user_id])).get(user_id)
    off = await repo.channels_off(session, [user_id])
    return View(
        channels={
            c: {ch: (user_id, c.value, ch.value) not in off for ch in OPTIONAL_BY_CATEGORY[c]}
            for c in Category
        },
        quiet_enabled=prefs.quiet_enabled if prefs else True,
        quiet_start=prefs.quiet_start if prefs else DEFAULT_QUIET_START,
        quiet_end=prefs.quiet_end if prefs else DEFAULT_QUIET_END,
        daily_digest=prefs.daily_digest if prefs else False,
    )


async def get(session: AsyncSession, *, actor: Principal) -> View:
    return await _view(session, user_of(actor))


async def update(session: AsyncSession, *, actor: Principal, change: Change, now: datetime) -> View:
    """Apply what the change names; all or nothing when any part is invalid."""
    user_id = user_of(actor)
    current = await _view(session, user_id)
    v = Violations()
    toggles = []
    for i, (category, channel, on) in enumerate(change.channels):
        c = v.check(f"channels[{i}].category", category_name, category)
        ch = v.check(f"channels[{i}].channel", optional_channel, channel)
        if c is not None and ch is not None and ch not in OPTIONAL_BY_CATEGORY[c]:
            v.add(f"channels[{i}].channel", f"{c} notifications never go by {ch}")
        toggles.append((c, ch, on))
    start, end = current.quiet_start, current.quiet_end
    if change.quiet_start:
        start = v.check("quiet_hours.start", time_of_day, change.quiet_start)
    if change.quiet_end:
        end = v.check("quiet_hours.end", time_of_day, change.quiet_end)
    enabled = current.quiet_enabled if change.quiet_enabled is None else change.quiet_enabled
    if enabled and start is not None and start == end:
        v.add("quiet_hours.end", "must differ from the start")
    v.raise_if_any("the notification settings are invalid")
    digest = current.daily_digest if change.daily_digest is None else change.daily_digest
    await repo.save_preferences(
        session,
        user_id,
        {
            "quiet_enabled": enabled,
            "quiet_start": start,
            "quiet_end": end,
            "daily_digest": digest,
            "updated_at": now,
        },
    )
    for c, ch, on in toggles:
        await _set(session, user_id=user_id, category=c, channel=ch, on=on, now=now)
    return await _view(session, user_id)


async def _set(
    session: AsyncSession,
    *,
    user_id: uuid.UUID,
    category: Category,
    channel: Channel,
    on: bool,
    now: datetime,
) -> None:
    await repo.set_channel(
        session, user_id=user_id, category=category.value, channel=channel.value, on=on
    )
    if not on:
        # What was still waiting (quiet hours, a digest) goes no further either.
        await repo.skip_pending(
            session, user_id=user_id, category=category.value, channel=channel.value, now=now
        )


def _no_link() -> NotFound:
    return NotFound(
        "this unsubscribe link is not valid", field_violations=[("token", "no such link")]
    )


async def link_category(session: AsyncSession, *, token: str) -> Category:
    """The category an unsubscribe link stands for (NotFound for an unknown link)."""
    found = await repo.token_owner(session, token) if 16 <= len(token) <= 64 else None
    if found is None:
        raise _no_link()
    return Category(found.category)


async def unsubscribe(session: AsyncSession, *, token: str, now: datetime) -> Category:
    """Turn off the link's category by email; again is no change. NotFound when unknown."""
    found = await repo.token_owner(session, token) if 16 <= len(token) <= 64 else None
    if found is None:
        raise _no_link()
    category = Category(found.category)
    await _set(
        session, user_id=found.user_id, category=category, channel=Channel.EMAIL, on=False, now=now
    )
    return category
