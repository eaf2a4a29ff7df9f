"""Demo advertiser profiles for the local platform (`petful seed`).

Advertisers cannot read identity's accounts: the seeder hands over the demo account ids
that identity's seed shared (`demo["account_ids"]`). Idempotent.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers import repository
from petful.advertisers.models import Profile
from petful.advertisers.rules import ProfileStatus
from petful.advertisers.service.profiles import utc_now

# Valid (checksummed) registration numbers reserved for the demo companies.
APPROVED_BRN = "123-45-67891"
PENDING_BRN = "220-81-62517"


APPROVED_EMAIL = "advertiser@petful.dev"
PENDING_EMAIL = "pending-advertiser@petful.dev"


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    ids: dict[str, str] = demo.get("account_ids", {})
    if APPROVED_EMAIL not in ids or PENDING_EMAIL not in ids:
        return "nothing to seed without identity ids"
    return await seed_for(
        session, approved_user_id=ids[APPROVED_EMAIL], pending_user_id=ids[PENDING_EMAIL]
    )


def _profile(user_id: uuid.UUID, *, brn: str, name: str, status: ProfileStatus) -> Profile:
    now = utc_now()
    return Profile(
        user_id=user_id,
        company_name=name,
        business_registration_number=brn,
        representative_name="홍길동",
        phone="02-123-4567",
        website="https://petful.dev",
        contact_email="ads@petful.dev",
        description=f"{name} 데모 광고주",
        logo_media_id="",
        business_document_media_id="",
        status=status.value,
        status_reason=None,
        created_at=now,
        updated_at=now,
        submitted_at=now,
        decided_at=now if status is ProfileStatus.APPROVED else None,
        decided_by=None,
    )


async def seed_for(session: AsyncSession, *, approved_user_id: str, pending_user_id: str) -> str:
    """An APPROVED profile for approved_user_id and a PENDING one for pending_user_id;
    accounts that already have a profile are left as they are."""
    created = 0
    for raw, brn, name, status in (
        (approved_user_id, APPROVED_BRN, "펫풀 데모 컴퍼니", ProfileStatus.APPROVED),
        (pending_user_id, PENDING_BRN, "승인대기 펫샵", ProfileStatus.PENDING),
    ):
        user_id = uuid.UUID(raw)
        if await repository.get_profile(session, user_id) is not None:
            continue
        await repository.add(session, _profile(user_id, brn=brn, name=name, status=status))
        created += 1
    return f"{created} advertiser profiles created" if created else "advertiser profiles present"
