"""Media ingest/discard, rollback cleanup and thumbnails on real PostgreSQL + a local
media directory."""

from __future__ import annotations

import io
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from petful.contracts import media as media_events
from petful.platform import events
from petful.platform.db import on_commit, on_rollback, transaction
from petful.platform.errors import (
    DomainError,
    InvalidArgument,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from petful.platform.media import (
    Kind,
    LocalStorage,
    MediaRecord,
    Status,
    Visibility,
    discard,
    get_media,
    get_storage,
    ingest,
    make_thumbnails,
    subscribe_thumbnails,
)
from petful.platform.media.thumbnails import subscriber_name
from petful.platform.settings import Settings
from tests.media_support import (
    EXE,
    HTML,
    HTML_TAIL,
    SCHEMA,
    SVG,
    ZIP_TAIL,
    create_media_schema,
    image_bytes,
    jpeg_with_exif,
    media_rows,
    outbox_events,
    pdf_bytes,
    png_header_only,
    stored_dirs,
    stored_files,
)

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER = uuid.UUID("00000000-0000-4000-8000-000000000001")
OTHER = uuid.UUID("00000000-0000-4000-8000-000000000002")


class Boom(Exception):
    pass


async def ingest_then_fail(data: bytes, *, seen: list[MediaRecord]) -> None:
    """Ingest inside a transaction that then fails (e.g. the pet row did not save)."""
    async with transaction() as session:
        seen.append(
            await ingest(
                session,
                schema=SCHEMA,
                owner_id=OWNER,
                purpose="pet_image",
                kind=Kind.IMAGE,
                visibility=Visibility.PUBLIC,
                data=data,
                filename="a.jpg",
                now=NOW,
            )
        )
        seen.append(seen[-1])  # reached: the object was stored before the failure
        raise Boom


async def discard_then_fail(media_id: uuid.UUID) -> None:
    async with transaction() as session:
        await discard(session, schema=SCHEMA, media_id=media_id, now=NOW)
        raise Boom


@pytest.fixture
async def media_root(settings: Settings) -> Path:
    await create_media_schema()
    storage = get_storage(settings)
    assert isinstance(storage, LocalStorage)
    assert storage.root == (settings.data_dir / "media").resolve()
    return storage.root


async def put(
    data: bytes,
    *,
    owner: uuid.UUID = OWNER,
    purpose: str = "pet_image",
    kind: Kind = Kind.IMAGE,
    visibility: Visibility = Visibility.PUBLIC,
    filename: str = "upload.jpg",
) -> MediaRecord:
    async with transaction() as session:
        return await ingest(
            session,
            schema=SCHEMA,
            owner_id=owner,
            purpose=purpose,
            kind=kind,
            visibility=visibility,
            data=data,
            filename=filename,
            now=NOW,
        )


async def test_ingest_stores_the_sanitized_image_a_row_and_an_event(
    settings: Settings, media_root: Path
) -> None:
    record = await put(jpeg_with_exif(size=(90, 30), orientation=6))
    assert record.status is Status.PENDING
    assert record.kind is Kind.IMAGE
    assert record.content_type == "image/jpeg"
    assert (record.width, record.height) == (30, 90)
    assert record.key == f"public/{SCHEMA}/{record.id}/{record.sha256}.jpg"
    assert record.url == f"/media/{record.key}"

    stored = (media_root / record.key).read_bytes()
    assert b"SecretCam" not in stored
    assert len(stored) == record.size_bytes
    assert stored_files(media_root) == [record.key]

    async with transaction() as session:
        again = await get_media(session, schema=SCHEMA, media_id=record.id)
    assert again == record

    [event] = await outbox_events(media_events.stored(SCHEMA).name)
    assert event.payload["media_id"] == str(record.id)
    assert event.payload["key"] == record.key


async def test_private_media_has_no_public_url(settings: Settings, media_root: Path) -> None:
    record = await put(image_bytes("PNG"), visibility=Visibility.PRIVATE, purpose="license")
    assert record.key.startswith("private/")
    assert record.url == ""
    assert record.thumbnail_urls == {}
    assert (media_root / record.key).is_file()


async def test_documents_are_ready_at_once(settings: Settings, media_root: Path) -> None:
    record = await put(
        pdf_bytes(pages=2),
        kind=Kind.DOCUMENT,
        visibility=Visibility.PRIVATE,
        purpose="business_registration",
        filename="reg.pdf",
    )
    assert record.status is Status.READY
    assert record.content_type == "application/pdf"
    assert record.key.endswith(".pdf")
    assert record.width is None


async def test_every_upload_is_a_row_and_an_object_of_its_own(
    settings: Settings, media_root: Path
) -> None:
    data = image_bytes("PNG", (50, 50))
    # The same owner, file and purpose twice (one photo for two pets): two rows, so letting
    # go of one leaves the other whole.
    first = await put(data)
    second = await put(data, filename="renamed.png")
    other = await put(data, owner=OTHER)
    records = (first, second, other)
    assert len({r.id for r in records}) == 3
    assert len({r.key for r in records}) == 3
    assert stored_files(media_root) == sorted(r.key for r in records)
    assert len(await outbox_events(media_events.stored(SCHEMA).name)) == 3

    # Discarding a row deletes its object only, once.
    async with transaction() as session:
        assert await discard(session, schema=SCHEMA, media_id=first.id, now=NOW)
        assert await discard(session, schema=SCHEMA, media_id=first.id, now=NOW) is False
    assert stored_files(media_root) == sorted([second.key, other.key])
    async with transaction() as session:
        kept = await get_media(session, schema=SCHEMA, media_id=second.id)
    assert kept is not None
    assert kept.status is not Status.DELETED

    async with transaction() as session:
        for record in (second, other):
            await discard(session, schema=SCHEMA, media_id=record.id, now=NOW)
    assert stored_files(media_root) == []
    assert stored_dirs(media_root) == ["public", f"public/{SCHEMA}"]  # no row's directory
    statuses = {r["status"] for r in await media_rows()}
    assert statuses == {"DELETED"}


async def test_discard_deletes_nothing_when_the_transaction_rolls_back(
    settings: Settings, media_root: Path
) -> None:
    record = await put(image_bytes("WEBP"))
    with pytest.raises(Boom):
        await discard_then_fail(record.id)
    assert (media_root / record.key).is_file()
    async with transaction() as session:
        again = await get_media(session, schema=SCHEMA, media_id=record.id)
    assert again is not None
    assert again.status is Status.PENDING


async def test_rollback_removes_the_object_and_leaves_no_row(
    settings: Settings, media_root: Path
) -> None:
    seen: list[MediaRecord] = []
    with pytest.raises(Boom):
        await ingest_then_fail(image_bytes("JPEG"), seen=seen)
    assert len(seen) == 2  # ingest had succeeded and stored the object
    assert not (media_root / seen[0].key).exists()
    assert stored_files(media_root) == []
    assert await media_rows() == []
    assert await outbox_events(media_events.stored(SCHEMA).name) == []


async def test_rollback_keeps_the_object_of_another_row_with_the_same_bytes(
    settings: Settings, media_root: Path
) -> None:
    data = image_bytes("GIF")
    kept = await put(data, owner=OTHER)
    seen: list[MediaRecord] = []
    with pytest.raises(Boom):
        await ingest_then_fail(data, seen=seen)
    assert seen[0].sha256 == kept.sha256
    assert stored_files(media_root) == [kept.key]
    assert [r["id"] for r in await media_rows()] == [kept.id]


def _noisy(fmt: str, size: tuple[int, int] = (200, 150)) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 70).convert("RGB").save(out, fmt)
    return out.getvalue()


