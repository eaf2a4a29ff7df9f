"""/api/v1/sns: the signed-in user's linked Instagram business accounts."""

from __future__ import annotations

import contextlib
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, status
from fastapi.responses import JSONResponse

from petful.edge import clients
from petful.edge.auth import AdminUser, CurrentUser
from petful.edge.common import Page, PageSize
from petful.edge.problems import PROBLEM_BASE, problem
from petful.edge.sns.schemas import (
    ACTION_PB,
    SENTIMENT_PB,
    SORT_PB,
    Account,
    AccountList,
    AccountSummary,
    AccountWithMetrics,
    Analytics,
    BannedWordsIn,
    CommentOut,
    LinkChoiceProblem,
    LinkCompleteIn,
    LinkIn,
    LinkStartIn,
    LinkStartOut,
    LogEntry,
    Metrics,
    ModerationSettingsIn,
    ModerationSettingsOut,
    ModerationStats,
    MyAccountList,
    Post,
    SentimentName,
    SortName,
)
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.platform.errors import Conflict
from petful.platform.grpc_client import call

router = APIRouter(prefix="/api/v1/sns", tags=["sns"])

DEFAULT_WINDOW_DAYS = 90


@router.post("/accounts", status_code=status.HTTP_201_CREATED, response_model=Account)
async def link_account(body: LinkIn, user: CurrentUser) -> Account:
    """Link an Instagram business account with a short-lived Facebook user token (API
    clients with a Facebook login of their own; people link through /link/start). The
    first sync runs before the answer. 409 if another user linked that account."""
    r = await clients.sns().LinkAccount(body.to_pb())
    return Account.from_pb(r)


@router.post("/link/start", response_model=LinkStartOut)
async def start_link(body: LinkStartIn, user: CurrentUser) -> LinkStartOut:
    """Start linking through Facebook Login: send the browser to `authorize_url`. Facebook
    sends the person back to redirect_uri with `code` and `state` (or `error` when they
    cancelled), which go to /link/complete within 10 minutes, once, by this user."""
    r = await clients.sns().StartLink(pb.StartLinkRequest(redirect_uri=body.redirect_uri))
    return LinkStartOut(authorize_url=r.authorize_url)


@router.post(
    "/link/complete",
    status_code=status.HTTP_201_CREATED,
    response_model=Account,
    responses={
        422: {
            "model": LinkChoiceProblem,
            "description": "Invalid fields, an expired or used state, a refused code, or "
            "(with `choices`) the Instagram account to link must be chosen.",
        }
    },
)
async def complete_link(body: LinkCompleteIn, user: CurrentUser) -> Account | JSONResponse:
    """Finish linking with what Facebook sent back: the linked account after its first
    sync (201). When the Facebook user has several Instagram accounts, a 422 naming
    ig_user_id lists the `choices`; send the state again with one of them and no code.
    409 (type .../instagram-link-cancelled) when the person cancelled the dialog."""
    r = await clients.sns().CompleteLink(body.to_pb())
    if r.WhichOneof("result") == "choices":
        return problem(
            422,
            "Choose the Instagram account",
            type_=PROBLEM_BASE + "validation",
            detail="This Facebook user has several Instagram accounts: choose the one to link.",
            errors=[{"field": "ig_user_id", "reason": r.choices.reason}],
            choices=[
                {"ig_user_id": c.ig_user_id, "username": c.username} for c in r.choices.accounts
            ],
        )
    return Account.from_pb(r.account)


@router.get("/accounts", response_model=MyAccountList)
async def list_accounts(user: CurrentUser) -> MyAccountList:
    """My linked accounts, each with its current figures (followers, engagement rate,
    averages, growth) from the last sync."""
    r = await clients.sns().ListMyAccounts(pb.ListMyAccountsRequest())
    summaries = {s.account_id: AccountSummary.from_pb(s) for s in r.summaries}
    return MyAccountList(
        items=[
            AccountWithMetrics(**Account.from_pb(a).model_dump(), metrics=summaries.get(a.id))
            for a in r.accounts
        ]
    )


@router.get("/accounts/{account_id}", response_model=Account)
async def get_account(account_id: UUID, user: CurrentUser) -> Account:
    r = await clients.sns().GetAccount(pb.GetAccountRequest(account_id=str(account_id)))
    return Account.from_pb(r)


