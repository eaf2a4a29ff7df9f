"""The campaign phase state machine and what each phase lets the advertiser edit."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from petful.campaigns.rules import Phase, TransitionError


class CampaignEvent(StrEnum):
    SUBMIT = "SUBMIT"  # advertiser
    APPROVE = "APPROVE"  # admin
    REJECT = "REJECT"  # admin, with a reason
    CLOSE_RECRUITMENT = "CLOSE_RECRUITMENT"  # clock: recruitment end
    ANNOUNCE = "ANNOUNCE"  # advertiser confirms selection, or clock: announcement date
    START_ACTIVITY = "START_ACTIVITY"  # clock: activity start
    END_ACTIVITY = "END_ACTIVITY"  # clock: activity end
    COMPLETE = "COMPLETE"  # every selected applicant COMPLETED or NO_SHOW
    CANCEL_BY_ADVERTISER = "CANCEL_BY_ADVERTISER"  # before announcement, with a reason
    CANCEL_BY_ADMIN = "CANCEL_BY_ADMIN"  # any time before the end, with a reason


TERMINAL_PHASES = frozenset({Phase.COMPLETED, Phase.CANCELLED})
# Phases an advertiser may still cancel in (before the announcement).
ADVERTISER_CANCELLABLE = frozenset(
    {Phase.DRAFT, Phase.PENDING_REVIEW, Phase.REJECTED, Phase.RECRUITING, Phase.SELECTING}
)
# Phases a campaign is cancelled in when its advertiser leaves PetFul (by CANCEL_BY_ADMIN:
# the platform ends it for them, after the announcement too, since nobody is left to ship,
# review or pay). REJECTED stays as it is: only its advertiser could resubmit it, and the
# admin's rejection and its reason are the record worth keeping.
CANCELLED_ON_LEAVING = frozenset(Phase) - TERMINAL_PHASES - {Phase.REJECTED}
# Phases that were never public (drafts): only the advertiser and admins see them.
PRIVATE_PHASES = frozenset({Phase.DRAFT, Phase.PENDING_REVIEW, Phase.REJECTED})

CAMPAIGN_TRANSITIONS: dict[tuple[Phase, CampaignEvent], Phase] = {
    (Phase.DRAFT, CampaignEvent.SUBMIT): Phase.PENDING_REVIEW,
    (Phase.REJECTED, CampaignEvent.SUBMIT): Phase.PENDING_REVIEW,
    (Phase.PENDING_REVIEW, CampaignEvent.APPROVE): Phase.RECRUITING,
    (Phase.PENDING_REVIEW, CampaignEvent.REJECT): Phase.REJECTED,
    (Phase.RECRUITING, CampaignEvent.CLOSE_RECRUITMENT): Phase.SELECTING,
    (Phase.SELECTING, CampaignEvent.ANNOUNCE): Phase.ANNOUNCED,
    (Phase.ANNOUNCED, CampaignEvent.START_ACTIVITY): Phase.IN_PROGRESS,
    (Phase.IN_PROGRESS, CampaignEvent.END_ACTIVITY): Phase.REVIEWING,
    (Phase.REVIEWING, CampaignEvent.COMPLETE): Phase.COMPLETED,
    **{(p, CampaignEvent.CANCEL_BY_ADVERTISER): Phase.CANCELLED for p in ADVERTISER_CANCELLABLE},
    **{
        (p, CampaignEvent.CANCEL_BY_ADMIN): Phase.CANCELLED
        for p in Phase
        if p not in TERMINAL_PHASES
    },
}


def next_phase(current: Phase, event: CampaignEvent) -> Phase:
    """The phase after event, or TransitionError when current does not allow it."""
    target = CAMPAIGN_TRANSITIONS.get((current, event))
    if target is None:
        action = event.value.lower().replace("_", " ")
        raise TransitionError(f"cannot {action} a campaign that is {current.value}")
    return target


# --- edits -----------------------------------------------------------------------------------

# Fields a RECRUITING campaign may still change: wording and presentation only.
NON_MATERIAL_FIELDS = frozenset(
    {"product_description", "image_media_ids", "requirements", "product_url", "objective"}
)
EDITABLE_PHASES = frozenset({Phase.DRAFT, Phase.REJECTED})


def check_edit(phase: Phase, changed: Iterable[str]) -> None:
    """TransitionError unless the phase allows changing these fields."""
    if phase in EDITABLE_PHASES:
        return
    changed = set(changed)
    if phase is Phase.RECRUITING:
        material = sorted(changed - NON_MATERIAL_FIELDS)
        if material:
            raise TransitionError(
                "a recruiting campaign may change only its description, images, requirements,"
                f" product URL and objective, not {', '.join(material)}"
            )
        return
    raise TransitionError(f"cannot edit a campaign that is {phase.value}")
