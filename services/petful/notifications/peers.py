"""The notifications service's view of identity: the nicknames texts name people by.

A notification's title says who did it ("콩이맘님이 댓글을 남겼어요"); identity owns
nicknames, so the subscriber asks for them when it writes the row (one batch call).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Protocol

from petful.platform import profiles

# An account identity no longer knows (erased) or one that left.
UNKNOWN_NICKNAME = profiles.WITHDRAWN_NICKNAME


class ActorsPort(Protocol):
    async def nicknames(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Every id's nickname (UNKNOWN_NICKNAME for a withdrawn or unknown account)."""
        ...


class GrpcIdentity:
    """`ActorsPort` over identity (channels from the settings at call time)."""

    async def nicknames(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        wanted = set(user_ids)
        found = await profiles.public_profiles(wanted)
        return {
            uid: p.nickname if (p := found.get(uid)) and not p.withdrawn else UNKNOWN_NICKNAME
            for uid in wanted
        }
