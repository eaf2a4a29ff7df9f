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

class Sex(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SEX_UNSPECIFIED: _ClassVar[Sex]
    SEX_MALE: _ClassVar[Sex]
    SEX_FEMALE: _ClassVar[Sex]
    SEX_UNKNOWN: _ClassVar[Sex]

class PetStarStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PET_STAR_STATUS_UNSPECIFIED: _ClassVar[PetStarStatus]
    PET_STAR_STATUS_NONE: _ClassVar[PetStarStatus]
    PET_STAR_STATUS_APPLYING: _ClassVar[PetStarStatus]
    PET_STAR_STATUS_APPROVED: _ClassVar[PetStarStatus]
    PET_STAR_STATUS_REJECTED: _ClassVar[PetStarStatus]
    PET_STAR_STATUS_REVOKED: _ClassVar[PetStarStatus]

class ContactPreference(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONTACT_PREFERENCE_UNSPECIFIED: _ClassVar[ContactPreference]
    CONTACT_PREFERENCE_IN_APP: _ClassVar[ContactPreference]
    CONTACT_PREFERENCE_EMAIL: _ClassVar[ContactPreference]
    CONTACT_PREFERENCE_PHONE: _ClassVar[ContactPreference]

class ApplicationState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    APPLICATION_STATE_UNSPECIFIED: _ClassVar[ApplicationState]
    APPLICATION_STATE_SUBMITTED: _ClassVar[ApplicationState]
    APPLICATION_STATE_VERIFYING: _ClassVar[ApplicationState]
    APPLICATION_STATE_IN_REVIEW: _ClassVar[ApplicationState]
    APPLICATION_STATE_APPROVED: _ClassVar[ApplicationState]
    APPLICATION_STATE_REJECTED: _ClassVar[ApplicationState]
    APPLICATION_STATE_WITHDRAWN: _ClassVar[ApplicationState]
    APPLICATION_STATE_REVOKED: _ClassVar[ApplicationState]

class Decision(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DECISION_UNSPECIFIED: _ClassVar[Decision]
    DECISION_APPROVE: _ClassVar[Decision]
    DECISION_REJECT: _ClassVar[Decision]

class PetStarSort(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PET_STAR_SORT_UNSPECIFIED: _ClassVar[PetStarSort]
    PET_STAR_SORT_NEWEST: _ClassVar[PetStarSort]
    PET_STAR_SORT_FOLLOWERS: _ClassVar[PetStarSort]
    PET_STAR_SORT_ENGAGEMENT: _ClassVar[PetStarSort]
    PET_STAR_SORT_PRICE_ASC: _ClassVar[PetStarSort]
    PET_STAR_SORT_PRICE_DESC: _ClassVar[PetStarSort]
SEX_UNSPECIFIED: Sex
SEX_MALE: Sex
SEX_FEMALE: Sex
SEX_UNKNOWN: Sex
PET_STAR_STATUS_UNSPECIFIED: PetStarStatus
PET_STAR_STATUS_NONE: PetStarStatus
PET_STAR_STATUS_APPLYING: PetStarStatus
PET_STAR_STATUS_APPROVED: PetStarStatus
PET_STAR_STATUS_REJECTED: PetStarStatus
PET_STAR_STATUS_REVOKED: PetStarStatus
CONTACT_PREFERENCE_UNSPECIFIED: ContactPreference
CONTACT_PREFERENCE_IN_APP: ContactPreference
CONTACT_PREFERENCE_EMAIL: ContactPreference
CONTACT_PREFERENCE_PHONE: ContactPreference
APPLICATION_STATE_UNSPECIFIED: ApplicationState
APPLICATION_STATE_SUBMITTED: ApplicationState
APPLICATION_STATE_VERIFYING: ApplicationState
APPLICATION_STATE_IN_REVIEW: ApplicationState
APPLICATION_STATE_APPROVED: ApplicationState
APPLICATION_STATE_REJECTED: ApplicationState
APPLICATION_STATE_WITHDRAWN: ApplicationState
APPLICATION_STATE_REVOKED: ApplicationState
DECISION_UNSPECIFIED: Decision
DECISION_APPROVE: Decision
DECISION_REJECT: Decision
PET_STAR_SORT_UNSPECIFIED: PetStarSort
PET_STAR_SORT_NEWEST: PetStarSort
PET_STAR_SORT_FOLLOWERS: PetStarSort
PET_STAR_SORT_ENGAGEMENT: PetStarSort
PET_STAR_SORT_PRICE_ASC: PetStarSort
PET_STAR_SORT_PRICE_DESC: PetStarSort

class GetPetStarPostsRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class PetStarPost(_message.Message):
    __slots__ = ("permalink", "caption", "posted_at", "like_count", "comments_count", "paid_partnership")
    PERMALINK_FIELD_NUMBER: _ClassVar[int]
    CAPTION_FIELD_NUMBER: _ClassVar[int]
    POSTED_AT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAID_PARTNERSHIP_FIELD_NUMBER: _ClassVar[int]
    permalink: str
    caption: str
    posted_at: _timestamp_pb2.Timestamp
    like_count: int
    comments_count: int
    paid_partnership: bool
    def __init__(self, permalink: _Optional[str] = ..., caption: _Optional[str] = ..., posted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., like_count: _Optional[int] = ..., comments_count: _Optional[int] = ..., paid_partnership: _Optional[bool] = ...) -> None: ...

class PetStarPosts(_message.Message):
    __slots__ = ("pet_id", "instagram_username", "items", "synced_at")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_USERNAME_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SYNCED_AT_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    instagram_username: str
    items: _containers.RepeatedCompositeFieldContainer[PetStarPost]
    synced_at: _timestamp_pb2.Timestamp
    def __init__(self, pet_id: _Optional[str] = ..., instagram_username: _Optional[str] = ..., items: _Optional[_Iterable[_Union[PetStarPost, _Mapping]]] = ..., synced_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Image(_message.Message):
    __slots__ = ("media_id", "url", "thumbnails", "width", "height")
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
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    HEIGHT_FIELD_NUMBER: _ClassVar[int]
    media_id: str
    url: str
    thumbnails: _containers.ScalarMap[str, str]
    width: int
    height: int
    def __init__(self, media_id: _Optional[str] = ..., url: _Optional[str] = ..., thumbnails: _Optional[_Mapping[str, str]] = ..., width: _Optional[int] = ..., height: _Optional[int] = ...) -> None: ...

class Pet(_message.Message):
    __slots__ = ("id", "owner_user_id", "name", "species", "breed", "sex", "neutered", "birth_date", "approx_age_months", "weight_kg", "personality_tags", "intro", "image", "instagram_account_id", "instagram_username", "petstar_status", "created_at", "updated_at", "followers_count", "engagement_rate")
    ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    BREED_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    NEUTERED_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    APPROX_AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    PERSONALITY_TAGS_FIELD_NUMBER: _ClassVar[int]
    INTRO_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_USERNAME_FIELD_NUMBER: _ClassVar[int]
    PETSTAR_STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    id: str
    owner_user_id: str
    name: str
    species: _species_pb2.Species
    breed: str
    sex: Sex
    neutered: bool
    birth_date: str
    approx_age_months: int
    weight_kg: float
    personality_tags: _containers.RepeatedScalarFieldContainer[str]
    intro: str
    image: Image
    instagram_account_id: str
    instagram_username: str
    petstar_status: PetStarStatus
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    followers_count: int
    engagement_rate: float
    def __init__(self, id: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., name: _Optional[str] = ..., species: _Optional[_Union[_species_pb2.Species, str]] = ..., breed: _Optional[str] = ..., sex: _Optional[_Union[Sex, str]] = ..., neutered: _Optional[bool] = ..., birth_date: _Optional[str] = ..., approx_age_months: _Optional[int] = ..., weight_kg: _Optional[float] = ..., personality_tags: _Optional[_Iterable[str]] = ..., intro: _Optional[str] = ..., image: _Optional[_Union[Image, _Mapping]] = ..., instagram_account_id: _Optional[str] = ..., instagram_username: _Optional[str] = ..., petstar_status: _Optional[_Union[PetStarStatus, str]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., followers_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ...) -> None: ...

class PetFields(_message.Message):
    __slots__ = ("name", "species", "breed", "sex", "neutered", "birth_date", "approx_age_months", "weight_kg", "personality_tags", "intro")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    BREED_FIELD_NUMBER: _ClassVar[int]
    SEX_FIELD_NUMBER: _ClassVar[int]
    NEUTERED_FIELD_NUMBER: _ClassVar[int]
    BIRTH_DATE_FIELD_NUMBER: _ClassVar[int]
    APPROX_AGE_MONTHS_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_KG_FIELD_NUMBER: _ClassVar[int]
    PERSONALITY_TAGS_FIELD_NUMBER: _ClassVar[int]
    INTRO_FIELD_NUMBER: _ClassVar[int]
    name: str
    species: _species_pb2.Species
    breed: str
    sex: Sex
    neutered: bool
    birth_date: str
    approx_age_months: int
    weight_kg: float
    personality_tags: _containers.RepeatedScalarFieldContainer[str]
    intro: str
    def __init__(self, name: _Optional[str] = ..., species: _Optional[_Union[_species_pb2.Species, str]] = ..., breed: _Optional[str] = ..., sex: _Optional[_Union[Sex, str]] = ..., neutered: _Optional[bool] = ..., birth_date: _Optional[str] = ..., approx_age_months: _Optional[int] = ..., weight_kg: _Optional[float] = ..., personality_tags: _Optional[_Iterable[str]] = ..., intro: _Optional[str] = ...) -> None: ...

class CreatePetRequest(_message.Message):
    __slots__ = ("pet",)
    PET_FIELD_NUMBER: _ClassVar[int]
    pet: PetFields
    def __init__(self, pet: _Optional[_Union[PetFields, _Mapping]] = ...) -> None: ...

class GetPetRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class ListMyPetsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListPetsResponse(_message.Message):
    __slots__ = ("pets",)
    PETS_FIELD_NUMBER: _ClassVar[int]
    pets: _containers.RepeatedCompositeFieldContainer[Pet]
    def __init__(self, pets: _Optional[_Iterable[_Union[Pet, _Mapping]]] = ...) -> None: ...

class BatchGetPetsRequest(_message.Message):
    __slots__ = ("pet_ids",)
    PET_IDS_FIELD_NUMBER: _ClassVar[int]
    pet_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, pet_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdatePetRequest(_message.Message):
    __slots__ = ("pet_id", "pet", "fields")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    pet: PetFields
    fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, pet_id: _Optional[str] = ..., pet: _Optional[_Union[PetFields, _Mapping]] = ..., fields: _Optional[_Iterable[str]] = ...) -> None: ...

class DeletePetRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class DeletePetResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetPetImageRequest(_message.Message):
    __slots__ = ("pet_id", "data", "filename")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    data: bytes
    filename: str
    def __init__(self, pet_id: _Optional[str] = ..., data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class RemovePetImageRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class LinkInstagramRequest(_message.Message):
    __slots__ = ("pet_id", "account_id")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    account_id: str
    def __init__(self, pet_id: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class UnlinkInstagramRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class ListBreedsRequest(_message.Message):
    __slots__ = ("species", "query")
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    species: _species_pb2.Species
    query: str
    def __init__(self, species: _Optional[_Union[_species_pb2.Species, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListBreedsResponse(_message.Message):
    __slots__ = ("breeds",)
    BREEDS_FIELD_NUMBER: _ClassVar[int]
    breeds: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, breeds: _Optional[_Iterable[str]] = ...) -> None: ...

class Portfolio(_message.Message):
    __slots__ = ("pet_id", "intro", "personality", "price_krw", "contact_preference", "published", "history", "created_at", "updated_at", "published_at")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    INTRO_FIELD_NUMBER: _ClassVar[int]
    PERSONALITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    intro: str
    personality: str
    price_krw: int
    contact_preference: ContactPreference
    published: bool
    history: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, pet_id: _Optional[str] = ..., intro: _Optional[str] = ..., personality: _Optional[str] = ..., price_krw: _Optional[int] = ..., contact_preference: _Optional[_Union[ContactPreference, str]] = ..., published: _Optional[bool] = ..., history: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., published_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetPortfolioRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class UpsertPortfolioRequest(_message.Message):
    __slots__ = ("pet_id", "intro", "personality", "price_krw", "contact_preference", "published")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    INTRO_FIELD_NUMBER: _ClassVar[int]
    PERSONALITY_FIELD_NUMBER: _ClassVar[int]
    PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    intro: str
    personality: str
    price_krw: int
    contact_preference: ContactPreference
    published: bool
    def __init__(self, pet_id: _Optional[str] = ..., intro: _Optional[str] = ..., personality: _Optional[str] = ..., price_krw: _Optional[int] = ..., contact_preference: _Optional[_Union[ContactPreference, str]] = ..., published: _Optional[bool] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("id", "pet_id", "title", "start_date", "end_date", "description", "images", "created_at", "updated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IMAGES_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    pet_id: str
    title: str
    start_date: str
    end_date: str
    description: str
    images: _containers.RepeatedCompositeFieldContainer[Image]
    created_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    def __init__(self, id: _Optional[str] = ..., pet_id: _Optional[str] = ..., title: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., description: _Optional[str] = ..., images: _Optional[_Iterable[_Union[Image, _Mapping]]] = ..., created_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HistoryFields(_message.Message):
    __slots__ = ("title", "start_date", "end_date", "description")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    START_DATE_FIELD_NUMBER: _ClassVar[int]
    END_DATE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    title: str
    start_date: str
    end_date: str
    description: str
    def __init__(self, title: _Optional[str] = ..., start_date: _Optional[str] = ..., end_date: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class AddHistoryRequest(_message.Message):
    __slots__ = ("pet_id", "entry")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    entry: HistoryFields
    def __init__(self, pet_id: _Optional[str] = ..., entry: _Optional[_Union[HistoryFields, _Mapping]] = ...) -> None: ...

class UpdateHistoryRequest(_message.Message):
    __slots__ = ("pet_id", "history_id", "entry")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    history_id: str
    entry: HistoryFields
    def __init__(self, pet_id: _Optional[str] = ..., history_id: _Optional[str] = ..., entry: _Optional[_Union[HistoryFields, _Mapping]] = ...) -> None: ...

class DeleteHistoryRequest(_message.Message):
    __slots__ = ("pet_id", "history_id")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    history_id: str
    def __init__(self, pet_id: _Optional[str] = ..., history_id: _Optional[str] = ...) -> None: ...

class DeleteHistoryResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class AddHistoryImageRequest(_message.Message):
    __slots__ = ("pet_id", "history_id", "data", "filename")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    history_id: str
    data: bytes
    filename: str
    def __init__(self, pet_id: _Optional[str] = ..., history_id: _Optional[str] = ..., data: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...

class RemoveHistoryImageRequest(_message.Message):
    __slots__ = ("pet_id", "history_id", "media_id")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIA_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    history_id: str
    media_id: str
    def __init__(self, pet_id: _Optional[str] = ..., history_id: _Optional[str] = ..., media_id: _Optional[str] = ...) -> None: ...

class ReorderHistoryImagesRequest(_message.Message):
    __slots__ = ("pet_id", "history_id", "media_ids")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIA_IDS_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    history_id: str
    media_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, pet_id: _Optional[str] = ..., history_id: _Optional[str] = ..., media_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class MetricsSnapshot(_message.Message):
    __slots__ = ("followers_count", "engagement_rate", "qualifying_posts", "posts_in_window", "window_days", "source", "measured_at")
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    QUALIFYING_POSTS_FIELD_NUMBER: _ClassVar[int]
    POSTS_IN_WINDOW_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    MEASURED_AT_FIELD_NUMBER: _ClassVar[int]
    followers_count: int
    engagement_rate: float
    qualifying_posts: int
    posts_in_window: int
    window_days: int
    source: str
    measured_at: _timestamp_pb2.Timestamp
    def __init__(self, followers_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ..., qualifying_posts: _Optional[int] = ..., posts_in_window: _Optional[int] = ..., window_days: _Optional[int] = ..., source: _Optional[str] = ..., measured_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Eligibility(_message.Message):
    __slots__ = ("eligible", "reasons")
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    eligible: bool
    reasons: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, eligible: _Optional[bool] = ..., reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class Application(_message.Message):
    __slots__ = ("id", "pet_id", "owner_user_id", "instagram_account_id", "state", "reason", "metrics", "eligibility", "flagged", "verification_error", "submitted_at", "decided_at", "updated_at", "pet")
    ID_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    ELIGIBILITY_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_FIELD_NUMBER: _ClassVar[int]
    VERIFICATION_ERROR_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DECIDED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    PET_FIELD_NUMBER: _ClassVar[int]
    id: str
    pet_id: str
    owner_user_id: str
    instagram_account_id: str
    state: ApplicationState
    reason: str
    metrics: MetricsSnapshot
    eligibility: Eligibility
    flagged: bool
    verification_error: str
    submitted_at: _timestamp_pb2.Timestamp
    decided_at: _timestamp_pb2.Timestamp
    updated_at: _timestamp_pb2.Timestamp
    pet: Pet
    def __init__(self, id: _Optional[str] = ..., pet_id: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., instagram_account_id: _Optional[str] = ..., state: _Optional[_Union[ApplicationState, str]] = ..., reason: _Optional[str] = ..., metrics: _Optional[_Union[MetricsSnapshot, _Mapping]] = ..., eligibility: _Optional[_Union[Eligibility, _Mapping]] = ..., flagged: _Optional[bool] = ..., verification_error: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decided_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., updated_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pet: _Optional[_Union[Pet, _Mapping]] = ...) -> None: ...

class CheckEligibilityRequest(_message.Message):
    __slots__ = ("pet_id",)
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    def __init__(self, pet_id: _Optional[str] = ...) -> None: ...

class EligibilityPreview(_message.Message):
    __slots__ = ("metrics", "eligibility", "min_followers", "min_qualifying_posts", "min_likes", "window_days")
    METRICS_FIELD_NUMBER: _ClassVar[int]
    ELIGIBILITY_FIELD_NUMBER: _ClassVar[int]
    MIN_FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    MIN_QUALIFYING_POSTS_FIELD_NUMBER: _ClassVar[int]
    MIN_LIKES_FIELD_NUMBER: _ClassVar[int]
    WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    metrics: MetricsSnapshot
    eligibility: Eligibility
    min_followers: int
    min_qualifying_posts: int
    min_likes: int
    window_days: int
    def __init__(self, metrics: _Optional[_Union[MetricsSnapshot, _Mapping]] = ..., eligibility: _Optional[_Union[Eligibility, _Mapping]] = ..., min_followers: _Optional[int] = ..., min_qualifying_posts: _Optional[int] = ..., min_likes: _Optional[int] = ..., window_days: _Optional[int] = ...) -> None: ...

class ApplyPetStarRequest(_message.Message):
    __slots__ = ("pet_id", "idempotency_key")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    idempotency_key: str
    def __init__(self, pet_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class WithdrawApplicationRequest(_message.Message):
    __slots__ = ("application_id",)
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    def __init__(self, application_id: _Optional[str] = ...) -> None: ...

class GetApplicationRequest(_message.Message):
    __slots__ = ("application_id",)
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    def __init__(self, application_id: _Optional[str] = ...) -> None: ...

class ListMyApplicationsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListApplicationsRequest(_message.Message):
    __slots__ = ("state", "page_size", "cursor")
    STATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    state: ApplicationState
    page_size: int
    cursor: str
    def __init__(self, state: _Optional[_Union[ApplicationState, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class ListApplicationsResponse(_message.Message):
    __slots__ = ("applications", "next_cursor")
    APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    applications: _containers.RepeatedCompositeFieldContainer[Application]
    next_cursor: str
    def __init__(self, applications: _Optional[_Iterable[_Union[Application, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class DecideApplicationRequest(_message.Message):
    __slots__ = ("application_id", "decision", "reason")
    APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    application_id: str
    decision: Decision
    reason: str
    def __init__(self, application_id: _Optional[str] = ..., decision: _Optional[_Union[Decision, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokePetStarRequest(_message.Message):
    __slots__ = ("pet_id", "reason")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    reason: str
    def __init__(self, pet_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListPetStarsRequest(_message.Message):
    __slots__ = ("species", "min_followers", "max_followers", "min_price_krw", "max_price_krw", "keyword", "sort", "page_size", "cursor")
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    MIN_FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    MAX_FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    MIN_PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    MAX_PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    species: _containers.RepeatedScalarFieldContainer[_species_pb2.Species]
    min_followers: int
    max_followers: int
    min_price_krw: int
    max_price_krw: int
    keyword: str
    sort: PetStarSort
    page_size: int
    cursor: str
    def __init__(self, species: _Optional[_Iterable[_Union[_species_pb2.Species, str]]] = ..., min_followers: _Optional[int] = ..., max_followers: _Optional[int] = ..., min_price_krw: _Optional[int] = ..., max_price_krw: _Optional[int] = ..., keyword: _Optional[str] = ..., sort: _Optional[_Union[PetStarSort, str]] = ..., page_size: _Optional[int] = ..., cursor: _Optional[str] = ...) -> None: ...

class PetStarCard(_message.Message):
    __slots__ = ("pet", "followers_count", "engagement_rate", "price_krw", "portfolio_intro", "approved_at")
    PET_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    PORTFOLIO_INTRO_FIELD_NUMBER: _ClassVar[int]
    APPROVED_AT_FIELD_NUMBER: _ClassVar[int]
    pet: Pet
    followers_count: int
    engagement_rate: float
    price_krw: int
    portfolio_intro: str
    approved_at: _timestamp_pb2.Timestamp
    def __init__(self, pet: _Optional[_Union[Pet, _Mapping]] = ..., followers_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ..., price_krw: _Optional[int] = ..., portfolio_intro: _Optional[str] = ..., approved_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListPetStarsResponse(_message.Message):
    __slots__ = ("items", "next_cursor")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PetStarCard]
    next_cursor: str
    def __init__(self, items: _Optional[_Iterable[_Union[PetStarCard, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...
