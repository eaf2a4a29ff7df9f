"""sns: linking Instagram business accounts, syncing them, and the metrics others read.

Receives a session and never commits (the RPC or task boundary does). Graph API calls go
through `graph.GraphClient`; they run before the first SQL statement of a call where
possible, so no database connection waits on Instagram.

Visibility: an account is seen by its owner, ADMIN and internal services (SERVICE role);
anyone else gets NOT_FOUND so ids do not leak. Mutations are the owner's (sync also ADMIN).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform import outbox
from petful.platform.auth_context import SERVICE_ROLE, Principal, caller_id
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
from petful.platform.validation import RuleError, Violations, parse_uuid, uuid_field
from petful.sns import graph, repository, rules, sentiment
from petful.sns.crypto import Sealed, TokenBox, TokenKeyError
from petful.sns.models import (
    SCHEMA,
    Account,
    AnalyticsRow,
    Comment,
    Media,
    ModerationLog,
    ModerationSettings,
)
from petful.sns.rules import AccountStatus

Clock = Callable[[], datetime]
# Meta's long-lived user tokens last about 60 days; used when the exchange does not say.
DEFAULT_TOKEN_TTL = timedelta(days=60)
LOCK_PREFIX = "petful:sns:sync:"
log = logging.getLogger(__name__)


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- callers -------------------------------------------------------------------------------


def _is_owner(actor: Principal, account: Account) -> bool:
    return actor.is_authenticated and actor.user_id == str(account.owner_user_id)


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
    account = await repository.get_account(
        session, uuid_field("account_id", raw_id), for_update=for_update
    )
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
    # Comments (with replies) of the posts whose comments were read this time.
    comments: dict[str, list[graph.Comment]] = field(default_factory=dict)
    # First day of month -> summed insights.
    insights: dict[date, dict[str, int]] = field(default_factory=dict)


async def fetch_snapshot(
    client: graph.GraphClient,
    ig_user_id: str,
    token: str,
    *,
    settings: Settings | None = None,
    now: datetime | None = None,
    known_counts: dict[str, int] | None = None,
) -> Snapshot:
    """Profile and media; with settings and now also comments and insights.

    known_counts None is a first sync: comments of every post that has any, and
    settings.sns_insight_months of insights. Otherwise comments of recent posts and of posts
    whose comment count changed, and this and last month's insights."""
    profile = await client.profile(ig_user_id, token)
    media = await client.media(ig_user_id, token)
    if settings is None or now is None:
        return Snapshot(profile=profile, media=media)
    recent = now - timedelta(days=max(0, settings.sns_comment_sync_days))
    comments: dict[str, list[graph.Comment]] = {}
    for m in media:
        if not m.ig_media_id or m.comments_count <= 0:
            continue
        if (
            known_counts is not None
            and known_counts.get(m.ig_media_id) == m.comments_count
            and m.posted_at <= recent
        ):
            continue
        try:
            comments[m.ig_media_id] = await client.comments(m.ig_media_id, token)
        except (graph.TokenInvalid, graph.RateLimited, graph.GraphUnavailable):
            raise
        except graph.GraphError:
            continue  # e.g. the post was deleted meanwhile: the rest still syncs
    months = rules.months_back(
        now.date(), max(1, settings.sns_insight_months) if known_counts is None else 2
    )
    insights: dict[date, dict[str, int]] = {}
    for month in months:
        total: dict[str, int] = {}
        for start, end in rules.insight_windows(month):
            since = datetime(start.year, start.month, start.day, tzinfo=UTC)
            until = min(datetime(end.year, end.month, end.day, tzinfo=UTC), now)
            if since >= until:
                continue
            try:
                part = await client.insights(ig_user_id, token, since=since, until=until)
            except (graph.TokenInvalid, graph.RateLimited, graph.GraphUnavailable):
                raise
            except graph.GraphError:
                continue
            for k, v in part.items():
                total[k] = total.get(k, 0) + v
        if total:
            insights[month] = total
    return Snapshot(profile=profile, media=media, comments=comments, insights=insights)


