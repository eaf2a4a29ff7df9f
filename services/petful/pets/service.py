"""Pets: business logic. Receives a session and never commits.

The caller is the Principal the edge set. Owners act on their own pets; another user's
private pet is NotFound (ids do not leak). Approved PetStars, their published portfolios
and history are public. ADMIN may act on any pet; SERVICE (internal callers) may read.

Other services are reached through the small `Sns` and `Campaigns` ports, so the logic
stays testable and the gRPC adapters live in `peers.py`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import breeds, repository, rules
from petful.pets.models import SCHEMA, Application, HistoryEntry, HistoryImage, Pet, Portfolio
from petful.pets.repository import DirectoryQuery, ImageRow
from petful.pets.rules import (
    AppEvent,
    AppState,
    ContactPreference,
    DirectorySort,
    PetStarStatus,
    Sex,
    Species,
    TransitionError,
)
from petful.platform import media, outbox
from petful.platform.auth_context import SERVICE_ROLE, Principal, caller_id
from petful.platform.errors import (
    AlreadyExists,
    Conflict,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from petful.platform.settings import Settings
from petful.platform.validation import (
    RuleError,
    Violations,
    check_line,
    check_page_size,
    decode_cursor,
    encode_cursor,
    uuid_field,
)

Clock = Callable[[], datetime]
PET_IMAGE = "pet.image"
HISTORY_IMAGE = "pet.history.image"
MAX_BATCH = 100


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- ports to other services ----------------------------------------------------------------


@dataclass(frozen=True)
class SnsAccount:
    id: uuid.UUID
    owner_user_id: str
    username: str
    linked: bool


@dataclass(frozen=True)
class SnsMetrics:
    followers: int
    engagement_rate: float
    posts: Sequence[rules.Post]
    posts_in_window: int
    source: str


class Sns(Protocol):
    async def get_account(self, account_id: uuid.UUID) -> SnsAccount | None:
        """The account as the current caller may see it; None when unknown or hidden."""

    async def get_metrics(self, account_id: uuid.UUID, window_days: int) -> SnsMetrics: ...


class Campaigns(Protocol):
    async def active_work(self, pet_id: uuid.UUID) -> list[str]:
        """Titles of campaigns in which the pet has unfinished work."""


# --- callers ---------------------------------------------------------------------------------


def _is_admin(actor: Principal) -> bool:
    return actor.is_authenticated and actor.has_role(rules.ADMIN_ROLE)


def _is_service(actor: Principal) -> bool:
    return actor.is_authenticated and actor.has_role(SERVICE_ROLE)


def _require_admin(actor: Principal) -> uuid.UUID:
    user_id = caller_id(actor)
    if not actor.has_role(rules.ADMIN_ROLE):
        raise PermissionDenied("only administrators may do this")
    return user_id


def _transition(e: TransitionError) -> FailedPrecondition:
    return FailedPrecondition(e.reason)


def _pet_not_found() -> NotFound:
    return NotFound("no such pet")


def _can_read_any(actor: Principal) -> bool:
    return _is_admin(actor) or _is_service(actor)


async def _owned_pet(
    session: AsyncSession, actor: Principal, raw_id: str, *, for_update: bool = True
) -> Pet:
    """A pet the caller may change: their own, or any for an admin."""
    pet_id = uuid_field("pet_id", raw_id)
    caller = caller_id(actor) if not _is_service(actor) else None
    pet = await repository.get_pet(session, pet_id, for_update=for_update)
    if pet is None or not (_is_admin(actor) or pet.owner_id == caller):
        raise _pet_not_found()
    return pet


def _is_public(pet: Pet) -> bool:
    return pet.petstar_enum is PetStarStatus.APPROVED


def _may_see(actor: Principal | None, pet: Pet) -> bool:
    if _is_public(pet):
        return True
    if actor is None or not actor.is_authenticated:
        return False
    if _can_read_any(actor):
        return True
    try:
        return pet.owner_id == uuid.UUID(actor.user_id or "")
    except ValueError:
        return False


# --- views (what grpc_api renders) -----------------------------------------------------------


@dataclass(frozen=True)
class PetView:
    pet: Pet
    image: ImageRow | None


@dataclass(frozen=True)
class HistoryView:
    entry: HistoryEntry
    images: list[ImageRow]


@dataclass(frozen=True)
class PortfolioView:
    portfolio: Portfolio
    history: list[HistoryView]


@dataclass(frozen=True)
class ApplicationView:
    application: Application
    pet: PetView | None


async def _pet_views(session: AsyncSession, pets: Sequence[Pet]) -> list[PetView]:
    ids = [p.image_media_id for p in pets if p.image_media_id is not None]
    images = await repository.images(session, ids)
    return [PetView(p, images.get(p.image_media_id) if p.image_media_id else None) for p in pets]


async def _pet_view(session: AsyncSession, pet: Pet) -> PetView:
    return (await _pet_views(session, [pet]))[0]


async def _history_views(session: AsyncSession, pet_id: uuid.UUID) -> list[HistoryView]:
    entries = await repository.history_of(session, pet_id)
    links = await repository.history_images(session, [e.id for e in entries])
    images = await repository.images(session, [link.media_id for link in links])
    by_entry: dict[uuid.UUID, list[ImageRow]] = {}
    for link in links:
        row = images.get(link.media_id)
        if row is not None:
            by_entry.setdefault(link.history_id, []).append(row)
    return [HistoryView(e, by_entry.get(e.id, [])) for e in entries]


async def _history_view(session: AsyncSession, entry: HistoryEntry) -> HistoryView:
    links = await repository.history_images(session, [entry.id])
    images = await repository.images(session, [link.media_id for link in links])
    return HistoryView(entry, [images[link.media_id] for link in links if link.media_id in images])


# --- pets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetInput:
    name: str = ""
    species: str = ""
    breed: str = ""
    sex: str = ""
    neutered: bool = False
    birth_date: str = ""
    approx_age_months: int | None = None
    weight_kg: float | None = None
    personality_tags: Sequence[str] = ()
    intro: str = ""


PET_FIELDS = frozenset(
    {
        "name",
        "species",
        "breed",
        "sex",
        "neutered",
        "birth_date",
        "approx_age_months",
        "weight_kg",
        "personality_tags",
        "intro",
    }
)


def _check_enum(enum: type[Any], raw: str, *, required: bool = True) -> Any:
    if not raw:
        if required:
            raise RuleError("is required")
        return None
    try:
        return enum(raw)
    except ValueError:
        raise RuleError("must be one of " + ", ".join(m.value for m in enum)) from None


def _validated(data: PetInput, fields: frozenset[str], *, today: Any) -> dict[str, Any]:
    """Normalised values of the named fields; one InvalidArgument lists every problem."""
    v = Violations()
    out: dict[str, Any] = {}
    checks: dict[str, Callable[[], Any]] = {
        "name": lambda: rules.check_name(data.name),
        "species": lambda: _check_enum(Species, data.species).value,
        "breed": lambda: rules.check_breed(data.breed),
        "sex": lambda: (_check_enum(Sex, data.sex, required=False) or Sex.UNKNOWN).value,
        "neutered": lambda: bool(data.neutered),
        "birth_date": lambda: rules.check_birth_date(data.birth_date, today=today),
        "approx_age_months": lambda: rules.check_age_months(data.approx_age_months),
        "weight_kg": lambda: rules.check_weight(data.weight_kg),
        "personality_tags": lambda: rules.check_tags(data.personality_tags),
        "intro": lambda: rules.check_text(data.intro, max_len=rules.INTRO_MAX),
    }
    for name in sorted(fields):
        try:
            out[name] = checks[name]()
        except RuleError as e:
            v.add(name, e.reason)
    if out.get("birth_date") is not None and out.get("approx_age_months") is not None:
        v.add("approx_age_months", "give either a birth date or an approximate age, not both")
    v.raise_if_any("the pet has invalid fields")
    return out


def _apply_fields(pet: Pet, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "weight_kg":
            pet.weight_kg = Decimal(str(value)) if value is not None else None
        else:
            setattr(pet, name, value)
    if "name" in values:
        pet.name_key = rules.name_key(values["name"])
    # A known birth date replaces an estimate, and the other way round.
    if values.get("birth_date") is not None:
        pet.approx_age_months = None
    if values.get("approx_age_months") is not None:
        pet.birth_date = None


def _duplicate_name() -> AlreadyExists:
    return AlreadyExists(
        "you already have a pet with this name",
        field_violations=[("name", "is already used by another of your pets")],
    )


async def _flush_pet(session: AsyncSession, pet: Pet, *, new: bool) -> None:
    if await repository.name_taken(session, pet.owner_id, pet.name_key, except_id=pet.id):
        raise _duplicate_name()
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, pet)
            else:
                await repository.flush(session)
    except IntegrityError:
        raise _duplicate_name() from None


async def create_pet(
    session: AsyncSession, *, actor: Principal, now: datetime, data: PetInput
) -> PetView:
    owner = caller_id(actor)
    values = _validated(data, PET_FIELDS, today=now.date())
    pet = Pet(id=uuid.uuid4(), owner_id=owner, created_at=now, updated_at=now)
    pet.petstar_status = PetStarStatus.NONE.value
    pet.instagram_username = ""
    pet.followers_count = 0
    pet.engagement_rate = 0.0
    _apply_fields(pet, values)
    await _flush_pet(session, pet, new=True)
    await outbox.add_event(session, SCHEMA, "pets.pet.created", _pet_payload(pet), now=now)
    return PetView(pet, None)


def _pet_payload(pet: Pet) -> dict[str, Any]:
    return {
        "pet_id": str(pet.id),
        "owner_id": str(pet.owner_id),
        "name": pet.name,
        "species": pet.species,
    }


async def get_pet(session: AsyncSession, *, actor: Principal | None, pet_id: str) -> PetView:
    pid = uuid_field("pet_id", pet_id)
    pet = await repository.get_pet(session, pid)
    if pet is None or not _may_see(actor, pet):
        raise _pet_not_found()
    return await _pet_view(session, pet)


async def list_my_pets(session: AsyncSession, *, actor: Principal) -> list[PetView]:
    return await _pet_views(session, await repository.pets_of_owner(session, caller_id(actor)))


async def batch_get_pets(
    session: AsyncSession, *, actor: Principal | None, pet_ids: Sequence[str]
) -> list[PetView]:
    if len(pet_ids) > MAX_BATCH:
        raise InvalidArgument(
            "too many ids", field_violations=[("pet_ids", f"must be at most {MAX_BATCH}")]
        )
    ids = [uuid_field("pet_ids", raw) for raw in pet_ids]
    pets = [p for p in await repository.pets_by_ids(session, ids) if _may_see(actor, p)]
    order = {pid: i for i, pid in enumerate(ids)}
    pets.sort(key=lambda p: order[p.id])
    return await _pet_views(session, pets)


async def update_pet(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    data: PetInput,
    fields: Sequence[str],
) -> PetView:
    unknown = sorted(set(fields) - PET_FIELDS)
    if unknown:
        raise InvalidArgument(
            "unknown fields", field_violations=[("fields", f"unknown field {f!r}") for f in unknown]
        )
    if not fields:
        raise InvalidArgument("nothing to change", field_violations=[("fields", "is empty")])
    pet = await _owned_pet(session, actor, pet_id)
    values = _validated(data, frozenset(fields), today=now.date())
    if "species" in values and values["species"] != pet.species and _is_public(pet):
        raise FailedPrecondition(
            "a PetStar's species cannot change", field_violations=[("species", "is locked")]
        )
    _apply_fields(pet, values)
    pet.updated_at = now
    await _flush_pet(session, pet, new=False)
    await outbox.add_event(session, SCHEMA, "pets.pet.updated", _pet_payload(pet), now=now)
    return await _pet_view(session, pet)


async def delete_pet(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, campaigns: Campaigns
) -> None:
    pet = await _owned_pet(session, actor, pet_id)
    titles = await campaigns.active_work(pet.id)
    if titles:
        raise FailedPrecondition(
            "this pet has unfinished campaign work: " + ", ".join(titles),
            field_violations=[("pet_id", "has unfinished campaign work")],
        )
    media_ids = await repository.media_ids_of_pet(session, pet.id)
    if pet.image_media_id is not None:
        media_ids.append(pet.image_media_id)
    payload = _pet_payload(pet)
    await repository.delete(session, pet)
    for media_id in media_ids:
        await media.discard(session, schema=SCHEMA, media_id=media_id, now=now)
    await outbox.add_event(session, SCHEMA, "pets.pet.deleted", payload, now=now)


async def _ingest_image(
    session: AsyncSession,
    *,
    pet: Pet,
    purpose: str,
    data: bytes,
    filename: str,
    now: datetime,
    settings: Settings,
) -> media.MediaRecord:
    return await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=pet.owner_id,
        purpose=purpose,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


async def set_pet_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> PetView:
    pet = await _owned_pet(session, actor, pet_id)
    record = await _ingest_image(
        session,
        pet=pet,
        purpose=PET_IMAGE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    old = pet.image_media_id
    pet.image_media_id = record.id
    pet.updated_at = now
    await repository.flush(session)
    if old is not None and old != record.id:
        await media.discard(session, schema=SCHEMA, media_id=old, now=now)
    return await _pet_view(session, pet)


async def remove_pet_image(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str
) -> PetView:
    pet = await _owned_pet(session, actor, pet_id)
    if pet.image_media_id is not None:
        old = pet.image_media_id
        pet.image_media_id = None
        pet.updated_at = now
        await repository.flush(session)
        await media.discard(session, schema=SCHEMA, media_id=old, now=now)
    return PetView(pet, None)


async def link_instagram(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    account_id: str,
    sns: Sns,
) -> PetView:
    pet = await _owned_pet(session, actor, pet_id)
    account_uuid = uuid_field("account_id", account_id)
    account = await sns.get_account(account_uuid)
    if account is None or account.owner_user_id != str(pet.owner_id):
        raise NotFound(
            "no such Instagram account among the owner's connected accounts",
            field_violations=[("account_id", "is not one of the owner's connected accounts")],
        )
    if not account.linked:
        raise FailedPrecondition(
            "this Instagram account needs to be connected again",
            field_violations=[("account_id", "needs re-authorisation")],
        )
    if pet.instagram_account_id == account_uuid:
        return await _pet_view(session, pet)
    await _refuse_if_locked_link(session, pet)
    other = await repository.pet_linked_to(session, account_uuid)
    if other is not None and other.id != pet.id:
        raise _account_taken()
    pet.instagram_account_id = account_uuid
    pet.instagram_username = account.username
    pet.updated_at = now
    try:
        async with session.begin_nested():
            await repository.flush(session)
    except IntegrityError:
        raise _account_taken() from None
    await outbox.add_event(
        session,
        SCHEMA,
        "pets.pet.instagram_linked",
        {**_pet_payload(pet), "account_id": str(account_uuid)},
        now=now,
    )
    return await _pet_view(session, pet)


def _account_taken() -> AlreadyExists:
    return AlreadyExists(
        "this Instagram account is already linked to another pet",
        field_violations=[("account_id", "is already linked to another pet")],
    )


async def _refuse_if_locked_link(session: AsyncSession, pet: Pet) -> None:
    """The account of an open application or an approved PetStar stays as verified."""
    latest = await repository.latest_application(session, pet.id)
    if latest is not None and (
        latest.state_enum in rules.OPEN_STATES or latest.state_enum is AppState.APPROVED
    ):
        raise FailedPrecondition(
            "the Instagram link cannot change while a PetStar application is open or approved"
        )


async def unlink_instagram(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str
) -> PetView:
    pet = await _owned_pet(session, actor, pet_id)
    if pet.instagram_account_id is None:
        return await _pet_view(session, pet)
    await _refuse_if_locked_link(session, pet)
    account = pet.instagram_account_id
    pet.instagram_account_id = None
    pet.instagram_username = ""
    pet.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        "pets.pet.instagram_unlinked",
        {**_pet_payload(pet), "account_id": str(account)},
        now=now,
    )
    return await _pet_view(session, pet)


def list_breeds(species: str, query: str) -> list[str]:
    v = Violations()
    sp = v.check("species", _check_enum, Species, species, required=False)
    q = v.check("query", rules.check_keyword, query)
    v.raise_if_any()
    return breeds.suggest(sp, q or "")


# --- portfolio and history -------------------------------------------------------------------


@dataclass(frozen=True)
class PortfolioInput:
    intro: str = ""
    personality: str = ""
    price_krw: int = 0
    contact_preference: str = ""
    published: bool = False


async def get_portfolio(
    session: AsyncSession, *, actor: Principal | None, pet_id: str
) -> PortfolioView:
    pid = uuid_field("pet_id", pet_id)
    pet = await repository.get_pet(session, pid)
    if pet is None or not _may_see(actor, pet):
        raise _pet_not_found()
    portfolio = await repository.get_portfolio(session, pid)
    owner_view = actor is not None and (_can_read_any(actor) or actor.user_id == str(pet.owner_id))
    if portfolio is None or (not portfolio.published and not owner_view):
        raise NotFound("this pet has no published portfolio")
    return PortfolioView(portfolio, await _history_views(session, pid))


async def upsert_portfolio(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, data: PortfolioInput
) -> PortfolioView:
    pet = await _owned_pet(session, actor, pet_id)
    v = Violations()
    intro = v.check("intro", rules.check_text, data.intro, max_len=rules.PORTFOLIO_TEXT_MAX)
    personality = v.check(
        "personality", rules.check_text, data.personality, max_len=rules.PORTFOLIO_TEXT_MAX
    )
    price = v.check("price_krw", rules.check_price, data.price_krw)
    contact = v.check(
        "contact_preference",
        _check_enum,
        ContactPreference,
        data.contact_preference,
        required=False,
    )
    if data.published and not (intro or "").strip():
        v.add("intro", "is required to publish the portfolio")
    v.raise_if_any("the portfolio has invalid fields")
    portfolio = await repository.get_portfolio(session, pet.id, for_update=True)
    if portfolio is None:
        portfolio = Portfolio(pet_id=pet.id, created_at=now)
        session.add(portfolio)
    if _is_public(pet) and not data.published:
        raise FailedPrecondition(
            "a PetStar's portfolio stays published",
            field_violations=[("published", "cannot be unpublished while the pet is a PetStar")],
        )
    portfolio.intro = intro
    portfolio.personality = personality
    portfolio.price_krw = price
    portfolio.contact_preference = (contact or ContactPreference.IN_APP).value
    if data.published and not portfolio.published:
        portfolio.published_at = now
    portfolio.published = data.published
    portfolio.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session,
        SCHEMA,
        "pets.portfolio.updated",
        {**_pet_payload(pet), "published": portfolio.published},
        now=now,
    )
    return PortfolioView(portfolio, await _history_views(session, pet.id))


@dataclass(frozen=True)
class HistoryInput:
    title: str = ""
    start_date: str = ""
    end_date: str = ""
    description: str = ""


def _validated_history(data: HistoryInput) -> tuple[str, Any, Any, str]:
    v = Violations()
    title = v.check("title", check_line, data.title, max_len=rules.HISTORY_TITLE_MAX)
    period = v.check("end_date", rules.check_period, data.start_date, data.end_date)
    if period is None:
        # Name the field that is actually malformed.
        v.items = [item for item in v.items if item[0] != "end_date"]
        v.check("start_date", rules.parse_date, data.start_date)
        v.check("end_date", rules.parse_date, data.end_date)
        if not any(f in ("start_date", "end_date") for f, _ in v.items):
            v.add("end_date", "must not be before start_date")
    text = v.check(
        "description", rules.check_text, data.description, max_len=rules.HISTORY_TEXT_MAX
    )
    v.raise_if_any("the history entry has invalid fields")
    assert period is not None
    return title, period[0], period[1], text


async def _portfolio_event(
    session: AsyncSession, pet: Pet, now: datetime, topic: str = "pets.portfolio.updated"
) -> None:
    await outbox.add_event(session, SCHEMA, topic, _pet_payload(pet), now=now)


async def add_history(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, data: HistoryInput
) -> HistoryView:
    pet = await _owned_pet(session, actor, pet_id)
    title, start, end, text = _validated_history(data)
    entry = HistoryEntry(
        id=uuid.uuid4(),
        pet_id=pet.id,
        title=title,
        start_date=start,
        end_date=end,
        description=text,
        created_at=now,
        updated_at=now,
    )
    await repository.add(session, entry)
    await _portfolio_event(session, pet, now)
    return HistoryView(entry, [])


async def _owned_history(
    session: AsyncSession, actor: Principal, pet_id: str, history_id: str
) -> tuple[Pet, HistoryEntry]:
    pet = await _owned_pet(session, actor, pet_id)
    hid = uuid_field("history_id", history_id)
    entry = await repository.get_history(session, pet.id, hid, for_update=True)
    if entry is None:
        raise NotFound("no such history entry for this pet")
    return pet, entry


async def update_history(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    data: HistoryInput,
) -> HistoryView:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    entry.title, entry.start_date, entry.end_date, entry.description = _validated_history(data)
    entry.updated_at = now
    await repository.flush(session)
    await _portfolio_event(session, pet, now)
    return await _history_view(session, entry)


async def delete_history(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, history_id: str
) -> None:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    links = await repository.history_images(session, [entry.id])
    await repository.delete(session, entry)
    for link in links:
        await media.discard(session, schema=SCHEMA, media_id=link.media_id, now=now)
    await _portfolio_event(session, pet, now)


async def add_history_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> HistoryView:
    pet, entry = await _owned_history(session, actor, pet_id, history_id)
    links = await repository.history_images(session, [entry.id])
    try:
        rules.check_history_image_count(len(links))
    except RuleError as e:
        raise FailedPrecondition(e.reason, field_violations=[("file", e.reason)]) from None
    record = await _ingest_image(
        session,
        pet=pet,
        purpose=HISTORY_IMAGE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    if any(link.media_id == record.id for link in links):
        return await _history_view(session, entry)  # the same picture again: deduplicated
    position = max((link.position for link in links), default=-1) + 1
    await repository.add(
        session,
        HistoryImage(history_id=entry.id, media_id=record.id, position=position, created_at=now),
    )
    entry.updated_at = now
    await repository.flush(session)
    return await _history_view(session, entry)


async def remove_history_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    history_id: str,
    media_id: str,
) -> HistoryView:
    _, entry = await _owned_history(session, actor, pet_id, history_id)
    mid = uuid_field("media_id", media_id)
    links = await repository.history_images(session, [entry.id])
    link = next((item for item in links if item.media_id == mid), None)
    if link is None:
        raise NotFound("no such image in this history entry")
    await repository.delete(session, link)
    await media.discard(session, schema=SCHEMA, media_id=mid, now=now)
    entry.updated_at = now
    await repository.flush(session)
    return await _history_view(session, entry)


# --- the PetStar workflow -------------------------------------------------------------------


def criteria_from(settings: Settings) -> rules.Criteria:
    return rules.Criteria(
        min_followers=settings.petstar_min_followers,
        min_qualifying_posts=settings.petstar_min_qualifying_posts,
        min_likes=settings.petstar_min_likes,
        window_days=settings.petstar_window_days,
    )


def _app_payload(app: Application, pet: Pet | None) -> dict[str, Any]:
    return {
        "application_id": str(app.id),
        "pet_id": str(app.pet_id),
        "pet_name": pet.name if pet else "",
        "owner_id": str(app.owner_id),
        "instagram_account_id": str(app.instagram_account_id),
        "state": app.state,
        "reason": app.reason,
        "flagged": app.flagged,
    }


async def _move(
    session: AsyncSession,
    app: Application,
    event: AppEvent,
    *,
    now: datetime,
    pet: Pet | None,
) -> None:
    """Apply one state-machine event, mirror it onto the pet card and write the event."""
    try:
        target = rules.next_state(app.state_enum, event)
    except TransitionError as e:
        raise _transition(e) from None
    app.state = target.value
    app.updated_at = now
    if pet is not None:
        pet.petstar_status = rules.petstar_status(target).value
        if target is AppState.APPROVED:
            pet.petstar_since = now
        pet.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session, SCHEMA, rules.STATE_TOPICS[target], _app_payload(app, pet), now=now
    )


async def _application_view(session: AsyncSession, app: Application) -> ApplicationView:
    pet = await repository.get_pet(session, app.pet_id)
    return ApplicationView(app, await _pet_view(session, pet) if pet else None)


async def apply_petstar(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    idempotency_key: str,
    settings: Settings,
) -> ApplicationView:
    v = Violations()
    key = v.check("idempotency_key", rules.check_idempotency_key, idempotency_key)
    v.raise_if_any()
    pet = await _owned_pet(session, actor, pet_id)
    if key:
        existing = await repository.by_idempotency_key(session, pet.owner_id, key)
        if existing is not None:
            if existing.pet_id != pet.id:
                raise Conflict(
                    "this idempotency key was used for another pet",
                    field_violations=[("idempotency_key", "was used for another pet")],
                )
            return await _application_view(session, existing)
    latest = await repository.latest_application(session, pet.id)
    portfolio = await repository.get_portfolio(session, pet.id)
    ctx = rules.ApplyContext(
        has_published_portfolio=portfolio is not None and portfolio.published,
        has_instagram=pet.instagram_account_id is not None,
        latest_state=latest.state_enum if latest else None,
        latest_decided_at=latest.decided_at if latest else None,
    )
    try:
        rules.check_can_apply(ctx, now=now, cooldown=timedelta(days=settings.petstar_reapply_days))
    except TransitionError as e:
        raise _transition(e) from None
    assert pet.instagram_account_id is not None
    app = Application(
        id=uuid.uuid4(),
        pet_id=pet.id,
        owner_id=pet.owner_id,
        instagram_account_id=pet.instagram_account_id,
        state=AppState.SUBMITTED.value,
        reason="",
        idempotency_key=key or None,
        eligibility_reasons=[],
        flagged=False,
        verification_error="",
        verify_attempts=0,
        submitted_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, app)
    except IntegrityError:
        raise FailedPrecondition("this pet already has an open PetStar application") from None
    pet.petstar_status = PetStarStatus.APPLYING.value
    pet.updated_at = now
    await repository.flush(session)
    await outbox.add_event(
        session, SCHEMA, rules.STATE_TOPICS[AppState.SUBMITTED], _app_payload(app, pet), now=now
    )
    return ApplicationView(app, await _pet_view(session, pet))


async def _visible_application(
    session: AsyncSession, actor: Principal, raw_id: str, *, for_update: bool = False
) -> Application:
    app_id = uuid_field("application_id", raw_id)
    app = await repository.get_application(session, app_id, for_update=for_update)
    if app is None or not (_can_read_any(actor) or str(app.owner_id) == (actor.user_id or "")):
        raise NotFound("no such application")
    return app


async def get_application(
    session: AsyncSession, *, actor: Principal, application_id: str
) -> ApplicationView:
    caller_id(actor)
    return await _application_view(
        session, await _visible_application(session, actor, application_id)
    )


async def withdraw_application(
    session: AsyncSession, *, actor: Principal, now: datetime, application_id: str
) -> ApplicationView:
    caller = caller_id(actor)
    app = await _visible_application(session, actor, application_id, for_update=True)
    if app.owner_id != caller:
        raise PermissionDenied("only the owner may withdraw an application")
    pet = await repository.get_pet(session, app.pet_id, for_update=True)
    await _move(session, app, AppEvent.WITHDRAW, now=now, pet=pet)
    return await _application_view(session, app)


async def list_my_applications(session: AsyncSession, *, actor: Principal) -> list[ApplicationView]:
    apps = await repository.applications_of_owner(session, caller_id(actor))
    return [await _application_view(session, a) for a in apps]


@dataclass
class ApplicationPage:
    items: list[ApplicationView] = field(default_factory=list)
    next_cursor: str = ""


async def admin_list_applications(
    session: AsyncSession, *, actor: Principal, state: str, page_size: int, cursor: str
) -> ApplicationPage:
    _require_admin(actor)
    v = Violations()
    st = v.check("state", _check_enum, AppState, state, required=False)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any()
    apps = await repository.list_applications(
        session, state=st.value if st else None, cursor=after, limit=size + 1
    )
    page = ApplicationPage([await _application_view(session, a) for a in apps[:size]])
    if len(apps) > size:
        last = apps[size - 1]
        page.next_cursor = encode_cursor(last.submitted_at, last.id)
    return page


async def decide_application(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    application_id: str,
    approve: bool,
    reason: str,
) -> ApplicationView:
    admin = _require_admin(actor)
    reason_text = ""
    if not approve:
        v = Violations()
        reason_text = v.check("reason", rules.check_reason, reason) or ""
        v.raise_if_any()
    app = await _visible_application(session, actor, application_id, for_update=True)
    pet = await repository.get_pet(session, app.pet_id, for_update=True)
    app.reason = reason_text
    app.decided_at = now
    app.decided_by = admin
    await _move(session, app, AppEvent.APPROVE if approve else AppEvent.REJECT, now=now, pet=pet)
    return await _application_view(session, app)


async def revoke_petstar(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, reason: str
) -> ApplicationView:
    admin = _require_admin(actor)
    v = Violations()
    reason_text = v.check("reason", rules.check_reason, reason)
    v.raise_if_any()
    pet = await _owned_pet(session, actor, pet_id)
    app = await repository.approved_application(session, pet.id)
    if app is None:
        raise FailedPrecondition("this pet is not an approved PetStar")
    app.reason = reason_text or ""
    app.decided_at = now
    app.decided_by = admin
    await _move(session, app, AppEvent.REVOKE, now=now, pet=pet)
    return await _application_view(session, app)


async def verify_application(
    session: AsyncSession,
    *,
    application_id: uuid.UUID,
    now: datetime,
    sns: Sns,
    settings: Settings,
) -> AppState | None:
    """Fetch the SNS figures of a submitted application and hand it to the admins.

    Idempotent: an application already past verification, or locked by a concurrent
    verifier, is left alone (None). While the sns service cannot answer, the attempt is
    counted and the application stays VERIFYING for the next run; after the last attempt
    it goes to review flagged, with the error, so no application waits forever.
    """
    app = await repository.get_application(
        session, application_id, for_update=True, skip_locked=True
    )
    if app is None or app.state_enum not in (AppState.SUBMITTED, AppState.VERIFYING):
        return None
    pet = await repository.get_pet(session, app.pet_id, for_update=True)
    if app.state_enum is AppState.SUBMITTED:
        await _move(session, app, AppEvent.START_VERIFY, now=now, pet=pet)
    criteria = criteria_from(settings)
    try:
        metrics = await sns.get_metrics(app.instagram_account_id, criteria.window_days)
    except NotFound:
        app.verification_error = "the Instagram account is no longer connected"
        app.flagged = True
        app.eligible = False
        app.eligibility_reasons = [app.verification_error]
        await _move(session, app, AppEvent.VERIFIED, now=now, pet=pet)
        return app.state_enum
    except DomainError as e:
        app.verify_attempts += 1
        app.verification_error = e.detail
        if app.verify_attempts < settings.petstar_verify_max_attempts:
            app.updated_at = now
            await repository.flush(session)
            return app.state_enum
        app.flagged = True
        app.eligible = False
        app.eligibility_reasons = ["SNS figures unavailable: " + e.detail]
        await _move(session, app, AppEvent.VERIFIED, now=now, pet=pet)
        return app.state_enum
    result = rules.evaluate(metrics.followers, metrics.posts, criteria, now=now)
    app.metrics = _snapshot(metrics, result, criteria.window_days, now)
    app.eligible = result.eligible
    app.eligibility_reasons = list(result.reasons)
    app.flagged = not result.eligible
    app.verification_error = ""
    if pet is not None:
        pet.followers_count = metrics.followers
        pet.engagement_rate = metrics.engagement_rate
    await _move(session, app, AppEvent.VERIFIED, now=now, pet=pet)
    return app.state_enum


@dataclass(frozen=True)
class Preview:
    metrics: dict[str, Any]
    result: rules.Eligibility
    criteria: rules.Criteria


def _snapshot(
    metrics: SnsMetrics, result: rules.Eligibility, window: int, now: datetime
) -> dict[str, Any]:
    return {
        "followers_count": metrics.followers,
        "engagement_rate": metrics.engagement_rate,
        "qualifying_posts": result.qualifying_posts,
        "posts_in_window": metrics.posts_in_window or result.posts_in_window,
        "window_days": window,
        "source": metrics.source,
        "measured_at": now.isoformat(),
    }


async def check_eligibility(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    pet_id: str,
    sns: Sns,
    settings: Settings,
) -> Preview:
    """The criteria against the linked account's current figures (nothing is stored)."""
    pet = await _owned_pet(session, actor, pet_id, for_update=False)
    if pet.instagram_account_id is None:
        raise FailedPrecondition(
            "link an Instagram account to the pet first",
            field_violations=[("pet_id", "has no linked Instagram account")],
        )
    criteria = criteria_from(settings)
    metrics = await sns.get_metrics(pet.instagram_account_id, criteria.window_days)
    result = rules.evaluate(metrics.followers, metrics.posts, criteria, now=now)
    return Preview(_snapshot(metrics, result, criteria.window_days, now), result, criteria)


