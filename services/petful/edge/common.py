"""What every domain folder of the edge shares: the strict request body, the reason field,
the page model and its page-size parameter.

Timestamps and enums convert with `petful.platform.protobuf` (the same helpers the services
use), so this module holds only what is specific to the REST surface.
"""

from __future__ import annotations

from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

# The page size of every paged list (the services cap it the same way).
PageSize = Annotated[int, Query(ge=1, le=100)]


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