@dataclass(frozen=True)
class Moderator:
    """What applying a snapshot needs to classify and auto-moderate new comments."""

    classifier: sentiment.Classifier
    client: graph.GraphClient
    token: str


async def _apply_snapshot(
    session: AsyncSession,
    account: Account,
    snap: Snapshot,
    now: datetime,
    *,
    settings: Settings | None = None,
    moderator: Moderator | None = None,
    known_media: set[str] | None = None,
) -> None:
    """Store what a sync read. known_media (the post ids stored before a re-sync) makes
    every post seen for the first time emit sns.post.published (not on the first sync)."""
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
            "shortcode": rules.shortcode_of(m.permalink) or "",
            "paid_partnership": m.paid_partnership,
        }
        for m in snap.media
        if m.ig_media_id
    }
    await repository.upsert_media(session, account.id, list(rows.values()), now)
    await repository.delete_media_not_in(session, account.id, list(rows))
    if known_media is not None:
        for media_id, row in rows.items():
            if media_id in known_media:
                continue
            await _events(
                session,
                account,
                now,
                rules.TOPIC_POST_PUBLISHED,
                ig_media_id=media_id,
                permalink=row["permalink"],
                shortcode=row["shortcode"],
                posted_at=row["posted_at"].isoformat(),  # type: ignore[attr-defined]
                caption=row["caption"],
                paid_partnership=rules.is_sponsored(
                    str(row["caption"]), bool(row["paid_partnership"])
                ),
            )
    await repository.record_followers(session, account.id, now.date(), p.followers_count)
    for month, values in snap.insights.items():
        await repository.upsert_insight(session, account.id, month, values, now)
    if moderator is not None:
        await _ingest_comments(session, account, snap, now, moderator)
    if settings is not None:
        await compute_and_store_analytics(session, account, settings=settings, now=now)


async def _ingest_comments(
    session: AsyncSession, account: Account, snap: Snapshot, now: datetime, mod: Moderator
) -> None:
    """New comments are classified, checked against banned words and, when the owner
    turned auto-moderation on, hidden (or deleted) on Instagram with a logged decision.
    Known comments only get their text and likes refreshed (never their state)."""
    known = await repository.comment_ids(session, account.id)
    conf = await _settings_of(session, account.id, now)
    words = list(conf.banned_words)
    fresh: list[graph.Comment] = []
    seen: list[dict[str, Any]] = []
    for comments in snap.comments.values():
        for c in comments:
            if c.ig_comment_id in known:
                seen.append(
                    {
                        "ig_comment_id": c.ig_comment_id,
                        "text": c.text,
                        "like_count": c.like_count,
                        "username": c.username,
                    }
                )
            else:
                known.add(c.ig_comment_id)
                fresh.append(c)
    await repository.refresh_comments(session, account.id, seen, now)
    for c in fresh:
        mood = await sentiment.classify_or_fallback(mod.classifier, c.text)
        hits = rules.banned_hits(c.text, words)
        row = Comment(
            id=uuid.uuid4(),
            account_id=account.id,
            ig_comment_id=c.ig_comment_id,
            ig_media_id=c.ig_media_id,
            parent_ig_comment_id=c.parent_ig_comment_id,
            username=c.username,
            text=c.text,
            like_count=c.like_count,
            posted_at=c.posted_at,
            sentiment=mood.value,
            state=(rules.CommentState.HIDDEN if c.hidden else rules.CommentState.VISIBLE).value,
            banned_hits=hits,
            moderation_reason="",
            first_seen_at=now,
            synced_at=now,
        )
        await repository.add_row(session, row)
        decision = rules.auto_decision(
            enabled=conf.auto_moderation,
            action=rules.ModAction(conf.action),
            moderate_negative=conf.moderate_negative,
            sentiment=mood,
            hits=hits,
            by_owner=bool(account.username) and c.username == account.username,
        )
        if decision is None or c.hidden:
            continue
        action, reason = decision
        row.pending_action, row.moderation_reason = action.value, reason
    # New decisions and those Instagram refused at an earlier sync.
    for row in await repository.pending_comments(session, account.id):
        await _apply_pending(session, account, row, mod, now)


