"""Upload sanitizing: real content sniffing, limits, metadata stripping, hostile files."""

from __future__ import annotations

import io
import random
import time
import tracemalloc

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from petful.platform.errors import (
    DomainError,
    InvalidArgument,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from petful.platform.media.sanitize import (
    GIF,
    JPEG,
    PDF,
    PNG,
    WEBP,
    Kind,
    Sanitized,
    decode_image,
    sanitize,
    sniff,
    thumbnail,
)
from tests.media_support import (
    EXE,
    HTML,
    HTML_TAIL,
    SVG,
    ZIP_TAIL,
    animated_gif,
    image_bytes,
    jpeg_with_exif,
    pdf_bytes,
    png_header_only,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000


def clean(data: bytes, kind: Kind = Kind.IMAGE, **limits: int) -> Sanitized:
    return sanitize(
        data,
        kind=kind,
        max_bytes=limits.get("max_bytes", MAX_BYTES),
        max_pixels=limits.get("max_pixels", MAX_PIXELS),
    )


def reason(exc: DomainError) -> str:
    assert exc.field_violations, "a rejection names its reason on the file field"
    field, why = exc.field_violations[0]
    assert field == "file"
    return why


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (image_bytes("JPEG"), JPEG),
        (image_bytes("PNG"), PNG),
        (image_bytes("WEBP"), WEBP),
        (image_bytes("GIF"), GIF),
        (pdf_bytes(), PDF),
        (SVG, None),
        (HTML, None),
        (EXE, None),
        (b"RIFF\x00\x00\x00\x00WAVE", None),
        (b" %PDF-1.7", None),  # signatures count at offset 0 only
    ],
)
def test_sniff_reads_the_leading_bytes(data: bytes, fmt: object) -> None:
    assert sniff(data) is fmt


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_images_are_accepted_and_re_encoded_in_their_format(fmt: str) -> None:
    data = image_bytes(fmt, (64, 48))
    result = clean(data)
    assert result.format.name == fmt
    assert (result.width, result.height) == (64, 48)
    with Image.open(io.BytesIO(result.data)) as im:
        assert im.format == fmt
        assert im.size == (64, 48)


def test_png_with_alpha_keeps_alpha() -> None:
    result = clean(image_bytes("PNG", (10, 10), mode="RGBA"))
    with Image.open(io.BytesIO(result.data)) as im:
        assert im.mode == "RGBA"


def test_sanitizing_is_deterministic() -> None:
    # Thumbnails are keyed by content, so a retried job rewrites the same objects.
    data = image_bytes("JPEG", (120, 90))
    assert clean(data).sha256 == clean(data).sha256


@pytest.mark.parametrize("fmt", ["GIF", "WEBP"])
def test_animations_stay_animated(fmt: str) -> None:
    frames = [Image.new("RGB", (40, 30), (i * 60, 100, 0)) for i in range(4)]
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=True, append_images=frames[1:], duration=120, loop=0)
    result = clean(out.getvalue())
    with Image.open(io.BytesIO(result.data)) as im:
        assert im.format == fmt
        assert getattr(im, "n_frames", 1) == 4
    assert clean(animated_gif(frames=4)).format is GIF


def test_animation_counts_every_frame_against_the_pixel_limit() -> None:
    data = animated_gif(frames=5, size=(40, 30))  # 5 x 1,200 px
    with pytest.raises(InvalidArgument) as caught:
        clean(data, max_pixels=5000)
    assert "frames" in reason(caught.value)


def test_exif_and_gps_are_stripped_and_orientation_applied() -> None:
    data = jpeg_with_exif(size=(80, 40), orientation=6)
    assert b"SecretCam" in data
    result = clean(data)
    assert b"SecretCam" not in result.data
    assert b"secret comment" not in result.data
    assert b"Exif" not in result.data
    with Image.open(io.BytesIO(result.data)) as im:
        exif = im.getexif()
        assert 0x8825 not in exif  # GPS IFD
        assert 0x0112 not in exif  # orientation was applied, so the tag is gone
        assert im.size == (40, 80)  # rotated by 90 degrees
    assert (result.width, result.height) == (40, 80)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
