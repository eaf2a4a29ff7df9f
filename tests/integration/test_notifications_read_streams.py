"""ReadStreams: many open streams' new rows in one call, for the edge only, and the edge's
gatherer that turns the streams woken at one moment into few such calls.

The service function on PostgreSQL; the gatherer with a recording reader (the stream's own
tests and test_notifications_many_streams run it through the real edge).
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

import pytest

from petful.edge.notifications.reads import POSITIONS_PER_CALL, Gatherer, Position
from petful.notifications import service
from petful.notifications.models import Notification
from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform.auth_context import Principal, Role, service_principal
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument, PermissionDenied
from petful.platform.settings import Settings

EDGE = service_principal("edge")


async def _write(user_id: uuid.UUID, title: str, *, hidden: bool = False) -> int:
    async with transaction() as session:
        row = Notification(
            id=uuid.uuid4(),
            user_id=user_id,
            event_id=uuid.uuid4(),
            type="ANNOUNCEMENT",
            category="ACCOUNT",
            title=title,
            body="",
            link="/notifications",
            created_at=datetime.now(UTC),
            hidden_at=datetime.now(UTC) if hidden else None,
        )
        session.add(row)
        await session.flush()
        await session.refresh(row, ["seq"])
        return row.seq


async def _read(positions: list[tuple[str, int]], limit: int = 0) -> list[list[str]]:
    async with transaction() as session:
        pages = await service.read_streams(session, actor=EDGE, positions=positions, limit=limit)
    return [[n.title for n in page] for page in pages]


async def test_each_position_gets_its_users_visible_rows_after_it_in_order(
    settings: Settings,
) -> None:
    bori, kong, nobody = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    first = await _write(bori, "b1")
    await _write(kong, "k1")
    second = await _write(bori, "b2")
    await _write(bori, "hidden", hidden=True)
    await _write(bori, "b3")

    pages = await _read(
        [(str(kong), 0), (str(bori), first), (str(nobody), 0), (str(bori), second), (str(bori), 0)]
    )
    assert pages == [["k1"], ["b2", "b3"], [], ["b3"], ["b1", "b2", "b3"]]
    # At most `limit` rows per position, the oldest first.
    assert await _read([(str(bori), 0), (str(kong), 0)], limit=2) == [["b1", "b2"], ["k1"]]


@pytest.mark.parametrize(
    "caller",
    [
        Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.ADMIN})),
        service_principal("notifications"),
        Principal(user_id="service:edge", roles=frozenset({Role.USER})),
    ],
    ids=["an admin", "another service", "a user named like the edge"],
)
async def test_only_the_edge_reads_many_streams(settings: Settings, caller: Principal) -> None:
    async with transaction() as session:
        with pytest.raises(PermissionDenied):
            await service.read_streams(session, actor=caller, positions=[(str(uuid.uuid4()), 0)])


async def test_bad_positions_are_refused_naming_them(settings: Settings) -> None:
    async with transaction() as session:
        with pytest.raises(InvalidArgument) as caught:
            await service.read_streams(
                session, actor=EDGE, positions=[(str(uuid.uuid4()), 0), ("bori", -1)], limit=101
            )
    fields = {field for field, _ in caught.value.field_violations}
    assert fields == {"limit", "positions[1].user_id", "positions[1].after_seq"}
    async with transaction() as session:
        with pytest.raises(InvalidArgument):
            await service.read_streams(session, actor=EDGE, positions=[])
        too_many = [(str(uuid.uuid4()), 0)] * 501
        with pytest.raises(InvalidArgument):
            await service.read_streams(session, actor=EDGE, positions=too_many)


class Recording:
    """A reader that answers each position with one row titled after it, and records its
    calls; held closed until released, so the test decides when a call is out."""

    def __init__(self) -> None:
        self.calls: list[list[Position]] = []
        self.called = asyncio.Event()
        self.release = asyncio.Event()
        self.fail = False

    async def __call__(self, positions: list[Position]) -> list[list[pb.Notification]]:
        self.calls.append(positions)
        self.called.set()
        await self.release.wait()
        if self.fail:
            raise RuntimeError("the service is down")
        return [[pb.Notification(title=f"{user}>{after}")] for user, after in positions]


async def test_streams_asking_while_a_call_is_out_go_together_in_the_next() -> None:
    reader = Recording()
    gatherer = Gatherer(reader)
    first = asyncio.create_task(gatherer.after("a", 1))
    await reader.called.wait()  # the first call is out
    rest = [asyncio.create_task(gatherer.after(f"u{i}", i)) for i in range(POSITIONS_PER_CALL + 2)]
    reader.release.set()
    assert [n.title for n in await first] == ["a>1"]
    answers = await asyncio.gather(*rest)
    assert [a[0].title for a in answers] == [f"u{i}>{i}" for i in range(POSITIONS_PER_CALL + 2)]
    # One call for the first, then the waiting ones in as few calls as the limit allows.
    assert [len(c) for c in reader.calls] == [1, POSITIONS_PER_CALL, 2]


async def test_a_failed_call_fails_the_streams_in_it_and_the_next_ones_are_read() -> None:
    reader = Recording()
    reader.fail = True
    reader.release.set()
    gatherer = Gatherer(reader)
    with pytest.raises(RuntimeError):
        await gatherer.after("a", 0)
    reader.fail = False
    assert [n.title for n in await gatherer.after("a", 0)] == ["a>0"]