async def _apply_pending(
    session: AsyncSession, account: Account, row: Comment, mod: Moderator, now: datetime
) -> None:
    """Take a decided automatic action on Instagram; when Instagram refuses (rate limit,
    outage) the action stays pending and the next sync tries again."""
    if row.pending_action is None:
        return
    action = rules.ModAction(row.pending_action)
    try:
        await _apply_on_instagram(mod.client, mod.token, row.ig_comment_id, action)
    except graph.GraphError as e:
        log.warning("auto-moderation of comment %s failed, retried next sync: %s", row.id, e)
        return
    row.pending_action = None
    await _record_decision(
        session,
        account,
        row,
        action,
        row.moderation_reason,
        by=rules.BY_RULE,
        user_id=None,
        now=now,
    )


async def _apply_on_instagram(
    client: graph.GraphClient, token: str, ig_comment_id: str, action: rules.ModAction
) -> None:
    if action is rules.ModAction.DELETE:
        await client.delete_comment(ig_comment_id, token)
    else:
        await client.hide_comment(ig_comment_id, token, hide=action is rules.ModAction.HIDE)


async def _record_decision(
    session: AsyncSession,
    account: Account,
    comment: Comment,
    action: rules.ModAction,
    reason: str,
    *,
    by: str,
    user_id: uuid.UUID | None,
    now: datetime,
) -> None:
    comment.state = {
        rules.ModAction.HIDE: rules.CommentState.HIDDEN,
        rules.ModAction.UNHIDE: rules.CommentState.VISIBLE,
        rules.ModAction.DELETE: rules.CommentState.DELETED,
    }[action].value
    comment.moderated_at = now
    comment.moderation_reason = reason
    entry = ModerationLog(
        id=uuid.uuid4(),
        account_id=account.id,
        comment_id=comment.id,
        action=action.value,
        reason=reason,
        by=by,
        by_user_id=user_id,
        at=now,
    )
    await repository.add_row(session, entry)
    await outbox.add_event(
        session,
        SCHEMA,
        rules.TOPIC_COMMENT_MODERATED,
        {
            "account_id": str(account.id),
            "owner_user_id": str(account.owner_user_id),
            "comment_id": str(comment.id),
            "ig_comment_id": comment.ig_comment_id,
            "ig_media_id": comment.ig_media_id,
            "action": action.value,
            "state": comment.state,
            "reason": reason,
            "by": by,
        },
        now=now,
    )


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
    classifier: sentiment.Classifier | None = None,
) -> Account:
    """Exchange the token, pick the business account, sync it and store it LINKED.

    The same owner linking the same Instagram account again refreshes its token (and
    revives it from NEEDS_REAUTH); another owner's active link is ALREADY_EXISTS."""
    owner = caller_id(actor)
    classifier = classifier or sentiment.LexiconClassifier()
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
        snap = await fetch_snapshot(
            client, chosen, long_lived.access_token, settings=settings, now=now
        )
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
    moderator = Moderator(classifier, client, long_lived.access_token)
    await _apply_snapshot(session, account, snap, now, settings=settings, moderator=moderator)
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
    return await repository.accounts_of_owner(session, caller_id(actor))


async def analytics_summaries(
    session: AsyncSession, accounts: list[Account]
) -> dict[uuid.UUID, dict[str, Any]]:
    """The stored analytics of the accounts (for the accounts list), by account id."""
    rows = await repository.analytics_for(session, [a.id for a in accounts])
    return {r.account_id: dict(r.data) for r in rows}


