"""The media table (one per service schema) and the ingest/get/discard operations on it.

Who may delete an object is decided by its key, not by a search for other users of the
same bytes. Each new row gets an object of its own under a key naming its schema and id
(see `storage`): only that row can refer to it, so discarding the row deletes exactly its
object and thumbnails, and nobody can delete someone else's picture by uploading the same
bytes and deleting their copy. Every upload is a row of its own, even the same file from
the same owner: a row handed to two records (two pets with one photo) would vanish from
both when either let it go.

Keys written before per-record keys are content addressed and may be shared by rows of
any service. Such an object is deleted only when no live row of any media-storing schema
(`contracts.media.MEDIA_SCHEMAS`) uses it; that check holds a transaction-scoped advisory
lock on the key, the lock the previous release took around its puts, so during a rolling
update it never deletes an object an old process has just started to use.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import media as media_events
from petful.contracts.media import MEDIA_SCHEMAS
from petful.platform import outbox
from petful.platform.db import on_commit, on_rollback, schema_metadata, transaction
from petful.platform.logging import get_logger
from petful.platform.media.sanitize import Kind, sanitize
from petful.platform.media.storage import (
    get_storage,
    is_shared_key,
    object_key,
    thumbnail_key,
)
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

URL_PREFIX = "/media/"


class Visibility(StrEnum):
    PUBLIC = "public"
    PRIVATE = "private"


class Status(StrEnum):
    PENDING = "PENDING"  # stored; thumbnails not made yet
    READY = "READY"
    FAILED = "FAILED"  # stored, but the thumbnails could not be made
    DELETED = "DELETED"


@cache
def media_table(schema: str) -> sa.Table:
    return sa.Table(
        "media",
        schema_metadata(schema),
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("content_type", sa.Text, nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("width", sa.Integer),
        sa.Column("height", sa.Integer),
        sa.Column("visibility", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("thumbnails", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('image', 'document')", name="kind"),
        sa.CheckConstraint("visibility IN ('public', 'private')", name="visibility"),
        sa.CheckConstraint("status IN ('PENDING', 'READY', 'FAILED', 'DELETED')", name="status"),
        sa.Index("ix_media_owner_sha256", "owner_id", "sha256"),
        # "Does a live row still use this object?" before deleting it.
        sa.Index("ix_media_key", "key"),
    )


def create_media_table(schema: str) -> None:
    """Migration helper: a service's own Alembic migration calls this.

    The shape is frozen once a migration used it: a later change needs a new migration
    step, never an edit here.
    """
    media_table(schema).create(op.get_bind())


def drop_media_table(schema: str) -> None:
    op.drop_table("media", schema=schema)


@dataclass(frozen=True)
class MediaRecord:
    id: uuid.UUID
    owner_id: uuid.UUID
    purpose: str
    kind: Kind
    key: str
    content_type: str
    size_bytes: int
    sha256: str
    width: int | None
    height: int | None
    visibility: Visibility
    status: Status
    thumbnails: dict[str, str] = field(default_factory=dict)
    created_at: datetime | None = None

    @property
    def url(self) -> str:
        """Public path of the sanitized original ("" for private media)."""
        return URL_PREFIX + self.key if self.visibility is Visibility.PUBLIC else ""

    @property
    def thumbnail_urls(self) -> dict[str, str]:
        """Size in px ("320") -> public path; empty for private media or until made."""
        if self.visibility is not Visibility.PUBLIC:
            return {}
        return {size: URL_PREFIX + key for size, key in self.thumbnails.items()}


def _record(row: Any) -> MediaRecord:
    return MediaRecord(
        id=row.id,
        owner_id=row.owner_id,
        purpose=row.purpose,
        kind=Kind(row.kind),
        key=row.key,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        width=row.width,
        height=row.height,
        visibility=Visibility(row.visibility),
        status=Status(row.status),
        thumbnails=dict(row.thumbnails or {}),
        created_at=row.created_at,
    )


async def _lock(session: AsyncSession, name: str) -> None:
    """Serialize the transactions that take the same name until they end."""
    await session.execute(
        sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtextextended(name, 0)))
    )


def object_keys(key: str, sizes: Iterable[int]) -> list[str]:
    """The original's key and every thumbnail key derived from it."""
    return [key, *(thumbnail_key(key, size) for size in sizes)]


async def _media_tables(session: AsyncSession, schema: str, key: str) -> list[sa.Table]:
    """The media tables whose rows may use `key`: the row's own schema for a per-record
    key; for a shared key from before, every media-storing schema that has a table."""
    if not is_shared_key(key):
        return [media_table(schema)]
    existing = await session.scalars(
        sa.text(
            "SELECT schemaname FROM pg_tables WHERE tablename = 'media' AND schemaname = ANY(:s)"
        ),
        {"s": list(dict.fromkeys((schema, *MEDIA_SCHEMAS)))},
    )
    return [media_table(s) for s in existing]


