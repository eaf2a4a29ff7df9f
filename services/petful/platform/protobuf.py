"""The one home for protobuf <-> Python conversions every servicer, peer and edge schema needs.

Timestamps: protobuf has no "unset" for a scalar Timestamp field except message presence,
so `from_timestamp` asks `HasField` and `timestamp_or_none` treats the zero instant (what an
unset field reads as) as absent. Enums: messages name values `PREFIX_NAME`; the domain uses
the bare `NAME` (read with `enum_name`, written as `PREFIX_ + NAME`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from google.protobuf.timestamp_pb2 import Timestamp

# What an unknown enum number becomes: never a valid name, so validation names the field.
UNKNOWN_ENUM = "?"


class EnumType(Protocol):
    """The generated enum wrapper (`pb.Species`). Messages are built with the value's full
    name (`"SPECIES_" + species`), which the generated constructors accept and type-check."""

    def Name(self, number: int) -> str: ...


def to_timestamp(value: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value.astimezone(UTC))
    return stamp


def opt_timestamp(value: datetime | None) -> Timestamp | None:
    """For optional message fields: None leaves the field unset."""
    return None if value is None else to_timestamp(value)


def from_timestamp(message: Any, field: str) -> datetime | None:
    """An optional Timestamp field of message as an aware datetime; None when unset."""
    if not message.HasField(field):
        return None
    value: datetime = getattr(message, field).ToDatetime(tzinfo=UTC)
    return value


def timestamp_or_none(stamp: Timestamp) -> datetime | None:
    """A Timestamp read without presence: the zero instant means "not set"."""
    if not stamp.seconds and not stamp.nanos:
        return None
    return stamp.ToDatetime(tzinfo=UTC)


def enum_name(enum: EnumType, number: int, prefix: str) -> str:
    """`SPECIES_DOG` -> `DOG`; 0 (unspecified) -> ""; an unknown number -> "?"."""
    if number == 0:
        return ""
    try:
        return enum.Name(number).removeprefix(prefix)
    except ValueError:
        return UNKNOWN_ENUM
