"""Demo data: each domain may ship `petful.<domain>.demo` with an idempotent
`seed(session, demo)`.

Seeds run in SEED_ORDER (each domain after the ones whose facts it needs); `demo` is a
plain dict through which an earlier domain's seed
hands facts to later ones (identity puts the demo account ids under "account_ids"), since
services never read each other's tables.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
from typing import Any

from PIL import Image, ImageDraw

from petful.platform.db import dispose_engines, transaction
from petful.platform.settings import DOMAINS, Settings

# sns links the sandbox Instagram accounts before pets attaches them to demo pets.
_FIRST = ("identity", "sns", "pets", "advertisers", "campaigns")
SEED_ORDER: tuple[str, ...] = _FIRST + tuple(d for d in DOMAINS if d not in _FIRST)


def demo_picture(
    colour: tuple[int, int, int], label: str, size: tuple[int, int] = (800, 800)
) -> bytes:
    """A simple generated pet portrait for demo data (no picture files ship with the
    package)."""
    img = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.ellipse((w * 0.2, h * 0.25, w * 0.8, h * 0.85), fill=tuple(c - 40 for c in colour))
    draw.ellipse((w * 0.18, h * 0.12, w * 0.38, h * 0.4), fill=tuple(c - 60 for c in colour))
    draw.ellipse((w * 0.62, h * 0.12, w * 0.82, h * 0.4), fill=tuple(c - 60 for c in colour))
    draw.ellipse((w * 0.38, h * 0.45, w * 0.44, h * 0.52), fill=(30, 30, 30))
    draw.ellipse((w * 0.56, h * 0.45, w * 0.62, h * 0.52), fill=(30, 30, 30))
    draw.text((w * 0.05, h * 0.92), label, fill=(20, 20, 20))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


class SeedRefused(RuntimeError):
    pass


async def seed_all(settings: Settings) -> list[str]:
    if settings.is_production:
        raise SeedRefused("demo data is never loaded when PETFUL_ENV=production")
    done: list[str] = []
    demo: dict[str, Any] = {}
    try:
        for domain in SEED_ORDER:
            name = f"petful.{domain}.demo"
            if importlib.util.find_spec(name) is None:
                continue
            module = importlib.import_module(name)
            async with transaction(settings) as session:
                summary: str = await module.seed(session, demo)
            done.append(f"seeded {domain}: {summary}")
    finally:
        await dispose_engines()
    return done
