"""Telling open streams: a small message on the recipient's Redis channel after commit.

Every edge replica subscribes to the channels of the users whose streams it holds
(petful.edge.notifications.stream), so any replica serves any user. The message only says
"something up to seq N is there"; the stream reads the rows themselves through the API, so
a lost message delays a notification until the next one or a reconnect, never loses it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable

from petful.platform.redis import get_redis

# The edge spells it too (petful.edge.notifications.stream.channel_of; a test compares).
CHANNEL_PREFIX = "notifications:user:"


def channel_of(user_id: uuid.UUID | str) -> str:
    return f"{CHANNEL_PREFIX}{user_id}"


def message(notification_id: uuid.UUID, seq: int) -> str:
    """ "Something up to seq N is there" (the stream reads the rows itself)."""
    return json.dumps({"seq": seq, "id": str(notification_id)}, separators=(",", ":"))


async def announce(user_id: uuid.UUID, *, notification_id: uuid.UUID, seq: int) -> None:
    await get_redis().publish(channel_of(user_id), message(notification_id, seq))


async def announce_many(rows: Iterable[tuple[uuid.UUID, uuid.UUID, int]]) -> None:
    """(user, notification, seq) each told, in one pipelined round trip (a broadcast's
    page)."""
    pipe = get_redis().pipeline(transaction=False)
    for user_id, notification_id, seq in rows:
        pipe.publish(channel_of(user_id), message(notification_id, seq))
    await pipe.execute()
