"""Request and response bodies of the /api/v1/sns routes (linked Instagram accounts).

Shapes and size caps are checked here (422 naming the field); the sns service re-checks
every rule and owns the state (404 unknown or foreign accounts, 409 an account linked by
another user or a sync already running)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, Field

from petful.edge.common import Body
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.platform.protobuf import timestamp_or_none

AccountStatus = Literal["LINKED", "NEEDS_REAUTH", "UNLINKED"]

STATUS_NAMES: dict[pb.AccountStatus, AccountStatus] = {
    pb.ACCOUNT_STATUS_LINKED: "LINKED",
    pb.ACCOUNT_STATUS_NEEDS_REAUTH: "NEEDS_REAUTH",
    pb.ACCOUNT_STATUS_UNLINKED: "UNLINKED",
}


class LinkIn(Body):
    """A short-lived Facebook user token from Facebook Login for Business (scopes
    instagram_basic, pages_show_list, pages_read_engagement, instagram_manage_insights)."""

    access_token: str = Field(min_length=1, max_length=4096)
    ig_user_id: str | None = Field(
        default=None,
        max_length=32,
        pattern=r"^[0-9]+$",
        description="Which Instagram business account to link when the user has several.",
    )

    def to_pb(self) -> pb.LinkAccountRequest:
        return pb.LinkAccountRequest(
            access_token=self.access_token, ig_user_id=self.ig_user_id or ""
        )


CALLBACK_PATH = "/instagram/callback"


def _callback_uri(value: str) -> str:
    # The service checks it fully; here the shape, so a wrong one is a 422 before any call.
    absolute = ValueError("must be an absolute http or https address")
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # a bad port or bracketed host
        raise absolute from None
    if parts.scheme not in ("http", "https") or not host:
        raise absolute
    if not value.endswith(CALLBACK_PATH):
        raise ValueError(f"must end in {CALLBACK_PATH}")
    return value


RedirectUri = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2048,
        description="The web app's callback page, e.g. https://petful.example/instagram/callback"
        " (Facebook also checks it against the app's list of redirect URIs).",
    ),
    AfterValidator(_callback_uri),
]


class LinkStartIn(Body):
    redirect_uri: RedirectUri


class LinkStartOut(BaseModel):
    authorize_url: str = Field(
        description="Facebook's login dialog (the sandbox's locally): send the browser there."
    )


class LinkCompleteIn(Body):
    """What Facebook's dialog sent back to the callback page (its query parameters)."""

    state: str = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")
    code: str | None = Field(
        default=None,
        max_length=2048,
        description="Absent on the second call, which only names the account to link.",
    )
    redirect_uri: RedirectUri
    ig_user_id: str | None = Field(
        default=None,
        max_length=32,
        pattern=r"^[0-9]+$",
        description="Which Instagram account to link when the Facebook user has several.",
    )
    error: str | None = Field(
        default=None,
        max_length=100,
        description='Facebook\'s error parameter ("access_denied": the person cancelled).',
    )

    def to_pb(self) -> pb.CompleteLinkRequest:
        return pb.CompleteLinkRequest(
            state=self.state,
            code=self.code or "",
            redirect_uri=self.redirect_uri,
            ig_user_id=self.ig_user_id or "",
            error=self.error or "",
        )


class AccountChoice(BaseModel):
    ig_user_id: str
    username: str


class FieldError(BaseModel):
    field: str
    reason: str


