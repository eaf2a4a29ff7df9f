"""Shared fixtures: one embedded PostgreSQL and one Redis per test session (per xdist
worker), every test in its own migrated database cloned from a template."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import structlog

from petful.platform import settings as settings_module
from petful.platform.settings import Settings
from tests.support import DevStack, free_port, started_platform

TEMPLATE_DB = "petful_template"


@pytest.fixture(scope="session")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from petful.devstack.postgres import EmbeddedPostgres

    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", free_port())
    server.start()
    try:
        server.ensure_database(TEMPLATE_DB)
        from petful.platform.migrations import upgrade_all

        upgrade_all(Settings(database_url=server.url(TEMPLATE_DB)))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from petful.devstack.redis import EmbeddedRedis

    server = EmbeddedRedis(tmp_path_factory.mktemp("redis"), free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _admin_dsn(pg: object) -> str:
    url: str = pg.url("postgres")  # type: ignore[attr-defined]
    return url.replace("postgresql+psycopg://petful@", "postgresql://postgres@")


@pytest.fixture
def database_url(pg: object) -> Iterator[str]:
    """A fresh database with every service's migrations applied, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_dsn(pg), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE_DB}" OWNER petful')
    try:
        yield pg.url(name)  # type: ignore[attr-defined]
    finally:
        with psycopg.connect(_admin_dsn(pg), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def settings(
    database_url: str, redis_server: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings for one test, also seen by code that calls get_settings()."""
    env = {
        "PETFUL_ENV": "test",
        "PETFUL_DATABASE_URL": database_url,
        "PETFUL_REDIS_URL": redis_server.url,  # type: ignore[attr-defined]
        "PETFUL_DATA_DIR": str(tmp_path / "petful"),
        # Cheap argon2 costs: tests create many accounts; production keeps the defaults.
        "PETFUL_IDENTITY__PASSWORD_HASH_TIME_COST": "1",
        "PETFUL_IDENTITY__PASSWORD_HASH_MEMORY_KIB": "1024",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings_module.get_settings.cache_clear()
    yield settings_module.get_settings()
    settings_module.get_settings.cache_clear()


@pytest.fixture
def running_stack(tmp_path: Path) -> Iterator[DevStack]:
    """`petful up` on free ports with its own data dir, started and healthy."""
    with started_platform(tmp_path / "petful") as stack:
        yield stack


os.environ.setdefault("PETFUL_ENV", "test")


@pytest.fixture
def captured_logs(capsys: pytest.CaptureFixture[str]) -> Iterator[pytest.CaptureFixture[str]]:
    """setup_logging writes to the captured stderr; the previous set-up comes back after."""
    root = logging.getLogger()
    handlers, level, config = root.handlers[:], root.level, structlog.get_config()
    try:
        yield capsys
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        structlog.configure(**config)
