"""Database access: SQLAlchemy 2 async over psycopg 3, one schema per service.

A session lives for one RPC or one task and is committed only at that boundary
(`transaction`); services and repositories never commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from petful.platform.settings import Settings, get_settings

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


@asynccontextmanager
async def transaction(settings: Settings | None = None) -> AsyncIterator[AsyncSession]:
    """The RPC/task boundary: commit when the block succeeds, roll back when it raises."""
    async with session_maker(get_engine(settings))() as session, session.begin():
        yield session
