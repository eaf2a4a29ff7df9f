"""Applicants: advertisers invite PetStars, owners apply with an approved PetStar pet and
manage their applications while the campaign recruits."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Applicant, Campaign, Invitation
from petful.campaigns.rules import ApplicantStatus, Phase
from petful.campaigns.rules.applicants import ACTIVE_STATUSES, ApplicantEvent
from petful.campaigns.rules.fields import INVITATION_MESSAGE_MAX, check_note
from petful.campaigns.rules.schedule import recruiting_open
from petful.campaigns.service.ports import PetInfo, PetPort
from petful.campaigns.service.shared import (
    ADVERTISERS_ONLY,
    PET_OWNERS_ONLY,
    SCHEMA,
    ApplicantView,
    applicant_event,
    can_see,
    manages,
    move_applicant,
    own_campaign,
    owned_by_petstar,
    view,
    views,
)
from petful.contracts import campaigns as contract
from petful.platform import outbox
from petful.platform.auth_context import Principal, Role, caller_id, is_admin, require_role
from petful.platform.errors import AlreadyExists, FailedPrecondition, NotFound
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import Violations, check_text, parse_uuid, uuid_field


def _require_species(c: Campaign, pet: PetInfo, *, field: str | None = None) -> None:
    if pet.species not in c.target_species:
        raise FailedPrecondition(
            f"this campaign is for {', '.join(s.lower() for s in c.target_species)} only",
            field_violations=[(field, "is not a species this campaign targets")] if field else (),
        )


# --- invitations -----------------------------------------------------------------------------


async def invite(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    pet_id: str,
    message: str,
    pets: PetPort,
) -> Invitation:
    """The advertiser invites a PetStar (e.g. a recommended one) to apply while recruiting.

    The invitation itself is the notification's source (`campaigns.invitation.sent`);
    inviting the same pet again answers with the first invitation and sends nothing.
    """
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    v = Violations()
    pid = v.check("pet_id", parse_uuid, pet_id)
    text = v.check("message", check_text, message, max_len=INVITATION_MESSAGE_MAX)
    v.raise_if_any("the invitation has invalid fields")
    c = await own_campaign(session, user_id, campaign_id)
    if not recruiting_open(c.phase_enum, c.schedule, now):
        raise FailedPrecondition("invitations are sent while the campaign is recruiting")
    existing = await repository.invitation_for(session, c.id, pid)
    if existing is not None:
        return existing
    pet = await pets.get_pet(str(pid))
    if pet is None or not pet.petstar_approved:
        raise NotFound("no such PetStar", field_violations=[("pet_id", "is not a PetStar")])
    _require_species(c, pet, field="pet_id")
    invitation = Invitation(
        id=uuid.uuid4(),
        campaign_id=c.id,
        pet_id=pid,
        pet_name=pet.name,
        owner_user_id=uuid.UUID(pet.owner_user_id),
        message=text,
        created_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, invitation)
    except IntegrityError:  # a concurrent invite of the same pet won
        found = await repository.invitation_for(session, c.id, pid)
        if found is None:
            raise
        return found
    payload = contract.InvitationSent(
        invitation_id=invitation.id,
        campaign_id=c.id,
        campaign_title=c.title,
        company_name=c.company_name,
        advertiser_user_id=c.advertiser_user_id,
        pet_id=pid,
        pet_name=pet.name,
        owner_user_id=invitation.owner_user_id,
        message=invitation.message,
    )
    await outbox.add_event(session, SCHEMA, contract.INVITATION_SENT, payload, now=now)
    return invitation


async def my_invitations(
    session: AsyncSession, *, actor: Principal
) -> list[tuple[Invitation, Campaign]]:
    """Invitations to the caller's pets for campaigns still recruiting."""
    owner = require_role(actor, Role.USER, message=PET_OWNERS_ONLY)
    return await repository.invitations_of_owner(session, owner)


# --- applications ----------------------------------------------------------------------------


