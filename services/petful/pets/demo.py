"""Demo pets for the local platform (`petful seed`): pets with pictures, portfolios and
history, two approved PetStars and one application waiting for an admin. Idempotent.

Pets cannot read identity's or sns's tables: the seeder hands over the demo account ids
(`demo["account_ids"]`, by email) and the sandbox Instagram accounts linked for them
(`demo["sns_accounts"]`: email -> list of {id, username, followers_count,
engagement_rate}).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository
from petful.pets.models import SCHEMA, Application, HistoryEntry, HistoryImage, Pet, Portfolio
from petful.pets.rules import AppState, PetStarStatus
from petful.pets.service.access import utc_now
from petful.pets.service.pets import PET_IMAGE
from petful.pets.service.portfolio import HISTORY_IMAGE
from petful.platform import media
from petful.platform.seed import demo_picture


@dataclass(frozen=True)
class DemoPet:
    owner: str
    name: str
    species: str
    breed: str
    sex: str
    born: date
    weight: str
    tags: tuple[str, ...]
    intro: str
    colour: tuple[int, int, int]
    petstar: AppState | None  # the state of its application, if any
    price: int = 0


PETS = (
    DemoPet(
        "owner@petful.dev",
        "보리",
        "DOG",
        "말티즈 (Maltese)",
        "FEMALE",
        date(2021, 4, 1),
        "3.4",
        ("활발함", "간식러버", "산책왕"),
        "한강 산책을 제일 좋아하는 말티즈 보리예요.",
        (240, 228, 210),
        AppState.APPROVED,
        150_000,
    ),
    DemoPet(
        "owner@petful.dev",
        "콩이",
        "CAT",
        "코리안 숏헤어 (Korean Shorthair)",
        "MALE",
        date(2022, 9, 12),
        "4.8",
        ("느긋함", "캣타워"),
        "창밖 구경이 취미인 고양이 콩이.",
        (200, 170, 120),
        None,
    ),
    DemoPet(
        "owner2@petful.dev",
        "나비",
        "CAT",
        "러시안 블루 (Russian Blue)",
        "FEMALE",
        date(2020, 6, 3),
        "3.9",
        ("우아함", "사진발"),
        "카메라를 사랑하는 러시안 블루 나비.",
        (150, 160, 175),
        AppState.APPROVED,
        200_000,
    ),
    DemoPet(
        "owner3@petful.dev",
        "두부",
        "DOG",
        "웰시 코기 (Welsh Corgi)",
        "MALE",
        date(2023, 1, 20),
        "11.2",
        ("먹보", "애교쟁이"),
        "엉덩이가 매력인 코기 두부입니다.",
        (230, 180, 110),
        AppState.IN_REVIEW,
        80_000,
    ),
)


def _lighter(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    r, g, b = (min(c + 10, 255) for c in colour)
    return r, g, b


async def _image(
    session: AsyncSession, owner: uuid.UUID, purpose: str, colour: tuple[int, int, int], label: str
) -> uuid.UUID:
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=owner,
        purpose=purpose,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=demo_picture(colour, label),
        filename=f"{label}.png",
        now=utc_now(),
    )
    return record.id


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    ids: dict[str, str] = demo.get("account_ids", {})
    accounts: dict[str, list[dict[str, Any]]] = demo.get("sns_accounts", {})
    created = 0
    pet_ids: dict[str, str] = {}
    used_accounts: set[str] = set()
    for spec in PETS:
        if spec.owner not in ids:
            continue
        owner = uuid.UUID(ids[spec.owner])
        existing = {p.name: p for p in await repository.pets_of_owner(session, owner)}
        if spec.name in existing:
            pet_ids[spec.name] = str(existing[spec.name].id)
            continue
        account = next(
            (a for a in accounts.get(spec.owner, []) if a["id"] not in used_accounts), None
        )
        if spec.petstar is not None and account is None:
            continue  # a PetStar needs a linked Instagram account
        pet_ids[spec.name] = str(await _seed_pet(session, spec, owner, account))
        if account is not None:
            used_accounts.add(account["id"])
        created += 1
    demo["pet_ids"] = pet_ids
    return f"{created} pets"


async def _seed_pet(
    session: AsyncSession, spec: DemoPet, owner: uuid.UUID, account: dict[str, Any] | None
) -> uuid.UUID:
    now = utc_now()
    pet = Pet(
        id=uuid.uuid4(),
        owner_id=owner,
        name=spec.name,
        name_key=spec.name.casefold(),
        species=spec.species,
        breed=spec.breed,
        sex=spec.sex,
        neutered=True,
        birth_date=spec.born,
        weight_kg=Decimal(spec.weight),
        personality_tags=list(spec.tags),
        intro=spec.intro,
        instagram_username="",
        petstar_status=PetStarStatus.NONE.value,
        followers_count=0,
        engagement_rate=0.0,
        created_at=now,
        updated_at=now,
    )
    pet.image_media_id = await _image(session, owner, PET_IMAGE, spec.colour, spec.name)
    if account is not None:
        pet.instagram_account_id = uuid.UUID(account["id"])
        pet.instagram_username = account["username"]
        pet.followers_count = int(account.get("followers_count", 0))
        pet.engagement_rate = float(account.get("engagement_rate", 0.0))
        pet.instagram_posts = list(account.get("recent_posts", []))
        pet.instagram_synced_at = now if pet.instagram_posts else None
    await repository.add(session, pet)
    if spec.petstar is None:
        return pet.id
    await repository.add(
        session,
        Portfolio(
            pet_id=pet.id,
            intro=spec.intro,
            personality=", ".join(spec.tags),
            price_krw=spec.price,
            contact_preference="IN_APP",
            published=True,
            published_at=now,
            created_at=now,
            updated_at=now,
        ),
    )
    entry = HistoryEntry(
        id=uuid.uuid4(),
        pet_id=pet.id,
        title="펫푸드 체험단",
        start_date=now.date() - timedelta(days=60),
        end_date=now.date() - timedelta(days=45),
        description="사료 2주 체험 후 릴스 1개, 피드 2개를 올렸어요.",
        created_at=now,
        updated_at=now,
    )
    await repository.add(session, entry)
    media_id = await _image(session, owner, HISTORY_IMAGE, _lighter(spec.colour), "history")
    await repository.add(
        session, HistoryImage(history_id=entry.id, media_id=media_id, position=0, created_at=now)
    )
    assert account is not None
    decided = spec.petstar is AppState.APPROVED
    await repository.add(
        session,
        Application(
            id=uuid.uuid4(),
            pet_id=pet.id,
            owner_id=owner,
            instagram_account_id=pet.instagram_account_id,
            state=spec.petstar.value,
            reason="",
            metrics={
                "followers_count": pet.followers_count,
                "engagement_rate": pet.engagement_rate,
                "qualifying_posts": 5,
                "posts_in_window": 12,
                "window_days": 90,
                "source": "sandbox",
                "measured_at": now.isoformat(),
            },
            eligible=True,
            eligibility_reasons=[],
            flagged=False,
            verification_error="",
            verify_attempts=0,
            submitted_at=now - timedelta(days=3),
            decided_at=now if decided else None,
            updated_at=now,
        ),
    )
    pet.petstar_status = (PetStarStatus.APPROVED if decided else PetStarStatus.APPLYING).value
    pet.petstar_since = now if decided else None
    await repository.flush(session)
    return pet.id