async def due_verifications(session: AsyncSession, limit: int = 50) -> list[uuid.UUID]:
    return await repository.due_for_verification(session, limit)


async def refresh_sns_figures(
    session: AsyncSession, *, account_id: uuid.UUID, sns: Sns, window_days: int
) -> int:
    """Copy an account's latest figures onto the pet it is linked to (for the directory)."""
    if await repository.pet_linked_to(session, account_id) is None:
        return 0
    metrics = await sns.get_metrics(account_id, window_days)
    return await repository.set_sns_figures(
        session, account_id, followers=metrics.followers, engagement_rate=metrics.engagement_rate
    )


async def forget_account(session: AsyncSession, *, account_id: uuid.UUID, now: datetime) -> int:
    """The owner disconnected the account in the sns service: drop it from their pet."""
    return await repository.unlink_account(session, account_id, now)


# --- the public directory -------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryInput:
    species: Sequence[str] = ()
    min_followers: int | None = None
    max_followers: int | None = None
    min_price: int | None = None
    max_price: int | None = None
    keyword: str = ""
    sort: str = ""
    page_size: int = 0
    cursor: str = ""


@dataclass(frozen=True)
class DirectoryCard:
    pet: PetView
    portfolio: Portfolio


@dataclass
class DirectoryPage:
    items: list[DirectoryCard] = field(default_factory=list)
    next_cursor: str = ""


