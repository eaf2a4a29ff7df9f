"""Advertisers tasks: thumbnails of uploaded company logos."""

from __future__ import annotations

from petful.platform import media

media.subscribe_thumbnails("advertisers")