class LinkChoiceProblem(BaseModel):
    """422 from /link/complete when the Facebook user has several Instagram accounts and
    none (or another) was named: choose one of `choices` and send it as ig_user_id with
    the same state and no code."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] = []
    choices: list[AccountChoice] = []


class Account(BaseModel):
    id: str
    ig_user_id: str
    username: str
    name: str
    biography: str
    profile_picture_url: str
    followers_count: int
    follows_count: int
    media_count: int
    source: str = Field(
        description='"instagram", or "sandbox" for the demo platform\'s fake Graph API.'
    )
    status: AccountStatus
    last_synced_at: datetime | None
    last_sync_error: str

    @classmethod
    def from_pb(cls, a: pb.Account) -> Account:
        return cls(
            id=a.id,
            ig_user_id=a.ig_user_id,
            username=a.username,
            name=a.name,
            biography=a.biography,
            profile_picture_url=a.profile_picture_url,
            followers_count=a.followers_count,
            follows_count=a.follows_count,
            media_count=a.media_count,
            source=a.source,
            status=STATUS_NAMES.get(a.status, "UNLINKED"),
            last_synced_at=timestamp_or_none(a.last_synced_at),
            last_sync_error=a.last_sync_error,
        )


class AccountSummary(BaseModel):
    """Current figures from the last sync (None on an account never synced)."""

    engagement_rate: float
    avg_likes: float
    avg_comments: float
    avg_likes_change_pct: float
    followers_change: int = Field(description="Latest month against the month before.")
    posts_per_week: float
    credibility_score: int

    @classmethod
    def from_pb(cls, s: pb.AccountSummary) -> AccountSummary:
        return cls(
            engagement_rate=s.engagement_rate,
            avg_likes=s.avg_likes,
            avg_comments=s.avg_comments,
            avg_likes_change_pct=s.avg_likes_change_pct,
            followers_change=s.followers_change,
            posts_per_week=s.posts_per_week,
            credibility_score=s.credibility_score,
        )


class AccountWithMetrics(Account):
    metrics: AccountSummary | None = None


class AccountList(BaseModel):
    items: list[Account]


class MyAccountList(BaseModel):
    items: list[AccountWithMetrics]


class RecentPost(BaseModel):
    ig_media_id: str
    permalink: str
    posted_at: datetime | None
    like_count: int
    comments_count: int
    caption: str


class Metrics(BaseModel):
    account_id: str
    followers_count: int
    follows_count: int
    media_count: int
    engagement_rate: float = Field(
        description="Mean (likes + comments) / followers over the latest posts."
    )
    avg_likes: float
    avg_comments: float
    window_days: int
    posts_in_window: int
    recent_posts: list[RecentPost]
    synced_at: datetime | None
    source: str

    @classmethod
    def from_pb(cls, m: pb.AccountMetrics, window_days: int) -> Metrics:
        return cls(
            account_id=m.account_id,
            followers_count=m.followers_count,
            follows_count=m.follows_count,
            media_count=m.media_count,
            engagement_rate=m.engagement_rate,
            avg_likes=m.avg_likes,
            avg_comments=m.avg_comments,
            window_days=window_days,
            posts_in_window=m.posts_in_window,
            recent_posts=[
                RecentPost(
                    ig_media_id=p.ig_media_id,
                    permalink=p.permalink,
                    posted_at=timestamp_or_none(p.posted_at),
                    like_count=p.like_count,
                    comments_count=p.comments_count,
                    caption=p.caption,
                )
                for p in m.recent_posts
            ],
            synced_at=timestamp_or_none(m.synced_at),
            source=m.source,
        )


# --- posts and analytics ------------------------------------------------------------------------


class Post(BaseModel):
    ig_media_id: str
    permalink: str
    caption: str
    posted_at: datetime | None
    like_count: int
    comments_count: int
    paid_partnership: bool = Field(
        description="Paid-partnership label or a disclosure hashtag (#광고 #협찬 #ad ...)."
    )

    @classmethod
    def from_pb(cls, p: pb.Post) -> Post:
        return cls(
            ig_media_id=p.ig_media_id,
            permalink=p.permalink,
            caption=p.caption,
            posted_at=timestamp_or_none(p.posted_at),
            like_count=p.like_count,
            comments_count=p.comments_count,
            paid_partnership=p.paid_partnership,
        )


class FollowerMonth(BaseModel):
    month: str
    followers: int
    change: int


class MonthlyInsight(BaseModel):
    month: str
    likes: int
    comments: int
    shares: int
    views: int
    reach: int


class Credibility(BaseModel):
    score: int = Field(description="0..100 heuristic (not a verdict); see flags.")
    follower_following_ratio: float
    flags: list[str]


class Analytics(BaseModel):
    account_id: str
    computed_at: datetime | None
    followers_count: int
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    max_likes: int
    max_comments: int
    avg_likes_change_pct: float
    avg_comments_change_pct: float
    max_likes_change_pct: float
    max_comments_change_pct: float
    posts_per_week: float
    follower_growth: list[FollowerMonth]
    top_posts: list[Post]
    sponsored_posts: int
    organic_posts: int
    paid_vs_organic_engagement: float
    credibility: Credibility
    insights: list[MonthlyInsight]
    source: str

    @classmethod
    def from_pb(cls, a: pb.AccountAnalytics) -> Analytics:
        return cls(
            account_id=a.account_id,
            computed_at=timestamp_or_none(a.computed_at),
            followers_count=a.followers_count,
            engagement_rate=a.engagement_rate,
            avg_likes=a.avg_likes,
            avg_comments=a.avg_comments,
            max_likes=a.max_likes,
            max_comments=a.max_comments,
            avg_likes_change_pct=a.avg_likes_change_pct,
            avg_comments_change_pct=a.avg_comments_change_pct,
            max_likes_change_pct=a.max_likes_change_pct,
            max_comments_change_pct=a.max_comments_change_pct,
            posts_per_week=a.posts_per_week,
            follower_growth=[
                FollowerMonth(month=m.month, followers=m.followers, change=m.change)
                for m in a.follower_growth
            ],
            top_posts=[Post.from_pb(p) for p in a.top_posts],
            sponsored_posts=a.sponsored_posts,
            organic_posts=a.organic_posts,
            paid_vs_organic_engagement=a.paid_vs_organic_engagement,
            credibility=Credibility(
                score=a.credibility.score,
                follower_following_ratio=a.credibility.follower_following_ratio,
                flags=list(a.credibility.flags),
            ),
            insights=[
                MonthlyInsight(
                    month=i.month,
                    likes=i.likes,
                    comments=i.comments,
                    shares=i.shares,
                    views=i.views,
                    reach=i.reach,
                )
                for i in a.insights
            ],
            source=a.source,
        )


# --- moderation -----------------------------------------------------------------------------------

AutoAction = Literal["HIDE", "DELETE"]
SentimentName = Literal["POSITIVE", "NEGATIVE", "NEUTRAL"]
CommentStateName = Literal["VISIBLE", "HIDDEN", "DELETED"]
SortName = Literal["NEWEST", "OLDEST", "MOST_LIKED"]

ACTION_NAMES: dict[int, str] = {
    pb.MODERATION_ACTION_HIDE: "HIDE",
    pb.MODERATION_ACTION_DELETE: "DELETE",
    pb.MODERATION_ACTION_UNHIDE: "UNHIDE",
}
ACTION_PB = {v: k for k, v in ACTION_NAMES.items()}
SENTIMENT_NAMES: dict[int, SentimentName] = {
    pb.SENTIMENT_POSITIVE: "POSITIVE",
    pb.SENTIMENT_NEGATIVE: "NEGATIVE",
    pb.SENTIMENT_NEUTRAL: "NEUTRAL",
}
SENTIMENT_PB = {v: k for k, v in SENTIMENT_NAMES.items()}
STATE_NAMES: dict[int, CommentStateName] = {
    pb.COMMENT_STATE_VISIBLE: "VISIBLE",
    pb.COMMENT_STATE_HIDDEN: "HIDDEN",
    pb.COMMENT_STATE_DELETED: "DELETED",
}
SORT_PB = {
    "NEWEST": pb.COMMENT_SORT_NEWEST,
    "OLDEST": pb.COMMENT_SORT_OLDEST,
    "MOST_LIKED": pb.COMMENT_SORT_MOST_LIKED,
}


class ModerationSettingsIn(Body):
    auto_moderation: bool = Field(
        default=False, description="Off by default; applies to comments first seen after."
    )
    action: AutoAction = "HIDE"
    moderate_negative: bool = Field(
        default=True, description="Also act on comments classified NEGATIVE."
    )
    banned_words: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(
        default_factory=list, max_length=200
    )

    def to_pb(self, account_id: str) -> pb.UpdateModerationSettingsRequest:
        return pb.UpdateModerationSettingsRequest(
            account_id=account_id,
            auto_moderation=self.auto_moderation,
            action=ACTION_PB[self.action],  # type: ignore[arg-type]
            moderate_negative=self.moderate_negative,
            banned_words=self.banned_words,
        )


class BannedWordsIn(Body):
    words: list[Annotated[str, Field(min_length=1, max_length=50)]] = Field(
        min_length=1, max_length=200
    )


class ModerationSettingsOut(BaseModel):
    account_id: str
    auto_moderation: bool
    action: str
    moderate_negative: bool
    banned_words: list[str]
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, s: pb.ModerationSettings) -> ModerationSettingsOut:
        return cls(
            account_id=s.account_id,
            auto_moderation=s.auto_moderation,
            action=ACTION_NAMES.get(s.action, "HIDE"),
            moderate_negative=s.moderate_negative,
            banned_words=list(s.banned_words),
            updated_at=timestamp_or_none(s.updated_at),
        )


class CommentOut(BaseModel):
    id: str
    ig_comment_id: str
    ig_media_id: str
    parent_ig_comment_id: str
    username: str
    text: str
    like_count: int
    posted_at: datetime | None
    sentiment: SentimentName
    state: CommentStateName
    banned_words: list[str]
    moderated_at: datetime | None
    moderation_reason: str

    @classmethod
    def from_pb(cls, c: pb.Comment) -> CommentOut:
        return cls(
            id=c.id,
            ig_comment_id=c.ig_comment_id,
            ig_media_id=c.ig_media_id,
            parent_ig_comment_id=c.parent_ig_comment_id,
            username=c.username,
            text=c.text,
            like_count=c.like_count,
            posted_at=timestamp_or_none(c.posted_at),
            sentiment=SENTIMENT_NAMES.get(c.sentiment, "NEUTRAL"),
            state=STATE_NAMES.get(c.state, "VISIBLE"),
            banned_words=list(c.banned_words),
            moderated_at=timestamp_or_none(c.moderated_at),
            moderation_reason=c.moderation_reason,
        )


class ModerationStats(BaseModel):
    total_comments: int
    moderated_comments: int
    moderated_rate: float = Field(description="Percent of comments hidden or deleted.")
    hidden_comments: int
    deleted_comments: int
    banned_word_comments: int = Field(description="Comments with a banned word (not words).")
    positive_ratio: float
    negative_ratio: float
    neutral_ratio: float

    @classmethod
    def from_pb(cls, s: pb.ModerationStats) -> ModerationStats:
        return cls(
            total_comments=s.total_comments,
            moderated_comments=s.moderated_comments,
            moderated_rate=s.moderated_rate,
            hidden_comments=s.hidden_comments,
            deleted_comments=s.deleted_comments,
            banned_word_comments=s.banned_word_comments,
            positive_ratio=s.positive_ratio,
            negative_ratio=s.negative_ratio,
            neutral_ratio=s.neutral_ratio,
        )


class LogEntry(BaseModel):
    id: str
    comment_id: str
    action: str
    reason: str
    by: str
    at: datetime | None

    @classmethod
    def from_pb(cls, e: pb.ModerationLogEntry) -> LogEntry:
        return cls(
            id=e.id,
            comment_id=e.comment_id,
            action=ACTION_NAMES.get(e.action, ""),
            reason=e.reason,
            by=e.by,
            at=timestamp_or_none(e.at),
        )
