import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ProfileStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PROFILE_STATUS_UNSPECIFIED: _ClassVar[ProfileStatus]
    PROFILE_STATUS_DRAFT: _ClassVar[ProfileStatus]
    PROFILE_STATUS_PENDING: _ClassVar[ProfileStatus]
    PROFILE_STATUS_APPROVED: _ClassVar[ProfileStatus]
    PROFILE_STATUS_REJECTED: _ClassVar[ProfileStatus]
    PROFILE_STATUS_RESTRICTED: _ClassVar[ProfileStatus]
    PROFILE_STATUS_WITHDRAWN: _ClassVar[ProfileStatus]
PROFILE_STATUS_UNSPECIFIED: ProfileStatus
PROFILE_STATUS_DRAFT: ProfileStatus
PROFILE_STATUS_PENDING: ProfileStatus
PROFILE_STATUS_APPROVED: ProfileStatus
PROFILE_STATUS_REJECTED: ProfileStatus
PROFILE_STATUS_RESTRICTED: ProfileStatus
PROFILE_STATUS_WITHDRAWN: ProfileStatus

class Profile(_message.Message):
    __slots__ = ("user_id", "company_name", "business_registration_number", "representative_name", "phone", "website", "contact_email", "description", "logo_media_id", "business_document_media_id", "status", "status_reason", "created_at", "updated_at", "submitted_at", "decided_at", "logo_url")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVE_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    WEBSITE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LOGO_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_DOCUMENT_MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    LOGO_URL_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    company_name: str
    business_registration_number: str
    representative_name: str
    phone: str
    website: str
    contact_email: str
    description: str
    logo_media_id: str
    business_document_media_id: str
    status: ProfileStatus
    status_reason: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    submitted_at: _timestamp_pb2.Timestamp
    decided_at: _timestamp_pb2.Timestamp
    logo_url: str
    def __init__(self, user_id: _Optional[str] = ..., company_name: _Optional[str] = ..., business_registration_number: _Optional[str] = ..., representative_name: _Optional[str] = ..., phone: _Optional[str] = ..., website: _Optional[str] = ..., contact_email: _Optional[str] = ..., description: _Optional[str] = ..., logo_media_id: _Optional[str] = ..., business_document_media_id: _Optional[str] = ..., status: _Optional[_Union[ProfileStatus, str]] = ..., status_reason: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., logo_url: _Optional[str] = ...) -> None: ...

class GetMyProfileRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpsertMyProfileRequest(_message.Message):
    __slots__ = ("company_name", "business_registration_number", "representative_name", "phone", "website", "contact_email", "description")
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_REGISTRATION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVE_NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    WEBSITE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    company_name: str
    business_registration_number: str
    representative_name: str
    phone: str
    website: str
    contact_email: str
    description: str
    def __init__(self, company_name: _Optional[str] = ..., business_registration_number: _Optional[str] = ..., representative_name: _Optional[str] = ..., phone: _Optional[str] = ..., website: _Optional[str] = ..., contact_email: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class SetLogoRequest(_message.Message):
    __slots__ = ("data", "filename")
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    filename: str
    def __init__(self, data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class SetBusinessDocumentRequest(_message.Message):
    __slots__ = ("data", "filename")
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    filename: str
    def __init__(self, data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class GetBusinessDocumentRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class BusinessDocument(_message.Message):
    __slots__ = ("content_type", "data", "filename")
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    data: bytes
    filename: str
    def __init__(self, content_type: _Optional[str] = ..., data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class SubmitMyProfileRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetApprovalRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class Approval(_message.Message):
    __slots__ = ("user_id", "has_profile", "status", "company_name", "status_reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    HAS_PROFILE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    has_profile: bool
    status: ProfileStatus
    company_name: str
    status_reason: str
    def __init__(self, user_id: _Optional[str] = ..., has_profile: _Optional[bool] = ..., status: _Optional[_Union[ProfileStatus, str]] = ..., company_name: _Optional[str] = ..., status_reason: _Optional[str] = ...) -> None: ...

class ListProfilesRequest(_message.Message):
    __slots__ = ("status", "page_size", "cursor")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    status: ProfileStatus
    page_size: int
    cursor: str
    def __init__(self, status: _Optional[_Union[ProfileStatus, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListProfilesResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Profile]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Profile, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ApproveRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class RejectRequest(_message.Message):
    __slots__ = ("user_id", "reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    reason: str
    def __init__(self, user_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RestrictRequest(_message.Message):
    __slots__ = ("user_id", "reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    reason: str
    def __init__(self, user_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReinstateRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...