@router.get("/accounts/{account_id}/metrics", response_model=Metrics)
async def get_metrics(
    account_id: UUID,
    user: CurrentUser,
    window_days: Annotated[int, Query(ge=1, le=365)] = DEFAULT_WINDOW_DAYS,
) -> Metrics:
    """Followers, engagement rate over the latest posts, and the posts of the window."""
    r = await clients.sns().GetAccountMetrics(
        pb.GetAccountMetricsRequest(account_id=str(account_id), window_days=window_days)
    )
    return Metrics.from_pb(r, window_days)


@router.post("/accounts/{account_id}/sync", response_model=Account)
async def sync_account(account_id: UUID, user: CurrentUser) -> Account:
    """Sync now. 409 while another sync of the account runs or when it needs re-linking."""
    r = await clients.sns().SyncAccount(pb.SyncAccountRequest(account_id=str(account_id)))
    return Account.from_pb(r)


@router.delete("/accounts/{account_id}", response_model=Account)
async def unlink_account(account_id: UUID, user: CurrentUser) -> Account:
    """Unlink: the stored token is deleted and the account leaves the list."""
    r = await clients.sns().UnlinkAccount(pb.UnlinkAccountRequest(account_id=str(account_id)))
    return Account.from_pb(r)


@router.get("/accounts/{account_id}/analytics", response_model=Analytics)
async def get_analytics(account_id: UUID, user: CurrentUser) -> Analytics:
    """Analytics computed at the last sync: engagement, 30-day changes, posting frequency,
    follower growth, top posts, sponsored vs organic, a credibility heuristic, insights."""
    r = await clients.sns().GetAccountAnalytics(
        pb.GetAccountAnalyticsRequest(account_id=str(account_id))
    )
    return Analytics.from_pb(r)


@router.get("/accounts/{account_id}/moderation", response_model=ModerationSettingsOut)
async def get_moderation(account_id: UUID, user: CurrentUser) -> ModerationSettingsOut:
    r = await clients.sns().GetModerationSettings(
        pb.GetModerationSettingsRequest(account_id=str(account_id))
    )
    return ModerationSettingsOut.from_pb(r)


@router.put("/accounts/{account_id}/moderation", response_model=ModerationSettingsOut)
async def put_moderation(
    account_id: UUID, body: ModerationSettingsIn, user: CurrentUser
) -> ModerationSettingsOut:
    """Replace the moderation settings (auto-moderation, action, banned words)."""
    r = await clients.sns().UpdateModerationSettings(body.to_pb(str(account_id)))
    return ModerationSettingsOut.from_pb(r)


@router.post("/accounts/{account_id}/moderation/banned-words", response_model=ModerationSettingsOut)
async def add_banned_words(
    account_id: UUID, body: BannedWordsIn, user: CurrentUser
) -> ModerationSettingsOut:
    """Add banned words (duplicates after normalisation are ignored)."""
    r = await clients.sns().AddBannedWords(
        pb.BannedWordsRequest(account_id=str(account_id), words=body.words)
    )
    return ModerationSettingsOut.from_pb(r)


@router.delete(
    "/accounts/{account_id}/moderation/banned-words/{word}", response_model=ModerationSettingsOut
)
async def remove_banned_word(
    account_id: UUID,
    word: Annotated[str, Path(min_length=1, max_length=50)],
    user: CurrentUser,
) -> ModerationSettingsOut:
    r = await clients.sns().RemoveBannedWords(
        pb.BannedWordsRequest(account_id=str(account_id), words=[word])
    )
    return ModerationSettingsOut.from_pb(r)


@router.get("/accounts/{account_id}/moderation/stats", response_model=ModerationStats)
async def get_moderation_stats(account_id: UUID, user: CurrentUser) -> ModerationStats:
    r = await clients.sns().GetModerationStats(
        pb.GetModerationStatsRequest(account_id=str(account_id))
    )
    return ModerationStats.from_pb(r)


@router.get("/accounts/{account_id}/moderation/log", response_model=Page[LogEntry])
async def get_moderation_log(
    account_id: UUID,
    user: CurrentUser,
    page_size: PageSize = 20,
    cursor: Annotated[str, Query(max_length=200)] = "",
) -> Page[LogEntry]:
    r = await clients.sns().ListModerationLog(
        pb.ListModerationLogRequest(account_id=str(account_id), page_size=page_size, cursor=cursor)
    )
    return Page[LogEntry](
        items=[LogEntry.from_pb(e) for e in r.entries], next_cursor=r.next_cursor or None
    )


