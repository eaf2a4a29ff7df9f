"""The administrators' side of PetStar: the review queue, decisions and revocation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.pets import repository
from petful.pets.models import Application
from petful.pets.rules import AppEvent, AppState
from petful.pets.service.access import optional_enum, owned_pet
from petful.pets.service.petstar import move, visible_application
from petful.pets.service.views import ApplicationView, application_view
from petful.platform.auth_context import Principal, Role, require_role
from petful.platform.errors import FailedPrecondition
from petful.platform.paging import Page, check_page_size, decode_cursor, encode_cursor, page_of
from petful.platform.validation import Violations, check_reason

ADMINS_ONLY = "only administrators may do this"


def _submitted_cursor(app: Application) -> str:
    """The queue is ordered by submission, so its cursor is too."""
    return encode_cursor(app.submitted_at, app.id)


async def admin_list_applications(
    session: AsyncSession, *, actor: Principal, state: str, page_size: int, cursor: str
) -> Page[ApplicationView]:
    require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    v = Violations()
    wanted = v.check("state", optional_enum, AppState, state)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any()
    apps = await repository.list_applications(
        session, state=wanted.value if wanted else None, cursor=after, limit=size + 1
    )
    page = page_of(apps, size, cursor_of=_submitted_cursor)
    items = [await application_view(session, a) for a in page.items]
    return Page(items=items, next_cursor=page.next_cursor)


async def decide_application(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    application_id: str,
    approve: bool,
    reason: str,
) -> ApplicationView:
    admin = require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    reason_text = ""
    if not approve:  # a rejection tells the owner why
        v = Violations()
        reason_text = v.check("reason", check_reason, reason)
        v.raise_if_any()
    app = await visible_application(session, actor, application_id, for_update=True)
    pet = await repository.get_pet(session, app.pet_id, for_update=True)
    app.reason = reason_text
    app.decided_at = now
    app.decided_by = admin
    await move(session, app, AppEvent.APPROVE if approve else AppEvent.REJECT, now=now, pet=pet)
    return await application_view(session, app)


async def revoke_petstar(
    session: AsyncSession, *, actor: Principal, now: datetime, pet_id: str, reason: str
) -> ApplicationView:
    admin = require_role(actor, Role.ADMIN, message=ADMINS_ONLY)
    v = Violations()
    reason_text = v.check("reason", check_reason, reason)
    v.raise_if_any()
    pet = await owned_pet(session, actor, pet_id)
    app = await repository.approved_application(session, pet.id)
    if app is None:
        raise FailedPrecondition("this pet is not an approved PetStar")
    app.reason = reason_text
    app.decided_at = now
    app.decided_by = admin
    await move(session, app, AppEvent.REVOKE, now=now, pet=pet)
    return await application_view(session, app)