@pytest.mark.parametrize("keep", [0.5, 0.2, 40])
def test_truncated_images_are_rejected(fmt: str, keep: float) -> None:
    data = image_bytes(fmt, (300, 200), color=(1, 2, 3))
    noisy = Image.effect_noise((300, 200), 80).convert("RGB")  # not trivially compressible
    out = io.BytesIO()
    noisy.save(out, fmt)
    data = out.getvalue()
    cut = int(len(data) * keep) if keep < 1 else int(keep)
    with pytest.raises(InvalidArgument) as caught:
        clean(data[:cut])
    assert type(caught.value) is InvalidArgument
    assert "truncated or corrupt" in reason(caught.value) or "pixels" in reason(caught.value)


@pytest.mark.parametrize("tail", [ZIP_TAIL, HTML_TAIL, pdf_bytes()])
@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_polyglot_tails_are_gone_after_re_encoding(fmt: str, tail: bytes) -> None:
    data = image_bytes(fmt, (32, 32)) + tail
    result = clean(data)
    assert tail[:40] not in result.data
    assert b"evil.exe" not in result.data
    assert b"<script>" not in result.data
    assert b"%PDF" not in result.data


def test_decompression_bomb_header_is_rejected_without_decoding() -> None:
    bomb = png_header_only(50_000, 50_000)  # 2.5 gigapixels claimed by ~100 bytes
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(InvalidArgument) as caught:
            clean(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "pixels" in reason(caught.value)
    assert peak < 20 * 1024 * 1024  # nothing near width*height was allocated
    assert time.perf_counter() - started < 2


def test_pixel_limit_is_a_setting() -> None:
    data = image_bytes("PNG", (100, 100))
    assert clean(data, max_pixels=10_000).width == 100
    with pytest.raises(InvalidArgument) as caught:
        clean(data, max_pixels=9_999)
    assert "9999 pixels" in reason(caught.value)


@pytest.mark.parametrize("data", [SVG, HTML, EXE, b"just text", b"\x00" * 64])
def test_other_content_is_unsupported_media_type_whatever_its_name(data: bytes) -> None:
    with pytest.raises(UnsupportedMediaType) as caught:
        clean(data)
    assert caught.value.http_status == 415
    assert "JPEG, PNG, WEBP or GIF" in reason(caught.value)


def test_image_purposes_take_no_pdf_and_documents_take_no_gif() -> None:
    with pytest.raises(UnsupportedMediaType):
        clean(pdf_bytes(), Kind.IMAGE)
    with pytest.raises(UnsupportedMediaType) as caught:
        clean(image_bytes("GIF"), Kind.DOCUMENT)
    assert "PDF, JPEG or PNG" in reason(caught.value)
    with pytest.raises(UnsupportedMediaType):
        clean(image_bytes("WEBP"), Kind.DOCUMENT)


def test_documents_accept_jpeg_and_png_scans() -> None:
    assert clean(image_bytes("JPEG"), Kind.DOCUMENT).format is JPEG
    assert clean(image_bytes("PNG"), Kind.DOCUMENT).format is PNG


def test_size_limit_is_413_and_empty_is_422() -> None:
    with pytest.raises(PayloadTooLarge) as too_big:
        clean(b"\xff\xd8\xff" + b"\x00" * (MAX_BYTES - 2))  # MAX_BYTES + 1
    assert too_big.value.http_status == 413
    assert str(MAX_BYTES) in reason(too_big.value)
    with pytest.raises(InvalidArgument) as empty:
        clean(b"")
    assert type(empty.value) is InvalidArgument
    assert empty.value.http_status == 422
    assert reason(empty.value) == "file is empty"


def test_pdf_is_re_written_without_scripts_or_metadata() -> None:
    data = pdf_bytes(pages=2, javascript=True)
    assert b"pwned" in data or b"JavaScript" in data
    result = clean(data + ZIP_TAIL, Kind.DOCUMENT)
    assert result.format is PDF
    assert result.content_type == "application/pdf"
    assert b"JavaScript" not in result.data
    assert b"app.alert" not in result.data
    assert b"Secret Author" not in result.data
    assert b"evil.exe" not in result.data
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == 2
    assert "/OpenAction" not in reader.root_object


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 20])
def test_truncated_pdf_is_rejected(keep: float) -> None:
    data = pdf_bytes(pages=3)
    cut = int(len(data) * keep) if keep < 1 else int(keep)
    with pytest.raises(InvalidArgument) as caught:
        clean(data[:cut], Kind.DOCUMENT)
    assert "PDF" in reason(caught.value)


