"""A small asyncio process supervisor for the devstack.

Starts processes in order (waiting for each to be ready), prefixes and logs their output,
restarts crashed ones with back-off, and on stop kills every process group it started.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import signal
import sys
import time
from collections import deque
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
    Mapping,
    Sequence,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from petful.devstack.child import die_with_parent
from petful.devstack.ports import port_holder, port_is_free
from petful.devstack.state import ProcessState, StackState, utc_now_iso, write_state

TAIL_LINES = 20
MAX_CRASHES = 5  # ... within CRASH_WINDOW seconds, then we give up on the process
CRASH_WINDOW = 60.0
BACKOFF_START = 0.25
BACKOFF_CAP = 10.0

ReadyCheck = Callable[[], Awaitable[bool]]
EventKind = Literal["started", "ready", "exited", "restarting", "gave_up", "stopped"]


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None  # added on top of our own environment
    cwd: Path | None = None
    ports: tuple[int, ...] = ()  # must be free before anything starts
    ready: ReadyCheck | None = None
    ready_timeout: float = 60.0
    restart: bool = True
    user: int | str | None = None  # run as this user (we must be root)
    group: int | str | None = None
    stop_signal: int = signal.SIGTERM
    prepare: Callable[[], object] | None = None  # run (in a thread) before the first start
    # Processes of one wave start together and stop together; waves start in order and
    # stop in reverse (e.g. services stop before the database they use).
    wave: int = 0
    # Sent to the process if the supervisor dies without stopping it (e.g. SIGKILL).
    orphan_signal: int = signal.SIGTERM


def _waves(specs: list[ProcessSpec]) -> list[list[ProcessSpec]]:
    """Specs grouped by wave, in wave order (spec order within a wave)."""
    by_wave: dict[int, list[ProcessSpec]] = {}
    for spec in specs:
        by_wave.setdefault(spec.wave, []).append(spec)
    return [by_wave[w] for w in sorted(by_wave)]


@dataclass(frozen=True)
class SupervisorEvent:
    kind: EventKind
    name: str
    pid: int | None = None
    returncode: int | None = None
    restarts: int = 0
    log_tail: tuple[str, ...] = ()


class SupervisorError(RuntimeError):
    pass


class PortInUseError(SupervisorError):
    def __init__(self, port: int, wanted_by: str, holder: str | None) -> None:
        self.port = port
        self.wanted_by = wanted_by
        held = f" (held by {holder})" if holder else ""
        super().__init__(f"port {port} needed by {wanted_by!r} is already in use{held}")


class NotReadyError(SupervisorError):
    def __init__(self, name: str, reason: str, log_tail: Sequence[str]) -> None:
        self.name = name
        self.log_tail = tuple(log_tail)
        lines = "\n".join(f"    {line}" for line in log_tail) or "    (no output)"
        super().__init__(f"{name} {reason}; last log lines:\n{lines}")


@dataclass
class _Child:
    spec: ProcessSpec
    log: IO[str]
    proc: asyncio.subprocess.Process | None = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=TAIL_LINES))
    restarts: int = 0
    crashes: deque[float] = field(default_factory=deque)
    started_at: str | None = None
    monitor: asyncio.Task[None] | None = None
    pump: asyncio.Task[None] | None = None
    gave_up: bool = False
    stopped: bool = False


class EventStream:
    """Events from the moment of subscription; async-iterable."""

    def __init__(self, owner: Supervisor) -> None:
        self._owner = owner
        self._queue: asyncio.Queue[SupervisorEvent] = asyncio.Queue()

    def _put(self, event: SupervisorEvent) -> None:
        self._queue.put_nowait(event)

    def __aiter__(self) -> AsyncIterator[SupervisorEvent]:
        return self

    async def __anext__(self) -> SupervisorEvent:
        return await self._queue.get()

    async def next_matching(self, predicate: Callable[[SupervisorEvent], bool]) -> SupervisorEvent:
        """The next event satisfying `predicate` (wrap in `asyncio.timeout`)."""
        while not predicate(event := await self._queue.get()):
            pass
        return event

    def close(self) -> None:
        self._owner._streams.discard(self)


class Supervisor:
    def __init__(
        self,
        specs: Sequence[ProcessSpec],
        log_dir: Path,
        state_file: Path,
        *,
        echo: bool = True,
        grace_period: float = 10.0,
        on_event: Callable[[SupervisorEvent], None] | None = None,
    ) -> None:
        names = [s.name for s in specs]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate process names in {names}")
        self.specs = list(specs)
        self.log_dir = log_dir
        self.state_file = state_file
        self.echo = echo
        self.grace_period = grace_period
        self.on_event = on_event
        self._children: dict[str, _Child] = {}  # in start order
        self._streams: set[EventStream] = set()
        self._stopping = False
        self._checked_ports = False
        self._started_at = utc_now_iso()

    # -- observation -----------------------------------------------------------------

    def subscribe(self) -> EventStream:
        stream = EventStream(self)
        self._streams.add(stream)
        return stream

    def restarts(self, name: str) -> int:
        return self._children[name].restarts

    def pid(self, name: str) -> int | None:
        child = self._children.get(name)
        return child.proc.pid if child and child.proc else None

    def _emit(self, event: SupervisorEvent) -> None:
        for stream in list(self._streams):
            stream._put(event)
        if self.on_event is not None:
            self.on_event(event)

    def _say(self, name: str, line: str) -> None:
        if self.echo:
            # sys.stdout looked up per call: pytest and the CLI may swap it.
            sys.stdout.write(f"{name} | {line}\n")
            sys.stdout.flush()

    # -- start -------------------------------------------------------------------------

    def check_ports(self, specs: Iterable[ProcessSpec]) -> None:
        for spec in specs:
            for port in spec.ports:
                if not port_is_free(port):
                    raise PortInUseError(port, spec.name, port_holder(port))

    async def start(self, names: Iterable[str] | None = None) -> None:
        """Start `names` (default: all not yet started) in spec order, each until ready.

        The first call checks the ports of *every* spec, so a clash fails before anything
        runs. On failure, everything started so far is stopped again.
        """
        wanted = set(names) if names is not None else None
        todo = [
            s
            for s in self.specs
            if s.name not in self._children and (wanted is None or s.name in wanted)
        ]
        if not self._checked_ports:
            self.check_ports(self.specs)
            self._checked_ports = True
        else:
            self.check_ports(todo)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        try:
            for wave in _waves(todo):
                await asyncio.gather(*(self._start_one(spec) for spec in wave))
        except BaseException:
            await self.stop()
            raise

    async def _start_one(self, spec: ProcessSpec) -> None:
        if spec.prepare is not None:
            await asyncio.to_thread(spec.prepare)
        log = (self.log_dir / f"{spec.name}.log").open("a", encoding="utf-8", errors="replace")
        child = _Child(spec=spec, log=log)
        self._children[spec.name] = child
        await self._spawn(child)
        if spec.ready is not None:
            await self._wait_ready(child)
            self._emit(SupervisorEvent("ready", spec.name, self.pid(spec.name), None, 0))
        child.monitor = asyncio.create_task(self._monitor(child), name=f"monitor-{spec.name}")

    async def _spawn(self, child: _Child) -> None:
        spec = child.spec
        env = {**os.environ, **(spec.env or {})}
        extra: dict[str, object] = {}
        if spec.user is not None:
            # Drop root's supplementary groups too, not just uid/gid.
            extra = {"user": spec.user, "group": spec.group, "extra_groups": []}
        proc = await asyncio.create_subprocess_exec(
            *spec.argv,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=env,
            cwd=spec.cwd,
            start_new_session=True,  # own process group: stop() kills all descendants
            # and a SIGKILLed supervisor leaves no orphans
            preexec_fn=functools.partial(die_with_parent, spec.orphan_signal),
            **extra,  # type: ignore[arg-type]
        )
        child.proc = proc
        child.started_at = utc_now_iso()
        child.pump = asyncio.create_task(self._pump(child, proc), name=f"pump-{spec.name}")
        self._write_state()
        self._emit(SupervisorEvent("started", spec.name, proc.pid, None, child.restarts))

    async def _pump(self, child: _Child, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while raw := await proc.stdout.readline():
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            child.tail.append(line)
            child.log.write(line + "\n")
            child.log.flush()
            self._say(child.spec.name, line)

    async def _wait_ready(self, child: _Child) -> None:
        spec, proc = child.spec, child.proc
        assert spec.ready is not None
        assert proc is not None
        deadline = time.monotonic() + spec.ready_timeout
        while True:
            if proc.returncode is not None:
                await self._drain(child)
                raise NotReadyError(
                    spec.name, f"exited with code {proc.returncode} before ready", child.tail
                )
            if await spec.ready():
                return
            if time.monotonic() > deadline:
                raise NotReadyError(
                    spec.name, f"not ready after {spec.ready_timeout:g}s", child.tail
                )
            # Wake early if the process dies while we wait.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(proc.wait()), 0.2)

    async def _drain(self, child: _Child) -> None:
        # Let the pump read the rest of the output so log tails are complete.
        if child.pump is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(child.pump), 2.0)

    # -- crash handling ----------------------------------------------------------------

    async def _monitor(self, child: _Child) -> None:
        spec = child.spec
        while True:
            proc = child.proc
            assert proc is not None
            code = await proc.wait()
            if self._stopping:
                return
            await self._drain(child)
            _kill_group(proc.pid, signal.SIGKILL)  # leftovers of the crashed process
            tail = tuple(child.tail)
            self._say("supervisor", f"{spec.name} (pid {proc.pid}) exited with code {code}")
            for line in tail:
                self._say("supervisor", f"  {spec.name} | {line}")
            self._emit(SupervisorEvent("exited", spec.name, proc.pid, code, child.restarts, tail))
            now = time.monotonic()
            child.crashes.append(now)
            while child.crashes and now - child.crashes[0] > CRASH_WINDOW:
                child.crashes.popleft()
            if not spec.restart or len(child.crashes) >= MAX_CRASHES:
                child.gave_up = True
                why = "restart disabled" if not spec.restart else "crashing repeatedly"
                self._say("supervisor", f"giving up on {spec.name}: {why}")
                self._emit(SupervisorEvent("gave_up", spec.name, proc.pid, code, child.restarts))
                self._write_state()
                return
            delay = min(BACKOFF_START * 2 ** (len(child.crashes) - 1), BACKOFF_CAP)
            self._emit(SupervisorEvent("restarting", spec.name, None, code, child.restarts))
            await asyncio.sleep(delay)
            if self._stopping:
                return
            child.restarts += 1
            child.tail.clear()
            await self._spawn(child)

    # -- stop --------------------------------------------------------------------------

    async def stop(self) -> None:
        """Stop every started process in reverse order; nothing is left running."""
        self._stopping = True
        # Children stay registered so restarts()/pid() remain answerable afterwards.
        children = [c for c in self._children.values() if not c.stopped]
        by_wave: dict[int, list[_Child]] = {}
        for child in children:
            by_wave.setdefault(child.spec.wave, []).append(child)
        for wave in sorted(by_wave, reverse=True):
            await asyncio.gather(*(self._stop_one(c) for c in by_wave[wave]))
        with contextlib.suppress(FileNotFoundError):
            self.state_file.unlink()

    async def _stop_one(self, child: _Child) -> None:
        child.stopped = True
        proc = child.proc
        if proc is not None:
            if proc.returncode is None:
                _kill_group(proc.pid, child.spec.stop_signal)
                try:
                    await asyncio.wait_for(proc.wait(), self.grace_period)
                except TimeoutError:
                    self._say("supervisor", f"{child.spec.name} ignored stop; killing")
                    _kill_group(proc.pid, signal.SIGKILL)
                    await proc.wait()
                # Descendants that outlived the leader. (Only right after it exited: a
                # long-dead group id could have been reused by then.)
                _kill_group(proc.pid, signal.SIGKILL)
            await self._drain(child)
            self._emit(SupervisorEvent("stopped", child.spec.name, proc.pid, proc.returncode))
        for task in (child.monitor, child.pump):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        child.log.close()

    async def run(
        self, startup: Callable[[Supervisor], Coroutine[Any, Any, None]] | None = None
    ) -> None:
        """Run until SIGINT/SIGTERM, then stop everything.

        `startup` (default: start all) may call `start(names)` in stages with other work in
        between, e.g. migrations after the infrastructure is up. A signal during startup
        cancels it.
        """
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        boot: asyncio.Task[None] = asyncio.create_task(
            startup(self) if startup is not None else self.start()
        )
        stopped = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({boot, stopped}, return_when=asyncio.FIRST_COMPLETED)
            if boot.done():
                boot.result()  # re-raise a startup failure
                self._say("supervisor", "all processes started; Ctrl-C stops them")
                await stopped
        finally:
            for task in (boot, stopped):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)
            await self.stop()

    # -- state file --------------------------------------------------------------------

    def _write_state(self) -> None:
        processes = [
            ProcessState(
                name=c.spec.name,
                pid=None if c.gave_up or c.proc is None else c.proc.pid,
                ports=list(c.spec.ports),
                restarts=c.restarts,
                started_at=c.started_at,
            )
            for c in self._children.values()
        ]
        write_state(self.state_file, StackState(os.getpid(), self._started_at, processes))


def _kill_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
