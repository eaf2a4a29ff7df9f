"""The SnsService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.pb.sns.v1 import sns_pb2 as pb
from petful.pb.sns.v1 import sns_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp
from petful.platform.settings import Settings, get_settings
from petful.sns import graph, sentiment
from petful.sns.crypto import TokenBox
from petful.sns.models import Account, Comment, Media, ModerationLog, ModerationSettings
from petful.sns.rules.accounts import AccountStatus
from petful.sns.rules.moderation import CommentState, ModAction, Sentiment, ratio
from petful.sns.rules.posts import is_sponsored
from petful.sns.service import (
    access,
    accounts,
    analytics,
    comments,
    linking,
    metrics,
    moderation,
    oauth,
    posts,
    sync,
)

# Domain -> protobuf enums by table (typed as the generated enums the constructors take);
# requests are read with `enum_name`, so an unknown number fails validation.
STATUS_TO_PB = {
    AccountStatus.LINKED: pb.ACCOUNT_STATUS_LINKED,
    AccountStatus.NEEDS_REAUTH: pb.ACCOUNT_STATUS_NEEDS_REAUTH,
    AccountStatus.UNLINKED: pb.ACCOUNT_STATUS_UNLINKED,
}
SENTIMENT_TO_PB = {
    Sentiment.POSITIVE: pb.SENTIMENT_POSITIVE,
    Sentiment.NEGATIVE: pb.SENTIMENT_NEGATIVE,
    Sentiment.NEUTRAL: pb.SENTIMENT_NEUTRAL,
}
STATE_TO_PB = {
    CommentState.VISIBLE: pb.COMMENT_STATE_VISIBLE,
    CommentState.HIDDEN: pb.COMMENT_STATE_HIDDEN,
    CommentState.DELETED: pb.COMMENT_STATE_DELETED,
}
ACTION_TO_PB = {
    ModAction.HIDE: pb.MODERATION_ACTION_HIDE,
    ModAction.UNHIDE: pb.MODERATION_ACTION_UNHIDE,
    ModAction.DELETE: pb.MODERATION_ACTION_DELETE,
}


def _action(number: int) -> str:
    return enum_name(pb.ModerationAction, number, "MODERATION_ACTION_")


def account_to_pb(a: Account) -> pb.Account:
    return pb.Account(
        id=str(a.id),
        owner_user_id=str(a.owner_user_id),
        ig_user_id=a.ig_user_id,
        username=a.username,
        name=a.name,
        biography=a.biography,
        profile_picture_url=a.profile_picture_url,
        followers_count=a.followers_count,
        follows_count=a.follows_count,
        media_count=a.media_count,
        source=a.source,
        status=STATUS_TO_PB[a.status_enum],
        last_sync_error=a.last_sync_error or "",
        last_synced_at=opt_timestamp(a.last_synced_at),
    )


def metrics_to_pb(result: metrics.AccountMetrics) -> pb.AccountMetrics:
    a, m = result.account, result.metrics
    return pb.AccountMetrics(
        account_id=str(a.id),
        followers_count=a.followers_count,
        follows_count=a.follows_count,
        media_count=a.media_count,
        engagement_rate=m.engagement_rate,
        avg_likes=m.avg_likes,
        avg_comments=m.avg_comments,
        posts_in_window=m.posts_in_window,
        recent_posts=[
            pb.RecentPost(
                ig_media_id=p.ig_media_id,
                permalink=p.permalink,
                posted_at=to_timestamp(p.posted_at),
                like_count=p.like_count,
                comments_count=p.comments_count,
                caption=p.caption,
            )
            for p in m.window_posts
        ],
        source=a.source,
        synced_at=opt_timestamp(a.last_synced_at),
    )


def post_to_pb(m: Media) -> pb.Post:
    return pb.Post(
        account_id=str(m.account_id),
        ig_media_id=m.ig_media_id,
        permalink=m.permalink,
        caption=m.caption,
        posted_at=to_timestamp(m.posted_at),
        like_count=m.like_count,
        comments_count=m.comments_count,
        paid_partnership=is_sponsored(m.caption, m.paid_partnership),
        synced_at=to_timestamp(m.synced_at),
    )


def analytics_to_pb(r: analytics.AccountAnalytics) -> pb.AccountAnalytics:
    a, d = r.account, r.data
    cred = d.get("credibility") or {}
    return pb.AccountAnalytics(
        account_id=str(a.id),
        followers_count=a.followers_count,
        engagement_rate=float(d.get("engagement_rate", 0.0)),
        avg_likes=float(d.get("avg_likes", 0.0)),
        avg_comments=float(d.get("avg_comments", 0.0)),
        max_likes=int(d.get("max_likes", 0)),
        max_comments=int(d.get("max_comments", 0)),
        avg_likes_change_pct=float(d.get("avg_likes_change_pct", 0.0)),
        avg_comments_change_pct=float(d.get("avg_comments_change_pct", 0.0)),
        max_likes_change_pct=float(d.get("max_likes_change_pct", 0.0)),
        max_comments_change_pct=float(d.get("max_comments_change_pct", 0.0)),
        posts_per_week=float(d.get("posts_per_week", 0.0)),
        follower_growth=[
            pb.FollowerMonth(month=str(m), followers=int(f), change=int(c))
            for m, f, c in d.get("follower_growth", [])
        ],
        top_posts=[post_to_pb(m) for m in r.top_posts],
        sponsored_posts=int(d.get("sponsored_posts", 0)),
        organic_posts=int(d.get("organic_posts", 0)),
        paid_vs_organic_engagement=float(d.get("paid_vs_organic_engagement", 0.0)),
        credibility=pb.Credibility(
            score=int(cred.get("score", 0)),
            follower_following_ratio=float(cred.get("follower_following_ratio", 0.0)),
            flags=[str(f) for f in cred.get("flags", [])],
        ),
        insights=[
            pb.MonthlyInsight(
                month=i.month.strftime("%Y-%m"),
                likes=i.likes,
                comments=i.comments,
                shares=i.shares,
                views=i.views,
                reach=i.reach,
            )
            for i in r.insights
        ],
        source=a.source,
        computed_at=opt_timestamp(r.computed_at),
    )


def summary_to_pb(account_id: str, d: dict[str, Any]) -> pb.AccountSummary:
    growth = d.get("follower_growth") or []
    cred = d.get("credibility") or {}
    return pb.AccountSummary(
        account_id=account_id,
        engagement_rate=float(d.get("engagement_rate", 0.0)),
        avg_likes=float(d.get("avg_likes", 0.0)),
        avg_comments=float(d.get("avg_comments", 0.0)),
        avg_likes_change_pct=float(d.get("avg_likes_change_pct", 0.0)),
        followers_change=int(growth[-1][2]) if growth else 0,
        posts_per_week=float(d.get("posts_per_week", 0.0)),
        credibility_score=int(cred.get("score", 0)),
    )


def settings_to_pb(c: ModerationSettings) -> pb.ModerationSettings:
    return pb.ModerationSettings(
        account_id=str(c.account_id),
        auto_moderation=c.auto_moderation,
        action=ACTION_TO_PB[ModAction(c.action)],
        moderate_negative=c.moderate_negative,
        banned_words=list(c.banned_words),
        updated_at=to_timestamp(c.updated_at),
    )


def comment_to_pb(c: Comment) -> pb.Comment:
    return pb.Comment(
        id=str(c.id),
        account_id=str(c.account_id),
        ig_comment_id=c.ig_comment_id,
        ig_media_id=c.ig_media_id,
        parent_ig_comment_id=c.parent_ig_comment_id,
        username=c.username,
        text=c.text,
        like_count=c.like_count,
        posted_at=to_timestamp(c.posted_at),
        sentiment=SENTIMENT_TO_PB[Sentiment(c.sentiment)],
        state=STATE_TO_PB[CommentState(c.state)],
        banned_words=list(c.banned_hits),
        moderation_reason=c.moderation_reason,
        moderated_at=opt_timestamp(c.moderated_at),
    )


def log_to_pb(e: ModerationLog) -> pb.ModerationLogEntry:
    return pb.ModerationLogEntry(
        id=str(e.id),
        comment_id=str(e.comment_id),
        action=ACTION_TO_PB[ModAction(e.action)],
        reason=e.reason,
        by=e.by,
        by_user_id=str(e.by_user_id) if e.by_user_id else "",
        at=to_timestamp(e.at),
    )


def stats_to_pb(v: moderation.ModerationStatsView) -> pb.ModerationStats:
    c = v.counts
    moderated = c.hidden + c.deleted
    return pb.ModerationStats(
        account_id=str(v.account.id),
        total_comments=c.total,
        moderated_comments=moderated,
        moderated_rate=ratio(moderated, c.total),
        banned_word_comments=c.banned,
        positive_ratio=ratio(c.positive, c.total),
        negative_ratio=ratio(c.negative, c.total),
        neutral_ratio=ratio(c.neutral, c.total),
        hidden_comments=c.hidden,
        deleted_comments=c.deleted,
    )


class SnsServicer(pb_grpc.SnsServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: access.Clock,
        graph_client_factory: graph.GraphClientFactory,
        box: TokenBox,
        classifier: sentiment.Classifier | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.graph = graph_client_factory
        self.box = box
        self.classifier = classifier or sentiment.classifier_from_settings(settings)

    async def LinkAccount(self, request: pb.LinkAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            account = await linking.link_account(
                session,
                actor=actor,
                settings=self.settings,
                client=client,
                box=self.box,
                now=self.clock(),
                access_token=request.access_token,
                ig_user_id=request.ig_user_id,
                classifier=self.classifier,
            )
            return account_to_pb(account)

    async def StartLink(self, request: pb.StartLinkRequest, context: Any) -> pb.StartLinkResponse:
        actor = require_principal()
        started = await oauth.start_link(
            actor=actor,
            settings=self.settings,
            now=self.clock(),
            redirect_uri=request.redirect_uri,
        )
        return pb.StartLinkResponse(
            authorize_url=started.authorize_url,
            state=started.state,
            expires_at=to_timestamp(started.expires_at),
        )

    async def CompleteLink(
        self, request: pb.CompleteLinkRequest, context: Any
    ) -> pb.CompleteLinkResponse:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            outcome = await oauth.complete_link(
                session,
                actor=actor,
                settings=self.settings,
                client=client,
                box=self.box,
                now=self.clock(),
                state=request.state,
                code=request.code,
                redirect_uri=request.redirect_uri,
                ig_user_id=request.ig_user_id,
                error=request.error,
                classifier=self.classifier,
            )
            if isinstance(outcome, oauth.Choices):
                return pb.CompleteLinkResponse(
                    choices=pb.AccountChoices(
                        accounts=[
                            pb.AccountChoice(ig_user_id=c.ig_user_id, username=c.username)
                            for c in outcome.accounts
                        ],
                        reason=outcome.reason,
                    )
                )
            return pb.CompleteLinkResponse(account=account_to_pb(outcome))

    async def ListMyAccounts(
        self, request: pb.ListMyAccountsRequest, context: Any
    ) -> pb.ListAccountsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            mine = await accounts.list_my_accounts(session, actor=actor)
            summaries = await accounts.analytics_summaries(session, mine)
            return pb.ListAccountsResponse(
                accounts=[account_to_pb(a) for a in mine],
                summaries=[summary_to_pb(str(k), d) for k, d in summaries.items()],
            )

    async def ListUserAccounts(
        self, request: pb.ListUserAccountsRequest, context: Any
    ) -> pb.ListAccountsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            theirs = await accounts.list_user_accounts(
                session,
                actor=actor,
                owner_user_id=request.owner_user_id,
                include_unlinked=request.include_unlinked,
            )
            return pb.ListAccountsResponse(accounts=[account_to_pb(a) for a in theirs])

    async def GetAccount(self, request: pb.GetAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await accounts.get_account(
                session, actor=actor, account_id=request.account_id
            )
            return account_to_pb(account)

    async def UnlinkAccount(self, request: pb.UnlinkAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with transaction(self.settings) as session:
            account = await linking.unlink_account(
                session, actor=actor, now=self.clock(), account_id=request.account_id
            )
            return account_to_pb(account)

    async def SyncAccount(self, request: pb.SyncAccountRequest, context: Any) -> pb.Account:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            account = await sync.request_sync(
                session,
                actor=actor,
                settings=self.settings,
                client=client,
                box=self.box,
                now=self.clock(),
                account_id=request.account_id,
                classifier=self.classifier,
            )
            return account_to_pb(account)

    async def GetAccountMetrics(
        self, request: pb.GetAccountMetricsRequest, context: Any
    ) -> pb.AccountMetrics:
        actor = require_principal()
        async with transaction(self.settings) as session:
            result = await metrics.get_metrics(
                session,
                actor=actor,
                settings=self.settings,
                now=self.clock(),
                account_id=request.account_id,
                window_days=request.window_days,
            )
            return metrics_to_pb(result)

    async def GetPostByUrl(self, request: pb.GetPostByUrlRequest, context: Any) -> pb.Post:
        actor = require_principal()
        async with transaction(self.settings) as session:
            post = await posts.get_post_by_url(
                session, actor=actor, account_id=request.account_id, url=request.url
            )
            return post_to_pb(post.media)

    async def GetPostFigures(
        self, request: pb.GetPostFiguresRequest, context: Any
    ) -> pb.PostFigures:
        actor = require_principal()
        async with transaction(self.settings) as session:
            found = await posts.get_post_figures(
                session, actor=actor, urls=list(request.urls), account_id=request.account_id
            )
            return pb.PostFigures(posts=[post_to_pb(p.media) for p in found])

    async def GetAccountAnalytics(
        self, request: pb.GetAccountAnalyticsRequest, context: Any
    ) -> pb.AccountAnalytics:
        actor = require_principal()
        async with transaction(self.settings) as session:
            result = await analytics.get_analytics(
                session, actor=actor, account_id=request.account_id
            )
            return analytics_to_pb(result)

    async def GetModerationSettings(
        self, request: pb.GetModerationSettingsRequest, context: Any
    ) -> pb.ModerationSettings:
        actor = require_principal()
        async with transaction(self.settings) as session:
            conf = await moderation.get_moderation_settings(
                session, actor=actor, now=self.clock(), account_id=request.account_id
            )
            return settings_to_pb(conf)

    async def UpdateModerationSettings(
        self, request: pb.UpdateModerationSettingsRequest, context: Any
    ) -> pb.ModerationSettings:
        actor = require_principal()
        async with transaction(self.settings) as session:
            conf = await moderation.update_moderation_settings(
                session,
                actor=actor,
                now=self.clock(),
                account_id=request.account_id,
                auto_moderation=request.auto_moderation,
                action=_action(request.action),
                moderate_negative=request.moderate_negative,
                banned_words=list(request.banned_words),
            )
            return settings_to_pb(conf)

    async def AddBannedWords(
        self, request: pb.BannedWordsRequest, context: Any
    ) -> pb.ModerationSettings:
        return await self._banned_words(request, add=True)

    async def RemoveBannedWords(
        self, request: pb.BannedWordsRequest, context: Any
    ) -> pb.ModerationSettings:
        return await self._banned_words(request, add=False)

    async def _banned_words(
        self, request: pb.BannedWordsRequest, *, add: bool
    ) -> pb.ModerationSettings:
        actor = require_principal()
        async with transaction(self.settings) as session:
            conf = await moderation.change_banned_words(
                session,
                actor=actor,
                now=self.clock(),
                account_id=request.account_id,
                words=list(request.words),
                add=add,
            )
            return settings_to_pb(conf)

    async def ListComments(
        self, request: pb.ListCommentsRequest, context: Any
    ) -> pb.ListCommentsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await comments.list_comments(
                session,
                actor=actor,
                account_id=request.account_id,
                sentiment_filter=enum_name(pb.Sentiment, request.sentiment, "SENTIMENT_"),
                moderated=request.moderated,
                text=request.text,
                sort=enum_name(pb.CommentSort, request.sort, "COMMENT_SORT_"),
                page_size=request.page_size,
                cursor=request.cursor,
                ig_media_id=request.ig_media_id,
            )
            return pb.ListCommentsResponse(
                comments=[comment_to_pb(c) for c in page.items],
                next_cursor=page.next_cursor,
            )

    async def ModerateComment(self, request: pb.ModerateCommentRequest, context: Any) -> pb.Comment:
        actor = require_principal()
        async with self.graph(self.settings) as client, transaction(self.settings) as session:
            comment = await comments.moderate_comment(
                session,
                actor=actor,
                box=self.box,
                client=client,
                now=self.clock(),
                comment_id=request.comment_id,
                action=_action(request.action),
            )
            return comment_to_pb(comment)

    async def GetModerationStats(
        self, request: pb.GetModerationStatsRequest, context: Any
    ) -> pb.ModerationStats:
        actor = require_principal()
        async with transaction(self.settings) as session:
            view = await moderation.moderation_stats(
                session, actor=actor, account_id=request.account_id
            )
            return stats_to_pb(view)

    async def ListModerationLog(
        self, request: pb.ListModerationLogRequest, context: Any
    ) -> pb.ListModerationLogResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await moderation.moderation_log(
                session,
                actor=actor,
                account_id=request.account_id,
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return pb.ListModerationLogResponse(
                entries=[log_to_pb(e) for e in page.items], next_cursor=page.next_cursor
            )


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: access.Clock | None = None,
    graph_client_factory: graph.GraphClientFactory | None = None,
    classifier: sentiment.Classifier | None = None,
) -> None:
    """Add SnsService to server. Refuses to start without token keys in production."""
    settings = settings or get_settings()
    pb_grpc.add_SnsServiceServicer_to_server(
        SnsServicer(
            settings,
            clock or access.utc_now,
            graph_client_factory or graph.default_factory,
            TokenBox.from_settings(settings),
            classifier,
        ),
        server,
    )