async def apply(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    pet_id: str,
    note: str,
    pets: PetPort,
) -> ApplicantView:
    """One of the caller's approved PetStar pets applies while the campaign is recruiting."""
    user_id = require_role(actor, Role.USER, message=PET_OWNERS_ONLY)
    v = Violations()
    cid = v.check("campaign_id", parse_uuid, campaign_id)
    pid = v.check("pet_id", parse_uuid, pet_id)
    clean_note = v.check("note", check_note, note)
    v.raise_if_any("the application has invalid fields")
    pet = await pets.get_pet(str(pid))
    if pet is None or pet.owner_user_id != str(user_id):
        raise NotFound("pet not found")
    if not pet.petstar_approved:
        raise FailedPrecondition("only approved PetStars may apply to campaigns")
    c = await repository.get_campaign(session, cid, for_update=True)
    if c is None or not can_see(actor, c):
        raise NotFound("campaign not found")
    if not recruiting_open(c.phase_enum, c.schedule, now):
        raise FailedPrecondition("this campaign is not recruiting")
    _require_species(c, pet)
    a = Applicant(
        id=uuid.uuid4(),
        campaign_id=c.id,
        pet_id=pid,
        pet_name=pet.name,
        owner_user_id=user_id,
        note=clean_note,
        status=ApplicantStatus.APPLIED.value,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, a)
    except IntegrityError:
        raise AlreadyExists(
            "this pet already applied to this campaign",
            field_violations=[("pet_id", "already applied to this campaign")],
        ) from None
    c.applicant_count += 1
    await repository.flush(session)
    await applicant_event(session, c, a, now)
    return ApplicantView(a, c.title, [])


def _require_recruiting(c: Campaign, a: Applicant) -> None:
    if c.phase_enum is not Phase.RECRUITING:
        raise FailedPrecondition("applications can change only while the campaign is recruiting")
    if a.status_enum is not ApplicantStatus.APPLIED:
        raise FailedPrecondition(f"cannot change an application that is {a.status}")


async def update_application(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str, note: str
) -> ApplicantView:
    v = Violations()
    clean_note = v.check("note", check_note, note)
    v.raise_if_any("the application has invalid fields")
    c, a = await owned_by_petstar(session, actor, applicant_id)
    _require_recruiting(c, a)
    a.note = clean_note
    a.updated_at = now
    await repository.flush(session)
    return await view(session, a)


async def cancel_application(
    session: AsyncSession, *, actor: Principal, now: datetime, applicant_id: str
) -> ApplicantView:
    c, a = await owned_by_petstar(session, actor, applicant_id)
    _require_recruiting(c, a)
    await move_applicant(session, c, a, ApplicantEvent.CANCEL, now)
    c.applicant_count -= 1
    await repository.flush(session)
    return await view(session, a)


async def get_application(
    session: AsyncSession, *, actor: Principal, applicant_id: str
) -> ApplicantView:
    """The owner, the campaign's advertiser or an admin; NOT_FOUND for anyone else."""
    user_id = caller_id(actor)
    a = await repository.get_applicant(session, uuid_field("applicant_id", applicant_id))
    if a is None:
        raise NotFound("application not found")
    if a.owner_user_id != user_id and not is_admin(actor):
        c = await repository.get_campaign(session, a.campaign_id)
        if c is None or not manages(actor, user_id, c):
            raise NotFound("application not found")
    return await view(session, a)


async def _view_page(
    session: AsyncSession, rows: list[Applicant], size: int
) -> Page[ApplicantView]:
    page = page_of(rows, size)
    return Page(items=await views(session, page.items), next_cursor=page.next_cursor)


async def list_my_applications(
    session: AsyncSession,
    *,
    actor: Principal,
    campaign_id: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[ApplicantView]:
    user_id = caller_id(actor)
    v = Violations()
    cid = v.check("campaign_id", parse_uuid, campaign_id) if campaign_id else None
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_applicants(
        session, campaign_id=cid, owner=user_id, cursor=after, limit=size + 1
    )
    return await _view_page(session, rows, size)


async def list_applicants(
    session: AsyncSession,
    *,
    actor: Principal,
    campaign_id: str,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[ApplicantView]:
    """The campaign's advertiser or an admin; another advertiser gets NOT_FOUND."""
    user_id = caller_id(actor)
    v = Violations()
    cid = v.check("campaign_id", parse_uuid, campaign_id)
    if status and status not in ApplicantStatus.__members__:
        v.add("status", "is not an applicant status")
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the search has invalid fields")
    c = await repository.get_campaign(session, cid)
    if c is None or not manages(actor, user_id, c):
        raise NotFound("campaign not found")
    rows = await repository.list_applicants(
        session, campaign_id=cid, status=status, cursor=after, limit=size + 1
    )
    return await _view_page(session, rows, size)


async def list_active_work_for_pet(
    session: AsyncSession, *, actor: Principal, pet_id: str
) -> list[tuple[uuid.UUID, str, str]]:
    """What the pet still owes (the pets service asks before deleting it). SERVICE and
    admins see every campaign of the pet; anyone else only their own applications (so
    another owner's pet answers an empty list)."""
    user_id = caller_id(actor) if not actor.has_role(Role.SERVICE) else None
    pid = uuid_field("pet_id", pet_id)
    owner = None if (user_id is None or is_admin(actor)) else user_id
    return await repository.active_work_for_pet(session, pid, statuses=ACTIVE_STATUSES, owner=owner)