def test_encrypted_and_bogus_pdfs_are_rejected() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(InvalidArgument) as caught:
        clean(out.getvalue(), Kind.DOCUMENT)
    assert "encrypted" in reason(caught.value)
    with pytest.raises(InvalidArgument):
        clean(b"%PDF-1.7\n<html>not a pdf</html>\n%%EOF", Kind.DOCUMENT)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_fuzzed_images_never_raise_anything_but_domain_errors(fmt: str) -> None:
    rng = random.Random(f"media-{fmt}")
    noisy = Image.effect_noise((96, 64), 60).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, fmt)
    base = bytearray(out.getvalue())
    for _ in range(150):
        data = bytearray(base)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            data = data[: rng.randrange(1, len(data))]
        try:
            result = clean(bytes(data))
        except (InvalidArgument, UnsupportedMediaType):
            continue
        # Whatever was accepted decodes cleanly again.
        decode_image(result.data, MAX_PIXELS).close()


def test_fuzzed_pdfs_never_raise_anything_but_domain_errors() -> None:
    rng = random.Random("media-pdf")
    base = bytearray(pdf_bytes(pages=2))
    for _ in range(100):
        data = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            clean(bytes(data), Kind.DOCUMENT)
        except (InvalidArgument, UnsupportedMediaType):
            continue


@pytest.mark.parametrize(
    ("size", "box", "expected"),
    [((2000, 1000), 320, (320, 160)), ((1000, 3000), 960, (320, 960)), ((100, 50), 320, (100, 50))],
)
def test_thumbnails_keep_aspect_and_never_upscale(
    size: tuple[int, int], box: int, expected: tuple[int, int]
) -> None:
    im = Image.new("RGB", size, (9, 9, 9))
    with Image.open(io.BytesIO(thumbnail(im, box))) as thumb:
        assert thumb.format == "WEBP"
        assert thumb.size == expected


def test_palette_transparency_survives() -> None:
    im = Image.new("P", (10, 10), 1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = io.BytesIO()
    im.save(out, "GIF", transparency=1, comment=b"hidden note")
    result = clean(out.getvalue())
    assert b"hidden note" not in result.data
    with Image.open(io.BytesIO(result.data)) as back:
        # The palette may be re-ordered; the pixel must still be transparent.
        pixel = back.convert("RGBA").getpixel((5, 5))
        assert isinstance(pixel, tuple)
        assert pixel[3] == 0


def test_multi_picture_jpeg_from_phones_keeps_the_first_picture() -> None:
    first = Image.new("RGB", (64, 48), (250, 0, 0))
    second = Image.new("RGB", (32, 24), (0, 250, 0))
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second])
    result = clean(out.getvalue(), max_pixels=64 * 48)  # the extra frame costs no budget
    assert result.format is JPEG
    with Image.open(io.BytesIO(result.data)) as im:
        assert im.format == "JPEG"
        assert getattr(im, "n_frames", 1) == 1
        assert im.size == (64, 48)


def test_animated_png_keeps_the_first_frame() -> None:
    frames = [Image.new("RGB", (20, 20), (i * 80, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "PNG", save_all=True, append_images=frames[1:])
    result = clean(out.getvalue())
    with Image.open(io.BytesIO(result.data)) as im:
        assert getattr(im, "n_frames", 1) == 1
