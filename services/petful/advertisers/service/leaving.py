"""When an advertiser's account leaves (identity's events; docs/security.md, "Leaving").

Withdrawal closes the profile at once: what no law asks us to keep goes (contact person,
phone, e-mail, website, description, the public logo) and the registration number stops
holding its uniqueness, so the business may register again under another account. The
record of the business relationship stays for the e-commerce act's retention period: the
company name, its registration number, the registration certificate and the admins'
decisions (status reason, decided at/by). Erasure, when that period ended, deletes the rest.
A profile never sent for review is no such record and goes at withdrawal.

Both are naturally idempotent: an account without a profile, an already closed profile or
an already erased one is left as it is.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers import repository
from petful.advertisers.models import SCHEMA, Profile
from petful.advertisers.rules import ProfileStatus
from petful.platform import media


async def _discard_media(
    session: AsyncSession, owner_id: uuid.UUID, *, now: datetime, keep: str = ""
) -> None:
    """Discard every live file the owner uploaded here but `keep` (a media id)."""
    for media_id in await repository.live_media_of(session, owner_id):
        if str(media_id) != keep:
            await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)


async def _erase(session: AsyncSession, profile: Profile, *, now: datetime) -> None:
    await _discard_media(session, profile.user_id, now=now)
    await repository.delete_profile(session, profile)


async def withdraw_profile(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> bool:
    """Close the profile of a withdrawn account; False when there was nothing to close."""
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None or profile.status_enum is ProfileStatus.WITHDRAWN:
        return False
    if profile.submitted_at is None:
        # Never sent for review, so never approved: no campaign, no business relationship,
        # nothing the law asks us to keep.
        await _erase(session, profile, now=now)
        return True
    # No event: the status is an internal record (admins see it in their list). Campaigns
    # and matching act on identity's withdrawal event themselves, and GetApproval answers
    # WITHDRAWN (not approved) to anyone asking.
    profile.status = ProfileStatus.WITHDRAWN.value
    profile.representative_name = ""
    profile.phone = ""
    profile.contact_email = ""
    profile.website = ""
    profile.description = ""
    profile.logo_media_id = ""
    profile.updated_at = now
    await repository.flush(session)
    await _discard_media(session, user_id, now=now, keep=profile.business_document_media_id)
    return True


async def erase_profile(session: AsyncSession, *, user_id: uuid.UUID, now: datetime) -> bool:
    """Delete what withdrawal kept: the profile row and its files. False when none."""
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None:
        return False
    await _erase(session, profile, now=now)
    return True
