"""What every domain folder of the edge shares: the strict request body, the reason field,
the page model, and the bounded types numbers and instants from callers are read as.

Timestamps and enums convert with `petful.platform.protobuf` (the same helpers the services
use), so this module holds only what is specific to the REST surface.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, Protocol, TypeVar

from fastapi import Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

T = TypeVar("T")

# Every integer a caller sends ends in a protobuf int32/int64 field, where an out-of-range
# value is a ValueError (a 500 that once stalled the edge) and a huge one overflows a column.
# So every integer input, query or body, is bounded (by these shared types, or by its own
# `ge`/`le` where one schema alone uses it): too big or negative is a 422 naming the field.
# Bounds are what the product means and fit int32; tests/security checks every input.

# The most a PetStar charges or a campaign rewards (the pets and campaigns rules agree).
MAX_KRW = 100_000_000
# Above the largest account there is: a bound for filters, not a cap on accounts.
MAX_FOLLOWERS = 1_000_000_000

Krw = Annotated[int, Field(ge=0, le=MAX_KRW)]
Followers = Annotated[int, Field(ge=0, le=MAX_FOLLOWERS)]
# The page size of every paged list (the services cap it the same way).
PageSize = Annotated[int, Query(ge=1, le=100)]


def _fits_utc(value: datetime) -> datetime:
    # At the ends of the calendar (9999-12-31 at -14:00) the instant falls outside the years
    # 1-9999 in UTC, where converting it (as protobuf's Timestamp does) raises OverflowError.
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("must fall between the years 1 and 9999 in UTC") from None
    return value


# An instant a caller sends (RFC 3339 with an offset) that a protobuf Timestamp can hold.
Instant = Annotated[AwareDatetime, AfterValidator(_fits_utc)]


class Body(BaseModel):
    """A request body: unknown fields are refused (422), strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Page(BaseModel, Generic[T]):
    """One page of a list; pass next_cursor back as `cursor` for the next (null at the end)."""

    items: list[T]
    next_cursor: str | None


def reason_field(*examples: str) -> Any:
    """A decision's reason the person concerned reads (a suspension, rejection, ...)."""
    return Field(min_length=5, max_length=500, examples=list(examples) or None)


class _ImageMessage(Protocol):
    """The image message every domain's proto uses (pets.Image, identity.ProfileImage)."""

    @property
    def media_id(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def thumbnails(self) -> Mapping[str, str]: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


class Image(BaseModel):
    """An uploaded picture: its public URL and WebP thumbnails by width."""

    media_id: str
    url: str = Field(examples=["/media/public/pets/<id>/<sha256>.webp"])
    thumbnails: dict[str, str]
    width: int
    height: int

    @classmethod
    def from_pb(cls, m: _ImageMessage) -> Image | None:
        """None for an unset message (no picture)."""
        if not m.media_id:
            return None
        return cls(
            media_id=m.media_id,
            url=m.url,
            thumbnails=dict(m.thumbnails),
            width=m.width,
            height=m.height,
        )
