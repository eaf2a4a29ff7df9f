import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from petful.pb.common.v1 import species_pb2 as _species_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Phase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PHASE_UNSPECIFIED: _ClassVar[Phase]
    PHASE_DRAFT: _ClassVar[Phase]
    PHASE_PENDING_REVIEW: _ClassVar[Phase]
    PHASE_REJECTED: _ClassVar[Phase]
    PHASE_RECRUITING: _ClassVar[Phase]
    PHASE_SELECTING: _ClassVar[Phase]
    PHASE_ANNOUNCED: _ClassVar[Phase]
    PHASE_IN_PROGRESS: _ClassVar[Phase]
    PHASE_REVIEWING: _ClassVar[Phase]
    PHASE_COMPLETED: _ClassVar[Phase]
    PHASE_CANCELLED: _ClassVar[Phase]

class CampaignType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CAMPAIGN_TYPE_UNSPECIFIED: _ClassVar[CampaignType]
    CAMPAIGN_TYPE_DELIVERY: _ClassVar[CampaignType]
    CAMPAIGN_TYPE_VISIT: _ClassVar[CampaignType]

class ApplicantStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPLICANT_STATUS_UNSPECIFIED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_APPLIED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_SELECTED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_NOT_SELECTED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_SHIPPED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_CONTENT_SUBMITTED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_REVISION_REQUESTED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_APPROVED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_COMPLETED: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_NO_SHOW: _ClassVar[ApplicantStatus]
    APPLICANT_STATUS_CANCELLED: _ClassVar[ApplicantStatus]

