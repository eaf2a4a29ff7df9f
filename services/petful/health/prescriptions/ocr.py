"""Reading a prescription photo: Pillow preprocessing, then Tesseract (`kor+eng`).

Tesseract is the Debian `tesseract-ocr` and `tesseract-ocr-kor` packages' binary, run as
a subprocess: no Python binding to pin, and a timeout that really stops it (a thread in
this process could not be stopped). `OMP_THREAD_LIMIT=1` keeps one read on one core, so a
worker's other tasks are not starved while it runs.

Preprocessing is what makes a phone photo readable: grayscale; a median filter against
sensor noise and paper texture; small photos scaled up (Tesseract wants capital letters
20-30 px high); the text deskewed (the angle whose row profile is sharpest, within
MAX_SKEW degrees); a slight blur, then Otsu's threshold to black on white.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Protocol

from PIL import Image, ImageFilter, ImageOps

from petful.platform.logging import get_logger

log = get_logger(__name__)

LANGUAGES = "kor+eng"
# Page segmentation 4: one column of text of variable sizes, which prescriptions are.
PAGE_SEGMENTATION = "4"
TIMEOUT_SECONDS = 60.0
# A photo's long side is scaled to this when smaller: prescription text of ordinary size
# then has letters of the height Tesseract reads best.
TARGET_LONG_SIDE = 2000
# Never more than this (a long side of 6000 px is ~36 MP of work for nothing).
MAX_LONG_SIDE = 4000
MAX_SKEW = 6.0
# Gaussian radius (px, on the scaled image) before thresholding: measured on the test
# photos, 1.5 reads the most drug names and doses (tests/unit/test_health_prescriptions_ocr).
SMOOTHING = 1.5
SKEW_STEP = 0.5
# The deskew search runs on a small copy: the angle needs the rows, not the letters.
SKEW_PROBE_SIDE = 800


class OcrUnavailable(RuntimeError):
    """Tesseract or its Korean data is missing: an installation problem, not the image's."""


class OcrTimeout(RuntimeError):
    """Reading took longer than the limit (the process was killed)."""


class OcrPort(Protocol):
    async def read(self, image: bytes) -> OcrReading:
        """The text in the image; OcrTimeout, OcrUnavailable or ValueError (not an image)."""
        ...


@dataclass(frozen=True)
class OcrReading:
    text: str
    skew_degrees: float  # the rotation preprocessing undid


# --- preprocessing ---------------------------------------------------------------------------


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a 256-bin histogram into ink and paper (Otsu)."""
    total = sum(histogram)
    weighted_total = sum(i * count for i, count in enumerate(histogram))
    below = below_weighted = 0.0
    best_level, best_spread = 127, -1.0
    for level, count in enumerate(histogram):
        below += count
        if below == 0:
            continue
        above = total - below
        if above == 0:
            break
        below_weighted += level * count
        mean_below = below_weighted / below
        mean_above = (weighted_total - below_weighted) / above
        spread = below * above * (mean_below - mean_above) ** 2
        if spread > best_spread:
            best_level, best_spread = level, spread
    return best_level


def _row_sharpness(ink: Image.Image) -> float:
    """How crisply the rows alternate between text and gap: high when lines are level."""
    width, height = ink.size
    data = ink.tobytes()
    rows = [data[y * width : (y + 1) * width].count(255) for y in range(height)]
    return float(sum((rows[i + 1] - rows[i]) ** 2 for i in range(height - 1)))


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines."""
    probe = gray.copy()
    probe.thumbnail((SKEW_PROBE_SIDE, SKEW_PROBE_SIDE))
    level = otsu_threshold(probe.histogram())
    ink = probe.point(lambda p: 255 if p < level else 0)
    best_angle, best_score = 0.0, -1.0
    steps = int(MAX_SKEW / SKEW_STEP)
    for step in range(-steps, steps + 1):
        angle = step * SKEW_STEP
        score = _row_sharpness(ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0))
        # Ties go to the smaller rotation: a level page stays untouched.
        if score > best_score or (score == best_score and abs(angle) < abs(best_angle)):
            best_angle, best_score = angle, score
    return best_angle


def preprocess(data: bytes) -> tuple[bytes, float]:
    """The photo as a black-on-white PNG for Tesseract, and the skew it corrected.

    ValueError when the bytes are not an image Pillow can read.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except (OSError, Image.DecompressionBombError, SyntaxError) as e:
        raise ValueError(f"not a readable image: {e}") from None
    image = image.filter(ImageFilter.MedianFilter(3))
    long_side = max(image.size)
    if long_side < TARGET_LONG_SIDE or long_side > MAX_LONG_SIDE:
        scale = (TARGET_LONG_SIDE if long_side < TARGET_LONG_SIDE else MAX_LONG_SIDE) / long_side
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    angle = skew_angle(image)
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    # Smooths the stair-steps scaling and rotating leave on strokes, which the threshold
    # would otherwise cut into broken letters (1정 read as 14).
    image = image.filter(ImageFilter.GaussianBlur(SMOOTHING))
    level = otsu_threshold(image.histogram())
    image = image.point(lambda p: 255 if p > level else 0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue(), angle


# --- Tesseract -------------------------------------------------------------------------------


def tesseract_command(binary: str = "tesseract") -> list[str]:
    # stdin -> stdout: no temporary files to clean up.
    return [binary, "stdin", "stdout", "-l", LANGUAGES, "--psm", PAGE_SEGMENTATION]


class TesseractOcr:
    """The OcrPort over the `tesseract` binary."""

    def __init__(self, binary: str = "tesseract", timeout: float = TIMEOUT_SECONDS) -> None:
        self.binary = binary
        self.timeout = timeout

    def _run(self, png: bytes) -> str:
        path = shutil.which(self.binary)
        if path is None:
            raise OcrUnavailable(
                f"{self.binary!r} is not installed (Debian: tesseract-ocr tesseract-ocr-kor)"
            )
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        try:
            # A fixed argument list, no shell: nothing from the upload reaches the command.
            done = subprocess.run(
                tesseract_command(path),
                input=png,
                capture_output=True,
                timeout=self.timeout,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise OcrTimeout(f"tesseract took longer than {self.timeout:g} s") from None
        if done.returncode != 0:
            message = done.stderr.decode(errors="replace").strip()[-500:]
            if "Failed loading language" in message or "Error opening data file" in message:
                raise OcrUnavailable(f"tesseract lacks {LANGUAGES} data: {message}")
            raise ValueError(f"tesseract could not read the image: {message}")
        return done.stdout.decode("utf-8", errors="replace")

    def read_sync(self, image: bytes) -> OcrReading:
        png, angle = preprocess(image)
        return OcrReading(self._run(png), angle)

    async def read(self, image: bytes) -> OcrReading:
        # CPU bound (Pillow and the subprocess wait): off the event loop.
        return await asyncio.to_thread(self.read_sync, image)
