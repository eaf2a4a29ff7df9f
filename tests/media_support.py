"""Sample uploads for the media tests: real images and PDFs made on the fly, and hostile ones."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from petful.platform import outbox
from petful.platform.db import transaction
from petful.platform.media import media_table
from petful.platform.outbox import Event

# A made-up GPS position: a test fails if it survives sanitizing.
GPS_LATITUDE = (37.0, 33.0, 12.34)


def image_bytes(
    fmt: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    *,
    color: tuple[int, int, int] = (200, 80, 40),
    mode: str = "RGB",
    **save: object,
) -> bytes:
    im = Image.new(mode, size, color if mode == "RGB" else (*color, 255))
    # A second colour in one corner, so orientation can be checked.
    for x in range(min(8, size[0])):
        for y in range(min(8, size[1])):
            im.putpixel((x, y), (0, 0, 255) if mode == "RGB" else (0, 0, 255, 255))
    out = io.BytesIO()
    im.save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_exif(size: tuple[int, int] = (80, 40), orientation: int = 6) -> bytes:
    """A JPEG carrying GPS data, a camera model and an orientation tag."""
    im = Image.new("RGB", size, (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x0110] = "SecretCam 3000"  # Model
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: GPS_LATITUDE, 3: "E", 4: (127.0, 1.0, 2.0)})
    out = io.BytesIO()
    im.save(out, "JPEG", exif=exif, comment=b"secret comment")
    return out.getvalue()


def animated_gif(frames: int = 3, size: tuple[int, int] = (40, 30)) -> bytes:
    images = [Image.new("RGB", size, (i * 50 % 256, 100, 0)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, "GIF", save_all=True, append_images=images[1:], duration=120, loop=0)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature + IHDR claiming width x height, with a tiny IDAT: a
    decompression bomb's header (decoding it would allocate width*height pixels)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def pdf_bytes(pages: int = 1, *, javascript: bool = False) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Secret Author"})
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('pwned');"),
            }
        )
        writer.root_object[NameObject("/OpenAction")] = action
        page_actions = DictionaryObject({NameObject("/O"): action})
        writer.pages[0][NameObject("/AA")] = page_actions
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ZIP_TAIL = (
    b"PK\x03\x04" + b"\x14\x00" * 10 + b"evil.exe" + b"MZ" * 50 + b"PK\x05\x06" + b"\x00" * 18
)
HTML_TAIL = b"<html><script>alert('polyglot')</script></html>"

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


# --- database and storage helpers for the integration tests ----------------------------------

SCHEMA = "mediatest"  # a schema of the tests' own: outbox, inbox and media tables only


async def create_media_schema(schema: str = SCHEMA) -> str:
    """A service-like schema with the outbox/inbox and media tables (as a migration would)."""
    async with transaction() as session:
        await session.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        conn = await session.connection()
        tables = (outbox.outbox_table(schema), outbox.inbox_table(schema), media_table(schema))

        def create(sync_conn: sa.Connection) -> None:
            for table in tables:
                table.create(sync_conn, checkfirst=True)

        await conn.run_sync(create)
    return schema


async def media_rows(schema: str = SCHEMA) -> list[dict[str, Any]]:
    t = media_table(schema)
    async with transaction() as session:
        rows = await session.execute(sa.select(t).order_by(t.c.created_at))
        return [dict(r._mapping) for r in rows]


async def outbox_events(topic: str, schema: str = SCHEMA) -> list[Event]:
    """The schema's outbox rows of `topic`, as the relay would publish them (Event)."""
    t = outbox.outbox_table(schema)
    async with transaction() as session:
        rows = await session.execute(
            sa.select(t).where(t.c.topic == topic).order_by(t.c.created_at)
        )
        return [Event(r.id, r.topic, schema, r.payload, r.created_at, r.headers) for r in rows]


def stored_files(root: Path) -> list[str]:
    """Every file under a local media root (temp files included), as relative paths."""
    base = root
    if not base.exists():
        return []
    return sorted(str(p.relative_to(base)) for p in base.rglob("*") if p.is_file())


def stored_dirs(root: Path) -> list[str]:
    """Every directory under a local media root, as relative paths."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir())
