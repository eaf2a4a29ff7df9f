"""Syncing a LINKED account: the owner's or an admin's "sync now" and the nightly task,
each under a per-account Redis lock, with the token refreshed before it expires. Neither
runs while the owner's PetFul account is suspended."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.auth_context import Principal
from petful.platform.db import on_commit, on_rollback
from petful.platform.errors import Conflict, FailedPrecondition
from petful.platform.logging import get_logger
from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from petful.sns import graph, repository, sentiment
from petful.sns.crypto import TokenBox, TokenKeyError
from petful.sns.models import Account
from petful.sns.rules.accounts import AccountStatus, clip_error, suspension_in_force
from petful.sns.service.access import open_token, visible
from petful.sns.service.accounts import needs_reauth, store_token
from petful.sns.service.comments import Moderator
from petful.sns.service.metrics import publish_synced
from petful.sns.service.snapshot import apply_snapshot, fetch_snapshot

LOCK_PREFIX = "petful:sns:sync:"
log = get_logger(__name__)


class SyncLock:
    """A Redis lock per account, so two workers never sync one account at once."""

    def __init__(self, settings: Settings, account_id: uuid.UUID) -> None:
        self.settings = settings
        self.key = LOCK_PREFIX + str(account_id)
        self.token = uuid.uuid4().hex
        self.held = False

    async def acquire(self) -> bool:
        redis = get_redis(self.settings)
        ok = await redis.set(
            self.key, self.token, nx=True, ex=max(1, self.settings.sns.sync_lock_seconds)
        )
        self.held = bool(ok)
        return self.held

    async def release(self) -> None:
        if not self.held:
            return
        # Delete only our own lock (it may have expired and been taken by another worker).
        script = (
            "if redis.call('get', KEYS[1]) == ARGV[1] then "
            "return redis.call('del', KEYS[1]) else return 0 end"
        )
        await get_redis(self.settings).eval(script, 1, self.key, self.token)
        self.held = False


class SyncBusy(Conflict):
    default_title = "Sync already running"


async def sync_account(
    session: AsyncSession,
    *,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    account: Account,
    classifier: sentiment.Classifier | None = None,
) -> Account:
    """Re-read profile, media, comments and insights of a LINKED account and recompute
    its analytics (the caller holds its SyncLock).

    A rejected token moves it to NEEDS_REAUTH; other Graph failures are recorded in
    last_sync_error. Nothing is raised for those, so the record commits."""
    if account.status_enum is not AccountStatus.LINKED:
        return account
    if account.token_expires_at is not None and account.token_expires_at <= now:
        return await needs_reauth(session, account, now, "the Instagram token expired")
    try:
        token = open_token(box, account)
    except TokenKeyError as e:
        return await needs_reauth(session, account, now, str(e))
    refreshed = await _refresh_token_if_due(session, settings, client, box, now, account, token)
    if refreshed is None:
        return account
    token = refreshed
    first = account.last_synced_at is None
    known = None if first else await repository.media_comment_counts(session, account.id)
    try:
        snap = await fetch_snapshot(
            client, account.ig_user_id, token, settings=settings, now=now, known_counts=known
        )
    except graph.TokenInvalid as e:
        return await needs_reauth(session, account, now, f"Instagram rejected the token: {e}")
    except graph.GraphError as e:
        account.last_sync_error = clip_error(str(e))
        account.updated_at = now
        await repository.flush(session)
        return account
    await apply_snapshot(
        session,
        account,
        snap,
        now,
        settings=settings,
        moderator=Moderator.of(client, token, classifier),
        known_media=set(known) if known is not None else None,
    )
    await publish_synced(session, account, settings=settings, now=now)
    return account


async def _refresh_token_if_due(
    session: AsyncSession,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    account: Account,
    token: str,
) -> str | None:
    """Exchange a long-lived token that expires within settings.sns.token_refresh_days for
    a fresh one (Meta allows re-exchanging a valid long-lived token). None when Instagram
    rejected it (the account now NEEDS_REAUTH); other failures keep the current token."""
    due = now + timedelta(days=max(0, settings.sns.token_refresh_days))
    if account.token_expires_at is None or account.token_expires_at > due:
        return token
    try:
        fresh = await client.exchange_token(token)
    except graph.TokenInvalid as e:
        await needs_reauth(session, account, now, f"Instagram rejected the token: {e}")
        return None
    except graph.GraphError as e:
        log.warning(
            "token refresh failed, keeping the current one",
            account_id=str(account.id),
            error=str(e),
        )
        return token
    store_token(box, account, fresh.access_token, expires_in=fresh.expires_in, now=now)
    await repository.flush(session)
    return fresh.access_token


async def request_sync(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    account_id: str,
    classifier: sentiment.Classifier | None = None,
) -> Account:
    """The owner's or an admin's "sync now": runs the sync under the account's lock."""
    account = await visible(session, actor, account_id, admin=True, service=False)
    if account.status_enum is AccountStatus.UNLINKED:
        raise FailedPrecondition("this Instagram account is unlinked: link it again first")
    if account.status_enum is AccountStatus.NEEDS_REAUTH:
        raise FailedPrecondition("Instagram no longer accepts the token: link the account again")
    if _owner_suspended(account, now):
        raise FailedPrecondition("the owner's account is suspended: no sync until it ends")
    if not await _hold_lock(session, settings, account.id):
        raise SyncBusy("a sync of this account is already running: try again shortly")
    await repository.lock_account(session, account.id)
    return await sync_account(
        session,
        settings=settings,
        client=client,
        box=box,
        now=now,
        account=account,
        classifier=classifier,
    )


async def _hold_lock(session: AsyncSession, settings: Settings, account_id: uuid.UUID) -> bool:
    """Take the account's sync lock until the session's transaction ends (commit or
    rollback), so the next sync starts from committed data."""
    lock = SyncLock(settings, account_id)
    if not await lock.acquire():
        return False
    on_commit(session, lock.release)
    on_rollback(session, lock.release)
    return True


async def sync_by_id(
    session: AsyncSession,
    *,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    account_id: uuid.UUID,
    classifier: sentiment.Classifier | None = None,
) -> bool:
    """The task's sync: False when the account is gone, not LINKED, its owner suspended
    or it is already syncing (the lock is held until the caller's transaction ends)."""
    if not await _hold_lock(session, settings, account_id):
        return False
    account = await repository.get_account(session, account_id, for_update=True)
    if account is None or account.status_enum is not AccountStatus.LINKED:
        return False
    if _owner_suspended(account, now):  # queued before the suspension arrived
        return False
    await sync_account(
        session,
        settings=settings,
        client=client,
        box=box,
        now=now,
        account=account,
        classifier=classifier,
    )
    return True


def _owner_suspended(account: Account, now: datetime) -> bool:
    return suspension_in_force(account.owner_suspended_at, account.owner_suspended_until, now=now)


async def linked_account_ids(session: AsyncSession, now: datetime) -> list[uuid.UUID]:
    """What the nightly sync queues: LINKED accounts of owners not suspended at now."""
    return await repository.linked_account_ids(session, now)
