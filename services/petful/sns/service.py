"""sns: linking Instagram business accounts, syncing them, and the metrics others read.

Receives a session and never commits (the RPC or task boundary does). Graph API calls go
through `graph.GraphClient`; they run before the first SQL statement of a call where
possible, so no database connection waits on Instagram.

Visibility: an account is seen by its owner, ADMIN and internal services (SERVICE role);
anyone else gets NOT_FOUND so ids do not leak. Mutations are the owner's (sync also ADMIN).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform import outbox
from petful.platform.auth_context import SERVICE_ROLE, Principal
from petful.platform.db import on_commit, on_rollback
from petful.platform.errors import (
    AlreadyExists,
    Conflict,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    ServiceUnavailable,
    Unauthenticated,
)
from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from petful.platform.validation import Violations
from petful.sns import graph, repository, rules
from petful.sns.crypto import Sealed, TokenBox, TokenKeyError
from petful.sns.models import SCHEMA, Account
from petful.sns.rules import AccountStatus

Clock = Callable[[], datetime]
# Meta's long-lived user tokens last about 60 days; used when the exchange does not say.
DEFAULT_TOKEN_TTL = timedelta(days=60)
LOCK_PREFIX = "petful:sns:sync:"


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- callers -------------------------------------------------------------------------------


def _caller_id(actor: Principal) -> uuid.UUID:
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    try:
        return uuid.UUID(actor.user_id or "")
    except ValueError:
        raise Unauthenticated("the caller id is not a valid user id") from None


def _is_owner(actor: Principal, account: Account) -> bool:
    return actor.is_authenticated and actor.user_id == str(account.owner_user_id)


def _account_id(raw: str) -> uuid.UUID:
    v = Violations()
    account_id: uuid.UUID | None = v.check("account_id", rules.parse_account_id, raw)
    v.raise_if_any("account_id is invalid")
    assert account_id is not None
    return account_id


_HIDDEN = "Instagram account not found"


async def _visible(
    session: AsyncSession,
    actor: Principal,
    raw_id: str,
    *,
    admin: bool,
    service: bool,
    for_update: bool = False,
) -> Account:
    """The account if the caller may see it; NOT_FOUND otherwise (no existence leak)."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    account = await repository.get_account(session, _account_id(raw_id), for_update=for_update)
    if account is None:
        raise NotFound(_HIDDEN)
    if _is_owner(actor, account):
        return account
    if admin and actor.has_role(rules.ADMIN_ROLE):
        return account
    if service and actor.has_role(SERVICE_ROLE):
        return account
    if actor.has_role(rules.ADMIN_ROLE, SERVICE_ROLE):
        raise PermissionDenied("only the owner may do this")
    raise NotFound(_HIDDEN)


# --- Graph errors ----------------------------------------------------------------------------


def _graph_problem(e: graph.GraphError) -> DomainError:
    """A Graph failure during a call the user is waiting for."""
    if isinstance(e, graph.GraphNotConfigured):
        return ServiceUnavailable(str(e))
    if isinstance(e, graph.RateLimited):
        return ResourceExhausted("Instagram is rate limiting us: try again in a few minutes")
    if isinstance(e, graph.GraphUnavailable):
        return ServiceUnavailable("Instagram could not be reached: try again later")
    return FailedPrecondition(f"Instagram refused the request: {e.message}")


async def _events(
    session: AsyncSession, account: Account, now: datetime, *topics: str, **extra: object
) -> None:
    payload: dict[str, object] = {
        "account_id": str(account.id),
        "owner_user_id": str(account.owner_user_id),
        "ig_user_id": account.ig_user_id,
        "username": account.username,
        "source": account.source,
        "status": account.status,
        **extra,
    }
    for topic in topics:
        await outbox.add_event(session, SCHEMA, topic, payload, now=now)


# --- sync pieces -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What one sync read from Instagram."""

    profile: graph.Profile
    media: list[graph.Media]


async def fetch_snapshot(client: graph.GraphClient, ig_user_id: str, token: str) -> Snapshot:
    profile = await client.profile(ig_user_id, token)
    media = await client.media(ig_user_id, token)
    return Snapshot(profile=profile, media=media)


