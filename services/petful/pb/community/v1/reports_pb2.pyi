import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from petful.pb.community.v1 import posts_pb2 as _posts_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportTargetType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_TARGET_TYPE_UNSPECIFIED: _ClassVar[ReportTargetType]
    REPORT_TARGET_TYPE_USER: _ClassVar[ReportTargetType]
    REPORT_TARGET_TYPE_POST: _ClassVar[ReportTargetType]
    REPORT_TARGET_TYPE_COMMENT: _ClassVar[ReportTargetType]

class ReportCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_CATEGORY_UNSPECIFIED: _ClassVar[ReportCategory]
    REPORT_CATEGORY_SPAM: _ClassVar[ReportCategory]
    REPORT_CATEGORY_ABUSE: _ClassVar[ReportCategory]
    REPORT_CATEGORY_INAPPROPRIATE: _ClassVar[ReportCategory]
    REPORT_CATEGORY_FRAUD: _ClassVar[ReportCategory]
    REPORT_CATEGORY_OTHER: _ClassVar[ReportCategory]

class ReportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_STATUS_UNSPECIFIED: _ClassVar[ReportStatus]
    REPORT_STATUS_OPEN: _ClassVar[ReportStatus]
    REPORT_STATUS_RESOLVED: _ClassVar[ReportStatus]
    REPORT_STATUS_DISMISSED: _ClassVar[ReportStatus]

class ModerationAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MODERATION_ACTION_UNSPECIFIED: _ClassVar[ModerationAction]
    MODERATION_ACTION_NONE: _ClassVar[ModerationAction]
    MODERATION_ACTION_HIDE_CONTENT: _ClassVar[ModerationAction]
    MODERATION_ACTION_DELETE_CONTENT: _ClassVar[ModerationAction]
    MODERATION_ACTION_WARN_AUTHOR: _ClassVar[ModerationAction]
    MODERATION_ACTION_SUSPEND_AUTHOR: _ClassVar[ModerationAction]
REPORT_TARGET_TYPE_UNSPECIFIED: ReportTargetType
REPORT_TARGET_TYPE_USER: ReportTargetType
REPORT_TARGET_TYPE_POST: ReportTargetType
REPORT_TARGET_TYPE_COMMENT: ReportTargetType
REPORT_CATEGORY_UNSPECIFIED: ReportCategory
REPORT_CATEGORY_SPAM: ReportCategory
REPORT_CATEGORY_ABUSE: ReportCategory
REPORT_CATEGORY_INAPPROPRIATE: ReportCategory
REPORT_CATEGORY_FRAUD: ReportCategory
REPORT_CATEGORY_OTHER: ReportCategory
REPORT_STATUS_UNSPECIFIED: ReportStatus
REPORT_STATUS_OPEN: ReportStatus
REPORT_STATUS_RESOLVED: ReportStatus
REPORT_STATUS_DISMISSED: ReportStatus
MODERATION_ACTION_UNSPECIFIED: ModerationAction
MODERATION_ACTION_NONE: ModerationAction
MODERATION_ACTION_HIDE_CONTENT: ModerationAction
MODERATION_ACTION_DELETE_CONTENT: ModerationAction
MODERATION_ACTION_WARN_AUTHOR: ModerationAction
MODERATION_ACTION_SUSPEND_AUTHOR: ModerationAction

