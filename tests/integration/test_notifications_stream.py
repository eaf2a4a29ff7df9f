"""The real-time stream through a real Envoy: notifications written while a stream is open
arrive on it, a reconnect with Last-Event-ID gets what it missed and nothing twice, idle
streams carry heartbeats, and a stream that ends leaves Redis.

Identity, notifications and the edge (uvicorn) in this process behind Envoy rendered from
the chart's template (front_door_support), on PostgreSQL and Redis; events are handed to
the catalogue's subscribers as a worker would. The last tests drive the stream's loop
directly, for orderings a live test cannot force.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import grpc
import httpx
import pytest

from petful.contracts import health as health_events
from petful.edge.notifications import stream
from petful.notifications import grpc_api
from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform import settings as settings_module
from petful.platform.grpc_server import start_server
from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from tests.integration.front_door_support import Stack, running_stack
from tests.integration.notifications_support import emit, reminder, run
from tests.support import wait_for

STREAM = "/api/v1/notifications/stream"
Frame = dict[str, str]


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    """Envoy, the edge and identity (running_stack), and the notifications service."""
    async with running_stack(settings, tmp_path, monkeypatch) as s:
        server = await start_server(
            "notifications", grpc_api.register, settings=settings_module.get_settings(), port=0
        )
        targets = dict(settings_module.get_settings().service_targets)
        targets["notifications"] = f"127.0.0.1:{server.port}"
        monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps(targets))
        settings_module.get_settings.cache_clear()
        try:
            yield s
        finally:
            await server.stop(0)


class Sse:
    """An open event stream, read one frame (the fields before a blank line) at a time."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def next(self, timeout: float = 10) -> Frame:  # noqa: ASYNC109
        frame: Frame = {}
        while True:
            line = await asyncio.wait_for(anext(self._lines), timeout)
            if line == "":
                if frame:
                    return frame
                continue
            name, _, value = line.partition(":")
            frame[name or ":"] = value.removeprefix(" ")

    async def notification(self) -> dict[str, Any]:
        """The next notification (heartbeats come at any time between them: skipped), its
        data with its event id."""
        frame = await self.next()
        while frame == {":": "ping"}:
            frame = await self.next()
        assert frame.get("event") == "notification", frame
        data: dict[str, Any] = json.loads(frame["data"])
        assert frame["id"] == str(data["seq"])
        return data


@asynccontextmanager
async def opened(stack: Stack, token: str, last_event_id: int | None = None) -> AsyncIterator[Sse]:
    """A stream through Envoy, open once its first frame (sent after it subscribed) came."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    timeout = httpx.Timeout(10, read=None)
    async with (
        httpx.AsyncClient(base_url=stack.url, timeout=timeout) as client,
        client.stream("GET", STREAM, headers=headers) as response,
    ):
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        sse = Sse(response)
        assert await sse.next() == {"retry": str(stream.RETRY_MILLISECONDS)}
        yield sse


async def notify(user_id: str, title: str) -> None:
    await emit(health_events.REMINDER_DUE, reminder(user_id, title))
    assert await run("HEALTH_REMINDER") == 1


async def test_a_notification_written_while_the_stream_is_open_arrives(stack: Stack) -> None:
    token = (await stack.login())["access"]
    async with opened(stack, token) as sse:
        await notify(stack.user_id, "아침 약")
        first = await sse.notification()
        assert (first["title"], first["type"], first["category"]) == (
            "보리 · 아침 약",
            "HEALTH_REMINDER",
            "HEALTH",
        )
        assert first["read_at"] is None
        await notify(stack.user_id, "저녁 약")
        second = await sse.notification()
        assert second["title"] == "보리 · 저녁 약"
        assert second["seq"] > first["seq"]


async def test_a_new_stream_starts_now_and_a_reconnect_resumes_once(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pings often: after the last notification the next frame is a ping, so nothing came
    # twice before it.
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__STREAM_HEARTBEAT_SECONDS", "0.2")
    settings_module.get_settings.cache_clear()
    token = (await stack.login())["access"]
    await notify(stack.user_id, "지난 일정")  # before any stream: not replayed without an id
    async with opened(stack, token) as sse:
        await notify(stack.user_id, "하나")
        seen = await sse.notification()
        assert seen["title"] == "보리 · 하나"
    # Missed while disconnected.
    for title in ("둘", "셋"):
        await notify(stack.user_id, title)
    async with opened(stack, token, last_event_id=seen["seq"]) as sse:
        missed = [await sse.notification(), await sse.notification()]
        assert [n["title"] for n in missed] == ["보리 · 둘", "보리 · 셋"]
        await notify(stack.user_id, "넷")
        live = await sse.notification()
        assert live["title"] == "보리 · 넷"
        assert await sse.next() == {":": "ping"}
    assert [seen["seq"], *(n["seq"] for n in missed), live["seq"]] == sorted(
        {seen["seq"], *(n["seq"] for n in missed), live["seq"]}
    )


async def test_idle_streams_carry_heartbeats(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__STREAM_HEARTBEAT_SECONDS", "0.2")
    settings_module.get_settings.cache_clear()
    token = (await stack.login())["access"]
    async with opened(stack, token) as sse:
        assert await sse.next(timeout=5) == {":": "ping"}
        assert await sse.next(timeout=5) == {":": "ping"}


async def test_a_stream_that_ends_leaves_redis(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__STREAM_HEARTBEAT_SECONDS", "0.2")
    settings_module.get_settings.cache_clear()
    token = (await stack.login())["access"]
    async with opened(stack, token), opened(stack, token):
        assert stream.hub().listening(stack.user_id) == 2

    async def left() -> bool:  # noticed at the next heartbeat's write at the latest
        return stream.hub().listening(stack.user_id) == 0

    await wait_for(left)


async def test_a_stream_outlives_a_dropped_subscription(stack: Stack) -> None:
    token = (await stack.login())["access"]
    async with opened(stack, token) as sse:
        # Redis drops the edge's subscriber connection: the hub reconnects, subscribes
        # again and has its streams read what they may have missed meanwhile.
        killed = await get_redis().client_kill_filter(_type="pubsub")
        assert killed >= 1
        await notify(stack.user_id, "재연결 후")
        assert (await sse.notification())["title"] == "보리 · 재연결 후"
        await notify(stack.user_id, "그다음")
        assert (await sse.notification())["title"] == "보리 · 그다음"


async def test_the_stream_needs_a_signed_in_caller_asking_for_it(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.url, timeout=10) as client:
        r = await client.get(STREAM)
        assert r.status_code == 401, r.text
        token = (await stack.login())["access"]
        signed_in = {"Authorization": f"Bearer {token}", "Accept": "text/event-stream"}
        r = await client.get(STREAM, headers={**signed_in, "Last-Event-ID": "seven"})
        assert r.status_code == 422, r.text
        assert {e["field"] for e in r.json()["errors"]} == {"Last-Event-ID"}
        # A plain GET (no stream asked for) is answered at once, not held open.
        r = await client.get(STREAM, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 406, r.text
    assert r.headers["content-type"] == "application/problem+json"


# --- the stream's loop, driven directly ------------------------------------------------------


class _Hub:
    def __init__(self) -> None:
        self.left = False

    async def leave(self, listener: stream.Listener) -> None:
        self.left = True


def row(seq: int) -> pb.Notification:
    return pb.Notification(id=str(uuid.uuid4()), seq=seq, title=f"#{seq}")


def rows_after(table: list[int]) -> Callable[[int], Any]:
    """A fetch over a user's rows (their seqs), `page` at a time like the service."""

    async def fetch(after: int) -> list[pb.Notification]:
        return [row(s) for s in table if s > after][:2]

    return fetch