async def list_user_accounts(
    session: AsyncSession, *, actor: Principal, owner_user_id: str, include_unlinked: bool
) -> list[Account]:
    """ADMIN: a user's accounts and their sync status."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    if not actor.has_role(rules.ADMIN_ROLE):
        raise PermissionDenied("only admins may list another user's Instagram accounts")
    v = Violations()
    owner: uuid.UUID | None = v.check("owner_user_id", parse_uuid, owner_user_id)
    v.raise_if_any("the request has invalid fields")
    assert owner is not None
    return await repository.accounts_of_owner(session, owner, include_unlinked=include_unlinked)


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
    v.check("account_id", parse_uuid, account_id)
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
    """Forget the token and everything synced (media, comments, insights, analytics,
    follower history, moderation settings and log) and mark the account UNLINKED
    (idempotent for the owner)."""
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
    await repository.forget_synced_data(session, account.id)
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
    classifier: sentiment.Classifier | None = None,
) -> Account:
    """Re-read profile, media, comments and insights of a LINKED account and recompute
    its analytics (the caller holds its SyncLock).

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
        return await _needs_reauth(session, account, now, f"Instagram rejected the token: {e}")
    except graph.GraphError as e:
        account.last_sync_error = rules.clip_error(str(e))
        account.updated_at = now
        await repository.flush(session)
        return account
    moderator = Moderator(classifier or sentiment.LexiconClassifier(), client, token)
    await _apply_snapshot(
        session,
        account,
        snap,
        now,
        settings=settings,
        moderator=moderator,
        known_media=set(known) if known is not None else None,
    )
    await _events(
        session, account, now, rules.TOPIC_SYNCED, followers_count=account.followers_count
    )
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
    """Exchange a long-lived token that expires within settings.sns_token_refresh_days for
    a fresh one (Meta allows re-exchanging a valid long-lived token). None when Instagram
    rejected it (the account now NEEDS_REAUTH); other failures keep the current token."""
    due = now + timedelta(days=max(0, settings.sns_token_refresh_days))
    if account.token_expires_at is None or account.token_expires_at > due:
        return token
    try:
        fresh = await client.exchange_token(token)
    except graph.TokenInvalid as e:
        await _needs_reauth(session, account, now, f"Instagram rejected the token: {e}")
        return None
    except graph.GraphError as e:
        log.warning("token refresh of sns account %s failed: %s", account.id, e)
        return token
    sealed = box.seal(fresh.access_token, context=str(account.id))
    account.token_ciphertext = sealed.ciphertext
    account.token_key_id = sealed.key_id
    account.token_expires_at = now + (
        timedelta(seconds=fresh.expires_in) if fresh.expires_in else DEFAULT_TOKEN_TTL
    )
    account.updated_at = now
    await repository.flush(session)
    return fresh.access_token


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
    classifier: sentiment.Classifier | None = None,
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
    """The task's sync: False when the account is gone, not LINKED or already syncing
    (the lock is held until the caller's transaction ends)."""
    if not await _hold_lock(session, settings, account_id):
        return False
    account = await repository.get_account(session, account_id, for_update=True)
    if account is None or account.status_enum is not AccountStatus.LINKED:
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


async def linked_account_ids(session: AsyncSession) -> list[uuid.UUID]:
    return await repository.linked_account_ids(session)


# --- analytics -------------------------------------------------------------------------------


def _analytics_post(m: Media) -> rules.AnalyticsPost:
    return rules.AnalyticsPost(
        ig_media_id=m.ig_media_id,
        posted_at=m.posted_at,
        like_count=m.like_count,
        comments_count=m.comments_count,
        permalink=m.permalink,
        caption=m.caption,
        paid_partnership=m.paid_partnership,
    )


