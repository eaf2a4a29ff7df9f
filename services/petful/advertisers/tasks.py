"""Advertisers tasks: thumbnails of uploaded company logos."""

from __future__ import annotations

from petful.advertisers.models import SCHEMA
from petful.platform import media

media.subscribe_thumbnails(SCHEMA)
