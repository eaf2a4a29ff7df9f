"""The PetStar application, from the owner's side: eligibility, applying, withdrawing, and
the verification that fetches the account's figures before an administrator decides."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import pets as contracts
from petful.pets import repository, rules
from petful.pets.models import SCHEMA, Application, Pet
from petful.pets.rules import AppEvent, AppState, PetStarStatus, TransitionError
from petful.pets.service.access import can_read_any, owned_pet
from petful.pets.service.ports import SnsMetrics, SnsPort
from petful.pets.service.views import ApplicationView, application_view, pet_view
from petful.platform import outbox
from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import (
    Conflict,
    DomainError,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
)
from petful.platform.settings import Settings
from petful.platform.validation import Violations, check_idempotency_key, uuid_field


def criteria_from(settings: Settings) -> rules.Criteria:
    return rules.Criteria(
        min_followers=settings.pets.petstar_min_followers,
        min_qualifying_posts=settings.pets.petstar_min_qualifying_posts,
        min_likes=settings.pets.petstar_min_likes,
        window_days=settings.pets.petstar_window_days,
    )


def _transition(e: TransitionError) -> FailedPrecondition:
    return FailedPrecondition(e.reason)


async def move(
    session: AsyncSession,
    app: Application,
    event: AppEvent,
    *,
    now: datetime,
    pet: Pet | None,
) -> None:
    """Apply one state-machine event, mirror it onto the pet card and write the event of
    the state entered."""
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
    await _state_event(session, app, pet, now)


async def _state_event(
    session: AsyncSession, app: Application, pet: Pet | None, now: datetime
) -> None:
    await outbox.add_event(
        session,
        SCHEMA,
        contracts.PETSTAR_BY_STATE[app.state],
        contracts.PetStarApplicationChanged(
            application_id=app.id,
            pet_id=app.pet_id,
            pet_name=pet.name if pet else "",
            owner_id=app.owner_id,
            instagram_account_id=app.instagram_account_id,
            state=app.state,
            reason=app.reason or None,
            flagged=app.flagged,
        ),
        now=now,
    )


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
    key = v.check("idempotency_key", check_idempotency_key, idempotency_key)
    v.raise_if_any()
    pet = await owned_pet(session, actor, pet_id)
    if key:
        existing = await repository.by_idempotency_key(session, pet.owner_id, key)
        if existing is not None:
            if existing.pet_id != pet.id:
                raise Conflict(
                    "this idempotency key was used for another pet",
                    field_violations=[("idempotency_key", "was used for another pet")],
                )
            return await application_view(session, existing)
    latest = await repository.latest_application(session, pet.id)
    portfolio = await repository.get_portfolio(session, pet.id)
    ctx = rules.ApplyContext(
        has_published_portfolio=portfolio is not None and portfolio.published,
        has_instagram=pet.instagram_account_id is not None,
        latest_state=latest.state_enum if latest else None,
        latest_decided_at=latest.decided_at if latest else None,
    )
    try:
        rules.check_can_apply(
            ctx, now=now, cooldown=timedelta(days=settings.pets.petstar_reapply_days)
        )
    except TransitionError as e:
        raise _transition(e) from None
    assert pet.instagram_account_id is not None  # check_can_apply refuses a pet without one
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
    await _state_event(session, app, pet, now)
    return ApplicationView(app, await pet_view(session, pet))


async def visible_application(
    session: AsyncSession, actor: Principal, raw_id: str, *, for_update: bool = False
) -> Application:
    """The caller's own application, or any for an admin or a service; NotFound otherwise."""
    app_id = uuid_field("application_id", raw_id)
    app = await repository.get_application(session, app_id, for_update=for_update)
    if app is None or not (can_read_any(actor) or str(app.owner_id) == (actor.user_id or "")):
        raise NotFound("no such application")
    return app


async def get_application(
    session: AsyncSession, *, actor: Principal, application_id: str
) -> ApplicationView:
    caller_id(actor)
    return await application_view(
        session, await visible_application(session, actor, application_id)
    )


async def withdraw_application(
    session: AsyncSession, *, actor: Principal, now: datetime, application_id: str
) -> ApplicationView:
    caller = caller_id(actor)
    app = await visible_application(session, actor, application_id, for_update=True)
    if app.owner_id != caller:
        raise PermissionDenied("only the owner may withdraw an application")
    pet = await repository.get_pet(session, app.pet_id, for_update=True)
    await move(session, app, AppEvent.WITHDRAW, now=now, pet=pet)
    return await application_view(session, app)


async def list_my_applications(session: AsyncSession, *, actor: Principal) -> list[ApplicationView]:
    apps = await repository.applications_of_owner(session, caller_id(actor))
    return [await application_view(session, a) for a in apps]


# --- verification ---------------------------------------------------------------------------


async def _give_up(
    session: AsyncSession, app: Application, pet: Pet | None, now: datetime, reason: str
) -> AppState:
    """On to the admins without figures, flagged with why, so no application waits forever."""
    app.flagged = True
    app.eligible = False
    app.eligibility_reasons = [reason]
    await move(session, app, AppEvent.VERIFIED, now=now, pet=pet)
    return app.state_enum


async def verify_application(
    session: AsyncSession,
    *,
    application_id: uuid.UUID,
    now: datetime,
    sns: SnsPort,
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
        await move(session, app, AppEvent.START_VERIFY, now=now, pet=pet)
    criteria = criteria_from(settings)
    try:
        metrics = await sns.get_metrics(app.instagram_account_id, criteria.window_days)
    except NotFound:
        app.verification_error = "the Instagram account is no longer connected"
        return await _give_up(session, app, pet, now, app.verification_error)
    except DomainError as e:
        app.verify_attempts += 1
        app.verification_error = e.detail
        if app.verify_attempts >= settings.pets.petstar_verify_max_attempts:
            return await _give_up(session, app, pet, now, "SNS figures unavailable: " + e.detail)
        app.updated_at = now
        await repository.flush(session)
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
    await move(session, app, AppEvent.VERIFIED, now=now, pet=pet)
    return app.state_enum


async def due_verifications(session: AsyncSession, limit: int = 50) -> list[uuid.UUID]:
    return await repository.due_for_verification(session, limit)


# --- eligibility preview --------------------------------------------------------------------


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
    sns: SnsPort,
    settings: Settings,
) -> Preview:
    """The criteria against the linked account's current figures (nothing is stored)."""
    pet = await owned_pet(session, actor, pet_id, for_update=False)
    if pet.instagram_account_id is None:
        raise FailedPrecondition(
            "link an Instagram account to the pet first",
            field_violations=[("pet_id", "has no linked Instagram account")],
        )
    criteria = criteria_from(settings)
    metrics = await sns.get_metrics(pet.instagram_account_id, criteria.window_days)
    result = rules.evaluate(metrics.followers, metrics.posts, criteria, now=now)
    return Preview(_snapshot(metrics, result, criteria.window_days, now), result, criteria)
