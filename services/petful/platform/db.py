"""Database access: SQLAlchemy 2 async over psycopg 3, one schema per service.

A session lives for one RPC or one task and is committed only at that boundary
(`transaction`); services and repositories never commit.

Side effects outside the database (e.g. a stored media object) register `on_rollback` /
`on_commit` callbacks on the session; `transaction()` runs them once the outcome is known.

A database that cannot be reached (restarting, failing over) is the caller's to retry, not
a bug: `transaction()` raises it as `ServiceUnavailable` (503 at the edge) when nothing was
committed, and as `DeadlineExceeded` (504) when the connection was lost during the commit,
whose outcome nobody knows. The pool's pre-ping reconnects once the database is back.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import psycopg
from sqlalchemy import MetaData
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from petful.platform.errors import DeadlineExceeded, ServiceUnavailable
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

Callback = Callable[[], Awaitable[None]]
_ON_COMMIT = "petful.on_commit"
_ON_ROLLBACK = "petful.on_rollback"

# Engines bind their connections to the event loop that opened them, so keep one per loop.
_engines: dict[tuple[str, int], AsyncEngine] = {}

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def schema_metadata(schema: str) -> MetaData:
    """Metadata for one service's schema; every table of the service lives in it."""
    return MetaData(schema=schema, naming_convention=NAMING_CONVENTION)


def get_engine(settings: Settings | None = None) -> AsyncEngine:
    settings = settings or get_settings()
    key = (settings.database_url, id(asyncio.get_running_loop()))
    engine = _engines.get(key)
    if engine is None:
        engine = create_async_engine(
            settings.database_url,
            pool_size=5,
            max_overflow=10,
            pool_pre_ping=True,
        )
        _engines[key] = engine
    return engine


async def dispose_engines() -> None:
    loop_id = id(asyncio.get_running_loop())
    for key in [k for k in _engines if k[1] == loop_id]:
        await _engines.pop(key).dispose()


def session_maker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)


def on_rollback(session: AsyncSession, callback: Callback) -> None:
    """Run `callback` if the session's transaction rolls back (undo an outside effect)."""
    session.info.setdefault(_ON_ROLLBACK, []).append(callback)


def on_commit(session: AsyncSession, callback: Callback) -> None:
    """Run `callback` after the session's transaction committed (effects that must not be
    undone by a rollback, e.g. deleting an object the committed change no longer uses)."""
    session.info.setdefault(_ON_COMMIT, []).append(callback)


async def run_callbacks(session: AsyncSession, *, committed: bool) -> None:
    """Run and forget the session's callbacks for the outcome. `transaction()` calls this;
    code that manages its own session boundary calls it after commit/rollback."""
    callbacks: list[Callback] = session.info.pop(_ON_COMMIT if committed else _ON_ROLLBACK, [])
    session.info.pop(_ON_ROLLBACK if committed else _ON_COMMIT, None)
    for callback in callbacks:
        try:
            await callback()
        except Exception:
            # The outcome is decided; a failed cleanup is logged, never raised over it.
            log.exception("transaction callback failed", committed=committed)


# Connection exceptions, and a server shutting down or not accepting connections yet
# (admin_shutdown, crash_shutdown, cannot_connect_now).
_UNREACHABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def database_unreachable(exc: BaseException) -> bool:
    """Whether exc says the database could not be talked to (rather than refused a query)."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    # Only psycopg's connection-level errors: a serialization failure or a deadlock is an
    # OperationalError too, but with a SQLSTATE of its own (and handled by its caller).
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return isinstance(exc.orig, psycopg.OperationalError) and (
        sqlstate is None or sqlstate.startswith(_UNREACHABLE_SQLSTATES)
    )


@asynccontextmanager
async def transaction(settings: Settings | None = None) -> AsyncIterator[AsyncSession]:
    """The RPC/task boundary: commit when the block succeeds, roll back when it raises.

    Callbacks registered with `on_commit`/`on_rollback` run after the outcome.
    """
    async with session_maker(get_engine(settings))() as session:
        committing = False
        try:
            async with session.begin():
                yield session
                committing = True
        except BaseException as exc:
            await run_callbacks(session, committed=False)
            if database_unreachable(exc):
                # Without this a restarting database made every request a 500 (fault test
                # tests/integration/faults/test_postgres_restart.py).
                # Only the type: a database error's text holds the statement and its values.
                reason = type(getattr(exc, "orig", exc)).__name__
                log.warning("database unreachable", committing=committing, error=reason)
                if committing:
                    raise DeadlineExceeded("The database did not confirm the change.") from exc
                raise ServiceUnavailable("The database is unavailable; try again.") from exc
            raise
        await run_callbacks(session, committed=True)
