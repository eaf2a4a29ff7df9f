"""The profile's files: the company logo (public, shown with campaigns) and the business
registration certificate (private: only its advertiser and administrators read it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.advertisers import repository, rules
from petful.advertisers.models import SCHEMA, Profile
from petful.advertisers.rules import TransitionError
from petful.advertisers.service.profiles import require_advertiser, transition_error
from petful.platform import media
from petful.platform.auth_context import Principal, caller_id, is_admin
from petful.platform.errors import NotFound
from petful.platform.settings import Settings
from petful.platform.validation import uuid_field

LOGO = "advertiser.logo"
DOCUMENT = "advertiser.document"


async def _editable_profile(session: AsyncSession, user_id: uuid.UUID) -> Profile:
    profile = await repository.get_profile(session, user_id, for_update=True)
    if profile is None:
        raise NotFound("you have no company profile yet")
    try:
        rules.status_after_edit(profile.status_enum, identity_changed=False)
    except TransitionError as e:
        raise transition_error(e) from None
    return profile


async def _replace_media(
    session: AsyncSession,
    profile: Profile,
    attr: str,
    *,
    purpose: str,
    kind: media.Kind,
    visibility: media.Visibility,
    data: bytes,
    filename: str,
    now: datetime,
    settings: Settings,
) -> Profile:
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=profile.user_id,
        purpose=purpose,
        kind=kind,
        visibility=visibility,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    old = getattr(profile, attr)
    setattr(profile, attr, str(record.id))
    profile.updated_at = now
    await repository.flush(session)
    if old and old != str(record.id):
        await media.discard(session, schema=SCHEMA, media_id=uuid.UUID(old), now=now)
    return profile


async def set_logo(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Profile:
    profile = await _editable_profile(session, require_advertiser(actor))
    return await _replace_media(
        session,
        profile,
        "logo_media_id",
        purpose=LOGO,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


async def set_business_document(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Profile:
    """The registration certificate admins check before approving: private, never served
    publicly; a new one goes to the next review like any edit."""
    profile = await _editable_profile(session, require_advertiser(actor))
    return await _replace_media(
        session,
        profile,
        "business_document_media_id",
        purpose=DOCUMENT,
        kind=media.Kind.DOCUMENT,
        visibility=media.Visibility.PRIVATE,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )


@dataclass(frozen=True)
class Document:
    content_type: str
    data: bytes
    filename: str


async def get_business_document(
    session: AsyncSession, *, actor: Principal, user_id: str, settings: Settings
) -> Document:
    """The advertiser's own document, or any for an admin; NotFound for anyone else."""
    caller = caller_id(actor)
    target = uuid_field("user_id", user_id)
    if target != caller and not is_admin(actor):
        raise NotFound("no business document")
    profile = await repository.get_profile(session, target)
    if profile is None or not profile.business_document_media_id:
        raise NotFound("no business document")
    record = await media.get_media(
        session, schema=SCHEMA, media_id=uuid.UUID(profile.business_document_media_id)
    )
    if record is None or record.status is media.Status.DELETED:
        raise NotFound("no business document")
    data = await media.get_storage(settings).get(record.key)
    extension = record.key.rsplit(".", 1)[-1]
    return Document(record.content_type, data, f"business-document.{extension}")


async def logo_urls(session: AsyncSession, profiles: list[Profile]) -> dict[str, str]:
    """Public logo paths by profile user id."""
    ids = [uuid.UUID(p.logo_media_id) for p in profiles if p.logo_media_id]
    found = await media.live_media(session, schema=SCHEMA, ids=ids)
    return {
        str(p.user_id): found[uuid.UUID(p.logo_media_id)].url
        for p in profiles
        if p.logo_media_id and uuid.UUID(p.logo_media_id) in found
    }
