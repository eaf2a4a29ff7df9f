"""Request and response bodies of the campaign (체험단) routes.

Shapes and size caps are checked here (422 naming the field); the campaigns service
re-checks every rule (date order, disclosure hashtag, phases, headcount) and owns the state.
Times are instants (RFC 3339 with an offset); the UI shows them in Asia/Seoul.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, Instant, Krw, reason_field
from petful.edge.pets.schemas import PetStarCard, Species, species_value
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.common.v1 import species_pb2
from petful.platform.protobuf import enum_name, timestamp_or_none, to_timestamp

Phase = Literal[
    "DRAFT",
    "PENDING_REVIEW",
    "REJECTED",
    "RECRUITING",
    "SELECTING",
    "ANNOUNCED",
    "IN_PROGRESS",
    "REVIEWING",
    "COMPLETED",
    "CANCELLED",
]
CampaignType = Literal["DELIVERY", "VISIT"]
ApplicantStatus = Literal[
    "APPLIED",
    "SELECTED",
    "NOT_SELECTED",
    "SHIPPED",
    "CONTENT_SUBMITTED",
    "REVISION_REQUESTED",
    "APPROVED",
    "COMPLETED",
    "NO_SHOW",
    "CANCELLED",
]
Tab = Literal["recruiting", "applied", "ended"]
PublicTab = Literal["recruiting", "ended"]
Sort = Literal["newest", "deadline", "popular"]
# The advertiser's own list.
MySort = Literal["newest", "updated", "deadline", "title"]


def phase_value(name: str) -> str:
    return f"PHASE_{name}"


def applicant_status_value(name: str) -> str:
    return f"APPLICANT_STATUS_{name}"


class CampaignIn(Body):
    """The whole campaign (PUT replaces every field)."""

    title: str = Field(min_length=1, max_length=100, examples=["강아지 유산균 2주 체험단"])
    product_name: str = Field(min_length=1, max_length=100)
    product_description: str = Field(default="", max_length=5000)
    image_media_ids: list[str] = Field(default_factory=list, max_length=10)
    objective: str = Field(default="", max_length=1000)
    missions: list[str] = Field(default_factory=list, max_length=20)
    keywords: list[str] = Field(default_factory=list, max_length=20)
    hashtags: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="`#광고` is added unless `#광고` or `#협찬` is present (Korean FTC rule).",
    )
    requirements: list[str] = Field(default_factory=list, max_length=20)
    product_url: str = Field(default="", max_length=500)
    campaign_type: CampaignType = "DELIVERY"
    target_species: list[Species] = Field(default_factory=list, max_length=7)
    headcount: int = Field(ge=1, le=500)
    reward_description: str = Field(default="", max_length=1000)
    reward_value_krw: Krw = 0
    recruit_start: Instant
    recruit_end: Instant
    announce_at: Instant
    activity_start: Instant
    activity_end: Instant
    post_retention_days: int = Field(default=180, ge=1, le=3650)

    def to_fields(self) -> pb.CampaignFields:
        return pb.CampaignFields(
            title=self.title,
            product_name=self.product_name,
            product_description=self.product_description,
            image_media_ids=self.image_media_ids,
            objective=self.objective,
            missions=self.missions,
            keywords=self.keywords,
            hashtags=self.hashtags,
            requirements=self.requirements,
            product_url=self.product_url,
            campaign_type=f"CAMPAIGN_TYPE_{self.campaign_type}",
            target_species=[species_value(s) for s in self.target_species],
            headcount=self.headcount,
            reward_description=self.reward_description,
            reward_value_krw=self.reward_value_krw,
            recruit_start=to_timestamp(self.recruit_start),
            recruit_end=to_timestamp(self.recruit_end),
            announce_at=to_timestamp(self.announce_at),
            activity_start=to_timestamp(self.activity_start),
            activity_end=to_timestamp(self.activity_end),
            post_retention_days=self.post_retention_days,
        )


class CampaignImage(BaseModel):
    media_id: str
    url: str
    thumbnails: dict[str, str]


class PublicCampaign(BaseModel):
    """What anyone may read of an approved campaign (the landing page, a shared link): the
    advertisement itself, without who runs it internally, review notes or bookkeeping."""

    id: str
    company_name: str
    title: str
    product_name: str
    product_description: str
    objective: str
    missions: list[str]
    keywords: list[str]
    hashtags: list[str]
    requirements: list[str]
    product_url: str
    campaign_type: CampaignType
    target_species: list[Species]
    headcount: int
    reward_description: str
    reward_value_krw: int
    recruit_start: datetime | None
    recruit_end: datetime | None
    announce_at: datetime | None
    activity_start: datetime | None
    activity_end: datetime | None
    post_retention_days: int
    phase: Phase
    applicant_count: int
    images: list[CampaignImage]


class Campaign(PublicCampaign):
    advertiser_user_id: str
    image_media_ids: list[str]
    phase_reason: str | None
    selected_count: int
    created_at: datetime | None
    updated_at: datetime | None
    submitted_at: datetime | None
    approved_at: datetime | None
    archived_at: datetime | None = Field(
        default=None, description="Set while the advertiser keeps the campaign in the archive"
    )

    @classmethod
    def from_pb(cls, c: pb.Campaign) -> Campaign:
        f = c.fields
        return cls(
            id=c.id,
            advertiser_user_id=c.advertiser_user_id,
            company_name=c.company_name,
            title=f.title,
            product_name=f.product_name,
            product_description=f.product_description,
            image_media_ids=list(f.image_media_ids),
            objective=f.objective,
            missions=list(f.missions),
            keywords=list(f.keywords),
            hashtags=list(f.hashtags),
            requirements=list(f.requirements),
            product_url=f.product_url,
            campaign_type=enum_name(pb.CampaignType, f.campaign_type, "CAMPAIGN_TYPE_"),  # type: ignore[arg-type]
            target_species=[
                enum_name(species_pb2.Species, s, "SPECIES_")  # type: ignore[misc]
                for s in f.target_species
            ],
            headcount=f.headcount,
            reward_description=f.reward_description,
            reward_value_krw=f.reward_value_krw,
            recruit_start=timestamp_or_none(f.recruit_start),
            recruit_end=timestamp_or_none(f.recruit_end),
            announce_at=timestamp_or_none(f.announce_at),
            activity_start=timestamp_or_none(f.activity_start),
            activity_end=timestamp_or_none(f.activity_end),
            post_retention_days=f.post_retention_days,
            phase=enum_name(pb.Phase, c.phase, "PHASE_"),  # type: ignore[arg-type]
            phase_reason=c.phase_reason or None,
            applicant_count=c.applicant_count,
            selected_count=c.selected_count,
            created_at=timestamp_or_none(c.created_at),
            updated_at=timestamp_or_none(c.updated_at),
            submitted_at=timestamp_or_none(c.submitted_at),
            approved_at=timestamp_or_none(c.approved_at),
            archived_at=timestamp_or_none(c.archived_at),
            images=[
                CampaignImage(media_id=i.media_id, url=i.url, thumbnails=dict(i.thumbnails))
                for i in c.images
            ],
        )


def public_campaign(c: pb.Campaign) -> PublicCampaign:
    return PublicCampaign.model_validate(
        Campaign.from_pb(c).model_dump(include=set(PublicCampaign.model_fields))
    )


class Reason(Body):
    reason: str = reason_field()


class ApplyIn(Body):
    pet_id: str = Field(min_length=1, max_length=64)
    note: str = Field(min_length=10, max_length=1000, description="Why this pet fits (10-1000)")


class NoteIn(Body):
    note: str = Field(min_length=10, max_length=1000)


class ShipmentIn(Body):
    carrier: str = Field(min_length=1, max_length=50, examples=["CJ대한통운"])
    tracking_number: str = Field(min_length=4, max_length=40, examples=["123456789012"])


class ContentIn(Body):
    post_url: str = Field(
        min_length=1,
        max_length=300,
        description="An Instagram permalink: https://www.instagram.com/p/<code>/ or /reel/",
    )


class Shipment(BaseModel):
    carrier: str
    tracking_number: str
    shipped_at: datetime | None


class Submission(BaseModel):
    url: str
    submitted_at: datetime | None
    decision: ApplicantStatus | None
    reason: str | None
    decided_at: datetime | None


class ChecklistItem(BaseModel):
    name: str
    passed: bool
    detail: str


class Checklist(BaseModel):
    """The automatic check of the latest post: PENDING until Instagram shows the post,
    then PASSED or FAILED item by item; UNAVAILABLE without a linked account."""

    status: Literal["PENDING", "PASSED", "FAILED", "UNAVAILABLE"]
    reason: str | None
    items: list[ChecklistItem]
    checked_at: datetime | None


class Applicant(BaseModel):
    id: str
    campaign_id: str
    campaign_title: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    note: str
    status: ApplicantStatus
    status_reason: str | None
    shipment: Shipment | None
    submissions: list[Submission]
    post_url: str | None
    checklist: Checklist | None
    likes: int | None
    comments: int | None
    created_at: datetime | None
    updated_at: datetime | None
    pet_completed_campaigns: int = Field(
        default=0, description="The pet's applications that ended COMPLETED, in any campaign"
    )
    pet_no_shows: int = Field(
        default=0, description="The pet's applications that ended NO_SHOW, in any campaign"
    )
    # The PetStar card (pet, picture, Instagram figures, price) for the advertiser; null
    # when the pet is no longer a listed PetStar.
    petstar: PetStarCard | None = None

    @classmethod
    def from_pb(cls, a: pb.Applicant, petstar: PetStarCard | None = None) -> Applicant:
        return cls(
            id=a.id,
            campaign_id=a.campaign_id,
            campaign_title=a.campaign_title,
            pet_id=a.pet_id,
            pet_name=a.pet_name,
            owner_user_id=a.owner_user_id,
            note=a.note,
            status=enum_name(pb.ApplicantStatus, a.status, "APPLICANT_STATUS_"),  # type: ignore[arg-type]
            status_reason=a.status_reason or None,
            pet_completed_campaigns=a.pet_completed_campaigns,
            pet_no_shows=a.pet_no_shows,
            shipment=Shipment(
                carrier=a.shipment.carrier,
                tracking_number=a.shipment.tracking_number,
                shipped_at=timestamp_or_none(a.shipment.shipped_at),
            )
            if a.HasField("shipment")
            else None,
            submissions=[
                Submission(
                    url=s.url,
                    submitted_at=timestamp_or_none(s.submitted_at),
                    decision=enum_name(pb.ApplicantStatus, s.decision, "APPLICANT_STATUS_")  # type: ignore[arg-type]
                    if s.decision
                    else None,
                    reason=s.reason or None,
                    decided_at=timestamp_or_none(s.decided_at),
                )
                for s in a.submissions
            ],
            post_url=a.post_url or None,
            checklist=Checklist(
                status=a.checklist.status,  # type: ignore[arg-type]
                reason=a.checklist.reason or None,
                items=[
                    ChecklistItem(name=i.name, passed=i.passed, detail=i.detail)
                    for i in a.checklist.items
                ],
                checked_at=timestamp_or_none(a.checklist.checked_at),
            )
            if a.HasField("checklist")
            else None,
            likes=a.likes if a.HasField("likes") else None,
            comments=a.comments if a.HasField("comments") else None,
            created_at=timestamp_or_none(a.created_at),
            updated_at=timestamp_or_none(a.updated_at),
            petstar=petstar,
        )


class ReportRow(BaseModel):
    applicant_id: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    status: ApplicantStatus
    post_url: str | None
    likes: int | None
    comments: int | None


class ReportTotals(BaseModel):
    applicants: int
    selected: int
    completed: int
    no_show: int
    posts: int
    likes: int | None
    comments: int | None
    total_cost_krw: int
    cost_per_engagement_krw: float | None


class Report(BaseModel):
    campaign_id: str
    title: str
    company_name: str
    phase: Phase
    reward_value_krw: int
    rows: list[ReportRow]
    totals: ReportTotals

    @classmethod
    def from_pb(cls, r: pb.Report) -> Report:
        t = r.totals
        return cls(
            campaign_id=r.campaign_id,
            title=r.title,
            company_name=r.company_name,
            phase=enum_name(pb.Phase, r.phase, "PHASE_"),  # type: ignore[arg-type]
            reward_value_krw=r.reward_value_krw,
            rows=[
                ReportRow(
                    applicant_id=row.applicant_id,
                    pet_id=row.pet_id,
                    pet_name=row.pet_name,
                    owner_user_id=row.owner_user_id,
                    status=enum_name(pb.ApplicantStatus, row.status, "APPLICANT_STATUS_"),  # type: ignore[arg-type]
                    post_url=row.post_url or None,
                    likes=row.likes if row.HasField("likes") else None,
                    comments=row.comments if row.HasField("comments") else None,
                )
                for row in r.rows
            ],
            totals=ReportTotals(
                applicants=t.applicants,
                selected=t.selected,
                completed=t.completed,
                no_show=t.no_show,
                posts=t.posts,
                likes=t.likes if t.HasField("likes") else None,
                comments=t.comments if t.HasField("comments") else None,
                total_cost_krw=t.total_cost_krw,
                cost_per_engagement_krw=t.cost_per_engagement_krw
                if t.HasField("cost_per_engagement_krw")
                else None,
            ),
        )


class InviteIn(Body):
    pet_id: str = Field(min_length=1, max_length=64)
    message: str = Field(default="", max_length=500, examples=["보리와 꼭 함께하고 싶어요!"])


class Invitation(BaseModel):
    id: str
    campaign_id: str
    campaign_title: str
    company_name: str
    pet_id: str
    pet_name: str
    owner_user_id: str
    message: str | None
    created_at: datetime | None
    recruit_end: datetime | None

    @classmethod
    def from_pb(cls, i: pb.Invitation) -> Invitation:
        return cls(
            id=i.id,
            campaign_id=i.campaign_id,
            campaign_title=i.campaign_title,
            company_name=i.company_name,
            pet_id=i.pet_id,
            pet_name=i.pet_name,
            owner_user_id=i.owner_user_id,
            message=i.message or None,
            created_at=timestamp_or_none(i.created_at),
            recruit_end=timestamp_or_none(i.recruit_end),
        )


class InvitationList(BaseModel):
    items: list[Invitation]
