"""Protobuf <-> domain for campaigns, applicants and invitations."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from petful.campaigns.models import Applicant, Campaign, Invitation
from petful.campaigns.service.campaign_input import CampaignInput
from petful.campaigns.service.shared import ApplicantView
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.common.v1 import species_pb2
from petful.platform import media
from petful.platform.protobuf import (
    UNKNOWN_ENUM,
    enum_name,
    from_timestamp,
    opt_timestamp,
    to_timestamp,
)

# The generated enums name values PREFIX_NAME; the service uses the bare NAME. Messages are
# built with the full name (the generated constructors take it) and read with `enum_name`.
PHASE = "PHASE_"
STATUS = "APPLICANT_STATUS_"
CAMPAIGN_TYPE = "CAMPAIGN_TYPE_"
SPECIES = "SPECIES_"


def species_name(number: int) -> str:
    """A Species number (same numbering in campaigns and pets) -> rules.Species value."""
    return enum_name(species_pb2.Species, number, SPECIES)


def campaign_to_pb(c: Campaign, images: Mapping[str, media.MediaRecord]) -> pb.Campaign:
    fields = pb.CampaignFields(
        title=c.title,
        product_name=c.product_name,
        product_description=c.product_description,
        image_media_ids=c.image_media_ids,
        objective=c.objective,
        missions=c.missions,
        keywords=c.keywords,
        hashtags=c.hashtags,
        requirements=c.requirements,
        product_url=c.product_url,
        campaign_type=CAMPAIGN_TYPE + c.campaign_type,
        target_species=[SPECIES + s for s in c.target_species],
        headcount=c.headcount,
        reward_description=c.reward_description,
        reward_value_krw=c.reward_value_krw,
        recruit_start=to_timestamp(c.recruit_start),
        recruit_end=to_timestamp(c.recruit_end),
        announce_at=to_timestamp(c.announce_at),
        activity_start=to_timestamp(c.activity_start),
        activity_end=to_timestamp(c.activity_end),
        post_retention_days=c.post_retention_days,
    )
    return pb.Campaign(
        id=str(c.id),
        images=[
            pb.CampaignImage(
                media_id=m,
                url=images[m].url,
                thumbnails={size: f"/media/{key}" for size, key in images[m].thumbnails.items()},
            )
            for m in c.image_media_ids
            if m in images
        ],
        advertiser_user_id=str(c.advertiser_user_id),
        company_name=c.company_name,
        fields=fields,
        phase=PHASE + c.phase,
        phase_reason=c.phase_reason or "",
        applicant_count=c.applicant_count,
        selected_count=c.selected_count,
        created_at=to_timestamp(c.created_at),
        updated_at=to_timestamp(c.updated_at),
        submitted_at=opt_timestamp(c.submitted_at),
        approved_at=opt_timestamp(c.approved_at),
        archived_at=opt_timestamp(c.archived_at),
    )


def _checklist_to_pb(a: Applicant) -> pb.ContentChecklist | None:
    if not a.checklist:
        return None
    checked_at = a.checklist.get("checked_at")
    return pb.ContentChecklist(
        status=str(a.checklist.get("status", "")),
        reason=str(a.checklist.get("reason", "")),
        items=[
            pb.ChecklistItem(
                name=str(entry["name"]), passed=bool(entry["passed"]), detail=str(entry["detail"])
            )
            for entry in a.checklist.get("items", [])
        ],
        checked_at=opt_timestamp(datetime.fromisoformat(checked_at) if checked_at else None),
    )


def applicant_to_pb(view: ApplicantView) -> pb.Applicant:
    a = view.applicant
    shipment = None
    if a.shipped_at is not None:
        shipment = pb.Shipment(
            carrier=a.carrier or "",
            tracking_number=a.tracking_number or "",
            shipped_at=to_timestamp(a.shipped_at),
        )
    return pb.Applicant(
        id=str(a.id),
        campaign_id=str(a.campaign_id),
        campaign_title=view.campaign_title,
        pet_id=str(a.pet_id),
        pet_name=a.pet_name,
        owner_user_id=str(a.owner_user_id),
        note=a.note,
        status=STATUS + a.status,
        status_reason=a.status_reason or "",
        post_url=a.post_url or "",
        created_at=to_timestamp(a.created_at),
        updated_at=to_timestamp(a.updated_at),
        shipment=shipment,
        checklist=_checklist_to_pb(a),
        likes=a.likes,
        comments=a.comments,
        pet_completed_campaigns=view.pet_completed,
        pet_no_shows=view.pet_no_shows,
        submissions=[
            pb.ContentSubmission(
                url=s.url,
                submitted_at=to_timestamp(s.submitted_at),
                reason=s.reason or "",
                decision=STATUS + s.decision if s.decision else None,
                decided_at=opt_timestamp(s.decided_at),
            )
            for s in view.submissions
        ],
    )


def invitation_to_pb(i: Invitation, c: Campaign) -> pb.Invitation:
    return pb.Invitation(
        id=str(i.id),
        campaign_id=str(i.campaign_id),
        campaign_title=c.title,
        company_name=c.company_name,
        pet_id=str(i.pet_id),
        pet_name=i.pet_name,
        owner_user_id=str(i.owner_user_id),
        message=i.message,
        created_at=to_timestamp(i.created_at),
        recruit_end=to_timestamp(c.recruit_end),
    )


def fields_from_pb(f: pb.CampaignFields) -> CampaignInput:
    return CampaignInput(
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
        campaign_type=enum_name(pb.CampaignType, f.campaign_type, CAMPAIGN_TYPE),
        # An unspecified species in the list is as wrong as an unknown one.
        target_species=[species_name(s) or UNKNOWN_ENUM for s in f.target_species],
        headcount=f.headcount,
        reward_description=f.reward_description,
        reward_value_krw=f.reward_value_krw,
        recruit_start=from_timestamp(f, "recruit_start"),
        recruit_end=from_timestamp(f, "recruit_end"),
        announce_at=from_timestamp(f, "announce_at"),
        activity_start=from_timestamp(f, "activity_start"),
        activity_end=from_timestamp(f, "activity_end"),
        post_retention_days=f.post_retention_days,
    )
