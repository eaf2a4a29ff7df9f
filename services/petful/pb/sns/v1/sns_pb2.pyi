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
ACCOUNT_STATUS_UNSPECIFIED: AccountStatus
ACCOUNT_STATUS_LINKED: AccountStatus
ACCOUNT_STATUS_NEEDS_REAUTH: AccountStatus
ACCOUNT_STATUS_UNLINKED: AccountStatus

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

class ListMyAccountsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListAccountsResponse(_message.Message):
    __slots__ = ("accounts",)
    ACCOUNTS_FIELD_NUMBER: _ClassVar[int]
    accounts: _containers.RepeatedCompositeFieldContainer[Account]
    def __init__(self, accounts: _Optional[_Iterable[_Union[Account, _Mapping]]] = ...) -> None: ...

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
