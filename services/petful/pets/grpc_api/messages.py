"""Protobuf <-> service values for the PetService: the messages it returns and the
inputs it reads from requests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from petful.pb.common.v1 import species_pb2
from petful.pb.pets.v1 import pets_pb2 as pb
from petful.pets.models import Application, Pet, Portfolio
from petful.pets.repository import ImageRow
from petful.pets.service import directory, pets, portfolio
from petful.pets.service.views import (
    ApplicationView,
    DirectoryCard,
    HistoryView,
    PetView,
    PortfolioView,
)
from petful.platform.protobuf import enum_name, opt_timestamp, to_timestamp

# The generated enums name values PREFIX_NAME; the service uses the bare NAME. Messages are
# built with the full name (the generated constructors take it) and read with `enum_name`.
SPECIES = "SPECIES_"
SEX = "SEX_"
PETSTAR_STATUS = "PET_STAR_STATUS_"
APP_STATE = "APPLICATION_STATE_"
CONTACT = "CONTACT_PREFERENCE_"
SORT = "PET_STAR_SORT_"


def image_to_pb(row: ImageRow | None) -> pb.Image | None:
    if row is None:
        return None
    return pb.Image(
        media_id=str(row.media_id),
        url=f"/media/{row.key}",
        thumbnails={size: f"/media/{key}" for size, key in row.thumbnails.items()},
        width=row.width,
        height=row.height,
    )


def pet_to_pb(view: PetView) -> pb.Pet:
    p: Pet = view.pet
    message = pb.Pet(
        id=str(p.id),
        owner_user_id=str(p.owner_id),
        name=p.name,
        species=SPECIES + p.species,
        breed=p.breed,
        sex=SEX + p.sex,
        neutered=p.neutered,
        birth_date=p.birth_date.isoformat() if p.birth_date else "",
        personality_tags=list(p.personality_tags),
        intro=p.intro,
        instagram_account_id=str(p.instagram_account_id) if p.instagram_account_id else "",
        instagram_username=p.instagram_username,
        petstar_status=PETSTAR_STATUS + p.petstar_status,
        followers_count=p.followers_count,
        engagement_rate=p.engagement_rate,
        created_at=to_timestamp(p.created_at),
        updated_at=to_timestamp(p.updated_at),
    )
    if p.approx_age_months is not None:
        message.approx_age_months = p.approx_age_months
    if p.weight_kg is not None:
        message.weight_kg = float(p.weight_kg)
    image = image_to_pb(view.image)
    if image is not None:
        message.image.CopyFrom(image)
    return message


def history_to_pb(view: HistoryView) -> pb.HistoryEntry:
    e = view.entry
    return pb.HistoryEntry(
        id=str(e.id),
        pet_id=str(e.pet_id),
        title=e.title,
        start_date=e.start_date.isoformat(),
        end_date=e.end_date.isoformat(),
        description=e.description,
        images=[i for i in (image_to_pb(row) for row in view.images) if i is not None],
        created_at=to_timestamp(e.created_at),
        updated_at=to_timestamp(e.updated_at),
    )


def portfolio_to_pb(view: PortfolioView) -> pb.Portfolio:
    f: Portfolio = view.portfolio
    return pb.Portfolio(
        pet_id=str(f.pet_id),
        intro=f.intro,
        personality=f.personality,
        price_krw=f.price_krw,
        contact_preference=CONTACT + f.contact_preference,
        published=f.published,
        history=[history_to_pb(h) for h in view.history],
        created_at=to_timestamp(f.created_at),
        updated_at=to_timestamp(f.updated_at),
        published_at=opt_timestamp(f.published_at),
    )


def metrics_to_pb(m: dict[str, Any]) -> pb.MetricsSnapshot:
    return pb.MetricsSnapshot(
        followers_count=int(m.get("followers_count", 0)),
        engagement_rate=float(m.get("engagement_rate", 0.0)),
        qualifying_posts=int(m.get("qualifying_posts", 0)),
        posts_in_window=int(m.get("posts_in_window", 0)),
        window_days=int(m.get("window_days", 0)),
        source=str(m.get("source", "")),
        measured_at=to_timestamp(datetime.fromisoformat(m["measured_at"])),
    )


def application_to_pb(view: ApplicationView) -> pb.Application:
    a: Application = view.application
    message = pb.Application(
        id=str(a.id),
        pet_id=str(a.pet_id),
        owner_user_id=str(a.owner_id),
        instagram_account_id=str(a.instagram_account_id),
        state=APP_STATE + a.state,
        reason=a.reason,
        flagged=a.flagged,
        verification_error=a.verification_error,
        submitted_at=to_timestamp(a.submitted_at),
        updated_at=to_timestamp(a.updated_at),
        decided_at=opt_timestamp(a.decided_at),
    )
    if a.metrics:
        message.metrics.CopyFrom(metrics_to_pb(a.metrics))
    if a.eligible is not None:
        message.eligibility.CopyFrom(
            pb.Eligibility(eligible=a.eligible, reasons=list(a.eligibility_reasons))
        )
    if view.pet is not None:
        message.pet.CopyFrom(pet_to_pb(view.pet))
    return message


def pet_input(m: pb.PetFields) -> pets.PetInput:
    return pets.PetInput(
        name=m.name,
        species=enum_name(species_pb2.Species, m.species, SPECIES),
        breed=m.breed,
        sex=enum_name(pb.Sex, m.sex, SEX),
        neutered=m.neutered,
        birth_date=m.birth_date,
        approx_age_months=m.approx_age_months if m.HasField("approx_age_months") else None,
        weight_kg=m.weight_kg if m.HasField("weight_kg") else None,
        personality_tags=list(m.personality_tags),
        intro=m.intro,
    )


def history_input(m: pb.HistoryFields) -> portfolio.HistoryInput:
    return portfolio.HistoryInput(
        title=m.title, start_date=m.start_date, end_date=m.end_date, description=m.description
    )


def optional_int(message: Any, name: str) -> int | None:
    return int(getattr(message, name)) if message.HasField(name) else None


def portfolio_input(m: pb.UpsertPortfolioRequest) -> portfolio.PortfolioInput:
    return portfolio.PortfolioInput(
        intro=m.intro,
        personality=m.personality,
        price_krw=m.price_krw,
        contact_preference=enum_name(pb.ContactPreference, m.contact_preference, CONTACT),
        published=m.published,
    )


def directory_input(m: pb.ListPetStarsRequest) -> directory.DirectoryInput:
    return directory.DirectoryInput(
        # Unspecified is no species at all, so it is named invalid like an unknown one.
        species=[enum_name(species_pb2.Species, s, SPECIES) or "?" for s in m.species],
        min_followers=optional_int(m, "min_followers"),
        max_followers=optional_int(m, "max_followers"),
        min_price=optional_int(m, "min_price_krw"),
        max_price=optional_int(m, "max_price_krw"),
        keyword=m.keyword,
        sort=enum_name(pb.PetStarSort, m.sort, SORT),
        page_size=m.page_size,
        cursor=m.cursor,
    )


def card_to_pb(card: DirectoryCard) -> pb.PetStarCard:
    pet = card.pet.pet
    return pb.PetStarCard(
        pet=pet_to_pb(card.pet),
        followers_count=pet.followers_count,
        engagement_rate=pet.engagement_rate,
        price_krw=card.portfolio.price_krw,
        portfolio_intro=card.portfolio.intro,
        approved_at=opt_timestamp(pet.petstar_since),
    )