def seqs(frames: list[bytes]) -> list[int]:
    return [int(f.split(b"\n")[0][4:]) for f in frames if f.startswith(b"id: ")]


async def test_a_row_announced_while_the_backlog_was_read_is_sent_once() -> None:
    hub = _Hub()
    listener = stream.Listener(hub, "notifications:user:x")  # type: ignore[arg-type]
    table = [3, 4, 5]
    # Rows 4 and 5 were announced while the route read the backlog (4 is in it, 5 is not);
    # row 6 arrives later.
    listener.notify(4)
    listener.notify(5)
    body = stream.events(
        listener,
        backlog=[row(4)],
        last_sent=3,
        fetch=rows_after(table),
        render=lambda n: n.title,
        page=2,
        lifetime=30,
        heartbeat=15,
    )
    frames = [await anext(body) for _ in range(3)]  # retry, 4, 5
    table.append(6)
    listener.notify(6)
    frames.append(await anext(body))
    listener.notify(5)  # a late duplicate announcement: nothing to send
    listener.notify(6)
    table.append(7)
    listener.notify(7)
    frames.append(await anext(body))
    assert seqs(frames) == [4, 5, 6, 7]
    await body.aclose()
    assert hub.left


async def test_a_long_backlog_is_read_page_by_page_and_the_stream_ends_with_the_token() -> None:
    hub = _Hub()
    listener = stream.Listener(hub, "notifications:user:x")  # type: ignore[arg-type]
    table = [1, 2, 3, 4, 5]
    body = stream.events(
        listener,
        backlog=[row(1), row(2)],
        last_sent=0,
        fetch=rows_after(table),
        render=lambda n: n.title,
        page=2,
        lifetime=0.5,
        heartbeat=15,
    )
    frames = [f async for f in body]  # ends by itself when the lifetime is over
    assert seqs(frames) == [1, 2, 3, 4, 5]
    assert hub.left


async def test_a_failed_read_ends_the_stream_for_the_client_to_resume() -> None:
    hub = _Hub()
    listener = stream.Listener(hub, "notifications:user:x")  # type: ignore[arg-type]

    async def down(after: int) -> list[pb.Notification]:
        raise grpc.aio.AioRpcError(
            grpc.StatusCode.UNAVAILABLE, grpc.aio.Metadata(), grpc.aio.Metadata()
        )

    body = stream.events(
        listener,
        backlog=[],
        last_sent=0,
        fetch=down,
        render=str,
        page=2,
        lifetime=30,
        heartbeat=15,
    )
    assert await anext(body) == f"retry: {stream.RETRY_MILLISECONDS}\n\n".encode()
    listener.notify(1)
    assert [f async for f in body] == []
    assert hub.left
