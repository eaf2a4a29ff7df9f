"""Event contracts: every topic a service publishes, with its typed payload.

Producers and consumers import the same `Topic` constants from here (a domain never imports
another domain, but every domain may import its contracts). See `base.py`.
"""

from __future__ import annotations

import importlib
from typing import Any

from petful.contracts.base import DECLARED, Payload, Received, Topic

PRODUCERS = (
    "identity",
    "pets",
    "advertisers",
    "campaigns",
    "matching",
    "sns",
    "community",
    "health",
    "notifications",
    "media",
)


def all_topics() -> dict[str, Topic[Any]]:
    """Every declared topic by name (imports each producer's contract module)."""
    for producer in PRODUCERS:
        importlib.import_module(f"petful.contracts.{producer}")
    return dict(DECLARED)


__all__ = ["DECLARED", "PRODUCERS", "Payload", "Received", "Topic", "all_topics"]