async def _apply_snapshot(
    session: AsyncSession, account: Account, snap: Snapshot, now: datetime
) -> None:
    p = snap.profile
    account.username = p.username or account.username
    account.name = p.name
    account.biography = p.biography
    account.profile_picture_url = p.profile_picture_url
    account.followers_count = p.followers_count
    account.follows_count = p.follows_count
    account.media_count = p.media_count
    account.last_synced_at = now
    account.last_sync_error = ""
    account.updated_at = now
    await repository.flush(session)
    rows = {
        m.ig_media_id: {
            "ig_media_id": m.ig_media_id,
            "caption": m.caption,
            "media_type": m.media_type,
            "permalink": m.permalink,
            "posted_at": m.posted_at,
            "like_count": m.like_count,
            "comments_count": m.comments_count,
        }
        for m in snap.media
        if m.ig_media_id
    }
    await repository.upsert_media(session, account.id, list(rows.values()), now)
    await repository.delete_media_not_in(session, account.id, list(rows))
    await repository.record_followers(session, account.id, now.date(), p.followers_count)


# --- link ------------------------------------------------------------------------------------


async def link_account(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    access_token: str,
    ig_user_id: str = "",
) -> Account:
    """Exchange the token, pick the business account, sync it and store it LINKED.

    The same owner linking the same Instagram account again refreshes its token (and
    revives it from NEEDS_REAUTH); another owner's active link is ALREADY_EXISTS."""
    owner = _caller_id(actor)
    v = Violations()
    token_in: str | None = v.check("access_token", rules.check_access_token, access_token)
    wanted: str | None = v.check("ig_user_id", rules.check_ig_user_id, ig_user_id)
    v.raise_if_any("the link request has invalid fields")
    assert token_in is not None
    assert wanted is not None
    try:
        long_lived = await client.exchange_token(token_in)
        candidates = await client.business_accounts(long_lived.access_token)
    except graph.TokenInvalid:
        raise _bad_token() from None
    except graph.GraphError as e:
        raise _graph_problem(e) from None
    ids = [c.ig_user_id for c in candidates]
    if not ids:
        raise FailedPrecondition(
            "no Instagram business or creator account is connected to this user's Facebook pages",
        )
    v.check("ig_user_id", rules.choose_account, ids, wanted)
    v.raise_if_any("choose the Instagram account to link")
    chosen = rules.choose_account(ids, wanted)
    try:
        snap = await fetch_snapshot(client, chosen, long_lived.access_token)
    except graph.TokenInvalid:
        raise _bad_token() from None
    except graph.GraphError as e:
        raise _graph_problem(e) from None

    expires_at = now + (
        timedelta(seconds=long_lived.expires_in) if long_lived.expires_in else DEFAULT_TOKEN_TTL
    )
    account = await repository.active_by_ig_user(session, chosen, for_update=True)
    if account is not None and account.owner_user_id != owner:
        raise _taken()
    new = account is None
    if account is None:
        account = Account(
            id=uuid.uuid4(),
            owner_user_id=owner,
            ig_user_id=chosen,
            source=settings.sns_source,
            created_at=now,
        )
    sealed = box.seal(long_lived.access_token, context=str(account.id))
    account.status = AccountStatus.LINKED.value
    account.token_ciphertext = sealed.ciphertext
    account.token_key_id = sealed.key_id
    account.token_expires_at = expires_at
    account.updated_at = now
    account.username = snap.profile.username
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, account)
            else:
                await repository.flush(session)
    except IntegrityError:  # another user linked it concurrently
        raise _taken() from None
    await _apply_snapshot(session, account, snap, now)
    await _events(
        session,
        account,
        now,
        rules.TOPIC_LINKED,
        rules.TOPIC_SYNCED,
        followers_count=account.followers_count,
    )
    return account


def _bad_token() -> DomainError:
    return InvalidArgument(
        "Instagram did not accept the access token",
        field_violations=[("access_token", "is expired or invalid: sign in with Facebook again")],
    )


def _taken() -> AlreadyExists:
    return AlreadyExists(
        "this Instagram account is already linked by another PetFul user",
        field_violations=[("ig_user_id", "is already linked by another user")],
    )


# --- read ------------------------------------------------------------------------------------


async def list_my_accounts(session: AsyncSession, *, actor: Principal) -> list[Account]:
    return await repository.accounts_of_owner(session, _caller_id(actor))


async def get_account(session: AsyncSession, *, actor: Principal, account_id: str) -> Account:
    return await _visible(session, actor, account_id, admin=True, service=True)


@dataclass(frozen=True)
class AccountMetrics:
    account: Account
    metrics: rules.Metrics


