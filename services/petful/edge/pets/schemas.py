"""Request and response bodies of the pet, portfolio, PetStar and directory routes.

Shapes and size caps are checked here (422 naming the field); the pets service re-checks
every rule (dates, name uniqueness, state transitions) and owns the state.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, Image, Krw, reason_field
from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

Species = Literal["DOG", "CAT", "RABBIT", "BIRD", "REPTILE", "FISH", "OTHER"]
Sex = Literal["MALE", "FEMALE", "UNKNOWN"]
PetStarStatus = Literal["NONE", "APPLYING", "APPROVED", "REJECTED", "REVOKED"]
ContactPreference = Literal["IN_APP", "EMAIL", "PHONE"]
ApplicationState = Literal[
    "SUBMITTED", "VERIFYING", "IN_REVIEW", "APPROVED", "REJECTED", "WITHDRAWN", "REVOKED"
]
DirectorySort = Literal["newest", "followers", "engagement", "price_asc", "price_desc"]


# The generated messages take enum names as well as numbers; names read better here.


def species_value(name: str) -> str:
    return f"SPECIES_{name}"


def sort_value(name: str) -> str:
    return f"PET_STAR_SORT_{name.upper()}"


def state_value(name: str) -> str:
    return f"APPLICATION_STATE_{name}"


class PetIn(Body):
    """A new pet. Give a birth date when known, otherwise an approximate age in months."""

    name: str = Field(min_length=1, max_length=30, examples=["보리"])
    species: Species = Field(examples=["DOG"])
    breed: str = Field(default="", max_length=50, examples=["말티즈 (Maltese)"])
    sex: Sex = "UNKNOWN"
    neutered: bool = False
    birth_date: date | None = Field(default=None, examples=["2021-04-01"])
    approx_age_months: int | None = Field(default=None, ge=0, le=600)
    weight_kg: float | None = Field(default=None, ge=0.1, le=120, examples=[3.4])
    personality_tags: list[str] = Field(
        default_factory=list, max_length=10, examples=[["활발함", "사람좋아"]]
    )
    intro: str = Field(default="", max_length=500)

    def to_fields(self) -> pb.PetFields:
        message = pb.PetFields(
            name=self.name,
            species=species_value(self.species),
            breed=self.breed,
            sex=f"SEX_{self.sex}",
            neutered=self.neutered,
            birth_date=self.birth_date.isoformat() if self.birth_date else "",
            personality_tags=self.personality_tags,
            intro=self.intro,
        )
        if self.approx_age_months is not None:
            message.approx_age_months = self.approx_age_months
        if self.weight_kg is not None:
            message.weight_kg = self.weight_kg
        return message


class PetPatch(Body):
    """Only the fields present change; `null` clears birth date, age or weight."""

    name: str | None = Field(default=None, min_length=1, max_length=30)
    species: Species | None = None
    breed: str | None = Field(default=None, max_length=50)
    sex: Sex | None = None
    neutered: bool | None = None
    birth_date: date | None = None
    approx_age_months: int | None = Field(default=None, ge=0, le=600)
    weight_kg: float | None = Field(default=None, ge=0.1, le=120)
    personality_tags: list[str] | None = Field(default=None, max_length=10)
    intro: str | None = Field(default=None, max_length=500)

    def to_request(self, pet_id: str) -> pb.UpdatePetRequest:
        present = sorted(self.model_fields_set)
        fields = pb.PetFields(
            name=self.name or "",
            species=species_value(self.species) if self.species else None,
            breed=self.breed or "",
            sex=f"SEX_{self.sex}" if self.sex else None,
            neutered=bool(self.neutered),
            birth_date=self.birth_date.isoformat() if self.birth_date else "",
            personality_tags=self.personality_tags or [],
            intro=self.intro or "",
        )
        if self.approx_age_months is not None:
            fields.approx_age_months = self.approx_age_months
        if self.weight_kg is not None:
            fields.weight_kg = self.weight_kg
        return pb.UpdatePetRequest(pet_id=pet_id, pet=fields, fields=present)


class Pet(BaseModel):
    id: str
    owner_user_id: str
    name: str
    species: Species
    breed: str
    sex: Sex
    neutered: bool
    birth_date: str | None
    approx_age_months: int | None
    weight_kg: float | None
    personality_tags: list[str]
    intro: str
    image: Image | None
    instagram_account_id: str | None
    instagram_username: str | None
    petstar_status: PetStarStatus
    followers_count: int
    engagement_rate: float
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, p: pb.Pet) -> Pet:
        return cls(
            id=p.id,
            owner_user_id=p.owner_user_id,
            name=p.name,
            species=enum_name(species_pb2.Species, p.species, "SPECIES_"),  # type: ignore[arg-type]
            breed=p.breed,
            sex=enum_name(pb.Sex, p.sex, "SEX_"),  # type: ignore[arg-type]
            neutered=p.neutered,
            birth_date=p.birth_date or None,
            approx_age_months=p.approx_age_months if p.HasField("approx_age_months") else None,
            weight_kg=p.weight_kg if p.HasField("weight_kg") else None,
            personality_tags=list(p.personality_tags),
            intro=p.intro,
            image=Image.from_pb(p.image),
            instagram_account_id=p.instagram_account_id or None,
            instagram_username=p.instagram_username or None,
            petstar_status=enum_name(  # type: ignore[arg-type]
                pb.PetStarStatus, p.petstar_status, "PET_STAR_STATUS_"
            ),
            followers_count=p.followers_count,
            engagement_rate=p.engagement_rate,
            created_at=timestamp_or_none(p.created_at),
            updated_at=timestamp_or_none(p.updated_at),
        )


class PetList(BaseModel):
    items: list[Pet]


class InstagramLinkIn(Body):
    account_id: str = Field(min_length=1, max_length=64, description="An sns account id.")


class ImageOrderIn(Body):
    media_ids: list[str] = Field(max_length=10, description="each of the entry's images once")


class HistoryIn(Body):
    title: str = Field(min_length=1, max_length=100, examples=["펫푸드 체험단"])
    start_date: date
    end_date: date
    description: str = Field(default="", max_length=2000)

    def to_fields(self) -> pb.HistoryFields:
        return pb.HistoryFields(
            title=self.title,
            start_date=self.start_date.isoformat(),
            end_date=self.end_date.isoformat(),
            description=self.description,
        )


class HistoryEntry(BaseModel):
    id: str
    pet_id: str
    title: str
    start_date: str
    end_date: str
    description: str
    images: list[Image]
    created_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def from_pb(cls, h: pb.HistoryEntry) -> HistoryEntry:
        return cls(
            id=h.id,
            pet_id=h.pet_id,
            title=h.title,
            start_date=h.start_date,
            end_date=h.end_date,
            description=h.description,
            images=[i for i in (Image.from_pb(m) for m in h.images) if i is not None],
            created_at=timestamp_or_none(h.created_at),
            updated_at=timestamp_or_none(h.updated_at),
        )


class PortfolioIn(Body):
    intro: str = Field(default="", max_length=300)
    personality: str = Field(default="", max_length=300)
    price_krw: Krw = Field(default=0, description="정가 per campaign")
    contact_preference: ContactPreference = "IN_APP"
    published: bool = False

    def to_request(self, pet_id: str) -> pb.UpsertPortfolioRequest:
        return pb.UpsertPortfolioRequest(
            pet_id=pet_id,
            intro=self.intro,
            personality=self.personality,
            price_krw=self.price_krw,
            contact_preference=f"CONTACT_PREFERENCE_{self.contact_preference}",
            published=self.published,
        )


class Portfolio(BaseModel):
    pet_id: str
    intro: str
    personality: str
    price_krw: int
    contact_preference: ContactPreference
    published: bool
    history: list[HistoryEntry]
    created_at: datetime | None
    updated_at: datetime | None
    published_at: datetime | None

    @classmethod
    def from_pb(cls, f: pb.Portfolio) -> Portfolio:
        return cls(
            pet_id=f.pet_id,
            intro=f.intro,
            personality=f.personality,
            price_krw=f.price_krw,
            contact_preference=enum_name(  # type: ignore[arg-type]
                pb.ContactPreference, f.contact_preference, "CONTACT_PREFERENCE_"
            ),
            published=f.published,
            history=[HistoryEntry.from_pb(h) for h in f.history],
            created_at=timestamp_or_none(f.created_at),
            updated_at=timestamp_or_none(f.updated_at),
            published_at=timestamp_or_none(f.published_at),
        )


class Metrics(BaseModel):
    followers_count: int
    engagement_rate: float
    qualifying_posts: int
    posts_in_window: int
    window_days: int
    source: str
    measured_at: datetime | None


class Eligibility(BaseModel):
    eligible: bool
    reasons: list[str]


class Owner(BaseModel):
    """The owner's contact details, for the admin review queue."""

    id: str
    email: str
    name: str
    nickname: str
    phone: str


