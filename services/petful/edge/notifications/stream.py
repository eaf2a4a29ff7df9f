"""The real-time stream of a user's notifications: Server-Sent Events fed by Redis pub/sub.

The notifications service writes a row, commits, then publishes a tiny message (the row's
seq) on the recipient's channel `notifications:user:<id>`. Every edge replica subscribes to
the channels of the users whose streams it holds, through one Redis connection per process
(the `Hub`), so any replica serves any user and a thousand streams are one connection.

A message only wakes the user's streams: each stream then reads the rows after the last
seq it sent through the API (`ListNotificationsAfter`). So a stream that opens subscribes
first and reads its backlog (rows after `Last-Event-ID`) second: a row committed in between
is announced to it, and rows at or below what it already sent are never sent twice. A
user's seqs commit in order (the service serialises each user's writers), so "after the
last sent" never skips one. When the Redis connection drops, messages published meanwhile
are lost: once it is back (the client subscribes again), every stream reads what it missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import grpc
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from petful.pb.notifications.v1 import notifications_pb2 as pb
from petful.platform.errors import ServiceUnavailable
from petful.platform.logging import get_logger
from petful.platform.redis import get_redis

log = get_logger(__name__)

# The service spells it too (petful.notifications.live.channel_of; a test compares).
CHANNEL_PREFIX = "notifications:user:"

# How long an idle read of the subscription waits before looking again (health pings).
READ_POLL_SECONDS = 5.0
SUBSCRIBE_TIMEOUT_SECONDS = 5.0
RECONNECT_BACKOFF_SECONDS = (0.1, 0.5, 1.0, 2.0, 5.0)
# What clients wait before reconnecting after the stream ends (the SSE `retry:` field).
RETRY_MILLISECONDS = 3000
PING = b": ping\n\n"


def channel_of(user_id: str) -> str:
    return f"{CHANNEL_PREFIX}{user_id}"


class Listener:
    """One open stream's view of its user's channel: woken by every message, it remembers
    the highest seq announced and whether it must re-read (after a reconnect)."""

    def __init__(self, hub: Hub, channel: str) -> None:
        self._hub = hub
        self.channel = channel
        self._woken = asyncio.Event()
        self._announced = 0
        self._resync = False

    def notify(self, seq: int | None) -> None:
        """A row up to seq was written; None: messages may have been lost."""
        if seq is None:
            self._resync = True
        else:
            self._announced = max(self._announced, seq)
        self._woken.set()

    async def wait(self, timeout: float) -> bool:  # noqa: ASYNC109 - a heartbeat, not a deadline
        """True when woken within timeout."""
        try:
            await asyncio.wait_for(self._woken.wait(), timeout)
        except TimeoutError:
            return False
        self._woken.clear()
        return True

    def behind(self, last_sent: int) -> bool:
        """Whether there may be rows after last_sent to read (and forget the resync)."""
        due = self._resync or self._announced > last_sent
        self._resync = False
        return due

    async def close(self) -> None:
        await self._hub.leave(self)


class Hub:
    """Every open stream of this process (and event loop) on one Redis subscription."""

    def __init__(self, client: aioredis.Redis) -> None:
        self._pubsub = client.pubsub()
        self._listeners: dict[str, set[Listener]] = {}
        # Set once Redis confirmed the channel's subscription.
        self._subscribed: dict[str, asyncio.Future[None]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def listening(self, user_id: str) -> int:
        """How many open streams this process holds for the user."""
        return len(self._listeners.get(channel_of(user_id), ()))

    async def listen(self, user_id: str) -> Listener:
        """A listener on the user's channel, once Redis confirmed the subscription."""
        channel = channel_of(user_id)
        listener = Listener(self, channel)
        async with self._lock:
            listeners = self._listeners.setdefault(channel, set())
            listeners.add(listener)
            subscribed = self._subscribed.get(channel)
            if subscribed is None:
                subscribed = self._subscribed[channel] = asyncio.get_running_loop().create_future()
                try:
                    await self._pubsub.subscribe(channel)
                except (RedisError, OSError) as e:
                    self._forget(listener)
                    raise _unavailable() from e
                if self._reader is None or self._reader.done():
                    self._reader = asyncio.create_task(self._read(), name="notifications-hub")
        try:
            await asyncio.wait_for(asyncio.shield(subscribed), SUBSCRIBE_TIMEOUT_SECONDS)
        except TimeoutError:
            await self.leave(listener)
            raise _unavailable() from None
        return listener

    def _forget(self, listener: Listener) -> bool:
        """Drop listener; True when it was its channel's last."""
        listeners = self._listeners.get(listener.channel, set())
        listeners.discard(listener)
        if listeners:
            return False
        self._listeners.pop(listener.channel, None)
        self._subscribed.pop(listener.channel, None)
        return True

    async def leave(self, listener: Listener) -> None:
        async with self._lock:
            if self._forget(listener):
                with contextlib.suppress(RedisError, OSError):
                    # A lost connection unsubscribes by itself (and forgets it on reconnect).
                    await self._pubsub.unsubscribe(listener.channel)

    async def _read(self) -> None:
        """Hand every message to its channel's listeners until no channel is left."""
        failures = 0
        while True:
            try:
                message = await self._pubsub.get_message(timeout=READ_POLL_SECONDS)
                failures = 0
            except (RedisError, OSError) as e:
                log.warning("notification subscription lost", error=str(e))
                delay = RECONNECT_BACKOFF_SECONDS[min(failures, len(RECONNECT_BACKOFF_SECONDS) - 1)]
                failures += 1
                await asyncio.sleep(delay)
                message = None
            if message is not None:
                self._dispatch(message)
            # No lock: nothing awaits between this check and the return, and listen() starts
            # a reader when it finds none. Taking the lock here queued the reader behind
            # every stream opening at once (each holds it across a subscribe round trip),
            # so their confirmations came one per queue length: 500 streams timed out.
            if not self._listeners:
                self._reader = None
                return

    def _dispatch(self, message: dict[str, object]) -> None:
        kind, channel = message["type"], str(message["channel"])
        listeners = self._listeners.get(channel, set())
        if kind == "subscribe":
            subscribed = self._subscribed.get(channel)
            if subscribed is not None and not subscribed.done():
                subscribed.set_result(None)
            else:
                # Subscribed again after a reconnect: what was published meanwhile is lost.
                for listener in listeners:
                    listener.notify(None)
        elif kind == "message":
            try:
                seq = int(json.loads(str(message["data"]))["seq"])
            except (ValueError, KeyError, TypeError):
                log.warning("unreadable notification message", channel=channel)
                seq = None
            for listener in listeners:
                listener.notify(seq)


