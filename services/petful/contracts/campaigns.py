"""Events of the campaigns service: campaign phases, applicants and invitations."""

from __future__ import annotations

import uuid
from datetime import datetime

from petful.contracts.base import Payload, Topic


class CampaignChanged(Payload):
    campaign_id: uuid.UUID
    title: str
    advertiser_user_id: uuid.UUID
    phase: str  # the phase entered
    reason: str = ""  # why, for REJECTED and CANCELLED


class ApplicantChanged(Payload):
    campaign_id: uuid.UUID
    campaign_title: str
    advertiser_user_id: uuid.UUID
    applicant_id: uuid.UUID
    pet_id: uuid.UUID
    pet_name: str
    owner_user_id: uuid.UUID
    status: str  # the status entered
    reason: str = ""  # a revision request's reason, or why the campaign was cancelled
    # The advertiser's company as the PetStar knows it (the campaign's snapshot); campaigns
    # always fills it, the default only keeps payloads written before it was added valid.
    company_name: str = ""
    # The shipment (SHIPPED): the carrier and tracking number the advertiser entered.
    carrier: str = ""
    tracking_number: str = ""


class ContentDue(Payload):
    """A selected PetStar's content is due soon: sent once per applicant and reminder, at
    `days_left` (3, then 1) days before the deadline; a job first run inside the last day
    sends only the 1-day one. Only applicants who still owe content get it (selected,
    shipped or asked for a revision; submitted content is accepted at the deadline)."""

    campaign_id: uuid.UUID
    campaign_title: str
    company_name: str  # the advertiser's company as the PetStar knows it (the snapshot)
    applicant_id: uuid.UUID
    pet_id: uuid.UUID
    pet_name: str
    owner_user_id: uuid.UUID
    # The content deadline (UTC): who still owes content then becomes a no-show.
    deadline: datetime
    days_left: int  # the reminder: 3 or 1 (the deadline is at most this many days away)


class InvitationSent(Payload):
    invitation_id: uuid.UUID
    campaign_id: uuid.UUID
    campaign_title: str
    company_name: str
    advertiser_user_id: uuid.UUID
    pet_id: uuid.UUID
    pet_name: str
    owner_user_id: uuid.UUID
    message: str


CAMPAIGN_PENDING_REVIEW = Topic("campaigns.campaign.pending_review", CampaignChanged)
CAMPAIGN_REJECTED = Topic("campaigns.campaign.rejected", CampaignChanged)
CAMPAIGN_RECRUITING = Topic("campaigns.campaign.recruiting", CampaignChanged)
CAMPAIGN_SELECTING = Topic("campaigns.campaign.selecting", CampaignChanged)
CAMPAIGN_ANNOUNCED = Topic("campaigns.campaign.announced", CampaignChanged)
CAMPAIGN_IN_PROGRESS = Topic("campaigns.campaign.in_progress", CampaignChanged)
CAMPAIGN_REVIEWING = Topic("campaigns.campaign.reviewing", CampaignChanged)
CAMPAIGN_COMPLETED = Topic("campaigns.campaign.completed", CampaignChanged)
CAMPAIGN_CANCELLED = Topic("campaigns.campaign.cancelled", CampaignChanged)

# The topic of the phase a campaign enters, by `Phase` value (a campaign is created as a
# DRAFT, which is nobody's news, and never enters it again).
CAMPAIGN_BY_PHASE = {
    "PENDING_REVIEW": CAMPAIGN_PENDING_REVIEW,
    "REJECTED": CAMPAIGN_REJECTED,
    "RECRUITING": CAMPAIGN_RECRUITING,
    "SELECTING": CAMPAIGN_SELECTING,
    "ANNOUNCED": CAMPAIGN_ANNOUNCED,
    "IN_PROGRESS": CAMPAIGN_IN_PROGRESS,
    "REVIEWING": CAMPAIGN_REVIEWING,
    "COMPLETED": CAMPAIGN_COMPLETED,
    "CANCELLED": CAMPAIGN_CANCELLED,
}

APPLICANT_APPLIED = Topic("campaigns.applicant.applied", ApplicantChanged)
APPLICANT_SELECTED = Topic("campaigns.applicant.selected", ApplicantChanged)
APPLICANT_NOT_SELECTED = Topic("campaigns.applicant.not_selected", ApplicantChanged)
APPLICANT_SHIPPED = Topic("campaigns.applicant.shipped", ApplicantChanged)
APPLICANT_CONTENT_SUBMITTED = Topic("campaigns.applicant.content_submitted", ApplicantChanged)
APPLICANT_REVISION_REQUESTED = Topic("campaigns.applicant.revision_requested", ApplicantChanged)
APPLICANT_APPROVED = Topic("campaigns.applicant.approved", ApplicantChanged)
APPLICANT_COMPLETED = Topic("campaigns.applicant.completed", ApplicantChanged)
APPLICANT_NO_SHOW = Topic("campaigns.applicant.no_show", ApplicantChanged)
APPLICANT_CANCELLED = Topic("campaigns.applicant.cancelled", ApplicantChanged)

# The topic of the status an applicant enters, by `ApplicantStatus` value.
APPLICANT_BY_STATUS = {
    "APPLIED": APPLICANT_APPLIED,
    "SELECTED": APPLICANT_SELECTED,
    "NOT_SELECTED": APPLICANT_NOT_SELECTED,
    "SHIPPED": APPLICANT_SHIPPED,
    "CONTENT_SUBMITTED": APPLICANT_CONTENT_SUBMITTED,
    "REVISION_REQUESTED": APPLICANT_REVISION_REQUESTED,
    "APPROVED": APPLICANT_APPROVED,
    "COMPLETED": APPLICANT_COMPLETED,
    "NO_SHOW": APPLICANT_NO_SHOW,
    "CANCELLED": APPLICANT_CANCELLED,
}

INVITATION_SENT = Topic("campaigns.invitation.sent", InvitationSent)

# Not a status change: the content reminders job (campaigns.remind_content_due) writes it.
CONTENT_DUE_SOON = Topic("campaigns.applicant.content_due_soon", ContentDue)