BAD_UPLOADS: list[tuple[str, bytes, Kind, type[DomainError]]] = [
    ("empty", b"", Kind.IMAGE, InvalidArgument),
    ("truncated jpeg", _noisy("JPEG")[:600], Kind.IMAGE, InvalidArgument),
    ("truncated png", _noisy("PNG")[: len(_noisy("PNG")) // 2], Kind.IMAGE, InvalidArgument),
    ("png header only", _noisy("PNG")[:40], Kind.IMAGE, InvalidArgument),
    ("bomb 50000x50000", png_header_only(50_000, 50_000), Kind.IMAGE, InvalidArgument),
    ("svg named .jpg", SVG, Kind.IMAGE, UnsupportedMediaType),
    ("html named .jpg", HTML, Kind.IMAGE, UnsupportedMediaType),
    ("exe named .jpg", EXE, Kind.IMAGE, UnsupportedMediaType),
    ("html then png", HTML + image_bytes("PNG"), Kind.IMAGE, UnsupportedMediaType),
    ("pdf as image", pdf_bytes(), Kind.IMAGE, UnsupportedMediaType),
    ("gif as document", image_bytes("GIF"), Kind.DOCUMENT, UnsupportedMediaType),
    ("truncated pdf", pdf_bytes(pages=3)[:300], Kind.DOCUMENT, InvalidArgument),
    ("10 MB + 1", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 - 2), Kind.IMAGE, PayloadTooLarge),
]


@pytest.mark.parametrize(
    ("data", "kind", "error"),
    [pytest.param(d, k, e, id=name) for name, d, k, e in BAD_UPLOADS],
)
async def test_rejected_uploads_leave_nothing_behind(
    settings: Settings, media_root: Path, data: bytes, kind: Kind, error: type[DomainError]
) -> None:
    with pytest.raises(DomainError) as caught:
        await put(data, kind=kind, filename="photo.jpg")
    assert type(caught.value) is error
    assert caught.value.field_violations[0][0] == "file"
    assert stored_files(media_root) == []
    assert await media_rows() == []
    assert await outbox_events(media_events.stored(SCHEMA).name) == []


@pytest.mark.parametrize("tail", [ZIP_TAIL, HTML_TAIL, pdf_bytes()], ids=["zip", "html", "pdf"])
async def test_polyglots_are_stored_without_their_tail(
    settings: Settings, media_root: Path, tail: bytes
) -> None:
    record = await put(image_bytes("PNG", (40, 40)) + tail, filename="cat.png")
    stored = (media_root / record.key).read_bytes()
    assert tail[:32] not in stored
    assert stored.endswith(b"IEND\xaeB`\x82")


async def _consume_stored_events() -> list[bool]:
    subscribe_thumbnails(SCHEMA)
    subscribe_thumbnails(SCHEMA)  # a second call is harmless
    [sub] = [s for s in events.subscribers_of(media_events.stored(SCHEMA).name)]
    assert sub.name == subscriber_name(SCHEMA)
    return [
        await events.consume(sub, e) for e in await outbox_events(media_events.stored(SCHEMA).name)
    ]


async def test_thumbnail_consumer_makes_webp_sizes_and_marks_ready(
    settings: Settings, media_root: Path
) -> None:
    big = await put(image_bytes("JPEG", (2000, 1000)))
    small = await put(image_bytes("PNG", (200, 100)))
    assert await _consume_stored_events() == [True, True]
    # Redelivery changes nothing (inbox), and so does a direct second run.
    assert await _consume_stored_events() == [False, False]

    async with transaction() as session:
        big_after = await get_media(session, schema=SCHEMA, media_id=big.id)
        small_after = await get_media(session, schema=SCHEMA, media_id=small.id)
        assert await make_thumbnails(session, schema=SCHEMA, media_id=big.id, now=NOW) == (
            Status.READY
        )
    assert big_after is not None
    assert small_after is not None
    assert big_after.status is Status.READY
    assert set(big_after.thumbnails) == {"320", "960"}
    assert big_after.thumbnail_urls["320"] == "/media/" + big_after.thumbnails["320"]
    expected = [
        (big_after, "320", (320, 160)),
        (big_after, "960", (960, 480)),
        (small_after, "320", (200, 100)),  # never upscaled
        (small_after, "960", (200, 100)),
    ]
    for record, size, dims in expected:
        key = record.thumbnails[size]
        assert key.endswith(f".w{size}.webp")
        with Image.open(media_root / key) as thumb:
            assert thumb.format == "WEBP"
            assert thumb.size == dims

    # Discarding the last row takes the thumbnails with the original.
    async with transaction() as session:
        await discard(session, schema=SCHEMA, media_id=big.id, now=NOW)
    assert not any(name.startswith(big.key.rsplit(".", 1)[0]) for name in stored_files(media_root))


async def test_thumbnail_consumer_marks_undecodable_originals_failed(
    settings: Settings, media_root: Path
) -> None:
    broken = await put(image_bytes("JPEG", (300, 300)))
    missing = await put(image_bytes("PNG", (300, 300)))
    (media_root / broken.key).write_bytes(b"\xff\xd8\xff" + b"garbage" * 10)
    (media_root / missing.key).unlink()
    assert await _consume_stored_events() == [True, True]
    async with transaction() as session:
        for record in (broken, missing):
            after = await get_media(session, schema=SCHEMA, media_id=record.id)
            assert after is not None
            assert after.status is Status.FAILED
            assert after.thumbnails == {}


async def test_thumbnail_consumer_skips_deleted_and_unknown_media(
    settings: Settings, media_root: Path
) -> None:
    record = await put(image_bytes("PNG", (400, 400)))
    async with transaction() as session:
        await discard(session, schema=SCHEMA, media_id=record.id, now=NOW)
    assert await _consume_stored_events() == [True]
    async with transaction() as session:
        after = await get_media(session, schema=SCHEMA, media_id=record.id)
        unknown = await make_thumbnails(session, schema=SCHEMA, media_id=uuid.uuid4(), now=NOW)
    assert after is not None
    assert after.status is Status.DELETED
    assert unknown is None
    assert stored_files(media_root) == []


async def test_transaction_runs_commit_or_rollback_callbacks_once(settings: Settings) -> None:
    ran: list[str] = []

    def record(name: str) -> Callable[[], Awaitable[None]]:
        async def callback() -> None:
            ran.append(name)

        return callback

    async def failing() -> None:
        raise RuntimeError("cleanup failed")

    async with transaction() as session:
        on_commit(session, failing)  # logged, never raised over the committed outcome
        on_commit(session, record("committed"))
        on_rollback(session, record("not run"))
    assert ran == ["committed"]

    async def rolled_back() -> None:
        async with transaction() as session:
            on_commit(session, record("not run"))
            on_rollback(session, record("rolled back"))
            raise Boom

    with pytest.raises(Boom):
        await rolled_back()
    assert ran == ["committed", "rolled back"]