async def compute_and_store_analytics(
    session: AsyncSession, account: Account, *, settings: Settings, now: datetime
) -> rules.Analytics:
    """Recompute the account's analytics from the stored rows and store them."""
    posts = [_analytics_post(m) for m in await repository.media_of(session, account.id)]
    history = await repository.follower_history(session, account.id)
    result = rules.compute_analytics(
        posts,
        followers=account.followers_count,
        follows=account.follows_count,
        follower_days=[(h.day, h.followers) for h in history],
        now=now,
        last_n=max(1, settings.sns_engagement_posts),
    )
    data = asdict(result)
    data["top_posts"] = [
        {**asdict(p), "posted_at": p.posted_at.isoformat()} for p in result.top_posts
    ]
    await repository.save_analytics(session, account.id, data, now)
    return result


@dataclass(frozen=True)
class AccountAnalytics:
    account: Account
    computed_at: datetime | None
    data: dict[str, Any]
    insights: list[Any]
    top_posts: list[Media]


async def get_analytics(
    session: AsyncSession, *, actor: Principal, account_id: str
) -> AccountAnalytics:
    account = await _visible(session, actor, account_id, admin=True, service=True)
    row: AnalyticsRow | None = await repository.analytics_of(session, account.id)
    insights = await repository.insights_of(session, account.id)
    data: dict[str, Any] = dict(row.data) if row is not None else {}
    tops: list[Media] = []
    by_id = {m.ig_media_id: m for m in await repository.media_of(session, account.id)}
    for p in data.get("top_posts", []):
        m = by_id.get(str(p.get("ig_media_id")))
        if m is not None:
            tops.append(m)
    return AccountAnalytics(
        account=account,
        computed_at=row.computed_at if row is not None else None,
        data=data,
        insights=insights,
        top_posts=tops,
    )


# --- posts by url ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostView:
    media: Media

    @property
    def sponsored(self) -> bool:
        return rules.is_sponsored(self.media.caption, self.media.paid_partnership)


async def get_post_by_url(
    session: AsyncSession, *, actor: Principal, account_id: str, url: str
) -> PostView:
    """The synced post of the account with the shortcode of url (owner, ADMIN, SERVICE)."""
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    code: str | None = v.check("url", rules.check_post_url, url)
    v.raise_if_any("the post request has invalid fields")
    assert code is not None
    account = await _visible(session, actor, account_id, admin=True, service=True)
    media = await repository.media_by_shortcode(session, account.id, code)
    if media is None:
        raise NotFound("this Instagram account has no synced post with that link (yet)")
    return PostView(media)


async def get_post_figures(
    session: AsyncSession, *, actor: Principal, urls: list[str], account_id: str
) -> list[PostView]:
    """Posts of the urls in the order asked, unknown ones left out (SERVICE, ADMIN)."""
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    if not actor.has_role(SERVICE_ROLE, rules.ADMIN_ROLE):
        raise PermissionDenied("post figures are for internal services and admins")
    v = Violations()
    codes: list[str] | None = v.check("urls", rules.check_post_urls, urls)
    owner_filter: uuid.UUID | None = None
    if account_id.strip():
        owner_filter = v.check("account_id", parse_uuid, account_id)
    v.raise_if_any("the figures request has invalid fields")
    assert codes is not None
    found = await repository.media_by_shortcodes(session, codes, owner_filter)
    by_code: dict[str, Media] = {}
    for m in sorted(found, key=lambda m: m.synced_at):
        by_code[m.shortcode] = m
    out: list[PostView] = []
    for code in codes:
        if code in by_code:
            out.append(PostView(by_code[code]))
    return out


# --- moderation ------------------------------------------------------------------------------


async def _settings_of(
    session: AsyncSession, account_id: uuid.UUID, now: datetime
) -> ModerationSettings:
    """The stored settings, or the defaults (off, HIDE, negative comments count, no words)
    without storing them."""
    conf = await repository.moderation_settings(session, account_id)
    if conf is not None:
        return conf
    return ModerationSettings(
        account_id=account_id,
        auto_moderation=False,
        action=rules.ModAction.HIDE.value,
        moderate_negative=True,
        banned_words=[],
        updated_at=now,
    )


async def get_moderation_settings(
    session: AsyncSession, *, actor: Principal, now: datetime, account_id: str
) -> ModerationSettings:
    account = await _visible(session, actor, account_id, admin=False, service=False)
    return await _settings_of(session, account.id, now)


