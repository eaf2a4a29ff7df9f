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
from typing import Any

from petful.platform.db import dispose_engines, transaction
from petful.platform.settings import DOMAINS, Settings

# sns links the sandbox Instagram accounts before pets attaches them to demo pets.
_FIRST = ("identity", "sns", "pets", "advertisers", "campaigns")
SEED_ORDER: tuple[str, ...] = _FIRST + tuple(d for d in DOMAINS if d not in _FIRST)


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
