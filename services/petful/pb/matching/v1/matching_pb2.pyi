from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Explanation(_message.Message):
    __slots__ = ("semantic", "lexical", "engagement", "shared_terms")
    SEMANTIC_FIELD_NUMBER: _ClassVar[int]
    LEXICAL_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_FIELD_NUMBER: _ClassVar[int]
    SHARED_TERMS_FIELD_NUMBER: _ClassVar[int]
    semantic: float
    lexical: float
    engagement: float
    shared_terms: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, semantic: _Optional[float] = ..., lexical: _Optional[float] = ..., engagement: _Optional[float] = ..., shared_terms: _Optional[_Iterable[str]] = ...) -> None: ...

class PetStarSummary(_message.Message):
    __slots__ = ("pet_id", "owner_user_id", "name", "species", "breed", "followers_count", "engagement_rate", "price_krw", "instagram_username")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SPECIES_FIELD_NUMBER: _ClassVar[int]
    BREED_FIELD_NUMBER: _ClassVar[int]
    FOLLOWERS_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENGAGEMENT_RATE_FIELD_NUMBER: _ClassVar[int]
    PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    INSTAGRAM_USERNAME_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    owner_user_id: str
    name: str
    species: str
    breed: str
    followers_count: int
    engagement_rate: float
    price_krw: int
    instagram_username: str
    def __init__(self, pet_id: _Optional[str] = ..., owner_user_id: _Optional[str] = ..., name: _Optional[str] = ..., species: _Optional[str] = ..., breed: _Optional[str] = ..., followers_count: _Optional[int] = ..., engagement_rate: _Optional[float] = ..., price_krw: _Optional[int] = ..., instagram_username: _Optional[str] = ...) -> None: ...

class CampaignSummary(_message.Message):
    __slots__ = ("campaign_id", "advertiser_user_id", "title", "target_species", "reward_value_krw", "company_name")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    ADVERTISER_USER_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TARGET_SPECIES_FIELD_NUMBER: _ClassVar[int]
    REWARD_VALUE_KRW_FIELD_NUMBER: _ClassVar[int]
    COMPANY_NAME_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    advertiser_user_id: str
    title: str
    target_species: _containers.RepeatedScalarFieldContainer[str]
    reward_value_krw: int
    company_name: str
    def __init__(self, campaign_id: _Optional[str] = ..., advertiser_user_id: _Optional[str] = ..., title: _Optional[str] = ..., target_species: _Optional[_Iterable[str]] = ..., reward_value_krw: _Optional[int] = ..., company_name: _Optional[str] = ...) -> None: ...

class PetStarMatch(_message.Message):
    __slots__ = ("petstar", "score", "explanation")
    PETSTAR_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    petstar: PetStarSummary
    score: float
    explanation: Explanation
    def __init__(self, petstar: _Optional[_Union[PetStarSummary, _Mapping]] = ..., score: _Optional[float] = ..., explanation: _Optional[_Union[Explanation, _Mapping]] = ...) -> None: ...

class CampaignMatch(_message.Message):
    __slots__ = ("campaign", "pet_id", "pet_name", "score", "explanation")
    CAMPAIGN_FIELD_NUMBER: _ClassVar[int]
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    PET_NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EXPLANATION_FIELD_NUMBER: _ClassVar[int]
    campaign: CampaignSummary
    pet_id: str
    pet_name: str
    score: float
    explanation: Explanation
    def __init__(self, campaign: _Optional[_Union[CampaignSummary, _Mapping]] = ..., pet_id: _Optional[str] = ..., pet_name: _Optional[str] = ..., score: _Optional[float] = ..., explanation: _Optional[_Union[Explanation, _Mapping]] = ...) -> None: ...

class RecommendPetStarsRequest(_message.Message):
    __slots__ = ("campaign_id", "limit", "min_followers", "max_followers", "max_price_krw")
    CAMPAIGN_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    MIN_FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    MAX_FOLLOWERS_FIELD_NUMBER: _ClassVar[int]
    MAX_PRICE_KRW_FIELD_NUMBER: _ClassVar[int]
    campaign_id: str
    limit: int
    min_followers: int
    max_followers: int
    max_price_krw: int
    def __init__(self, campaign_id: _Optional[str] = ..., limit: _Optional[int] = ..., min_followers: _Optional[int] = ..., max_followers: _Optional[int] = ..., max_price_krw: _Optional[int] = ...) -> None: ...

class RecommendPetStarsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PetStarMatch]
    def __init__(self, items: _Optional[_Iterable[_Union[PetStarMatch, _Mapping]]] = ...) -> None: ...

class RecommendCampaignsRequest(_message.Message):
    __slots__ = ("limit",)
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    limit: int
    def __init__(self, limit: _Optional[int] = ...) -> None: ...

class RecommendCampaignsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CampaignMatch]
    def __init__(self, items: _Optional[_Iterable[_Union[CampaignMatch, _Mapping]]] = ...) -> None: ...

class SimilarPetStarsRequest(_message.Message):
    __slots__ = ("pet_id", "limit")
    PET_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    pet_id: str
    limit: int
    def __init__(self, pet_id: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class SimilarPetStarsResponse(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[PetStarMatch]
    def __init__(self, items: _Optional[_Iterable[_Union[PetStarMatch, _Mapping]]] = ...) -> None: ...
