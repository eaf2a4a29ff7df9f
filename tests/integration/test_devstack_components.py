"""Devstack building blocks against real processes: PostgreSQL, Redis, mail, supervisor, Envoy."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import smtplib
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil
import psycopg
import pytest
import redis

from petful.devstack.envoy import EnvoyConfig
from petful.devstack.postgres import EmbeddedPostgres
from petful.devstack.probes import libpq_url
from petful.devstack.redis import EmbeddedRedis
from petful.devstack.stack import infra_specs, postgres_for
from petful.devstack.state import read_state
from petful.devstack.status import collect_status_async
from petful.devstack.supervisor import (
    NotReadyError,
    PortInUseError,
    ProcessSpec,
    Supervisor,
    SupervisorEvent,
)
from petful.platform.settings import Settings
from tests.support import free_port

EVENT_TIMEOUT = 20.0


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll `condition` until true or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def py(code: str) -> list[str]:
    return [sys.executable, "-u", "-c", code]


# -- PostgreSQL ----------------------------------------------------------------------------


@pytest.fixture
def postgres(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    pg = EmbeddedPostgres(tmp_path / "pg", free_port())
    pg.start()
    try:
        pg.wait_ready()
        yield pg
    finally:
        pg.stop()


def test_postgres_runs_root_safe_with_pgvector(postgres: EmbeddedPostgres) -> None:
    if os.geteuid() == 0:
        assert postgres.run_as.user == "petful-pg"
    postgres.ensure_database()
    postgres.ensure_database()  # idempotent
    with psycopg.connect(libpq_url(postgres.url("petful"))) as conn:
        row = conn.execute("SELECT '[1,2]'::vector <=> '[2,1]'::vector, current_user").fetchone()
    assert row is not None
    distance, user = row
    assert isinstance(distance, float)
    assert distance == pytest.approx(0.2)
    assert user == "petful"


def test_postgres_restarts_on_same_data_dir(postgres: EmbeddedPostgres) -> None:
    postgres.ensure_database()
    with psycopg.connect(libpq_url(postgres.url())) as conn:
        conn.execute("CREATE TABLE kept (v text)")
        conn.execute("INSERT INTO kept VALUES ('still here')")
    postgres.stop()
    postgres.start()
    postgres.wait_ready()
    with psycopg.connect(libpq_url(postgres.url())) as conn:
        assert conn.execute("SELECT v FROM kept").fetchone() == ("still here",)


# -- Redis ---------------------------------------------------------------------------------


def test_redis_keeps_appendonly_data_across_restart(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "redis", free_port())
    server.start()
    try:
        server.wait_ready()
        with redis.Redis.from_url(server.url) as client:
            client.rpush("celery", "queued-task")
        server.stop()
        assert not server.is_ready()
        server.start()
        server.wait_ready()
        with redis.Redis.from_url(server.url) as client:
            assert client.lrange("celery", 0, -1) == [b"queued-task"]
    finally:
        server.stop()
    assert any((tmp_path / "redis").glob("appendonly*"))


# -- mail ----------------------------------------------------------------------------------


class MailProcess:
    def __init__(self, tmp_path: Path) -> None:
        self.smtp_port, self.inbox_port = free_port(), free_port()
        self.env = {
            **os.environ,
            "PETFUL_DATA_DIR": str(tmp_path),
            "PETFUL_PORTS": json.dumps({"smtp": self.smtp_port, "inbox": self.inbox_port}),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.inbox_port}/api/messages"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "petful.devstack.mail"], env=self.env, start_new_session=True
        )
        wait_until(self._ready, "the inbox to answer")

    def _ready(self) -> bool:
        assert self.proc is not None
        assert self.proc.poll() is None, "mail process died"
        try:
            return httpx.get(self.api, timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=15)


def send_mail(port: int, subject: str, to: str) -> None:
    msg = EmailMessage()
    msg["From"] = "PetFul <no-reply@petful.dev>"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content("안녕하세요, 멍멍이의 새 게시물이 있어요.")
    msg.add_alternative("<p>안녕하세요, <b>멍멍이</b>의 새 게시물!</p>", subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(msg)


@pytest.mark.slow
def test_mail_catcher_keeps_multipart_korean_messages(tmp_path: Path) -> None:
    mail = MailProcess(tmp_path)
    mail.start()
    try:
        send_mail(mail.smtp_port, "첫 번째 알림", "owner@example.com")
        send_mail(mail.smtp_port, "[PetFul] 새 팔로워가 생겼어요 🐶", "fan@example.com")
        messages = httpx.get(mail.api).json()
        assert [m["subject"] for m in messages] == [
            "[PetFul] 새 팔로워가 생겼어요 🐶",
            "첫 번째 알림",
        ]
        newest = messages[0]
        assert newest["to"] == ["fan@example.com"]
        assert "멍멍이의 새 게시물이 있어요" in newest["text"]
        assert "<b>멍멍이</b>" in newest["html"]
        assert newest["received_at"].endswith("+00:00")
        one = httpx.get(f"{mail.api}/{newest['id']}").json()
        assert one == newest
        assert "새 팔로워" in httpx.get(mail.api.removesuffix("/api/messages") + "/").text
        assert mail.stop() == 0  # SIGTERM is a clean stop

        mail.start()  # the inbox survives a restart
        assert len(httpx.get(mail.api).json()) == 2
        assert httpx.delete(mail.api).status_code == 204
        assert httpx.get(mail.api).json() == []
    finally:
        if mail.proc is not None and mail.proc.poll() is None:
            mail.stop()


# -- supervisor ----------------------------------------------------------------------------


def make_supervisor(tmp_path: Path, *specs: ProcessSpec, grace: float = 5.0) -> Supervisor:
    return Supervisor(
        specs, tmp_path / "logs", tmp_path / "state.json", echo=False, grace_period=grace
    )


async def test_crashing_process_is_reported_and_restarted(tmp_path: Path) -> None:
    crasher = ProcessSpec("crasher", py("import sys; print('boom'); sys.exit(3)"))
    sup = make_supervisor(tmp_path, crasher)
    events = sup.subscribe()
    await sup.start()
    try:
        async with asyncio.timeout(EVENT_TIMEOUT):
            exited = await events.next_matching(lambda e: e.kind == "exited")
            restarted = await events.next_matching(lambda e: e.kind == "started")
    finally:
        await sup.stop()
    assert exited.returncode == 3
    assert exited.log_tail[-1] == "boom"
    assert restarted.restarts == 1
    assert sup.restarts("crasher") >= 1
    assert "boom" in (tmp_path / "logs" / "crasher.log").read_text()


async def test_gives_up_when_restart_is_disabled(tmp_path: Path) -> None:
    once = ProcessSpec("once", py("raise SystemExit(7)"), restart=False)
    sup = make_supervisor(tmp_path, once)
    events = sup.subscribe()
    await sup.start()
    try:
        async with asyncio.timeout(EVENT_TIMEOUT):
            gave_up = await events.next_matching(lambda e: e.kind == "gave_up")
    finally:
        await sup.stop()
    assert gave_up.returncode == 7
    assert gave_up.restarts == 0
    assert sup.restarts("once") == 0


async def test_port_in_use_fails_before_anything_starts(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        first = ProcessSpec("first", py("import time; time.sleep(60)"))
        second = ProcessSpec("wants-port", py("import time; time.sleep(60)"), ports=(port,))
        sup = make_supervisor(tmp_path, first, second)
        with pytest.raises(PortInUseError, match=rf"port {port} needed by 'wants-port'") as err:
            await sup.start()
    assert err.value.port == port
    assert sup.pid("first") is None  # nothing was started


async def test_never_ready_reports_last_log_lines(tmp_path: Path) -> None:
    async def never() -> bool:
        return False

    slow = ProcessSpec(
        "sleepy",
        py("print('warming up', flush=True); import time; time.sleep(60)"),
        ready=never,
        ready_timeout=1.0,
    )
    sup = make_supervisor(tmp_path, slow)
    with pytest.raises(NotReadyError, match="sleepy not ready") as err:
        await sup.start()
    assert "warming up" in str(err.value)
    assert not (tmp_path / "state.json").exists()


async def test_stop_kills_whole_process_group(tmp_path: Path) -> None:
    # The leader ignores SIGTERM (forcing the SIGKILL path) and has a grandchild.
    stubborn = ProcessSpec(
        "stubborn",
        py(
            "import signal, subprocess, sys, time\n"
            "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "print('ready', flush=True)\n"
            "time.sleep(600)"
        ),
    )
    plain = ProcessSpec("plain", py("import time; time.sleep(600)"))
    sup = make_supervisor(tmp_path, plain, stubborn, grace=1.0)
    await sup.start()
    leader_pid = sup.pid("stubborn")
    assert leader_pid is not None
    leader = psutil.Process(leader_pid)
    await asyncio.to_thread(wait_until, lambda: bool(leader.children()), "the grandchild")
    procs = [leader, *leader.children(recursive=True), psutil.Process(sup.pid("plain"))]

    state = read_state(tmp_path / "state.json")
    assert state is not None
    assert {p.name: p.pid for p in state.processes} == {
        "plain": sup.pid("plain"),
        "stubborn": leader_pid,
    }

    await sup.stop()
    _, alive = psutil.wait_procs(procs, timeout=10)
    assert alive == []
    assert not (tmp_path / "state.json").exists()


# -- the infrastructure part of the stack, as `petful up` runs it -------------------------------


@pytest.mark.slow
async def test_infra_stack_under_supervisor(tmp_path: Path) -> None:
    names = ("postgres", "redis", "smtp", "inbox", "instagram_sandbox")
    settings = Settings(data_dir=tmp_path / "data", ports={n: free_port() for n in names})
    seen: list[SupervisorEvent] = []
    specs = infra_specs(settings)
    infra = tuple(s.name for s in specs)
    assert infra == ("postgres", "redis", "mail", "instagram")
    sup = Supervisor(
        specs,
        tmp_path / "logs",
        tmp_path / "state.json",
        echo=False,
        on_event=seen.append,
    )
    await sup.start(infra)
    try:
        # One wave: they start together, so only the set is fixed, not the order.
        assert sorted(e.name for e in seen if e.kind == "ready") == sorted(infra)
        await asyncio.to_thread(postgres_for(settings).ensure_database)
        statuses = await collect_status_async(settings, tmp_path / "state.json")
        assert {s.name: (s.alive, s.probe_ok) for s in statuses} == {n: (True, True) for n in infra}
        pids = [sup.pid(n) for n in infra]
    finally:
        await sup.stop()
    procs = [psutil.Process(pid) for pid in pids if pid is not None and psutil.pid_exists(pid)]
    _, alive = psutil.wait_procs(procs, timeout=10)
    assert alive == []


# -- Envoy in front of a fake edge -----------------------------------------------------------


class _Edge(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"path": self.path}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.mark.slow
async def test_envoy_routes_api_to_edge(tmp_path: Path) -> None:
    edge = ThreadingHTTPServer(("127.0.0.1", 0), _Edge)
    threading.Thread(target=edge.serve_forever, daemon=True).start()
    config = EnvoyConfig(
        listen_address="127.0.0.1",
        port=free_port(),
        admin_address="127.0.0.1",
        admin_port=free_port(),
        edge_host="127.0.0.1",
        edge_port=edge.server_address[1],
    )
    path = config.write(tmp_path / "envoy.yaml")
    spec = ProcessSpec(
        "envoy", config.argv(path), ports=(config.port, config.admin_port), ready=config.is_ready
    )
    sup = make_supervisor(tmp_path, spec)
    try:
        await sup.start()
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{config.port}") as client:
            api = await client.get("/api/v1/health")
            well_known = await client.get("/.well-known/jwks.json")
        assert api.status_code == 200
        assert api.json() == {"path": "/api/v1/health"}
        assert well_known.json() == {"path": "/.well-known/jwks.json"}
        # Through Envoy (the edge answered), which names neither itself nor its timings.
        assert not [h for h in api.headers if h.startswith("x-envoy-") or h == "server"]
    finally:
        await sup.stop()
        edge.shutdown()


RUN_SCRIPT = """
import asyncio, sys
from pathlib import Path
from petful.devstack.supervisor import ProcessSpec, Supervisor

tmp = Path(sys.argv[1])
spec = ProcessSpec("sleeper", [sys.executable, "-c", "import time; time.sleep(600)"])
asyncio.run(Supervisor([spec], tmp / "logs", tmp / "state.json").run())
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_supervisor_and_children(tmp_path: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen([sys.executable, "-c", RUN_SCRIPT, str(tmp_path)])
    state_file = tmp_path / "state.json"
    try:
        wait_until(lambda: read_state(state_file) is not None, "the state file")
        state = read_state(state_file)
        assert state is not None
        assert state.supervisor_pid == proc.pid
        child_pid = state.processes[0].pid
        assert child_pid is not None
        child = psutil.Process(child_pid)
        proc.send_signal(sig)
        assert proc.wait(timeout=20) == 0
        _, alive = psutil.wait_procs([child], timeout=10)
        assert alive == []
        assert not state_file.exists()
    finally:
        if proc.poll() is None:
            proc.kill()
