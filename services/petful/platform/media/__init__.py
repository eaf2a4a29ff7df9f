"""The shared media capability: sanitized uploads, storage back-ends, thumbnails.

    record = await media.ingest(session, schema="pets", owner_id=..., purpose="pet_image",
                                kind=media.Kind.IMAGE, visibility=media.Visibility.PUBLIC,
                                data=upload_bytes, filename="x.jpg", now=now)

Each service keeps its own `media` table (its migration calls `create_media_table(schema)`)
and registers the thumbnail consumer from its tasks.py (`subscribe_thumbnails(schema)`).
"""

from petful.platform.media.sanitize import Kind, Sanitized, sanitize, sniff
from petful.platform.media.storage import (
    LocalStorage,
    ObjectNotFound,
    S3Storage,
    Storage,
    content_type_for,
    get_storage,
    is_public_key,
    is_valid_key,
    object_key,
    thumbnail_key,
)
from petful.platform.media.store import (
    MediaRecord,
    Status,
    Visibility,
    create_media_table,
    discard,
    drop_media_table,
    get_media,
    ingest,
    live_media,
    media_table,
)
from petful.platform.media.thumbnails import make_thumbnails, subscribe_thumbnails

__all__ = [
    "Kind",
    "LocalStorage",
    "MediaRecord",
    "ObjectNotFound",
    "S3Storage",
    "Sanitized",
    "Status",
    "Storage",
    "Visibility",
    "content_type_for",
    "create_media_table",
    "discard",
    "drop_media_table",
    "get_media",
    "get_storage",
    "ingest",
    "is_public_key",
    "is_valid_key",
    "live_media",
    "make_thumbnails",
    "media_table",
    "object_key",
    "sanitize",
    "sniff",
    "subscribe_thumbnails",
    "thumbnail_key",
]
