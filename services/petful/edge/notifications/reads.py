"""The open streams' reads of new rows, gathered into few calls.

A stream woken by Redis reads the rows after the last one it sent. One announcement wakes
every open stream of its audience at the same moment: one ListNotificationsAfter each
would queue hundreds of calls behind each other at the service (a broadcast to 500 open
streams took seconds and some hit their deadline). Instead each stream asks this process's
`Gatherer`, which sends what was asked while its previous call was out as one ReadStreams
call (at most the service's limit of positions), as the edge itself: it already speaks for
every user whose stream it holds.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from petful.edge import clients
from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform.auth_context import service_principal, use_principal

# ReadStreams takes this many positions per call (the service's STREAM_POSITIONS_MAX).
POSITIONS_PER_CALL = 500
PRINCIPAL = service_principal("edge")

Position = tuple[str, int]  # (user id, the seq after which to read)
ReadMany = Callable[[list[Position]], Awaitable[list[list[pb.Notification]]]]


class Gatherer:
    """Reads for many streams, one call per batch of positions asked meanwhile."""

    def __init__(self, read_many: ReadMany) -> None:
        self._read_many = read_many
        self._asked: list[tuple[Position, asyncio.Future[list[pb.Notification]]]] = []
        self._sender: asyncio.Task[None] | None = None

    async def after(self, user_id: str, after_seq: int) -> list[pb.Notification]:
        """The user's visible rows after after_seq (a page), or the call's gRPC error."""
        answer: asyncio.Future[list[pb.Notification]] = asyncio.get_running_loop().create_future()
        self._asked.append(((user_id, after_seq), answer))
        if self._sender is None or self._sender.done():
            self._sender = asyncio.create_task(self._send(), name="notifications-reads")
        return await answer

    async def _send(self) -> None:
        while self._asked:
            batch = self._asked[:POSITIONS_PER_CALL]
            del self._asked[:POSITIONS_PER_CALL]
            try:
                pages = await self._read_many([position for position, _ in batch])
            except Exception as e:  # each stream ends on it (and its client resumes)
                for _, answer in batch:
                    if not answer.done():
                        answer.set_exception(e)
                continue
            for (_, answer), page in zip(batch, pages, strict=True):
                if not answer.done():  # a stream that closed meanwhile cancelled its wait
                    answer.set_result(page)


def service_reader(limit: int) -> ReadMany:
    """ReadStreams on the notifications service, at most limit rows per position."""

    async def read_many(positions: list[Position]) -> list[list[pb.Notification]]:
        request = pb.ReadStreamsRequest(
            positions=[pb.StreamPosition(user_id=u, after_seq=a) for u, a in positions],
            limit=limit,
        )
        with use_principal(PRINCIPAL):
            response: pb.ReadStreamsResponse = await clients.notifications().ReadStreams(request)
        return [list(page.items) for page in response.pages]

    return read_many


_gatherers: dict[int, Gatherer] = {}


def gatherer(limit: int) -> Gatherer:
    """This event loop's gatherer (gRPC channels belong to the loop that opened them)."""
    key = id(asyncio.get_running_loop())
    found = _gatherers.get(key)
    if found is None:
        found = _gatherers[key] = Gatherer(service_reader(limit))
    return found