class Tab(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TAB_UNSPECIFIED: _ClassVar[Tab]
    TAB_RECRUITING: _ClassVar[Tab]
    TAB_APPLIED: _ClassVar[Tab]
    TAB_ENDED: _ClassVar[Tab]

class Sort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SORT_UNSPECIFIED: _ClassVar[Sort]
    SORT_NEWEST: _ClassVar[Sort]
    SORT_DEADLINE: _ClassVar[Sort]
    SORT_POPULAR: _ClassVar[Sort]

class MySort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MY_SORT_UNSPECIFIED: _ClassVar[MySort]
    MY_SORT_NEWEST: _ClassVar[MySort]
    MY_SORT_UPDATED: _ClassVar[MySort]
    MY_SORT_DEADLINE: _ClassVar[MySort]
    MY_SORT_TITLE: _ClassVar[MySort]
PHASE_UNSPECIFIED: Phase
PHASE_DRAFT: Phase
PHASE_PENDING_REVIEW: Phase
PHASE_REJECTED: Phase
PHASE_RECRUITING: Phase
PHASE_SELECTING: Phase
PHASE_ANNOUNCED: Phase
PHASE_IN_PROGRESS: Phase
PHASE_REVIEWING: Phase
PHASE_COMPLETED: Phase
PHASE_CANCELLED: Phase
CAMPAIGN_TYPE_UNSPECIFIED: CampaignType
CAMPAIGN_TYPE_DELIVERY: CampaignType
CAMPAIGN_TYPE_VISIT: CampaignType
APPLICANT_STATUS_UNSPECIFIED: ApplicantStatus
APPLICANT_STATUS_APPLIED: ApplicantStatus
APPLICANT_STATUS_SELECTED: ApplicantStatus
APPLICANT_STATUS_NOT_SELECTED: ApplicantStatus
APPLICANT_STATUS_SHIPPED: ApplicantStatus
APPLICANT_STATUS_CONTENT_SUBMITTED: ApplicantStatus
APPLICANT_STATUS_REVISION_REQUESTED: ApplicantStatus
APPLICANT_STATUS_APPROVED: ApplicantStatus
APPLICANT_STATUS_COMPLETED: ApplicantStatus
APPLICANT_STATUS_NO_SHOW: ApplicantStatus
APPLICANT_STATUS_CANCELLED: ApplicantStatus
TAB_UNSPECIFIED: Tab
TAB_RECRUITING: Tab
TAB_APPLIED: Tab
TAB_ENDED: Tab
SORT_UNSPECIFIED: Sort
SORT_NEWEST: Sort
SORT_DEADLINE: Sort
SORT_POPULAR: Sort
MY_SORT_UNSPECIFIED: MySort
MY_SORT_NEWEST: MySort
MY_SORT_UPDATED: MySort
MY_SORT_DEADLINE: MySort
MY_SORT_TITLE: MySort

class CampaignFields(_message.Message):
    __slots__ = ("title", "product_name", "product_description", "image_media_ids", "objective", "missions", "keywords", "hashtags", "requirements", "product_url", "campaign_type", "target_species", "headcount", "reward_description", "reward_value_krw", "recruit_start", "recruit_end", "announce_at", "activity_start", "activity_end", "post_retention_days")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_NAME_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IMAGE_MEDIA_IDS_FIELD_NUMBER: _ClassVar[int]
    OBJECTIVE_FIELD_NUMBER: _ClassVar[int]
    MISSIONS_FIELD_NUMBER: _ClassVar[int]
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    HASHTAGS_FIELD_NUMBER: _ClassVar[int]
    REQUIREMENTS_FIELD_NUMBER: _ClassVar[int]
    PRODUCT_URL_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_TYPE_FIELD_NUMBER: _ClassVar[int]
    TARGET_SPECIES_FIELD_NUMBER: _ClassVar[int]
    HEADCOUNT_FIELD_NUMBER: _ClassVar[int]
    REWARD_DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REWARD_VALUE_KRW_FIELD_NUMBER: _ClassVar[int]
    RECRUIT_START_FIELD_NUMBER: _ClassVar[int]
    RECRUIT_END_FIELD_NUMBER: _ClassVar[int]
    ANNOUNCE_AT_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_START_FIELD_NUMBER: _ClassVar[int]
    ACTIVITY_END_FIELD_NUMBER: _ClassVar[int]
    POST_RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    title: str
    product_name: str
    product_description: str
    image_media_ids: _containers.RepeatedScalarFieldContainer[str]
    objective: str
    missions: _containers.RepeatedScalarFieldContainer[str]
    keywords: _containers.RepeatedScalarFieldContainer[str]
    hashtags: _containers.RepeatedScalarFieldContainer[str]
    requirements: _containers.RepeatedScalarFieldContainer[str]
    product_url: str
    campaign_type: CampaignType
    target_species: _containers.RepeatedScalarFieldContainer[_species_pb2.Species]
    headcount: int
    reward_description: str
    reward_value_krw: int
    recruit_start: _timestamp_pb2.Timestamp
    recruit_end: _timestamp_pb2.Timestamp
    announce_at: _timestamp_pb2.Timestamp
    activity_start: _timestamp_pb2.Timestamp
    activity_end: _timestamp_pb2.Timestamp
    post_retention_days: int
    def __init__(self, title: _Optional[str] = ..., product_name: _Optional[str] = ..., product_description: _Optional[str] = ..., image_media_ids: _Optional[_Iterable[str]] = ..., objective: _Optional[str] = ..., missions: _Optional[_Iterable[str]] = ..., keywords: _Optional[_Iterable[str]] = ..., hashtags: _Optional[_Iterable[str]] = ..., requirements: _Optional[_Iterable[str]] = ..., product_url: _Optional[str] = ..., campaign_type: _Optional[_Union[CampaignType, str]] = ..., target_species: _Optional[_Iterable[_Union[_species_pb2.Species, str]]] = ..., headcount: _Optional[int] = ..., reward_description: _Optional[str] = ..., reward_value_krw: _Optional[int] = ..., recruit_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recruit_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., announce_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., activity_start: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., activity_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., post_retention_days: _Optional[int] = ...) -> None: ...

class Campaign(_message.Message):
    __slots__ = ("id", "advertiser_user_id", "company_name", "fields", "phase", "phase_reason", "applicant_count", "selected_count", "created_at", "updated_at", "submitted_at", "approved_at", "images", "archived_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ADVERTISER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    PHASE_REASON_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_COUNT_FIELD_NUMBER: _ClassVar[int]
    SELECTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_AT_FIELD_NUMBER: _ClassVar[int]
    IMAGES_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    advertiser_user_id: str
    company_name: str
    fields: CampaignFields
    phase: Phase
    phase_reason: str
    applicant_count: int
    selected_count: int
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    submitted_at: _timestamp_pb2.Timestamp
    approved_at: _timestamp_pb2.Timestamp
    images: _containers.RepeatedCompositeFieldContainer[CampaignImage]
    archived_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., advertiser_user_id: _Optional[str] = ..., company_name: _Optional[str] = ..., fields: _Optional[_Union[CampaignFields, _Mapping]] = ..., phase: _Optional[_Union[Phase, str]] = ..., phase_reason: _Optional[str] = ..., applicant_count: _Optional[int] = ..., selected_count: _Optional[int] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., approved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., images: _Optional[_Iterable[_Union[CampaignImage, _Mapping]]] = ..., archived_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CampaignImage(_message.Message):
    __slots__ = ("media_id", "url", "thumbnails")
    class ThumbnailsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    THUMBNAILS_FIELD_NUMBER: _ClassVar[int]
    media_id: str
    url: str
    thumbnails: _containers.ScalarMap[str, str]
    def __init__(self, media_id: _Optional[str] = ..., url: _Optional[str] = ..., thumbnails: _Optional[_Mapping[str, str]] = ...) -> None: ...

class AddCampaignImageRequest(_message.Message):
    __slots__ = ("campaign_id", "data", "filename")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    data: bytes
    filename: str
    def __init__(self, campaign_id: _Optional[str] = ..., data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class RemoveCampaignImageRequest(_message.Message):
    __slots__ = ("campaign_id", "media_id")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    media_id: str
    def __init__(self, campaign_id: _Optional[str] = ..., media_id: _Optional[str] = ...) -> None: ...

class CreateCampaignRequest(_message.Message):
    __slots__ = ("fields", "idempotency_key")
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    fields: CampaignFields
    idempotency_key: str
    def __init__(self, fields: _Optional[_Union[CampaignFields, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class UpdateCampaignRequest(_message.Message):
    __slots__ = ("campaign_id", "fields")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    fields: CampaignFields
    def __init__(self, campaign_id: _Optional[str] = ..., fields: _Optional[_Union[CampaignFields, _Mapping]] = ...) -> None: ...

class SubmitCampaignRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class CancelCampaignRequest(_message.Message):
    __slots__ = ("campaign_id", "reason")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    reason: str
    def __init__(self, campaign_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetCampaignRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class ListCampaignsRequest(_message.Message):
    __slots__ = ("tab", "query", "sort", "species", "page_size", "cursor")
    TAB_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    tab: Tab
    query: str
    sort: Sort
    species: _species_pb2.Species
    page_size: int
    cursor: str
    def __init__(self, tab: _Optional[_Union[Tab, str]] = ..., query: _Optional[str] = ..., sort: _Optional[_Union[Sort, str]] = ..., species: _Optional[_Union[_species_pb2.Species, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListCampaignsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Campaign]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Campaign, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class ListMyCampaignsRequest(_message.Message):
    __slots__ = ("phase", "page_size", "cursor", "query", "sort", "phases", "archived")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    PHASES_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    phase: Phase
    page_size: int
    cursor: str
    query: str
    sort: MySort
    phases: _containers.RepeatedScalarFieldContainer[Phase]
    archived: bool
    def __init__(self, phase: _Optional[_Union[Phase, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ..., query: _Optional[str] = ..., sort: _Optional[_Union[MySort, str]] = ..., phases: _Optional[_Iterable[_Union[Phase, str]]] = ..., archived: _Optional[bool] = ...) -> None: ...

class ArchiveCampaignRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class ListReviewQueueRequest(_message.Message):
    __slots__ = ("page_size", "cursor")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    cursor: str
    def __init__(self, page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class CountCampaignsByPhaseRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PhaseCount(_message.Message):
    __slots__ = ("phase", "count")
    PHASE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    phase: Phase
    count: int
    def __init__(self, phase: _Optional[_Union[Phase, str]] = ..., count: _Optional[int] = ...) -> None: ...

class CountCampaignsByPhaseResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PhaseCount]
    def __init__(self, items: _Optional[_Iterable[_Union[PhaseCount, _Mapping]]] = ...) -> None: ...

class ApproveCampaignRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class RejectCampaignRequest(_message.Message):
    __slots__ = ("campaign_id", "reason")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    reason: str
    def __init__(self, campaign_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Shipment(_message.Message):
    __slots__ = ("carrier", "tracking_number", "shipped_at")
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SHIPPED_AT_FIELD_NUMBER: _ClassVar[int]
    carrier: str
    tracking_number: str
    shipped_at: _timestamp_pb2.Timestamp
    def __init__(self, carrier: _Optional[str] = ..., tracking_number: _Optional[str] = ..., shipped_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ContentSubmission(_message.Message):
    __slots__ = ("url", "submitted_at", "decision", "reason", "decided_at")
    URL_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    url: str
    submitted_at: _timestamp_pb2.Timestamp
    decision: ApplicantStatus
    reason: str
    decided_at: _timestamp_pb2.Timestamp
    def __init__(self, url: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decision: _Optional[_Union[ApplicantStatus, str]] = ..., reason: _Optional[str] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Applicant(_message.Message):
    __slots__ = ("id", "campaign_id", "campaign_title", "pet_id", "pet_name", "owner_user_id", "note", "status", "status_reason", "shipment", "submissions", "post_url", "created_at", "updated_at", "checklist", "likes", "comments", "pet_completed_campaigns", "pet_no_shows")
    ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_TITLE_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_REASON_FIELD_NUMBER: _ClassVar[int]
    SHIPMENT_FIELD_NUMBER: _ClassVar[int]
    SUBMISSIONS_FIELD_NUMBER: _ClassVar[int]
    POST_URL_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CHECKLIST_FIELD_NUMBER: _ClassVar[int]
    LIKES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    PET_COMPLETED_CAMPAIGNS_FIELD_NUMBER: _ClassVar[int]
    PET_NO_SHOWS_FIELD_NUMBER: _ClassVar[int]
    id: str
    campaign_id: str
    campaign_title: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    note: str
    status: ApplicantStatus
    status_reason: str
    shipment: Shipment
    submissions: _containers.RepeatedCompositeFieldContainer[ContentSubmission]
    post_url: str
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    checklist: ContentChecklist
    likes: int
    comments: int
    pet_completed_campaigns: int
    pet_no_shows: int
    def __init__(self, id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., campaign_title: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., note: _Optional[str] = ..., status: _Optional[_Union[ApplicantStatus, str]] = ..., status_reason: _Optional[str] = ..., shipment: _Optional[_Union[Shipment, _Mapping]] = ..., submissions: _Optional[_Iterable[_Union[ContentSubmission, _Mapping]]] = ..., post_url: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., checklist: _Optional[_Union[ContentChecklist, _Mapping]] = ..., likes: _Optional[int] = ..., comments: _Optional[int] = ..., pet_completed_campaigns: _Optional[int] = ..., pet_no_shows: _Optional[int] = ...) -> None: ...

class ContentChecklist(_message.Message):
    __slots__ = ("status", "reason", "items", "checked_at")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    status: str
    reason: str
    items: _containers.RepeatedCompositeFieldContainer[ChecklistItem]
    checked_at: _timestamp_pb2.Timestamp
    def __init__(self, status: _Optional[str] = ..., reason: _Optional[str] = ..., items: _Optional[_Iterable[_Union[ChecklistItem, _Mapping]]] = ..., checked_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ChecklistItem(_message.Message):
    __slots__ = ("name", "passed", "detail")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    name: str
    passed: bool
    detail: str
    def __init__(self, name: _Optional[str] = ..., passed: _Optional[bool] = ..., detail: _Optional[str] = ...) -> None: ...

class ApplyRequest(_message.Message):
    __slots__ = ("campaign_id", "pet_id", "note")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    pet_id: str
    note: str
    def __init__(self, campaign_id: _Optional[str] = ..., pet_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class UpdateApplicationRequest(_message.Message):
    __slots__ = ("applicant_id", "note")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    note: str
    def __init__(self, applicant_id: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class CancelApplicationRequest(_message.Message):
    __slots__ = ("applicant_id",)
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    def __init__(self, applicant_id: _Optional[str] = ...) -> None: ...

class GetApplicationRequest(_message.Message):
    __slots__ = ("applicant_id",)
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    def __init__(self, applicant_id: _Optional[str] = ...) -> None: ...

class ListMyApplicationsRequest(_message.Message):
    __slots__ = ("campaign_id", "page_size", "cursor")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    page_size: int
    cursor: str
    def __init__(self, campaign_id: _Optional[str] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListApplicantsRequest(_message.Message):
    __slots__ = ("campaign_id", "status", "page_size", "cursor")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    status: ApplicantStatus
    page_size: int
    cursor: str
    def __init__(self, campaign_id: _Optional[str] = ..., status: _Optional[_Union[ApplicantStatus, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListApplicantsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Applicant]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[Applicant, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class SelectApplicantRequest(_message.Message):
    __slots__ = ("applicant_id",)
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    def __init__(self, applicant_id: _Optional[str] = ...) -> None: ...

class UnselectApplicantRequest(_message.Message):
    __slots__ = ("applicant_id",)
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    def __init__(self, applicant_id: _Optional[str] = ...) -> None: ...

class ConfirmSelectionRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class ShipApplicantRequest(_message.Message):
    __slots__ = ("applicant_id", "carrier", "tracking_number")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    CARRIER_FIELD_NUMBER: _ClassVar[int]
    TRACKING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    carrier: str
    tracking_number: str
    def __init__(self, applicant_id: _Optional[str] = ..., carrier: _Optional[str] = ..., tracking_number: _Optional[str] = ...) -> None: ...

class SubmitContentRequest(_message.Message):
    __slots__ = ("applicant_id", "post_url")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    POST_URL_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    post_url: str
    def __init__(self, applicant_id: _Optional[str] = ..., post_url: _Optional[str] = ...) -> None: ...

class ReviewContentRequest(_message.Message):
    __slots__ = ("applicant_id", "approve", "reason")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    approve: bool
    reason: str
    def __init__(self, applicant_id: _Optional[str] = ..., approve: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class InvitePetStarRequest(_message.Message):
    __slots__ = ("campaign_id", "pet_id", "message")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    pet_id: str
    message: str
    def __init__(self, campaign_id: _Optional[str] = ..., pet_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class Invitation(_message.Message):
    __slots__ = ("id", "campaign_id", "campaign_title", "company_name", "pet_id", "pet_name", "owner_user_id", "message", "created_at", "recruit_end")
    ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPAIGN_TITLE_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    RECRUIT_END_FIELD_NUMBER: _ClassVar[int]
    id: str
    campaign_id: str
    campaign_title: str
    company_name: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    message: str
    created_at: _timestamp_pb2.Timestamp
    recruit_end: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., campaign_id: _Optional[str] = ..., campaign_title: _Optional[str] = ..., company_name: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., message: _Optional[str] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., recruit_end: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListMyInvitationsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListInvitationsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Invitation]
    def __init__(self, items: _Optional[_Iterable[_Union[Invitation, _Mapping]]] = ...) -> None: ...

class GetReportRequest(_message.Message):
    __slots__ = ("campaign_id",)
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    def __init__(self, campaign_id: _Optional[str] = ...) -> None: ...

class ReportRow(_message.Message):
    __slots__ = ("applicant_id", "pet_id", "pet_name", "owner_user_id", "status", "post_url", "likes", "comments")
    APPLICANT_ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    POST_URL_FIELD_NUMBER: _ClassVar[int]
    LIKES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    applicant_id: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    status: ApplicantStatus
    post_url: str
    likes: int
    comments: int
    def __init__(self, applicant_id: _Optional[str] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., status: _Optional[_Union[ApplicantStatus, str]] = ..., post_url: _Optional[str] = ..., likes: _Optional[int] = ..., comments: _Optional[int] = ...) -> None: ...

class ReportTotals(_message.Message):
    __slots__ = ("applicants", "selected", "completed", "no_show", "posts", "likes", "comments", "total_cost_krw", "cost_per_engagement_krw")
    APPLICANTS_FIELD_NUMBER: _ClassVar[int]
    SELECTED_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    NO_SHOW_FIELD_NUMBER: _ClassVar[int]
    POSTS_FIELD_NUMBER: _ClassVar[int]
    LIKES_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COST_KRW_FIELD_NUMBER: _ClassVar[int]
    COST_PER_ENGAGEMENT_KRW_FIELD_NUMBER: _ClassVar[int]
    applicants: int
    selected: int
    completed: int
    no_show: int
    posts: int
    likes: int
    comments: int
    total_cost_krw: int
    cost_per_engagement_krw: float
    def __init__(self, applicants: _Optional[int] = ..., selected: _Optional[int] = ..., completed: _Optional[int] = ..., no_show: _Optional[int] = ..., posts: _Optional[int] = ..., likes: _Optional[int] = ..., comments: _Optional[int] = ..., total_cost_krw: _Optional[int] = ..., cost_per_engagement_krw: _Optional[float] = ...) -> None: ...

class Report(_message.Message):
    __slots__ = ("campaign_id", "title", "company_name", "phase", "reward_value_krw", "rows", "totals", "csv")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    REWARD_VALUE_KRW_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    CSV_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    title: str
    company_name: str
    phase: Phase
    reward_value_krw: int
    rows: _containers.RepeatedCompositeFieldContainer[ReportRow]
    totals: ReportTotals
    csv: str
    def __init__(self, campaign_id: _Optional[str] = ..., title: _Optional[str] = ..., company_name: _Optional[str] = ..., phase: _Optional[_Union[Phase, str]] = ..., reward_value_krw: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[ReportRow, _Mapping]]] = ..., totals: _Optional[_Union[ReportTotals, _Mapping]] = ..., csv: _Optional[str] = ...) -> None: ...

class AdvanceDueRequest(_message.Message):
    __slots__ = ("now",)
    NOW_FIELD_NUMBER: _ClassVar[int]
    now: _timestamp_pb2.Timestamp
    def __init__(self, now: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AdvanceDueResponse(_message.Message):
    __slots__ = ("campaigns_advanced", "applicants_changed")
    CAMPAIGNS_ADVANCED_FIELD_NUMBER: _ClassVar[int]
    APPLICANTS_CHANGED_FIELD_NUMBER: _ClassVar[int]
    campaigns_advanced: int
    applicants_changed: int
    def __init__(self, campaigns_advanced: _Optional[int] = ..., applicants_changed: _Optional[int] = ...) -> None: ...

class ListActiveWorkForPetRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class ActiveWork(_message.Message):
    __slots__ = ("campaign_id", "title", "status")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    title: str
    status: ApplicantStatus
    def __init__(self, campaign_id: _Optional[str] = ..., title: _Optional[str] = ..., status: _Optional[_Union[ApplicantStatus, str]] = ...) -> None: ...

class ListActiveWorkForPetResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ActiveWork]
    def __init__(self, items: _Optional[_Iterable[_Union[ActiveWork, _Mapping]]] = ...) -> None: ...
