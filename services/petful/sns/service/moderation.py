"""The owner's moderation: auto-moderation settings and banned words, the stats of an
account's comments, and the log of every decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.paging import Page, check_page_size, decode_cursor, encode_cursor, page_of
from petful.platform.validation import Violations, parse_uuid
from petful.sns import repository
from petful.sns.models import SCHEMA, Account, ModerationLog, ModerationSettings
from petful.sns.rules import moderation as rules
from petful.sns.rules.moderation import ModAction
from petful.sns.service.access import visible
from petful.sns.service.accounts import changed


def _defaults(account_id: uuid.UUID, now: datetime) -> ModerationSettings:
    """Off, HIDE, negative comments count, no banned words."""
    return ModerationSettings(
        account_id=account_id,
        auto_moderation=False,
        action=ModAction.HIDE.value,
        moderate_negative=True,
        banned_words=[],
        updated_at=now,
    )


async def settings_of(
    session: AsyncSession, account_id: uuid.UUID, now: datetime
) -> ModerationSettings:
    """The stored settings, or the defaults without storing them."""
    conf = await repository.moderation_settings(session, account_id)
    return conf if conf is not None else _defaults(account_id, now)


async def _publish_settings(
    session: AsyncSession, account: Account, conf: ModerationSettings, now: datetime
) -> None:
    event = contract.ModerationSettingsChanged(
        **changed(account).model_dump(),
        auto_moderation=conf.auto_moderation,
        action=conf.action,
        banned_words=len(conf.banned_words),
    )
    await outbox.add_event(session, SCHEMA, contract.MODERATION_SETTINGS_CHANGED, event, now=now)


async def get_moderation_settings(
    session: AsyncSession, *, actor: Principal, now: datetime, account_id: str
) -> ModerationSettings:
    account = await visible(session, actor, account_id, admin=False, service=False)
    return await settings_of(session, account.id, now)


async def update_moderation_settings(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    account_id: str,
    auto_moderation: bool,
    action: str,
    moderate_negative: bool,
    banned_words: list[str],
) -> ModerationSettings:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    act = v.check("action", rules.check_auto_action, action)
    words = v.check("banned_words", rules.check_banned_words, banned_words)
    v.raise_if_any("the moderation settings are invalid")
    account = await visible(session, actor, account_id, admin=False, service=False)
    conf = await repository.moderation_settings(session, account.id)
    if conf is None:
        conf = ModerationSettings(account_id=account.id, updated_at=now)
        await repository.add_row(session, conf)
    conf.auto_moderation = auto_moderation
    conf.action = act.value
    conf.moderate_negative = moderate_negative
    conf.banned_words = words
    conf.updated_at = now
    await repository.flush(session)
    await _publish_settings(session, account, conf, now)
    return conf


async def change_banned_words(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    account_id: str,
    words: list[str],
    add: bool,
) -> ModerationSettings:
    """Add words to (or remove them from) the account's banned words, atomically."""
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    clean = v.check("words", rules.check_words_to_change, words)
    v.raise_if_any("the banned words are invalid")
    account = await visible(session, actor, account_id, admin=False, service=False)
    await repository.lock_account(session, account.id)  # one change at a time per account
    conf = await repository.moderation_settings(session, account.id, for_update=True)
    if conf is None:
        conf = _defaults(account.id, now)
        await repository.add_row(session, conf)
    current = list(conf.banned_words)
    if add:
        merged = v.check("words", rules.check_banned_words, current + clean)
        v.raise_if_any("the banned words are invalid")
        conf.banned_words = merged
    else:
        drop = {rules.squash(w) for w in clean}
        conf.banned_words = [w for w in current if rules.squash(w) not in drop]
    conf.updated_at = now
    await repository.flush(session)
    await _publish_settings(session, account, conf, now)
    return conf


@dataclass(frozen=True)
class ModerationStatsView:
    account: Account
    counts: rules.CommentCounts


async def moderation_stats(
    session: AsyncSession, *, actor: Principal, account_id: str
) -> ModerationStatsView:
    account = await visible(session, actor, account_id, admin=False, service=False)
    c = await repository.comment_counts(session, account.id)
    # Banned-word hits are counted against the current word list (words added later count
    # for older comments too), one per comment however many words it holds.
    conf = await repository.moderation_settings(session, account.id)
    banned = 0
    if conf is not None and conf.banned_words:
        words = list(conf.banned_words)
        texts = await repository.comment_texts(session, account.id)
        banned = sum(1 for t in texts if rules.banned_hits(t, words))
    return ModerationStatsView(
        account,
        rules.CommentCounts(
            total=c["total"],
            hidden=c["hidden"],
            deleted=c["deleted"],
            banned=banned,
            positive=c["positive"],
            negative=c["negative"],
            neutral=c["neutral"],
        ),
    )


def _log_cursor(e: ModerationLog) -> str:
    return encode_cursor(e.at, e.id)


async def moderation_log(
    session: AsyncSession, *, actor: Principal, account_id: str, page_size: int, cursor: str
) -> Page[ModerationLog]:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the log request has invalid fields")
    account = await visible(session, actor, account_id, admin=False, service=False)
    rows = await repository.moderation_log(session, account.id, after=after, limit=size + 1)
    return page_of(rows, size, _log_cursor)