class Report(_message.Message):
    __slots__ = ("id", "reporter_id", "target_type", "target_id", "category", "text", "status", "created_at", "handled_at", "handled_by", "resolution_reason", "target_suspended", "action")
    ID_FIELD_NUMBER: _ClassVar[int]
    REPORTER_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    HANDLED_AT_FIELD_NUMBER: _ClassVar[int]
    HANDLED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_REASON_FIELD_NUMBER: _ClassVar[int]
    TARGET_SUSPENDED_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    reporter_id: str
    target_type: ReportTargetType
    target_id: str
    category: ReportCategory
    text: str
    status: ReportStatus
    created_at: _timestamp_pb2.Timestamp
    handled_at: _timestamp_pb2.Timestamp
    handled_by: str
    resolution_reason: str
    target_suspended: bool
    action: ModerationAction
    def __init__(self, id: _Optional[str] = ..., reporter_id: _Optional[str] = ..., target_type: _Optional[_Union[ReportTargetType, str]] = ..., target_id: _Optional[str] = ..., category: _Optional[_Union[ReportCategory, str]] = ..., text: _Optional[str] = ..., status: _Optional[_Union[ReportStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handled_by: _Optional[str] = ..., resolution_reason: _Optional[str] = ..., target_suspended: _Optional[bool] = ..., action: _Optional[_Union[ModerationAction, str]] = ...) -> None: ...

class ReportedUser(_message.Message):
    __slots__ = ("id", "nickname", "withdrawn")
    ID_FIELD_NUMBER: _ClassVar[int]
    NICKNAME_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    id: str
    nickname: str
    withdrawn: bool
    def __init__(self, id: _Optional[str] = ..., nickname: _Optional[str] = ..., withdrawn: _Optional[bool] = ...) -> None: ...

class ReportedPost(_message.Message):
    __slots__ = ("id", "board", "title", "body", "image_url", "thumbnails", "author", "hidden", "deleted", "created_at")
    class ThumbnailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    BOARD_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    IMAGE_URL_FIELD_NUMBER: _ClassVar[int]
    THUMBNAILS_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    board: _posts_pb2.Board
    title: str
    body: str
    image_url: str
    thumbnails: _containers.ScalarMap[str, str]
    author: ReportedUser
    hidden: bool
    deleted: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., board: _Optional[_Union[_posts_pb2.Board, str]] = ..., title: _Optional[str] = ..., body: _Optional[str] = ..., image_url: _Optional[str] = ..., thumbnails: _Optional[_Mapping[str, str]] = ..., author: _Optional[_Union[ReportedUser, _Mapping]] = ..., hidden: _Optional[bool] = ..., deleted: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportedComment(_message.Message):
    __slots__ = ("id", "body", "post_id", "post_title", "author", "hidden", "deleted", "created_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    POST_ID_FIELD_NUMBER: _ClassVar[int]
    POST_TITLE_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    HIDDEN_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    body: str
    post_id: str
    post_title: str
    author: ReportedUser
    hidden: bool
    deleted: bool
    created_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., body: _Optional[str] = ..., post_id: _Optional[str] = ..., post_title: _Optional[str] = ..., author: _Optional[_Union[ReportedUser, _Mapping]] = ..., hidden: _Optional[bool] = ..., deleted: _Optional[bool] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ReportTarget(_message.Message):
    __slots__ = ("user", "post", "comment")
    USER_FIELD_NUMBER: _ClassVar[int]
    POST_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    user: ReportedUser
    post: ReportedPost
    comment: ReportedComment
    def __init__(self, user: _Optional[_Union[ReportedUser, _Mapping]] = ..., post: _Optional[_Union[ReportedPost, _Mapping]] = ..., comment: _Optional[_Union[ReportedComment, _Mapping]] = ...) -> None: ...

class QueuedReport(_message.Message):
    __slots__ = ("report", "target", "open_reports")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    OPEN_REPORTS_FIELD_NUMBER: _ClassVar[int]
    report: Report
    target: ReportTarget
    open_reports: int
    def __init__(self, report: _Optional[_Union[Report, _Mapping]] = ..., target: _Optional[_Union[ReportTarget, _Mapping]] = ..., open_reports: _Optional[int] = ...) -> None: ...

class CreateReportRequest(_message.Message):
    __slots__ = ("target_type", "target_id", "category", "text")
    TARGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    target_type: ReportTargetType
    target_id: str
    category: ReportCategory
    text: str
    def __init__(self, target_type: _Optional[_Union[ReportTargetType, str]] = ..., target_id: _Optional[str] = ..., category: _Optional[_Union[ReportCategory, str]] = ..., text: _Optional[str] = ...) -> None: ...

class ListMyReportsRequest(_message.Message):
    __slots__ = ("page_size", "cursor")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    cursor: str
    def __init__(self, page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListReportsRequest(_message.Message):
    __slots__ = ("status", "page_size", "cursor", "target_type")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    TARGET_TYPE_FIELD_NUMBER: _ClassVar[int]
    status: ReportStatus
    page_size: int
    cursor: str
    target_type: ReportTargetType
    def __init__(self, status: _Optional[_Union[ReportStatus, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ..., target_type: _Optional[_Union[ReportTargetType, str]] = ...) -> None: ...

class ListReportsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Report]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Report, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ListQueueResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[QueuedReport]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[QueuedReport, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ResolveReportRequest(_message.Message):
    __slots__ = ("report_id", "reason", "suspend_until", "action")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SUSPEND_UNTIL_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    reason: str
    suspend_until: _timestamp_pb2.Timestamp
    action: ModerationAction
    def __init__(self, report_id: _Optional[str] = ..., reason: _Optional[str] = ..., suspend_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., action: _Optional[_Union[ModerationAction, str]] = ...) -> None: ...

class DismissReportRequest(_message.Message):
    __slots__ = ("report_id", "reason")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    reason: str
    def __init__(self, report_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
