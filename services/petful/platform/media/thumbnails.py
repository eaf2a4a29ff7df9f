"""Thumbnails: a consumer of `<schema>.media.stored` that makes the WebP sizes.

It runs as an event subscriber (Celery, via the outbox), so the upload request never waits
for it. It is idempotent twice over: the inbox dedupes the event, and a row that is no
longer PENDING is left alone.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import media as media_events
from petful.contracts.base import Received
from petful.platform.errors import InvalidArgument
from petful.platform.logging import get_logger
from petful.platform.media.sanitize import Kind, decode_image, thumbnail
from petful.platform.media.storage import ObjectNotFound, get_storage, thumbnail_key
from petful.platform.media.store import Status, media_table
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)


def render_thumbnails(data: bytes, sizes: Iterable[int], max_pixels: int) -> dict[int, bytes]:
    """size -> WebP bytes (CPU bound: call in a thread). Raises InvalidArgument."""
    im = decode_image(data, max_pixels)
    try:
        return {size: thumbnail(im, size) for size in sizes}
    finally:
        im.close()


async def make_thumbnails(
    session: AsyncSession,
    *,
    schema: str,
    media_id: uuid.UUID,
    now: datetime,
    settings: Settings | None = None,
) -> Status | None:
    """Make and record the thumbnails of one PENDING image; returns the row's status
    afterwards (None for an unknown id)."""
    settings = settings or get_settings()
    t = media_table(schema)
    row = (await session.execute(sa.select(t).where(t.c.id == media_id).with_for_update())).first()
    if row is None:
        log.warning("media thumbnails: no such media", schema=schema, media_id=str(media_id))
        return None
    if row.status != Status.PENDING.value or row.kind != Kind.IMAGE.value:
        return Status(row.status)

    storage = get_storage(settings)
    sizes = settings.media.thumbnail_sizes
    try:
        original = await storage.get(row.key)
        rendered = await asyncio.to_thread(
            render_thumbnails, original, sizes, settings.media.max_pixels
        )
    except (ObjectNotFound, InvalidArgument) as exc:
        # Retrying cannot help: the stored original is gone or undecodable.
        log.warning(
            "media thumbnails failed",
            schema=schema,
            media_id=str(media_id),
            key=row.key,
            reason=str(exc) or type(exc).__name__,
        )
        await session.execute(
            sa.update(t)
            .where(t.c.id == media_id)
            .values(status=Status.FAILED.value, updated_at=now)
        )
        return Status.FAILED

    keys: dict[str, str] = {}
    for size, data in rendered.items():
        key = thumbnail_key(row.key, size)
        # Derived from the row's own key: a retried job writes the same bytes again.
        await storage.put(key, data, "image/webp")
        keys[str(size)] = key
    await session.execute(
        sa.update(t)
        .where(t.c.id == media_id)
        .values(status=Status.READY.value, thumbnails=keys, updated_at=now)
    )
    log.info("media thumbnails made", schema=schema, media_id=str(media_id), sizes=list(keys))
    return Status.READY


def subscriber_name(schema: str) -> str:
    return f"{schema}.media.thumbnails"


def subscribe_thumbnails(schema: str) -> None:
    """Register the thumbnail consumer of `<schema>.media.stored` (a service's tasks.py
    calls this once; calling it again is harmless)."""
    from petful.platform import events  # imported on use: it pulls in the Celery app

    name = subscriber_name(schema)
    topic = media_events.stored(schema)
    if any(sub.name == name for sub in events.subscribers_of(topic.name)):
        return

    async def handle(session: AsyncSession, event: Received[media_events.MediaStored]) -> None:
        await make_thumbnails(
            session, schema=schema, media_id=event.payload.media_id, now=datetime.now(UTC)
        )

    events.subscriber(topic, schema=schema, name=name)(handle)