def _species_list(raw: Sequence[str]) -> list[str]:
    return [_check_enum(Species, s).value for s in raw]


async def list_petstars(session: AsyncSession, *, data: DirectoryInput) -> DirectoryPage:
    v = Violations()
    species = v.check("species", _species_list, data.species) or []
    v.check("max_followers", rules.check_range, data.min_followers, data.max_followers)
    v.check("max_price_krw", rules.check_range, data.min_price, data.max_price)
    keyword = v.check("keyword", rules.check_keyword, data.keyword) or ""
    sort = v.check("sort", _check_enum, DirectorySort, data.sort, required=False)
    size = v.check("page_size", check_page_size, data.page_size)
    sort = sort or DirectorySort.NEWEST
    after = v.check("cursor", rules.decode_sort_cursor, data.cursor, sort)
    v.raise_if_any()
    rows = await repository.directory(
        session,
        DirectoryQuery(
            species=species,
            min_followers=data.min_followers,
            max_followers=data.max_followers,
            min_price=data.min_price,
            max_price=data.max_price,
            keyword=keyword,
            sort=sort,
            after=after,
            limit=size + 1,
        ),
    )
    views = await _pet_views(session, [p for p, _ in rows[:size]])
    page = DirectoryPage(
        [DirectoryCard(view, f) for view, (_, f) in zip(views, rows, strict=False)]
    )
    if len(rows) > size:
        pet, portfolio = rows[size - 1]
        page.next_cursor = rules.encode_sort_cursor(sort, _sort_value(sort, pet, portfolio), pet.id)
    return page


async def petstar_cards(session: AsyncSession, *, pet_ids: Sequence[str]) -> list[DirectoryCard]:
    """Directory cards by id, in the order asked (public data: no caller check)."""
    if len(pet_ids) > MAX_BATCH:
        raise InvalidArgument(
            "too many ids", field_violations=[("pet_ids", f"must be at most {MAX_BATCH}")]
        )
    ids = [uuid_field("pet_ids", raw) for raw in pet_ids]
    rows = await repository.cards_by_ids(session, ids)
    order = {pid: i for i, pid in enumerate(ids)}
    rows.sort(key=lambda row: order[row[0].id])
    views = await _pet_views(session, [p for p, _ in rows])
    return [DirectoryCard(view, f) for view, (_, f) in zip(views, rows, strict=True)]


def _sort_value(sort: DirectorySort, pet: Pet, portfolio: Portfolio) -> Any:
    if sort is DirectorySort.NEWEST:
        return pet.petstar_since
    if sort is DirectorySort.FOLLOWERS:
        return pet.followers_count
    if sort is DirectorySort.ENGAGEMENT:
        return pet.engagement_rate
    return portfolio.price_krw