def metrics_from_pb(m: pb.MetricsSnapshot) -> Metrics:
    return Metrics(
        followers_count=m.followers_count,
        engagement_rate=m.engagement_rate,
        qualifying_posts=m.qualifying_posts,
        posts_in_window=m.posts_in_window,
        window_days=m.window_days,
        source=m.source,
        measured_at=timestamp_or_none(m.measured_at),
    )


class Criteria(BaseModel):
    min_followers: int
    min_qualifying_posts: int
    min_likes: int
    window_days: int


class EligibilityPreview(BaseModel):
    metrics: Metrics
    eligibility: Eligibility
    criteria: Criteria

    @classmethod
    def from_pb(cls, p: pb.EligibilityPreview) -> EligibilityPreview:
        return cls(
            metrics=metrics_from_pb(p.metrics),
            eligibility=Eligibility(
                eligible=p.eligibility.eligible, reasons=list(p.eligibility.reasons)
            ),
            criteria=Criteria(
                min_followers=p.min_followers,
                min_qualifying_posts=p.min_qualifying_posts,
                min_likes=p.min_likes,
                window_days=p.window_days,
            ),
        )


class Application(BaseModel):
    id: str
    pet_id: str
    owner_user_id: str
    instagram_account_id: str
    state: ApplicationState
    reason: str | None
    metrics: Metrics | None
    eligibility: Eligibility | None
    flagged: bool
    verification_error: str | None
    submitted_at: datetime | None
    decided_at: datetime | None
    updated_at: datetime | None
    pet: Pet | None
    owner: Owner | None = None

    @classmethod
    def from_pb(cls, a: pb.Application) -> Application:
        return cls(
            id=a.id,
            pet_id=a.pet_id,
            owner_user_id=a.owner_user_id,
            instagram_account_id=a.instagram_account_id,
            state=enum_name(pb.ApplicationState, a.state, "APPLICATION_STATE_"),  # type: ignore[arg-type]
            reason=a.reason or None,
            metrics=metrics_from_pb(a.metrics) if a.HasField("metrics") else None,
            eligibility=Eligibility(
                eligible=a.eligibility.eligible, reasons=list(a.eligibility.reasons)
            )
            if a.HasField("eligibility")
            else None,
            flagged=a.flagged,
            verification_error=a.verification_error or None,
            submitted_at=timestamp_or_none(a.submitted_at),
            decided_at=timestamp_or_none(a.decided_at),
            updated_at=timestamp_or_none(a.updated_at),
            pet=Pet.from_pb(a.pet) if a.HasField("pet") else None,
        )


class ApplicationList(BaseModel):
    items: list[Application]
    next_cursor: str | None = None


class Reason(Body):
    reason: str = reason_field("팔로워 수치가 확인되지 않습니다")


class PetStarCard(BaseModel):
    pet: Pet
    followers_count: int
    engagement_rate: float
    price_krw: int
    portfolio_intro: str
    approved_at: datetime | None

    @classmethod
    def from_pb(cls, c: pb.PetStarCard) -> PetStarCard:
        return cls(
            pet=Pet.from_pb(c.pet),
            followers_count=c.followers_count,
            engagement_rate=c.engagement_rate,
            price_krw=c.price_krw,
            portfolio_intro=c.portfolio_intro,
            approved_at=timestamp_or_none(c.approved_at),
        )


class Breeds(BaseModel):
    items: list[str]
