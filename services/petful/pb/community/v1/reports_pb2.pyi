import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
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

class Report(_message.Message):
    __slots__ = ("id", "reporter_id", "target_type", "target_id", "category", "text", "status", "created_at", "handled_at", "handled_by", "resolution_reason", "target_suspended")
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
    def __init__(self, id: _Optional[str] = ..., reporter_id: _Optional[str] = ..., target_type: _Optional[_Union[ReportTargetType, str]] = ..., target_id: _Optional[str] = ..., category: _Optional[_Union[ReportCategory, str]] = ..., text: _Optional[str] = ..., status: _Optional[_Union[ReportStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handled_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., handled_by: _Optional[str] = ..., resolution_reason: _Optional[str] = ..., target_suspended: _Optional[bool] = ...) -> None: ...

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
    __slots__ = ("status", "page_size", "cursor")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    status: ReportStatus
    page_size: int
    cursor: str
    def __init__(self, status: _Optional[_Union[ReportStatus, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListReportsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Report]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Report, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ResolveReportRequest(_message.Message):
    __slots__ = ("report_id", "reason", "suspend_target", "suspend_until")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SUSPEND_TARGET_FIELD_NUMBER: _ClassVar[int]
    SUSPEND_UNTIL_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    reason: str
    suspend_target: bool
    suspend_until: _timestamp_pb2.Timestamp
    def __init__(self, report_id: _Optional[str] = ..., reason: _Optional[str] = ..., suspend_target: _Optional[bool] = ..., suspend_until: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DismissReportRequest(_message.Message):
    __slots__ = ("report_id", "reason")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    reason: str
    def __init__(self, report_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
