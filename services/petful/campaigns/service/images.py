"""A campaign's product images: uploaded through the platform's media capability, listed by
id on the campaign (only this advertiser's campaign images may be listed)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Campaign
from petful.campaigns.rules import TransitionError
from petful.campaigns.rules.fields import IMAGES_MAX
from petful.campaigns.rules.phases import check_edit
from petful.campaigns.service.shared import ADVERTISERS_ONLY, SCHEMA, conflict, own_campaign
from petful.platform import media
from petful.platform.auth_context import Principal, Role, require_role
from petful.platform.errors import FailedPrecondition, InvalidArgument, NotFound
from petful.platform.settings import Settings

CAMPAIGN_IMAGE = "campaign.image"


async def check_images(session: AsyncSession, advertiser_id: uuid.UUID, ids: Sequence[str]) -> None:
    """Only images the advertiser uploaded for their campaigns may be listed: removing one
    from a campaign deletes it, so listing someone else's would let them be destroyed."""
    parsed: list[uuid.UUID] = []
    for raw in ids:
        try:
            parsed.append(uuid.UUID(raw))
        except ValueError:
            raise _unknown_image() from None
    found = await media.live_media(session, schema=SCHEMA, ids=parsed)
    if any(
        m not in found or found[m].owner_id != advertiser_id or found[m].purpose != CAMPAIGN_IMAGE
        for m in parsed
    ):
        raise _unknown_image()


def _unknown_image() -> InvalidArgument:
    return InvalidArgument(
        "unknown image",
        field_violations=[("image_media_ids", "must be images uploaded for your campaigns")],
    )


def _check_images_editable(c: Campaign) -> None:
    try:
        check_edit(c.phase_enum, {"image_media_ids"})
    except TransitionError as e:
        raise conflict(e) from None


async def add_campaign_image(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    campaign_id: str,
    data: bytes,
    filename: str,
    settings: Settings,
) -> Campaign:
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    _check_images_editable(c)
    if len(c.image_media_ids) >= IMAGES_MAX:
        reason = f"a campaign holds at most {IMAGES_MAX} images"
        raise FailedPrecondition(reason, field_violations=[("file", reason)])
    record = await media.ingest(
        session,
        schema=SCHEMA,
        owner_id=user_id,
        purpose=CAMPAIGN_IMAGE,
        kind=media.Kind.IMAGE,
        visibility=media.Visibility.PUBLIC,
        data=data,
        filename=filename,
        now=now,
        settings=settings,
    )
    if str(record.id) not in c.image_media_ids:  # the same picture again is deduplicated
        c.image_media_ids = [*c.image_media_ids, str(record.id)]
        c.updated_at = now
        await repository.flush(session)
    return c


async def remove_campaign_image(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str, media_id: str
) -> Campaign:
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    if media_id not in c.image_media_ids:
        raise NotFound("no such image in this campaign")
    _check_images_editable(c)
    c.image_media_ids = [m for m in c.image_media_ids if m != media_id]
    c.updated_at = now
    await repository.flush(session)
    await media.discard(session, schema=SCHEMA, media_id=uuid.UUID(media_id), now=now)
    return c


async def campaign_images(
    session: AsyncSession, campaigns: Sequence[Campaign]
) -> dict[str, media.MediaRecord]:
    """The images the campaigns list, by media id, for rendering."""
    ids = [uuid.UUID(m) for c in campaigns for m in c.image_media_ids]
    found = await media.live_media(session, schema=SCHEMA, ids=ids)
    return {str(k): v for k, v in found.items()}
