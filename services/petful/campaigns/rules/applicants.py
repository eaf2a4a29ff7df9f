"""The applicant status state machine and the status sets the service counts with."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from petful.campaigns.rules import ApplicantStatus, CampaignType, TransitionError


class ApplicantEvent(StrEnum):
    SELECT = "SELECT"  # advertiser, during SELECTING
    UNSELECT = "UNSELECT"  # advertiser, during SELECTING
    ANNOUNCE = "ANNOUNCE"  # clock/confirmation: APPLIED -> NOT_SELECTED
    SHIP = "SHIP"  # advertiser (delivery campaigns only)
    SUBMIT_CONTENT = "SUBMIT_CONTENT"  # owner
    REQUEST_REVISION = "REQUEST_REVISION"  # advertiser, with a reason
    APPROVE_CONTENT = "APPROVE_CONTENT"  # advertiser
    COMPLETE = "COMPLETE"  # clock: activity end (or approval after it)
    MARK_NO_SHOW = "MARK_NO_SHOW"  # clock: activity end + grace days
    CANCEL = "CANCEL"  # owner while RECRUITING
    CAMPAIGN_CANCELLED = "CAMPAIGN_CANCELLED"  # the campaign was cancelled
    # The owner left PetFul (identity's ACCOUNT_WITHDRAWN): unlike CANCEL, allowed in every
    # unfinished status, since nobody is left to do the work; the record stays CANCELLED.
    WITHDRAW = "WITHDRAW"


# Statuses that still have campaign work (the pets service refuses deletion meanwhile).
ACTIVE_STATUSES = frozenset(
    {
        ApplicantStatus.APPLIED,
        ApplicantStatus.SELECTED,
        ApplicantStatus.SHIPPED,
        ApplicantStatus.CONTENT_SUBMITTED,
        ApplicantStatus.REVISION_REQUESTED,
        ApplicantStatus.APPROVED,
    }
)
TERMINAL_STATUSES = frozenset(
    {
        ApplicantStatus.NOT_SELECTED,
        ApplicantStatus.COMPLETED,
        ApplicantStatus.NO_SHOW,
        ApplicantStatus.CANCELLED,
    }
)
# Selected applicants that still owe approved content. At the deadline a submitted but
# unreviewed post is accepted (the advertiser let the review lapse); the others are NO_SHOW.
OWES_CONTENT = frozenset(
    {
        ApplicantStatus.SELECTED,
        ApplicantStatus.SHIPPED,
        ApplicantStatus.CONTENT_SUBMITTED,
        ApplicantStatus.REVISION_REQUESTED,
    }
)
# Applicants counted as "selected" (against the headcount and in the results).
SELECTED_STATUSES = OWES_CONTENT | {
    ApplicantStatus.APPROVED,
    ApplicantStatus.COMPLETED,
    ApplicantStatus.NO_SHOW,
}
DONE_STATUSES = frozenset({ApplicantStatus.COMPLETED, ApplicantStatus.NO_SHOW})

_A, _E = ApplicantStatus, ApplicantEvent
APPLICANT_TRANSITIONS: dict[tuple[ApplicantStatus, ApplicantEvent], ApplicantStatus] = {
    (_A.APPLIED, _E.SELECT): _A.SELECTED,
    (_A.SELECTED, _E.UNSELECT): _A.APPLIED,
    (_A.APPLIED, _E.ANNOUNCE): _A.NOT_SELECTED,
    (_A.SELECTED, _E.SHIP): _A.SHIPPED,
    (_A.SHIPPED, _E.SHIP): _A.SHIPPED,  # correcting carrier / tracking number
    (_A.SELECTED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,  # visit campaigns only
    (_A.SHIPPED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,
    (_A.REVISION_REQUESTED, _E.SUBMIT_CONTENT): _A.CONTENT_SUBMITTED,
    (_A.CONTENT_SUBMITTED, _E.REQUEST_REVISION): _A.REVISION_REQUESTED,
    (_A.CONTENT_SUBMITTED, _E.APPROVE_CONTENT): _A.APPROVED,
    (_A.APPROVED, _E.COMPLETE): _A.COMPLETED,
    (_A.APPLIED, _E.CANCEL): _A.CANCELLED,
    **{(s, _E.MARK_NO_SHOW): _A.NO_SHOW for s in OWES_CONTENT},
    **{(s, _E.CAMPAIGN_CANCELLED): _A.CANCELLED for s in ACTIVE_STATUSES},
    **{(s, _E.WITHDRAW): _A.CANCELLED for s in ACTIVE_STATUSES},
}


def next_status(
    current: ApplicantStatus, event: ApplicantEvent, *, campaign_type: CampaignType
) -> ApplicantStatus:
    """The applicant status after event, or TransitionError.

    Delivery campaigns ship before content (SELECTED cannot submit content); visit
    campaigns have no shipping step (SHIP is refused).
    """
    target = APPLICANT_TRANSITIONS.get((current, event))
    if campaign_type is CampaignType.VISIT and event is ApplicantEvent.SHIP:
        raise TransitionError("visit campaigns have no shipping step")
    if (
        campaign_type is CampaignType.DELIVERY
        and event is ApplicantEvent.SUBMIT_CONTENT
        and current is ApplicantStatus.SELECTED
    ):
        raise TransitionError("the product has not been shipped yet")
    if target is None:
        action = event.value.lower().replace("_", " ")
        raise TransitionError(f"cannot {action} an application that is {current.value}")
    return target


def completion_due(statuses: Iterable[ApplicantStatus]) -> bool:
    """REVIEWING -> COMPLETED once every selected applicant is COMPLETED or NO_SHOW."""
    return all(s in DONE_STATUSES for s in statuses if s in SELECTED_STATUSES)
