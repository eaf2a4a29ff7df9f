import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccountStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCOUNT_STATUS_UNSPECIFIED: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_LINKED: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_NEEDS_REAUTH: _ClassVar[AccountStatus]
    ACCOUNT_STATUS_UNLINKED: _ClassVar[AccountStatus]

class ModerationAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODERATION_ACTION_UNSPECIFIED: _ClassVar[ModerationAction]
    MODERATION_ACTION_HIDE: _ClassVar[ModerationAction]
    MODERATION_ACTION_DELETE: _ClassVar[ModerationAction]
    MODERATION_ACTION_UNHIDE: _ClassVar[ModerationAction]

class Sentiment(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SENTIMENT_UNSPECIFIED: _ClassVar[Sentiment]
    SENTIMENT_POSITIVE: _ClassVar[Sentiment]
    SENTIMENT_NEGATIVE: _ClassVar[Sentiment]
    SENTIMENT_NEUTRAL: _ClassVar[Sentiment]

class CommentState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMENT_STATE_UNSPECIFIED: _ClassVar[CommentState]
    COMMENT_STATE_VISIBLE: _ClassVar[CommentState]
    COMMENT_STATE_HIDDEN: _ClassVar[CommentState]
    COMMENT_STATE_DELETED: _ClassVar[CommentState]

class CommentSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMENT_SORT_UNSPECIFIED: _ClassVar[CommentSort]
    COMMENT_SORT_NEWEST: _ClassVar[CommentSort]
    COMMENT_SORT_OLDEST: _ClassVar[CommentSort]
    COMMENT_SORT_MOST_LIKED: _ClassVar[CommentSort]
ACCOUNT_STATUS_UNSPECIFIED: AccountStatus
ACCOUNT_STATUS_LINKED: AccountStatus
ACCOUNT_STATUS_NEEDS_REAUTH: AccountStatus
ACCOUNT_STATUS_UNLINKED: AccountStatus
MODERATION_ACTION_UNSPECIFIED: ModerationAction
MODERATION_ACTION_HIDE: ModerationAction
MODERATION_ACTION_DELETE: ModerationAction
MODERATION_ACTION_UNHIDE: ModerationAction
SENTIMENT_UNSPECIFIED: Sentiment
SENTIMENT_POSITIVE: Sentiment
SENTIMENT_NEGATIVE: Sentiment
SENTIMENT_NEUTRAL: Sentiment
COMMENT_STATE_UNSPECIFIED: CommentState
COMMENT_STATE_VISIBLE: CommentState
COMMENT_STATE_HIDDEN: CommentState
COMMENT_STATE_DELETED: CommentState
COMMENT_SORT_UNSPECIFIED: CommentSort
COMMENT_SORT_NEWEST: CommentSort
COMMENT_SORT_OLDEST: CommentSort
COMMENT_SORT_MOST_LIKED: CommentSort

class Account(_message.Message):
    __slots__ = ("id", "owner_user_id", "ig_user_id", "username", "name", "biography", "profile_picture_url", "followers_count", "follows_count", "media_count", "source", "status", "last_synced_at", "last_sync_error")
    ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    IG_USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BIOGRAPHY_FIELD_NUMBER: _ClassVar[int]
    PROFILE_PICTURE_URL_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWS_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_COUNT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_SYNCED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_SYNC_ERROR_FIELD_NUMBER: _ClassVar[int]
    id: str
    owner_user_id: str
    ig_user_id: str
    username: str
    name: str
    biography: str
    profile_picture_url: str
    followers_count: int
    follows_count: int
    media_count: int
    source: str
    status: AccountStatus
    last_synced_at: _timestamp_pb2.Timestamp
    last_sync_error: str
    def __init__(self, id: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., ig_user_id: _Optional[str] = ..., username: _Optional[str] = ..., name: _Optional[str] = ..., biography: _Optional[str] = ..., profile_picture_url: _Optional[str] = ..., followers_count: _Optional[int] = ..., follows_count: _Optional[int] = ..., media_count: _Optional[int] = ..., source: _Optional[str] = ..., status: _Optional[_Union[AccountStatus, str]] = ..., last_synced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_sync_error: _Optional[str] = ...) -> None: ...

class LinkAccountRequest(_message.Message):
    __slots__ = ("access_token", "ig_user_id")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    IG_USER_ID_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    ig_user_id: str
    def __init__(self, access_token: _Optional[str] = ..., ig_user_id: _Optional[str] = ...) -> None: ...

class StartLinkRequest(_message.Message):
    __slots__ = ("redirect_uri",)
    REDIRECT_URI_FIELD_NUMBER: _ClassVar[int]
    redirect_uri: str
    def __init__(self, redirect_uri: _Optional[str] = ...) -> None: ...

class StartLinkResponse(_message.Message):
    __slots__ = ("authorize_url", "state", "expires_at")
    AUTHORIZE_URL_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    authorize_url: str
    state: str
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, authorize_url: _Optional[str] = ..., state: _Optional[str] = ..., expires_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CompleteLinkRequest(_message.Message):
    __slots__ = ("state", "code", "redirect_uri", "ig_user_id", "error")
    STATE_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    REDIRECT_URI_FIELD_NUMBER: _ClassVar[int]
    IG_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    state: str
    code: str
    redirect_uri: str
    ig_user_id: str
    error: str
    def __init__(self, state: _Optional[str] = ..., code: _Optional[str] = ..., redirect_uri: _Optional[str] = ..., ig_user_id: _Optional[str] = ..., error: _Optional[str] = ...) -> None: ...

class CompleteLinkResponse(_message.Message):
    __slots__ = ("account", "choices")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    CHOICES_FIELD_NUMBER: _ClassVar[int]
    account: Account
    choices: AccountChoices
    def __init__(self, account: _Optional[_Union[Account, _Mapping]] = ..., choices: _Optional[_Union[AccountChoices, _Mapping]] = ...) -> None: ...

class AccountChoices(_message.Message):
    __slots__ = ("accounts", "reason")
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[AccountChoice]
    reason: str
    def __init__(self, accounts: _Optional[_Iterable[_Union[AccountChoice, _Mapping]]] = ..., reason: _Optional[str] = ...) -> None: ...

class AccountChoice(_message.Message):
    __slots__ = ("ig_user_id", "username")
    IG_USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    ig_user_id: str
    username: str
    def __init__(self, ig_user_id: _Optional[str] = ..., username: _Optional[str] = ...) -> None: ...

class ListMyAccountsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAccountsResponse(_message.Message):
    __slots__ = ("accounts", "summaries")
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    summaries: _containers.RepeatedCompositeFieldContainer[AccountSummary]
    def __init__(self, accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ..., summaries: _Optional[_Iterable[_Union[AccountSummary, _Mapping]]] = ...) -> None: ...

class AccountSummary(_message.Message):
    __slots__ = ("account_id", "engagement_rate", "avg_likes", "avg_comments", "avg_likes_change_pct", "followers_change", "posts_per_week", "credibility_score")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    AVG_LIKES_FIELD_NUMBER: _ClassVar[int]
    AVG_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    AVG_LIKES_CHANGE_PCT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_CHANGE_FIELD_NUMBER: _ClassVar[int]
    POSTS_PER_WEEK_FIELD_NUMBER: _ClassVar[int]
    CREDIBILITY_SCORE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    avg_likes_change_pct: float
    followers_change: int
    posts_per_week: float
    credibility_score: int
    def __init__(self, account_id: _Optional[str] = ..., engagement_rate: _Optional[float] = ..., avg_likes: _Optional[float] = ..., avg_comments: _Optional[float] = ..., avg_likes_change_pct: _Optional[float] = ..., followers_change: _Optional[int] = ..., posts_per_week: _Optional[float] = ..., credibility_score: _Optional[int] = ...) -> None: ...

class ListUserAccountsRequest(_message.Message):
    __slots__ = ("owner_user_id", "include_unlinked")
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_UNLINKED_FIELD_NUMBER: _ClassVar[int]
    owner_user_id: str
    include_unlinked: bool
    def __init__(self, owner_user_id: _Optional[str] = ..., include_unlinked: _Optional[bool] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class UnlinkAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class SyncAccountRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class GetAccountMetricsRequest(_message.Message):
    __slots__ = ("account_id", "window_days")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    window_days: int
    def __init__(self, account_id: _Optional[str] = ..., window_days: _Optional[int] = ...) -> None: ...

class RecentPost(_message.Message):
    __slots__ = ("ig_media_id", "permalink", "posted_at", "like_count", "comments_count", "caption")
    IG_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    PERMALINK_FIELD_NUMBER: _ClassVar[int]
    POSTED_AT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    ig_media_id: str
    permalink: str
    posted_at: _timestamp_pb2.Timestamp
    like_count: int
    comments_count: int
    caption: str
    def __init__(self, ig_media_id: _Optional[str] = ..., permalink: _Optional[str] = ..., posted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., like_count: _Optional[int] = ..., comments_count: _Optional[int] = ..., caption: _Optional[str] = ...) -> None: ...

class AccountMetrics(_message.Message):
    __slots__ = ("account_id", "followers_count", "follows_count", "media_count", "engagement_rate", "avg_likes", "avg_comments", "posts_in_window", "recent_posts", "synced_at", "source")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWS_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    AVG_LIKES_FIELD_NUMBER: _ClassVar[int]
    AVG_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    POSTS_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    RECENT_POSTS_FIELD_NUMBER: _ClassVar[int]
    SYNCED_AT_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    followers_count: int
    follows_count: int
    media_count: int
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    posts_in_window: int
    recent_posts: _containers.RepeatedCompositeFieldContainer[RecentPost]
    synced_at: _timestamp_pb2.Timestamp
    source: str
    def __init__(self, account_id: _Optional[str] = ..., followers_count: _Optional[int] = ..., follows_count: _Optional[int] = ..., media_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ..., avg_likes: _Optional[float] = ..., avg_comments: _Optional[float] = ..., posts_in_window: _Optional[int] = ..., recent_posts: _Optional[_Iterable[_Union[RecentPost, _Mapping]]] = ..., synced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., source: _Optional[str] = ...) -> None: ...

class GetPostByUrlRequest(_message.Message):
    __slots__ = ("account_id", "url")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    url: str
    def __init__(self, account_id: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class Post(_message.Message):
    __slots__ = ("account_id", "ig_media_id", "permalink", "caption", "posted_at", "like_count", "comments_count", "paid_partnership", "synced_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    IG_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    PERMALINK_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    POSTED_AT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAID_PARTNERSHIP_FIELD_NUMBER: _ClassVar[int]
    SYNCED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    ig_media_id: str
    permalink: str
    caption: str
    posted_at: _timestamp_pb2.Timestamp
    like_count: int
    comments_count: int
    paid_partnership: bool
    synced_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., ig_media_id: _Optional[str] = ..., permalink: _Optional[str] = ..., caption: _Optional[str] = ..., posted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., like_count: _Optional[int] = ..., comments_count: _Optional[int] = ..., paid_partnership: _Optional[bool] = ..., synced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetPostFiguresRequest(_message.Message):
    __slots__ = ("urls", "account_id")
    URLS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    urls: _containers.RepeatedScalarFieldContainer[str]
    account_id: str
    def __init__(self, urls: _Optional[_Iterable[str]] = ..., account_id: _Optional[str] = ...) -> None: ...

class PostFigures(_message.Message):
    __slots__ = ("posts",)
    POSTS_FIELD_NUMBER: _ClassVar[int]
    posts: _containers.RepeatedCompositeFieldContainer[Post]
    def __init__(self, posts: _Optional[_Iterable[_Union[Post, _Mapping]]] = ...) -> None: ...

class GetAccountAnalyticsRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class MonthlyInsight(_message.Message):
    __slots__ = ("month", "likes", "comments", "shares", "views", "reach")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    LIKES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    SHARES_FIELD_NUMBER: _ClassVar[int]
    VIEWS_FIELD_NUMBER: _ClassVar[int]
    REACH_FIELD_NUMBER: _ClassVar[int]
    month: str
    likes: int
    comments: int
    shares: int
    views: int
    reach: int
    def __init__(self, month: _Optional[str] = ..., likes: _Optional[int] = ..., comments: _Optional[int] = ..., shares: _Optional[int] = ..., views: _Optional[int] = ..., reach: _Optional[int] = ...) -> None: ...

class FollowerMonth(_message.Message):
    __slots__ = ("month", "followers", "change")
    MONTH_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    month: str
    followers: int
    change: int
    def __init__(self, month: _Optional[str] = ..., followers: _Optional[int] = ..., change: _Optional[int] = ...) -> None: ...

class Credibility(_message.Message):
    __slots__ = ("score", "follower_following_ratio", "flags")
    SCORE_FIELD_NUMBER: _ClassVar[int]
    FOLLOWER_FOLLOWING_RATIO_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    score: int
    follower_following_ratio: float
    flags: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, score: _Optional[int] = ..., follower_following_ratio: _Optional[float] = ..., flags: _Optional[_Iterable[str]] = ...) -> None: ...

class AccountAnalytics(_message.Message):
    __slots__ = ("account_id", "computed_at", "followers_count", "engagement_rate", "avg_likes", "avg_comments", "max_likes", "max_comments", "avg_likes_change_pct", "avg_comments_change_pct", "max_likes_change_pct", "max_comments_change_pct", "posts_per_week", "follower_growth", "top_posts", "sponsored_posts", "organic_posts", "paid_vs_organic_engagement", "credibility", "insights", "source")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    AVG_LIKES_FIELD_NUMBER: _ClassVar[int]
    AVG_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    MAX_LIKES_FIELD_NUMBER: _ClassVar[int]
    MAX_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    AVG_LIKES_CHANGE_PCT_FIELD_NUMBER: _ClassVar[int]
    AVG_COMMENTS_CHANGE_PCT_FIELD_NUMBER: _ClassVar[int]
    MAX_LIKES_CHANGE_PCT_FIELD_NUMBER: _ClassVar[int]
    MAX_COMMENTS_CHANGE_PCT_FIELD_NUMBER: _ClassVar[int]
    POSTS_PER_WEEK_FIELD_NUMBER: _ClassVar[int]
    FOLLOWER_GROWTH_FIELD_NUMBER: _ClassVar[int]
    TOP_POSTS_FIELD_NUMBER: _ClassVar[int]
    SPONSORED_POSTS_FIELD_NUMBER: _ClassVar[int]
    ORGANIC_POSTS_FIELD_NUMBER: _ClassVar[int]
    PAID_VS_ORGANIC_ENGAGEMENT_FIELD_NUMBER: _ClassVar[int]
    CREDIBILITY_FIELD_NUMBER: _ClassVar[int]
    INSIGHTS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    computed_at: _timestamp_pb2.Timestamp
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
    follower_growth: _containers.RepeatedCompositeFieldContainer[FollowerMonth]
    top_posts: _containers.RepeatedCompositeFieldContainer[Post]
    sponsored_posts: int
    organic_posts: int
    paid_vs_organic_engagement: float
    credibility: Credibility
    insights: _containers.RepeatedCompositeFieldContainer[MonthlyInsight]
    source: str
    def __init__(self, account_id: _Optional[str] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., followers_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ..., avg_likes: _Optional[float] = ..., avg_comments: _Optional[float] = ..., max_likes: _Optional[int] = ..., max_comments: _Optional[int] = ..., avg_likes_change_pct: _Optional[float] = ..., avg_comments_change_pct: _Optional[float] = ..., max_likes_change_pct: _Optional[float] = ..., max_comments_change_pct: _Optional[float] = ..., posts_per_week: _Optional[float] = ..., follower_growth: _Optional[_Iterable[_Union[FollowerMonth, _Mapping]]] = ..., top_posts: _Optional[_Iterable[_Union[Post, _Mapping]]] = ..., sponsored_posts: _Optional[int] = ..., organic_posts: _Optional[int] = ..., paid_vs_organic_engagement: _Optional[float] = ..., credibility: _Optional[_Union[Credibility, _Mapping]] = ..., insights: _Optional[_Iterable[_Union[MonthlyInsight, _Mapping]]] = ..., source: _Optional[str] = ...) -> None: ...

class GetModerationSettingsRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ModerationSettings(_message.Message):
    __slots__ = ("account_id", "auto_moderation", "action", "moderate_negative", "banned_words", "updated_at")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AUTO_MODERATION_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    MODERATE_NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    BANNED_WORDS_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    auto_moderation: bool
    action: ModerationAction
    moderate_negative: bool
    banned_words: _containers.RepeatedScalarFieldContainer[str]
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, account_id: _Optional[str] = ..., auto_moderation: _Optional[bool] = ..., action: _Optional[_Union[ModerationAction, str]] = ..., moderate_negative: _Optional[bool] = ..., banned_words: _Optional[_Iterable[str]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class UpdateModerationSettingsRequest(_message.Message):
    __slots__ = ("account_id", "auto_moderation", "action", "moderate_negative", "banned_words")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    AUTO_MODERATION_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    MODERATE_NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    BANNED_WORDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    auto_moderation: bool
    action: ModerationAction
    moderate_negative: bool
    banned_words: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., auto_moderation: _Optional[bool] = ..., action: _Optional[_Union[ModerationAction, str]] = ..., moderate_negative: _Optional[bool] = ..., banned_words: _Optional[_Iterable[str]] = ...) -> None: ...

class BannedWordsRequest(_message.Message):
    __slots__ = ("account_id", "words")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    WORDS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    words: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, account_id: _Optional[str] = ..., words: _Optional[_Iterable[str]] = ...) -> None: ...

class Comment(_message.Message):
    __slots__ = ("id", "account_id", "ig_comment_id", "ig_media_id", "parent_ig_comment_id", "username", "text", "like_count", "posted_at", "sentiment", "state", "banned_words", "moderated_at", "moderation_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    IG_COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    IG_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_IG_COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    POSTED_AT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    BANNED_WORDS_FIELD_NUMBER: _ClassVar[int]
    MODERATED_AT_FIELD_NUMBER: _ClassVar[int]
    MODERATION_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    account_id: str
    ig_comment_id: str
    ig_media_id: str
    parent_ig_comment_id: str
    username: str
    text: str
    like_count: int
    posted_at: _timestamp_pb2.Timestamp
    sentiment: Sentiment
    state: CommentState
    banned_words: _containers.RepeatedScalarFieldContainer[str]
    moderated_at: _timestamp_pb2.Timestamp
    moderation_reason: str
    def __init__(self, id: _Optional[str] = ..., account_id: _Optional[str] = ..., ig_comment_id: _Optional[str] = ..., ig_media_id: _Optional[str] = ..., parent_ig_comment_id: _Optional[str] = ..., username: _Optional[str] = ..., text: _Optional[str] = ..., like_count: _Optional[int] = ..., posted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sentiment: _Optional[_Union[Sentiment, str]] = ..., state: _Optional[_Union[CommentState, str]] = ..., banned_words: _Optional[_Iterable[str]] = ..., moderated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., moderation_reason: _Optional[str] = ...) -> None: ...

class ListCommentsRequest(_message.Message):
    __slots__ = ("account_id", "sentiment", "moderated", "text", "sort", "page_size", "cursor", "ig_media_id")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    MODERATED_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    IG_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    sentiment: Sentiment
    moderated: str
    text: str
    sort: CommentSort
    page_size: int
    cursor: str
    ig_media_id: str
    def __init__(self, account_id: _Optional[str] = ..., sentiment: _Optional[_Union[Sentiment, str]] = ..., moderated: _Optional[str] = ..., text: _Optional[str] = ..., sort: _Optional[_Union[CommentSort, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ..., ig_media_id: _Optional[str] = ...) -> None: ...

class ListCommentsResponse(_message.Message):
    __slots__ = ("comments", "next_cursor")
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    comments: _containers.RepeatedCompositeFieldContainer[Comment]
    next_cursor: str
    def __init__(self, comments: _Optional[_Iterable[_Union[Comment, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ModerateCommentRequest(_message.Message):
    __slots__ = ("comment_id", "action")
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    comment_id: str
    action: ModerationAction
    def __init__(self, comment_id: _Optional[str] = ..., action: _Optional[_Union[ModerationAction, str]] = ...) -> None: ...

class GetModerationStatsRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class ModerationStats(_message.Message):
    __slots__ = ("account_id", "total_comments", "moderated_comments", "moderated_rate", "banned_word_comments", "positive_ratio", "negative_ratio", "neutral_ratio", "hidden_comments", "deleted_comments")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    MODERATED_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    MODERATED_RATE_FIELD_NUMBER: _ClassVar[int]
    BANNED_WORD_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    POSITIVE_RATIO_FIELD_NUMBER: _ClassVar[int]
    NEGATIVE_RATIO_FIELD_NUMBER: _ClassVar[int]
    NEUTRAL_RATIO_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    DELETED_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    total_comments: int
    moderated_comments: int
    moderated_rate: float
    banned_word_comments: int
    positive_ratio: float
    negative_ratio: float
    neutral_ratio: float
    hidden_comments: int
    deleted_comments: int
    def __init__(self, account_id: _Optional[str] = ..., total_comments: _Optional[int] = ..., moderated_comments: _Optional[int] = ..., moderated_rate: _Optional[float] = ..., banned_word_comments: _Optional[int] = ..., positive_ratio: _Optional[float] = ..., negative_ratio: _Optional[float] = ..., neutral_ratio: _Optional[float] = ..., hidden_comments: _Optional[int] = ..., deleted_comments: _Optional[int] = ...) -> None: ...

class ListModerationLogRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "cursor")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    cursor: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ModerationLogEntry(_message.Message):
    __slots__ = ("id", "comment_id", "action", "reason", "by", "by_user_id", "at")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    BY_USER_ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    comment_id: str
    action: ModerationAction
    reason: str
    by: str
    by_user_id: str
    at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., comment_id: _Optional[str] = ..., action: _Optional[_Union[ModerationAction, str]] = ..., reason: _Optional[str] = ..., by: _Optional[str] = ..., by_user_id: _Optional[str] = ..., at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListModerationLogResponse(_message.Message):
    __slots__ = ("entries", "next_cursor")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[ModerationLogEntry]
    next_cursor: str
    def __init__(self, entries: _Optional[_Iterable[_Union[ModerationLogEntry, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...