def _check_auto_action(raw: str) -> rules.ModAction:
    action = rules.ModAction(raw) if raw else rules.ModAction.HIDE
    if action not in rules.AUTO_ACTIONS:
        raise RuleError("must be HIDE or DELETE")
    return action


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
    act: rules.ModAction | None = v.check("action", _check_auto_action, action)
    words: list[str] | None = v.check("banned_words", rules.check_banned_words, banned_words)
    v.raise_if_any("the moderation settings are invalid")
    assert act is not None
    assert words is not None
    account = await _visible(session, actor, account_id, admin=False, service=False)
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
    await _events(
        session,
        account,
        now,
        rules.TOPIC_MODERATION_SETTINGS,
        auto_moderation=auto_moderation,
        action=act.value,
        banned_words=len(words),
    )
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
    clean: list[str] | None = v.check("words", rules.check_banned_words, words)
    if clean is not None and not clean:
        v.add("words", "is required")
    v.raise_if_any("the banned words are invalid")
    assert clean is not None
    account = await _visible(session, actor, account_id, admin=False, service=False)
    await repository.lock_account(session, account.id)  # one change at a time per account
    conf = await repository.moderation_settings(session, account.id, for_update=True)
    if conf is None:
        conf = ModerationSettings(
            account_id=account.id,
            auto_moderation=False,
            action=rules.ModAction.HIDE.value,
            moderate_negative=True,
            banned_words=[],
            updated_at=now,
        )
        await repository.add_row(session, conf)
    current = list(conf.banned_words)
    if add:
        merged = v.check("words", rules.check_banned_words, current + clean)
        v.raise_if_any("the banned words are invalid")
        conf.banned_words = list(merged or [])
    else:
        drop = {rules.squash(w) for w in clean}
        conf.banned_words = [w for w in current if rules.squash(w) not in drop]
    conf.updated_at = now
    await repository.flush(session)
    await _events(
        session,
        account,
        now,
        rules.TOPIC_MODERATION_SETTINGS,
        auto_moderation=conf.auto_moderation,
        action=conf.action,
        banned_words=len(conf.banned_words),
    )
    return conf


SORT_NAMES = ("NEWEST", "OLDEST", "MOST_LIKED")


@dataclass(frozen=True)
class CommentPage:
    comments: list[Comment]
    next_cursor: str


async def list_comments(
    session: AsyncSession,
    *,
    actor: Principal,
    account_id: str,
    sentiment_filter: str,
    moderated: str,
    text: str,
    sort: str,
    page_size: int,
    cursor: str,
    ig_media_id: str = "",
) -> CommentPage:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    is_moderated: bool | None = v.check("moderated", rules.check_moderated_filter, moderated)
    needle: str | None = v.check("text", rules.check_search_text, text)
    size: int | None = v.check("page_size", rules.check_page_size, page_size)
    offset: int | None = v.check("cursor", rules.decode_offset, cursor)
    if sentiment_filter and sentiment_filter not in rules.Sentiment.__members__:
        v.add("sentiment", "must be POSITIVE, NEGATIVE or NEUTRAL")
    if sort and sort not in SORT_NAMES:
        v.add("sort", "must be NEWEST, OLDEST or MOST_LIKED")
    v.raise_if_any("the comment search has invalid fields")
    assert size is not None
    assert offset is not None
    assert needle is not None
    account = await _visible(session, actor, account_id, admin=False, service=False)
    rows = await repository.search_comments(
        session,
        account.id,
        sentiment=sentiment_filter or None,
        moderated=is_moderated,
        text=needle,
        ig_media_id=ig_media_id.strip(),
        sort=sort or "NEWEST",
        offset=offset,
        limit=size + 1,
    )
    more = len(rows) > size
    return CommentPage(rows[:size], rules.encode_offset(offset + size) if more else "")


def _comment_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise RuleError("must be a valid id") from None


