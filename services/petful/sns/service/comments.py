"""Comments: ingesting new ones at a sync (classified and auto-moderated), the owner's
search, and the owner's hide / unhide / delete. Every decision is logged and evented."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform import outbox
from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import FailedPrecondition, NotFound, Unauthenticated
from petful.platform.logging import get_logger
from petful.platform.paging import Page, check_page_size, decode_cursor, encode_cursor, page_of
from petful.platform.validation import RuleError, Violations, parse_uuid
from petful.sns import graph, repository, sentiment
from petful.sns.crypto import TokenBox, TokenKeyError
from petful.sns.models import SCHEMA, Account, Comment, ModerationLog
from petful.sns.rules import moderation as rules
from petful.sns.rules.accounts import AccountStatus
from petful.sns.rules.moderation import CommentState, ModAction
from petful.sns.service.access import graph_problem, open_token, visible
from petful.sns.service.accounts import needs_reauth
from petful.sns.service.moderation import settings_of

log = get_logger(__name__)


@dataclass(frozen=True)
class Moderator:
    """What a sync needs to classify and auto-moderate new comments."""

    classifier: sentiment.Classifier
    client: graph.GraphClient
    token: str

    @classmethod
    def of(
        cls, client: graph.GraphClient, token: str, classifier: sentiment.Classifier | None
    ) -> Moderator:
        """The lexicon classifier when none is configured."""
        return cls(classifier or sentiment.LexiconClassifier(), client, token)


# --- at a sync -------------------------------------------------------------------------------


async def ingest_comments(
    session: AsyncSession,
    account: Account,
    comments: dict[str, list[graph.Comment]],
    now: datetime,
    mod: Moderator,
) -> None:
    """New comments are classified, checked against banned words and, when the owner
    turned auto-moderation on, hidden (or deleted) on Instagram with a logged decision.
    Known comments only get their text and likes refreshed (never their state)."""
    known = await repository.comment_ids(session, account.id)
    conf = await settings_of(session, account.id, now)
    words = list(conf.banned_words)
    fresh: list[graph.Comment] = []
    seen: list[dict[str, Any]] = []
    for of_post in comments.values():
        for c in of_post:
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
            state=(CommentState.HIDDEN if c.hidden else CommentState.VISIBLE).value,
            banned_hits=hits,
            moderation_reason="",
            first_seen_at=now,
            synced_at=now,
        )
        await repository.add_row(session, row)
        decision = rules.auto_decision(
            enabled=conf.auto_moderation,
            action=ModAction(conf.action),
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
    action = ModAction(row.pending_action)
    try:
        await _apply_on_instagram(mod.client, mod.token, row.ig_comment_id, action)
    except graph.GraphError as e:
        log.warning(
            "auto-moderation failed, retried next sync", comment_id=str(row.id), error=str(e)
        )
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
    client: graph.GraphClient, token: str, ig_comment_id: str, action: ModAction
) -> None:
    if action is ModAction.DELETE:
        await client.delete_comment(ig_comment_id, token)
    else:
        await client.hide_comment(ig_comment_id, token, hide=action is ModAction.HIDE)


async def _record_decision(
    session: AsyncSession,
    account: Account,
    comment: Comment,
    action: ModAction,
    reason: str,
    *,
    by: str,
    user_id: uuid.UUID | None,
    now: datetime,
) -> None:
    comment.state = rules.STATE_AFTER[action].value
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
    event = contract.CommentModerated(
        account_id=account.id,
        owner_user_id=account.owner_user_id,
        comment_id=comment.id,
        ig_comment_id=comment.ig_comment_id,
        ig_media_id=comment.ig_media_id,
        action=action.value,
        state=comment.state,
        reason=reason,
        by=by,
    )
    await outbox.add_event(session, SCHEMA, contract.COMMENT_MODERATED, event, now=now)


# --- the owner's search ----------------------------------------------------------------------


def _comment_cursor(c: Comment) -> str:
    return encode_cursor(c.posted_at, c.id)


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
) -> Page[Comment]:
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    mood = v.check("sentiment", rules.check_sentiment_filter, sentiment_filter)
    is_moderated = v.check("moderated", rules.check_moderated_filter, moderated)
    needle = v.check("text", rules.check_search_text, text)
    order = v.check("sort", rules.check_sort, sort)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the comment search has invalid fields")
    account = await visible(session, actor, account_id, admin=False, service=False)
    rows = await repository.search_comments(
        session,
        account.id,
        sentiment=mood,
        moderated=is_moderated,
        text=needle,
        ig_media_id=ig_media_id.strip(),
        sort=order,
        after=after,
        limit=size + 1,
    )
    return page_of(rows, size, _comment_cursor)


# --- the owner's decisions -------------------------------------------------------------------


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
    cid = v.check("comment_id", parse_uuid, comment_id)
    act = v.check("action", rules.check_manual_action, action)
    v.raise_if_any("the moderation request has invalid fields")
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    comment = await repository.get_comment(session, cid, for_update=True)
    if comment is None:
        raise NotFound("comment not found")
    try:
        account = await visible(session, actor, str(comment.account_id), admin=False, service=False)
    except NotFound:
        raise NotFound("comment not found") from None
    try:
        rules.transition(CommentState(comment.state), act)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    if account.status_enum is not AccountStatus.LINKED:
        raise FailedPrecondition("link the Instagram account again to moderate its comments")
    try:
        token = open_token(box, account)
    except TokenKeyError:
        raise FailedPrecondition("the stored Instagram token is unusable: link again") from None
    try:
        await _apply_on_instagram(client, token, comment.ig_comment_id, act)
    except graph.TokenInvalid:
        await needs_reauth(session, account, now, "Instagram rejected the token")
        raise FailedPrecondition("Instagram no longer accepts the token: link again") from None
    except graph.GraphError as e:
        raise graph_problem(e) from None
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
