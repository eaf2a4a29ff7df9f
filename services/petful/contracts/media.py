"""Events of the platform's media capability, one pair of topics per owning service's
schema (each service keeps its own `media` table and outbox)."""

from __future__ import annotations

import uuid

from petful.contracts.base import Payload, Topic


class MediaStored(Payload):
    media_id: uuid.UUID
    owner_id: uuid.UUID
    purpose: str
    kind: str
    key: str
    content_type: str
    size_bytes: int
    sha256: str
    visibility: str  # public or private


class MediaDeleted(Payload):
    media_id: uuid.UUID
    key: str


# The services that store media; a new one adds its schema here.
MEDIA_SCHEMAS = ("identity", "pets", "advertisers", "campaigns", "community", "health")

_stored: dict[str, Topic[MediaStored]] = {}
_deleted: dict[str, Topic[MediaDeleted]] = {}


def stored(schema: str) -> Topic[MediaStored]:
    """`<schema>.media.stored`: declared once per schema (tests use a schema of their own)."""
    if schema not in _stored:
        _stored[schema] = Topic(f"{schema}.media.stored", MediaStored)
    return _stored[schema]


def deleted(schema: str) -> Topic[MediaDeleted]:
    if schema not in _deleted:
        _deleted[schema] = Topic(f"{schema}.media.deleted", MediaDeleted)
    return _deleted[schema]


for _schema in MEDIA_SCHEMAS:
    stored(_schema)
    deleted(_schema)