async def _delete_if_unused(schema: str, key: str, settings: Settings) -> None:
    """After a rollback/commit: delete the object and its thumbnails unless a live row in
    any table that may refer to the key still uses it."""
    async with transaction(settings) as session:
        await _lock(session, key)
        tables = await _media_tables(session, schema, key)
        used = await session.scalar(
            sa.select(
                sa.or_(
                    *(
                        sa.exists().where(t.c.key == key, t.c.status != Status.DELETED.value)
                        for t in tables
                    )
                )
            )
        )
        if used:
            return
        storage = get_storage(settings)
        for k in object_keys(key, settings.media.thumbnail_sizes):
            await storage.delete(k)
        log.info("media object deleted", schema=schema, key=key)


async def ingest(
    session: AsyncSession,
    *,
    schema: str,
    owner_id: uuid.UUID,
    purpose: str,
    kind: Kind,
    visibility: Visibility,
    data: bytes,
    filename: str,
    now: datetime,
    settings: Settings | None = None,
) -> MediaRecord:
    """Sanitize, store and record an upload in the caller's transaction.

    Raises PayloadTooLarge (413), UnsupportedMediaType (415) or InvalidArgument (422) before
    anything is stored. The object is removed again if the caller's `transaction()` rolls
    back (unless another live row uses it). `filename` is only logged: the content decides.
    """
    settings = settings or get_settings()
    clean = await asyncio.to_thread(
        sanitize,
        data,
        kind=kind,
        max_bytes=settings.media.max_bytes,
        max_pixels=settings.media.max_pixels,
    )
    t = media_table(schema)
    media_id = uuid.uuid4()
    key = object_key(visibility.value, schema, media_id, clean.sha256, clean.ext)
    # Registered before the put: a put that fails halfway is cleaned up as well.
    on_rollback(session, lambda: _delete_if_unused(schema, key, settings))
    await get_storage(settings).put(key, clean.data, clean.content_type)

    record = MediaRecord(
        id=media_id,
        owner_id=owner_id,
        purpose=purpose,
        kind=kind,
        key=key,
        content_type=clean.content_type,
        size_bytes=len(clean.data),
        sha256=clean.sha256,
        width=clean.width,
        height=clean.height,
        visibility=visibility,
        # Documents get no thumbnails, so they are ready as soon as they are stored.
        status=Status.PENDING if kind is Kind.IMAGE else Status.READY,
        thumbnails={},
        created_at=now,
    )
    await session.execute(
        sa.insert(t).values(
            id=record.id,
            owner_id=owner_id,
            purpose=purpose,
            kind=kind.value,
            key=key,
            content_type=record.content_type,
            size_bytes=record.size_bytes,
            sha256=record.sha256,
            width=record.width,
            height=record.height,
            visibility=visibility.value,
            status=record.status.value,
            thumbnails={},
            created_at=now,
            updated_at=now,
        )
    )
    await outbox.add_event(
        session,
        schema,
        media_events.stored(schema),
        media_events.MediaStored(
            media_id=record.id,
            owner_id=owner_id,
            purpose=purpose,
            kind=kind.value,
            key=key,
            content_type=record.content_type,
            size_bytes=record.size_bytes,
            sha256=record.sha256,
            visibility=visibility.value,
        ),
        now=now,
    )
    log.info(
        "media stored",
        schema=schema,
        media_id=str(record.id),
        key=key,
        filename=filename[:200],
        size=record.size_bytes,
    )
    return record


async def get_media(
    session: AsyncSession, *, schema: str, media_id: uuid.UUID
) -> MediaRecord | None:
    """The row, whatever its status (callers decide what DELETED means to them)."""
    t = media_table(schema)
    row = (await session.execute(sa.select(t).where(t.c.id == media_id))).first()
    return None if row is None else _record(row)


async def live_media(
    session: AsyncSession, *, schema: str, ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, MediaRecord]:
    """Rows that are not DELETED, by id; unknown or deleted ids are left out."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    t = media_table(schema)
    stmt = sa.select(t).where(t.c.id.in_(wanted), t.c.status != Status.DELETED.value)
    return {row.id: _record(row) for row in (await session.execute(stmt)).all()}


async def discard(
    session: AsyncSession,
    *,
    schema: str,
    media_id: uuid.UUID,
    now: datetime,
    settings: Settings | None = None,
) -> bool:
    """Mark the row DELETED; after commit its objects go (a shared key from before: once no
    live row of any schema uses it).

    Returns False when there was no live row (unknown or already deleted): idempotent.
    """
    settings = settings or get_settings()
    t = media_table(schema)
    key = await session.scalar(
        sa.update(t)
        .where(t.c.id == media_id, t.c.status != Status.DELETED.value)
        .values(status=Status.DELETED.value, updated_at=now)
        .returning(t.c.key)
    )
    if key is None:
        return False
    await outbox.add_event(
        session,
        schema,
        media_events.deleted(schema),
        media_events.MediaDeleted(media_id=media_id, key=key),
        now=now,
    )
    on_commit(session, lambda: _delete_if_unused(schema, key, settings))
    return True
