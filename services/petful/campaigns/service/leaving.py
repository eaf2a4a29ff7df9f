"""When a person leaves PetFul (identity's events; docs/security.md, "Leaving").

Withdrawal ends what they had running, through the same state moves (and so the same
events) as an ordinary cancellation, and removes at once what no law asks us to keep:

- A pet owner: every unfinished application is cancelled (WITHDRAW, allowed in every
  unfinished status) with `OWNER_LEFT` as its reason, and leaves the campaign's applicant
  count as a cancelled application does; a selected one frees its seat. A campaign in
  REVIEWING that waited only on them completes. Their notes (free text) are cleared on
  every application, and every invitation to their pets is deleted. The applications
  themselves stay: the record of who took part in which campaign, received which product
  and posted what (the e-commerce act's contract and supply records).
- An advertiser: every campaign of theirs still running (`CANCELLED_ON_LEAVING`) is
  cancelled as an admin would, with `ADVERTISER_LEFT`, also after the announcement: nobody
  is left to ship, review or complete it. The applicants' events with the reason are their
  notice. PetStars who already did their part keep the credit (matching's track record
  counts COMPLETED): an approved post completes, and a post waiting for a review nobody is
  left to give is accepted, as at the content deadline. Whoever received a product and had
  not posted yet is cancelled; shipment and submissions stay on record. Invitations sent
  for their campaigns are deleted.

Erasure, when the retention period ended, replaces what identifies a pet owner on those
records: the pet's name (`ERASED_PET_NAME`), the note, the shipment's carrier and tracking
number, the post's address and its check (which names the Instagram account). Status,
dates, counts and post figures stay: statistics about no one. An advertiser's campaigns
keep their content and company name: those describe a business and its public
advertisement, not a person (advertisers erases the business profile itself).

The event's role is not needed: both sides are looked up, and a person with no data here
changes nothing. Everything is naturally idempotent (a second run finds nothing left to
end, clear or erase), on top of the inbox's dedupe.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.rules.applicants import ACTIVE_STATUSES, ApplicantEvent
from petful.campaigns.rules.phases import CANCELLED_ON_LEAVING, CampaignEvent
from petful.campaigns.service.shared import (
    accept_unreviewed,
    cancel_with_applicants,
    complete_approved,
    complete_if_done,
    move_applicant,
)

OWNER_LEFT = "회원 탈퇴로 참여가 취소되었습니다"
ADVERTISER_LEFT = "광고주 탈퇴로 캠페인이 취소되었습니다"
ERASED_PET_NAME = "탈퇴한 회원"


@dataclass(frozen=True)
class Withdrawn:
    applications_cancelled: int
    campaigns_cancelled: int
    invitations_deleted: int


async def _withdraw_owner(session: AsyncSession, owner: uuid.UUID, now: datetime) -> int:
    """End the owner's unfinished applications and clear their notes; how many ended."""
    ended = 0
    # Each campaign is locked before its applicants, as every writer does.
    for campaign_id in await repository.campaign_ids_applied_by(session, owner):
        c = await repository.get_campaign(session, campaign_id, for_update=True)
        if c is None:
            continue
        for a in await repository.campaign_applicants(session, c.id, owner=owner, for_update=True):
            if a.status_enum in ACTIVE_STATUSES:
                await move_applicant(session, c, a, ApplicantEvent.WITHDRAW, now, reason=OWNER_LEFT)
                c.applicant_count -= 1
                ended += 1
            a.note = ""
        await repository.flush(session)
        await complete_if_done(session, c, now)
    return ended


async def _withdraw_advertiser(session: AsyncSession, advertiser: uuid.UUID, now: datetime) -> int:
    """Cancel the advertiser's running campaigns; how many."""
    running = await repository.campaigns_of_advertiser(
        session, advertiser, phases=CANCELLED_ON_LEAVING
    )
    for c in running:
        await complete_approved(session, c, now)
        await accept_unreviewed(session, c, now, ADVERTISER_LEFT)
        await cancel_with_applicants(
            session, c, CampaignEvent.CANCEL_BY_ADMIN, now, reason=ADVERTISER_LEFT
        )
    return len(running)


async def withdraw_account(
    session: AsyncSession, *, user_id: uuid.UUID, now: datetime
) -> Withdrawn:
    """The account left: end its applications and campaigns, drop what is not kept."""
    applications = await _withdraw_owner(session, user_id, now)
    campaigns = await _withdraw_advertiser(session, user_id, now)
    invitations = await repository.delete_invitations_to(session, user_id)
    invitations += await repository.delete_invitations_from(session, user_id)
    return Withdrawn(applications, campaigns, invitations)


async def erase_account(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    """The retention period ended: erase what identifies the owner on their applications
    (how many there are). Nothing of an advertiser's is personal (module docstring)."""
    return await repository.erase_applications_of(session, user_id, pet_name=ERASED_PET_NAME)