async def get_metrics(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    now: datetime,
    account_id: str,
    window_days: int,
) -> AccountMetrics:
    v = Violations()
    v.check("account_id", rules.parse_account_id, account_id)
    days: int | None = v.check(
        "window_days",
        rules.check_window_days,
        window_days,
        default=settings.sns_metrics_window_days,
    )
    v.raise_if_any("the metrics request has invalid fields")
    assert days is not None
    account = await _visible(session, actor, account_id, admin=True, service=True)
    last_n = max(1, settings.sns_engagement_posts)
    rows = {m.ig_media_id: m for m in await repository.media_of(session, account.id, limit=last_n)}
    for m in await repository.media_since(session, account.id, now - timedelta(days=days)):
        rows.setdefault(m.ig_media_id, m)
    posts = [
        rules.Post(
            ig_media_id=m.ig_media_id,
            posted_at=m.posted_at,
            like_count=m.like_count,
            comments_count=m.comments_count,
            permalink=m.permalink,
            caption=m.caption,
        )
        for m in rows.values()
    ]
    metrics = rules.compute_metrics(
        posts, followers=account.followers_count, now=now, window_days=days, last_n=last_n
    )
    return AccountMetrics(account=account, metrics=metrics)


# --- unlink ----------------------------------------------------------------------------------


async def unlink_account(
    session: AsyncSession, *, actor: Principal, now: datetime, account_id: str
) -> Account:
    """Forget the token and mark the account UNLINKED (idempotent for the owner)."""
    account = await _visible(
        session, actor, account_id, admin=False, service=False, for_update=True
    )
    if account.status_enum is AccountStatus.UNLINKED:
        return account
    account.status = AccountStatus.UNLINKED.value
    account.token_ciphertext = None
    account.token_key_id = None
    account.token_expires_at = None
    account.updated_at = now
    await repository.flush(session)
    await _events(session, account, now, rules.TOPIC_UNLINKED)
    return account


# --- sync ------------------------------------------------------------------------------------


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
            self.key, self.token, nx=True, ex=max(1, self.settings.sns_sync_lock_seconds)
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
) -> Account:
    """Re-read profile and media of a LINKED account (the caller holds its SyncLock).

    A rejected token moves it to NEEDS_REAUTH; other Graph failures are recorded in
    last_sync_error. Nothing is raised for those, so the record commits."""
    if account.status_enum is not AccountStatus.LINKED:
        return account
    if account.token_expires_at is not None and account.token_expires_at <= now:
        return await _needs_reauth(session, account, now, "the Instagram token expired")
    try:
        token = box.open(
            Sealed(account.token_ciphertext or b"", account.token_key_id or ""),
            context=str(account.id),
        )
    except TokenKeyError as e:
        return await _needs_reauth(session, account, now, str(e))
    try:
        snap = await fetch_snapshot(client, account.ig_user_id, token)
    except graph.TokenInvalid as e:
        return await _needs_reauth(session, account, now, f"Instagram rejected the token: {e}")
    except graph.GraphError as e:
        account.last_sync_error = rules.clip_error(str(e))
        account.updated_at = now
        await repository.flush(session)
        return account
    await _apply_snapshot(session, account, snap, now)
    await _events(
        session, account, now, rules.TOPIC_SYNCED, followers_count=account.followers_count
    )
    return account


async def _needs_reauth(
    session: AsyncSession, account: Account, now: datetime, why: str
) -> Account:
    account.status = AccountStatus.NEEDS_REAUTH.value
    account.last_sync_error = rules.clip_error(why)
    account.updated_at = now
    await repository.flush(session)
    await _events(session, account, now, rules.TOPIC_NEEDS_REAUTH)
    return account


async def request_sync(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    account_id: str,
) -> Account:
    """The owner's or an admin's "sync now": runs the sync under the account's lock."""
    account = await _visible(session, actor, account_id, admin=True, service=False)
    if account.status_enum is AccountStatus.UNLINKED:
        raise FailedPrecondition("this Instagram account is unlinked: link it again first")
    if account.status_enum is AccountStatus.NEEDS_REAUTH:
        raise FailedPrecondition("Instagram no longer accepts the token: link the account again")
    if not await _hold_lock(session, settings, account.id):
        raise SyncBusy("a sync of this account is already running: try again shortly")
    await repository.lock_account(session, account.id)
    return await sync_account(
        session, settings=settings, client=client, box=box, now=now, account=account
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
) -> bool:
    """The task's sync: False when the account is gone, not LINKED or already syncing
    (the lock is held until the caller's transaction ends)."""
    if not await _hold_lock(session, settings, account_id):
        return False
    account = await repository.get_account(session, account_id, for_update=True)
    if account is None or account.status_enum is not AccountStatus.LINKED:
        return False
    await sync_account(session, settings=settings, client=client, box=box, now=now, account=account)
    return True


async def linked_account_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.linked_account_ids(session)