def _check_manual_action(raw: str) -> rules.ModAction:
    if not raw:
        raise RuleError("is required: HIDE, UNHIDE or DELETE")
    return rules.ModAction(raw)


async def moderate_comment(
    session: AsyncSession,
    *,
    actor: Principal,
    box: TokenBox,
    client: graph.GraphClient,
    now: datetime,
    comment_id: str,
    action: str,
) -> Comment:
    """The owner hides, unhides or deletes a comment on Instagram; logged and evented."""
    v = Violations()
    cid: uuid.UUID | None = v.check("comment_id", _comment_id, comment_id)
    act: rules.ModAction | None = v.check("action", _check_manual_action, action)
    v.raise_if_any("the moderation request has invalid fields")
    assert cid is not None
    assert act is not None
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    comment = await repository.get_comment(session, cid, for_update=True)
    if comment is None:
        raise NotFound("comment not found")
    try:
        account = await _visible(
            session, actor, str(comment.account_id), admin=False, service=False
        )
    except NotFound:
        raise NotFound("comment not found") from None
    try:
        rules.transition(rules.CommentState(comment.state), act)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    if account.status_enum is not AccountStatus.LINKED:
        raise FailedPrecondition("link the Instagram account again to moderate its comments")
    try:
        token = box.open(
            Sealed(account.token_ciphertext or b"", account.token_key_id or ""),
            context=str(account.id),
        )
    except TokenKeyError:
        raise FailedPrecondition("the stored Instagram token is unusable: link again") from None
    try:
        await _apply_on_instagram(client, token, comment.ig_comment_id, act)
    except graph.TokenInvalid:
        await _needs_reauth(session, account, now, "Instagram rejected the token")
        raise FailedPrecondition("Instagram no longer accepts the token: link again") from None
    except graph.GraphError as e:
        raise _graph_problem(e) from None
    comment.pending_action = None  # the owner's decision replaces a pending automatic one
    await _record_decision(
        session,
        account,
        comment,
        act,
        "manual",
        by=rules.BY_USER,
        user_id=caller_id(actor),
        now=now,
    )
    await repository.flush(session)
    return comment


@dataclass(frozen=True)
class ModerationStatsView:
    account: Account
    counts: rules.CommentCounts


async def moderation_stats(
    session: AsyncSession, *, actor: Principal, account_id: str
) -> ModerationStatsView:
    account = await _visible(session, actor, account_id, admin=False, service=False)
    c = await repository.comment_counts(session, account.id)
    # Banned-word hits are counted against the current word list (words added later count
    # for older comments too), one per comment however many words it holds.
    conf = await repository.moderation_settings(session, account.id)
    c["banned"] = 0
    if conf is not None and conf.banned_words:
        words = list(conf.banned_words)
        texts = await repository.comment_texts(session, account.id)
        c["banned"] = sum(1 for t in texts if rules.banned_hits(t, words))
    return ModerationStatsView(
        account,
        rules.CommentCounts(
            total=c["total"],
            hidden=c["hidden"],
            deleted=c["deleted"],
            banned=c["banned"],
            positive=c["positive"],
            negative=c["negative"],
            neutral=c["neutral"],
        ),
    )


@dataclass(frozen=True)
class LogPage:
    entries: list[ModerationLog]
    next_cursor: str


async def moderation_log(
    session: AsyncSession, *, actor: Principal, account_id: str, page_size: int, cursor: str
) -> LogPage:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    size: int | None = v.check("page_size", rules.check_page_size, page_size)
    offset: int | None = v.check("cursor", rules.decode_offset, cursor)
    v.raise_if_any("the log request has invalid fields")
    assert size is not None
    assert offset is not None
    account = await _visible(session, actor, account_id, admin=False, service=False)
    rows = await repository.moderation_log(session, account.id, offset=offset, limit=size + 1)
    more = len(rows) > size
    return LogPage(rows[:size], rules.encode_offset(offset + size) if more else "")
