import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Category(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CATEGORY_UNSPECIFIED: _ClassVar[Category]
    CATEGORY_CAMPAIGNS: _ClassVar[Category]
    CATEGORY_COMMUNITY: _ClassVar[Category]
    CATEGORY_HEALTH: _ClassVar[Category]
    CATEGORY_ACCOUNT: _ClassVar[Category]
CATEGORY_UNSPECIFIED: Category
CATEGORY_CAMPAIGNS: Category
CATEGORY_COMMUNITY: Category
CATEGORY_HEALTH: Category
CATEGORY_ACCOUNT: Category

class Notification(_message.Message):
    __slots__ = ("id", "seq", "type", "category", "title", "body", "link", "actor_id", "actor_count", "object_type", "object_id", "created_at", "read_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    OBJECT_TYPE_FIELD_NUMBER: _ClassVar[int]
    OBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    seq: int
    type: str
    category: Category
    title: str
    body: str
    link: str
    actor_id: str
    actor_count: int
    object_type: str
    object_id: str
    created_at: _timestamp_pb2.Timestamp
    read_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., seq: _Optional[int] = ..., type: _Optional[str] = ..., category: _Optional[_Union[Category, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., link: _Optional[str] = ..., actor_id: _Optional[str] = ..., actor_count: _Optional[int] = ..., object_type: _Optional[str] = ..., object_id: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListNotificationsRequest(_message.Message):
    __slots__ = ("unread_only", "category", "page_size", "cursor")
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    unread_only: bool
    category: Category
    page_size: int
    cursor: str
    def __init__(self, unread_only: _Optional[bool] = ..., category: _Optional[_Union[Category, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListNotificationsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Notification]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Notification, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ListNotificationsAfterRequest(_message.Message):
    __slots__ = ("after_seq", "limit")
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    after_seq: int
    limit: int
    def __init__(self, after_seq: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class ListNotificationsAfterResponse(_message.Message):
    __slots__ = ("items", "last_seq")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Notification]
    last_seq: int
    def __init__(self, items: _Optional[_Iterable[_Union[Notification, _Mapping]]] = ..., last_seq: _Optional[int] = ...) -> None: ...

class StreamPosition(_message.Message):
    __slots__ = ("user_id", "after_seq")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    after_seq: int
    def __init__(self, user_id: _Optional[str] = ..., after_seq: _Optional[int] = ...) -> None: ...

class ReadStreamsRequest(_message.Message):
    __slots__ = ("positions", "limit")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[StreamPosition]
    limit: int
    def __init__(self, positions: _Optional[_Iterable[_Union[StreamPosition, _Mapping]]] = ..., limit: _Optional[int] = ...) -> None: ...

class StreamPage(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Notification]
    def __init__(self, items: _Optional[_Iterable[_Union[Notification, _Mapping]]] = ...) -> None: ...

class ReadStreamsResponse(_message.Message):
    __slots__ = ("pages",)
    PAGES_FIELD_NUMBER: _ClassVar[int]
    pages: _containers.RepeatedCompositeFieldContainer[StreamPage]
    def __init__(self, pages: _Optional[_Iterable[_Union[StreamPage, _Mapping]]] = ...) -> None: ...

class GetUnreadCountRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetUnreadCountResponse(_message.Message):
    __slots__ = ("count",)
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class MarkReadRequest(_message.Message):
    __slots__ = ("notification_id",)
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    def __init__(self, notification_id: _Optional[str] = ...) -> None: ...

class MarkAllReadRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class MarkAllReadResponse(_message.Message):
    __slots__ = ("marked",)
    MARKED_FIELD_NUMBER: _ClassVar[int]
    marked: int
    def __init__(self, marked: _Optional[int] = ...) -> None: ...

class HideNotificationRequest(_message.Message):
    __slots__ = ("notification_id",)
    NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    notification_id: str
    def __init__(self, notification_id: _Optional[str] = ...) -> None: ...

class HideNotificationResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
