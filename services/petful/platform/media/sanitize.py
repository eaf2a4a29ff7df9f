"""Upload sanitizing: sniff the real type, validate, strip metadata, re-encode. Pure, no I/O.

The bytes a user sent are never stored: images are decoded and encoded again by Pillow
(EXIF/XMP/comments dropped, orientation applied, anything appended after the image gone),
and PDFs are parsed and written again by pypdf (scripts, embedded files and trailing bytes
dropped). The type comes from the leading bytes, never from the file name or the client.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from petful.platform.errors import InvalidArgument, PayloadTooLarge, UnsupportedMediaType

FIELD = "file"
MAX_FRAMES = 500
MAX_PDF_PAGES = 500


class Kind(StrEnum):
    IMAGE = "image"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Format:
    name: str  # Pillow format name, or "PDF"
    ext: str
    content_type: str


JPEG = Format("JPEG", "jpg", "image/jpeg")
PNG = Format("PNG", "png", "image/png")
WEBP = Format("WEBP", "webp", "image/webp")
GIF = Format("GIF", "gif", "image/gif")
PDF = Format("PDF", "pdf", "application/pdf")

ALLOWED: dict[Kind, tuple[Format, ...]] = {
    Kind.IMAGE: (JPEG, PNG, WEBP, GIF),
    Kind.DOCUMENT: (PDF, JPEG, PNG),
}
CONTENT_TYPES: dict[str, str] = {f.ext: f.content_type for f in (JPEG, PNG, WEBP, GIF, PDF)}


@dataclass(frozen=True)
class Sanitized:
    data: bytes
    format: Format
    sha256: str
    width: int | None = None
    height: int | None = None

    @property
    def content_type(self) -> str:
        return self.format.content_type

    @property
    def ext(self) -> str:
        return self.format.ext


def sniff(data: bytes) -> Format | None:
    """The format the leading bytes prove, or None. Only signatures at offset 0 count."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"%PDF-"):
        return PDF
    return None


def _reject(cls: type[InvalidArgument], reason: str) -> InvalidArgument:
    return cls(reason, field_violations=[(FIELD, reason)])


def _names(formats: tuple[Format, ...]) -> str:
    names = [f.name for f in formats]
    return ", ".join(names[:-1]) + " or " + names[-1]


def sanitize(data: bytes, *, kind: Kind, max_bytes: int, max_pixels: int) -> Sanitized:
    """Validated, re-encoded content, or a 413/415/422 DomainError naming the reason."""
    if not data:
        raise _reject(InvalidArgument, "file is empty")
    if len(data) > max_bytes:
        raise _reject(PayloadTooLarge, f"file is larger than {max_bytes} bytes")
    fmt = sniff(data)
    allowed = ALLOWED[kind]
    if fmt is None or fmt not in allowed:
        raise _reject(UnsupportedMediaType, f"content is not {_names(allowed)}")
    if fmt is PDF:
        out, width, height = _sanitize_pdf(data), None, None
    else:
        out, width, height = _sanitize_image(data, fmt, max_pixels)
    return Sanitized(out, fmt, hashlib.sha256(out).hexdigest(), width, height)


# --- images ----------------------------------------------------------------------------------


def _open(data: bytes, fmt: Format, max_pixels: int) -> Image.Image:
    """Open lazily (header only) and refuse oversized images before any pixel is decoded."""
    try:
        with warnings.catch_warnings():
            # Pillow warns above its own global limit; ours is checked explicitly below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=[fmt.name])
    except Image.DecompressionBombError as exc:
        raise _reject(InvalidArgument, "image has too many pixels") from exc
    except Exception as exc:  # any parser failure is the upload's fault, never a 500
        raise _reject(InvalidArgument, "image is truncated or corrupt") from exc
    width, height = im.size
    if width <= 0 or height <= 0:
        raise _reject(InvalidArgument, "image has no pixels")
    if width * height > max_pixels:
        raise _reject(InvalidArgument, f"image has more than {max_pixels} pixels")
    return im


# Only these keep their animation. A JPEG's extra frames (MPO: phone depth maps, previews)
# and a PNG's (APNG) are dropped: the first frame is the picture.
ANIMATED = ("GIF", "WEBP")


def _frame_count(im: Image.Image, fmt: Format, max_pixels: int) -> int:
    if fmt.name not in ANIMATED:
        return 1
    frames = int(getattr(im, "n_frames", 1))
    # Every frame is decoded, so the whole animation must fit the pixel budget.
    if frames > MAX_FRAMES or frames * im.width * im.height > max_pixels:
        raise _reject(InvalidArgument, "animation has too many frames for its size")
    return frames


def _flatten_mode(im: Image.Image, fmt: Format) -> Image.Image:
    if fmt is JPEG:
        return im if im.mode in ("RGB", "L") else im.convert("RGB")
    if fmt is PNG:
        return im if im.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16") else im.convert("RGBA")
    if fmt is WEBP:
        return im if im.mode in ("RGB", "RGBA") else im.convert("RGBA")
    return im


