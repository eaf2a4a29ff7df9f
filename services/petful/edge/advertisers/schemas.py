"""Request and response bodies of the advertiser and admin-advertiser routes.

Shapes and size caps are checked here (422 naming the field); the advertisers service
re-checks every rule (registration-number checksum, phone formats, uniqueness) and owns
the state (404 unknown profiles, 409 wrong state or a registration number in use).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, reason_field
from petful.pb.advertisers.v1 import advertisers_pb2 as pb
from petful.pb.pets.v1 import pets_pb2
from petful.platform.protobuf import timestamp_or_none

# WITHDRAWN: the account left; admins still list the closed record (contact fields empty).
ProfileStatus = Literal["DRAFT", "PENDING", "APPROVED", "REJECTED", "RESTRICTED", "WITHDRAWN"]

STATUS_NAMES: dict[pb.ProfileStatus, ProfileStatus] = {
    pb.PROFILE_STATUS_DRAFT: "DRAFT",
    pb.PROFILE_STATUS_PENDING: "PENDING",
    pb.PROFILE_STATUS_APPROVED: "APPROVED",
    pb.PROFILE_STATUS_REJECTED: "REJECTED",
    pb.PROFILE_STATUS_RESTRICTED: "RESTRICTED",
    pb.PROFILE_STATUS_WITHDRAWN: "WITHDRAWN",
}
STATUS_VALUES: dict[str, pb.ProfileStatus] = {name: value for value, name in STATUS_NAMES.items()}


class ProfileIn(Body):
    """The whole company profile (PUT replaces every field)."""

    company_name: str = Field(min_length=1, max_length=100, examples=["펫풀 주식회사"])
    business_registration_number: str = Field(
        min_length=10,
        max_length=12,
        description="사업자등록번호: 10 digits, with or without dashes (123-45-67890).",
        examples=["123-45-67891"],
    )
    representative_name: str = Field(min_length=1, max_length=50, examples=["홍길동"])
    phone: str = Field(min_length=1, max_length=30, examples=["02-123-4567"])
    website: str = Field(default="", max_length=300, examples=["https://petful.dev"])
    contact_email: str = Field(min_length=3, max_length=254, examples=["ads@petful.dev"])
    description: str = Field(default="", max_length=2000)

    def to_pb(self) -> pb.UpsertMyProfileRequest:
        return pb.UpsertMyProfileRequest(**self.model_dump())


class Profile(BaseModel):
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
    # Public path of the logo (null without one); the document is served only to the
    # advertiser and admins (…/profile/document).
    logo_url: str | None
    has_business_document: bool
    status: ProfileStatus
    status_reason: str | None
    created_at: datetime | None
    updated_at: datetime | None
    submitted_at: datetime | None
    decided_at: datetime | None

    @classmethod
    def from_pb(cls, p: pb.Profile) -> Profile:
        return cls(
            user_id=p.user_id,
            company_name=p.company_name,
            business_registration_number=p.business_registration_number,
            representative_name=p.representative_name,
            phone=p.phone,
            website=p.website,
            contact_email=p.contact_email,
            description=p.description,
            logo_media_id=p.logo_media_id,
            business_document_media_id=p.business_document_media_id,
            logo_url=p.logo_url or None,
            has_business_document=bool(p.business_document_media_id),
            status=STATUS_NAMES[p.status],
            status_reason=p.status_reason or None,
            created_at=timestamp_or_none(p.created_at),
            updated_at=timestamp_or_none(p.updated_at),
            submitted_at=timestamp_or_none(p.submitted_at),
            decided_at=timestamp_or_none(p.decided_at),
        )


class DecisionReason(Body):
    reason: str = reason_field("사업자등록증 사본이 흐립니다")


class PetStarPost(BaseModel):
    permalink: str
    caption: str
    posted_at: datetime | None
    like_count: int
    comments_count: int
    paid_partnership: bool = Field(description="The paid-partnership label or #광고/#협찬")


class PetStarPosts(BaseModel):
    """A PetStar's recent Instagram posts as the last sync carried them (at most 50)."""

    pet_id: str
    instagram_username: str
    items: list[PetStarPost] = Field(description="Newest first")
    synced_at: datetime | None = Field(description="Null before the first sync")

    @classmethod
    def from_pb(cls, r: pets_pb2.PetStarPosts) -> PetStarPosts:
        return cls(
            pet_id=r.pet_id,
            instagram_username=r.instagram_username,
            synced_at=timestamp_or_none(r.synced_at),
            items=[
                PetStarPost(
                    permalink=p.permalink,
                    caption=p.caption,
                    posted_at=timestamp_or_none(p.posted_at),
                    like_count=p.like_count,
                    comments_count=p.comments_count,
                    paid_partnership=p.paid_partnership,
                )
                for p in r.items
            ],
        )