def _unavailable() -> ServiceUnavailable:
    return ServiceUnavailable("Real-time notifications are unavailable; try again shortly.")


_hubs: dict[int, Hub] = {}


def hub() -> Hub:
    """This event loop's hub (Redis connections belong to the loop that opened them)."""
    key = id(asyncio.get_running_loop())
    found = _hubs.get(key)
    if found is None:
        found = _hubs[key] = Hub(get_redis())
    return found


# --- the event stream ---------------------------------------------------------------------------

Fetch = Callable[[int], Awaitable[list[pb.Notification]]]
Render = Callable[[pb.Notification], str]


def frame(n: pb.Notification, data: str) -> bytes:
    """One SSE event: its id is the seq a reconnecting client sends back as Last-Event-ID."""
    return f"id: {n.seq}\nevent: notification\ndata: {data}\n\n".encode()


async def events(
    listener: Listener,
    *,
    backlog: list[pb.Notification],
    last_sent: int,
    fetch: Fetch,
    render: Render,
    page: int,
    lifetime: float,
    heartbeat: float,
) -> AsyncIterator[bytes]:
    """The stream's bytes: the backlog, then each row as it is announced, pings between.

    `backlog` is the first page after the client's position (read by the route, so an error
    there is a problem response, not a broken stream); `fetch(after)` reads the next page.
    A ping goes out after `heartbeat` idle seconds. The stream ends after `lifetime`
    seconds (when the access token expires): the client reconnects with a fresh token and
    its Last-Event-ID, so a revoked session stops here.
    """
    loop = asyncio.get_running_loop()
    ends = loop.time() + lifetime
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n".encode()
        items, more = backlog, len(backlog) >= page
        while True:
            for n in items:
                yield frame(n, render(n))
                last_sent = n.seq
            items = []
            if not more:
                left = ends - loop.time()
                if left <= 0:
                    return
                if not await listener.wait(min(heartbeat, left)):
                    yield PING
                    continue
                if not listener.behind(last_sent):
                    continue
            try:
                items = await fetch(last_sent)
            except grpc.aio.AioRpcError as e:
                # Headers are long sent: end the stream; the client resumes from last_sent.
                log.warning("notification stream ended", code=e.code().name)
                return
            more = len(items) >= page
    finally:
        await listener.close()