def _save_options(im: Image.Image, fmt: Format) -> dict[str, Any]:
    # ICC profiles stay (colours of wide-gamut phone photos); EXIF/XMP/comments do not.
    options: dict[str, Any] = {}
    icc = im.info.get("icc_profile")
    if icc and fmt is not GIF:
        options["icc_profile"] = icc
    if fmt is JPEG:
        options.update(quality=88, optimize=False, progressive=True)
    elif fmt is WEBP:
        options.update(quality=85, method=4)
    return options


def _sanitize_image(data: bytes, fmt: Format, max_pixels: int) -> tuple[bytes, int, int]:
    im = _open(data, fmt, max_pixels)
    try:
        frames = _frame_count(im, fmt, max_pixels)
        out = io.BytesIO()
        if frames > 1:
            # Animated GIF/WebP: re-encode every frame; Pillow reads each frame's timing.
            frame_list = []
            durations = []
            for index in range(frames):
                im.seek(index)
                frame = im.convert("RGBA")
                frame.info = {}  # encoders fall back to info (comments, XMP): drop it
                frame_list.append(frame)
                durations.append(int(im.info.get("duration", 100)) or 100)
            first, rest = frame_list[0], frame_list[1:]
            first.save(
                out,
                fmt.name,
                save_all=True,
                append_images=rest,
                duration=durations,
                loop=int(im.info.get("loop", 0)),
                disposal=2 if fmt is GIF else 0,
            )
            width, height = first.size
        else:
            im.load()
            clean = _flatten_mode(ImageOps.exif_transpose(im), fmt)
            options = _save_options(im, fmt)
            # Encoders fall back to `info` for comments, EXIF and XMP: keep only what
            # the pixels need (a palette's transparent index).
            clean.info = {k: v for k, v in clean.info.items() if k == "transparency"}
            clean.save(out, fmt.name, **options)
            width, height = clean.size
    except InvalidArgument:
        raise
    except Exception as exc:  # truncated data, bad chunks, decoder errors
        raise _reject(InvalidArgument, "image is truncated or corrupt") from exc
    finally:
        im.close()
    return out.getvalue(), width, height


def decode_image(data: bytes, max_pixels: int) -> Image.Image:
    """A stored (already sanitized) image, decoded with the same limits; raises
    InvalidArgument when it cannot be. Used by the thumbnail maker."""
    fmt = sniff(data)
    if fmt is None or fmt is PDF:
        raise _reject(UnsupportedMediaType, "stored object is not an image")
    im = _open(data, fmt, max_pixels)
    try:
        im.load()
    except Exception as exc:
        im.close()
        raise _reject(InvalidArgument, "image is truncated or corrupt") from exc
    return im


def thumbnail(im: Image.Image, size: int) -> bytes:
    """A WebP no wider or taller than `size` px, aspect kept, never upscaled."""
    copy = im.convert("RGBA" if im.mode in ("RGBA", "LA", "P", "PA") else "RGB")
    copy.thumbnail((size, size), Image.Resampling.LANCZOS)  # only ever shrinks
    out = io.BytesIO()
    copy.save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------

# Document-level entries that run code or carry payloads; a document needs none of them.
_PDF_ACTIVE_ROOT_KEYS = ("/OpenAction", "/AA", "/AcroForm", "/JavaScript")
_PDF_ACTIVE_NAME_TREES = ("/JavaScript", "/EmbeddedFiles")


def _sanitize_pdf(data: bytes) -> bytes:
    if b"%%EOF" not in data:  # a cut-off file loses its end marker
        raise _reject(InvalidArgument, "PDF is truncated or corrupt")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise _reject(InvalidArgument, "PDF is encrypted")
        pages = len(reader.pages)
        if pages == 0:
            raise _reject(InvalidArgument, "PDF has no pages")
        if pages > MAX_PDF_PAGES:
            raise _reject(InvalidArgument, f"PDF has more than {MAX_PDF_PAGES} pages")
        writer = PdfWriter()
        for page in reader.pages:
            _ = page.mediabox  # every page must resolve, or the file is broken
            added = writer.add_page(page)
            for key in ("/AA", "/Annots"):  # page actions; links and form widgets
                if NameObject(key) in added:
                    del added[NameObject(key)]
        root = writer.root_object
        for key in _PDF_ACTIVE_ROOT_KEYS:
            if NameObject(key) in root:
                del root[NameObject(key)]
        names = root.get("/Names")
        if names is not None:
            names_obj = names.get_object()
            for key in _PDF_ACTIVE_NAME_TREES:
                if NameObject(key) in names_obj:
                    del names_obj[NameObject(key)]
        writer.add_metadata({"/Producer": "PetFul"})
        out = io.BytesIO()
        writer.write(out)
        result = out.getvalue()
        # The written file must read back: a structural check of what we store.
        if len(PdfReader(io.BytesIO(result), strict=False).pages) != pages:
            raise _reject(InvalidArgument, "PDF is truncated or corrupt")
    except InvalidArgument:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken input
        raise _reject(InvalidArgument, "PDF is truncated or corrupt") from exc
    return result