@router.get("/accounts/{account_id}/comments", response_model=Page[CommentOut])
async def list_comments(
    account_id: UUID,
    user: CurrentUser,
    sentiment: SentimentName | None = None,
    moderated: bool | None = None,
    q: Annotated[str, Query(max_length=100, description="Text contains (any case)")] = "",
    media_id: Annotated[str, Query(max_length=40, pattern=r"^[0-9]*$")] = "",
    sort: SortName = "NEWEST",
    page_size: PageSize = 20,
    cursor: Annotated[str, Query(max_length=200)] = "",
) -> Page[CommentOut]:
    """Synced comments and replies, filtered, sorted and paged (next_cursor)."""
    r = await clients.sns().ListComments(
        pb.ListCommentsRequest(
            account_id=str(account_id),
            sentiment=SENTIMENT_PB[sentiment] if sentiment else pb.SENTIMENT_UNSPECIFIED,  # type: ignore[arg-type]
            moderated="" if moderated is None else ("yes" if moderated else "no"),
            text=q,
            sort=SORT_PB[sort],
            page_size=page_size,
            cursor=cursor,
            ig_media_id=media_id,
        )
    )
    return Page[CommentOut](
        items=[CommentOut.from_pb(c) for c in r.comments], next_cursor=r.next_cursor or None
    )


async def _moderate(comment_id: UUID, action: str) -> CommentOut:
    r = await clients.sns().ModerateComment(
        pb.ModerateCommentRequest(comment_id=str(comment_id), action=ACTION_PB[action]),  # type: ignore[arg-type]
    )
    return CommentOut.from_pb(r)


@router.post("/comments/{comment_id}/hide", response_model=CommentOut)
async def hide_comment(comment_id: UUID, user: CurrentUser) -> CommentOut:
    """Hide the comment on Instagram (reversible with unhide). 409 if not possible."""
    return await _moderate(comment_id, "HIDE")


@router.post("/comments/{comment_id}/unhide", response_model=CommentOut)
async def unhide_comment(comment_id: UUID, user: CurrentUser) -> CommentOut:
    return await _moderate(comment_id, "UNHIDE")


@router.post("/comments/{comment_id}/delete", response_model=CommentOut)
async def delete_comment(comment_id: UUID, user: CurrentUser) -> CommentOut:
    """Delete the comment on Instagram (not reversible)."""
    return await _moderate(comment_id, "DELETE")


@router.get("/posts/by-url", response_model=Post)
async def post_by_url(
    user: CurrentUser,
    account_id: UUID,
    url: Annotated[str, Query(min_length=1, max_length=2048)],
) -> Post:
    """The synced post of one of my accounts with this Instagram link (404 until synced)."""
    r = await clients.sns().GetPostByUrl(
        pb.GetPostByUrlRequest(account_id=str(account_id), url=url)
    )
    return Post.from_pb(r)


# --- admin -------------------------------------------------------------------------------------


@router.get("/admin/users/{user_id}/accounts", response_model=AccountList)
async def admin_user_accounts(
    user_id: UUID, admin: AdminUser, include_unlinked: bool = False
) -> AccountList:
    """ADMIN: a user's Instagram accounts with their sync status."""
    r = await clients.sns().ListUserAccounts(
        pb.ListUserAccountsRequest(owner_user_id=str(user_id), include_unlinked=include_unlinked)
    )
    return AccountList(items=[Account.from_pb(a) for a in r.accounts])


@router.post("/admin/users/{user_id}/sync", response_model=AccountList)
async def admin_sync_user(user_id: UUID, admin: AdminUser) -> AccountList:
    """ADMIN: sync every LINKED account of a user now. An account whose sync is already
    running is listed as it is (its running sync finishes the job)."""
    stub = clients.sns()
    r = await stub.ListUserAccounts(pb.ListUserAccountsRequest(owner_user_id=str(user_id)))
    items: list[Account] = []
    for a in r.accounts:
        if a.status == pb.ACCOUNT_STATUS_LINKED:
            # Conflict: a sync of this account is running already, and it finishes the job.
            with contextlib.suppress(Conflict):
                a = await call(stub.SyncAccount(pb.SyncAccountRequest(account_id=a.id)))
        items.append(Account.from_pb(a))
    return AccountList(items=items)
