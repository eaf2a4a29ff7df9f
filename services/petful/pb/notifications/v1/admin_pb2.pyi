import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from petful.pb.notifications.v1 import notifications_pb2 as _notifications_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BroadcastAudience(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BROADCAST_AUDIENCE_UNSPECIFIED: _ClassVar[BroadcastAudience]
    BROADCAST_AUDIENCE_ALL: _ClassVar[BroadcastAudience]
    BROADCAST_AUDIENCE_USER: _ClassVar[BroadcastAudience]
    BROADCAST_AUDIENCE_ADVERTISER: _ClassVar[BroadcastAudience]
    BROADCAST_AUDIENCE_ADMIN: _ClassVar[BroadcastAudience]

class BroadcastStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BROADCAST_STATUS_UNSPECIFIED: _ClassVar[BroadcastStatus]
    BROADCAST_STATUS_QUEUED: _ClassVar[BroadcastStatus]
    BROADCAST_STATUS_SENDING: _ClassVar[BroadcastStatus]
    BROADCAST_STATUS_DONE: _ClassVar[BroadcastStatus]
    BROADCAST_STATUS_FAILED: _ClassVar[BroadcastStatus]
BROADCAST_AUDIENCE_UNSPECIFIED: BroadcastAudience
BROADCAST_AUDIENCE_ALL: BroadcastAudience
BROADCAST_AUDIENCE_USER: BroadcastAudience
BROADCAST_AUDIENCE_ADVERTISER: BroadcastAudience
BROADCAST_AUDIENCE_ADMIN: BroadcastAudience
BROADCAST_STATUS_UNSPECIFIED: BroadcastStatus
BROADCAST_STATUS_QUEUED: BroadcastStatus
BROADCAST_STATUS_SENDING: BroadcastStatus
BROADCAST_STATUS_DONE: BroadcastStatus
BROADCAST_STATUS_FAILED: BroadcastStatus

class BroadcastDraft(_message.Message):
    __slots__ = ("audience", "title", "body", "link", "email")
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    audience: BroadcastAudience
    title: str
    body: str
    link: str
    email: bool
    def __init__(self, audience: _Optional[_Union[BroadcastAudience, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., link: _Optional[str] = ..., email: _Optional[bool] = ...) -> None: ...

class PreviewBroadcastRequest(_message.Message):
    __slots__ = ("draft",)
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    draft: BroadcastDraft
    def __init__(self, draft: _Optional[_Union[BroadcastDraft, _Mapping]] = ...) -> None: ...

class BroadcastPreview(_message.Message):
    __slots__ = ("recipients", "type", "category", "title", "body", "link", "email_subject")
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    EMAIL_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    recipients: int
    type: str
    category: _notifications_pb2.Category
    title: str
    body: str
    link: str
    email_subject: str
    def __init__(self, recipients: _Optional[int] = ..., type: _Optional[str] = ..., category: _Optional[_Union[_notifications_pb2.Category, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., link: _Optional[str] = ..., email_subject: _Optional[str] = ...) -> None: ...

class CreateBroadcastRequest(_message.Message):
    __slots__ = ("draft", "idempotency_key")
    DRAFT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    draft: BroadcastDraft
    idempotency_key: str
    def __init__(self, draft: _Optional[_Union[BroadcastDraft, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Broadcast(_message.Message):
    __slots__ = ("id", "audience", "title", "body", "link", "email", "created_by", "created_at", "status", "recipients", "written", "emails", "finished_at", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    AUDIENCE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    LINK_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    EMAILS_FIELD_NUMBER: _ClassVar[int]
    FINISHED_AT_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: str
    audience: BroadcastAudience
    title: str
    body: str
    link: str
    email: bool
    created_by: str
    created_at: _timestamp_pb2.Timestamp
    status: BroadcastStatus
    recipients: int
    written: int
    emails: int
    finished_at: _timestamp_pb2.Timestamp
    error: str
    def __init__(self, id: _Optional[str] = ..., audience: _Optional[_Union[BroadcastAudience, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., link: _Optional[str] = ..., email: _Optional[bool] = ..., created_by: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[BroadcastStatus, str]] = ..., recipients: _Optional[int] = ..., written: _Optional[int] = ..., emails: _Optional[int] = ..., finished_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[str] = ...) -> None: ...

class ListBroadcastsRequest(_message.Message):
    __slots__ = ("page_size", "cursor")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    cursor: str
    def __init__(self, page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListBroadcastsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Broadcast]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Broadcast, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class GetBroadcastRequest(_message.Message):
    __slots__ = ("broadcast_id",)
    BROADCAST_ID_FIELD_NUMBER: _ClassVar[int]
    broadcast_id: str
    def __init__(self, broadcast_id: _Optional[str] = ...) -> None: ...

class GetDeliveryStatsRequest(_message.Message):
    __slots__ = ("since",)
    SINCE_FIELD_NUMBER: _ClassVar[int]
    since: _timestamp_pb2.Timestamp
    def __init__(self, since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DeliveryCount(_message.Message):
    __slots__ = ("type", "channel", "sent", "failed", "skipped", "pending", "written", "opened")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    SENT_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    OPENED_FIELD_NUMBER: _ClassVar[int]
    type: str
    channel: str
    sent: int
    failed: int
    skipped: int
    pending: int
    written: int
    opened: int
    def __init__(self, type: _Optional[str] = ..., channel: _Optional[str] = ..., sent: _Optional[int] = ..., failed: _Optional[int] = ..., skipped: _Optional[int] = ..., pending: _Optional[int] = ..., written: _Optional[int] = ..., opened: _Optional[int] = ...) -> None: ...

class DeliveryStats(_message.Message):
    __slots__ = ("since", "counts")
    SINCE_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    since: _timestamp_pb2.Timestamp
    counts: _containers.RepeatedCompositeFieldContainer[DeliveryCount]
    def __init__(self, since: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., counts: _Optional[_Iterable[_Union[DeliveryCount, _Mapping]]] = ...) -> None: ...

class DeadLetter(_message.Message):
    __slots__ = ("id", "consumer", "event_id", "topic", "envelope_json", "error", "attempts", "first_failed_at", "last_failed_at", "retried_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    ENVELOPE_JSON_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    FIRST_FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_FAILED_AT_FIELD_NUMBER: _ClassVar[int]
    RETRIED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    consumer: str
    event_id: str
    topic: str
    envelope_json: str
    error: str
    attempts: int
    first_failed_at: _timestamp_pb2.Timestamp
    last_failed_at: _timestamp_pb2.Timestamp
    retried_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., consumer: _Optional[str] = ..., event_id: _Optional[str] = ..., topic: _Optional[str] = ..., envelope_json: _Optional[str] = ..., error: _Optional[str] = ..., attempts: _Optional[int] = ..., first_failed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_failed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., retried_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListDeadLettersRequest(_message.Message):
    __slots__ = ("page_size", "cursor", "consumer", "topic")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    cursor: str
    consumer: str
    topic: str
    def __init__(self, page_size: _Optional[int] = ..., cursor: _Optional[str] = ..., consumer: _Optional[str] = ..., topic: _Optional[str] = ...) -> None: ...

class ListDeadLettersResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[DeadLetter]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[DeadLetter, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class RetryDeadLetterRequest(_message.Message):
    __slots__ = ("dead_letter_id",)
    DEAD_LETTER_ID_FIELD_NUMBER: _ClassVar[int]
    dead_letter_id: str
    def __init__(self, dead_letter_id: _Optional[str] = ...) -> None: ...
