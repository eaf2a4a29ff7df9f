"""Every service owns its schema, migrated by its own Alembic history and version table."""

from __future__ import annotations

import psycopg

from petful.platform.migrations import upgrade_all
from petful.platform.settings import DOMAINS, Settings


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def test_each_domain_has_its_schema_outbox_inbox_and_version_table(database_url: str) -> None:
    with psycopg.connect(_dsn(database_url)) as conn:
        rows = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema = ANY(%s)",
            (list(DOMAINS),),
        ).fetchall()
        versions = {
            d: conn.execute(f'SELECT version_num FROM "{d}".alembic_version').fetchone()
            for d in DOMAINS
        }
    tables = {(s, t) for s, t in rows}
    for domain in DOMAINS:
        assert {(domain, "outbox"), (domain, "inbox"), (domain, "alembic_version")} <= tables
        # Each history is its own: revision ids are prefixed with the domain.
        (version,) = versions[domain] or ("",)
        assert version.startswith(f"{domain}_")


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    upgrade_all(Settings(database_url=database_url))
    with psycopg.connect(_dsn(database_url)) as conn:
        count = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'alembic_version'"
        ).fetchone()
    assert count == (len(DOMAINS),)


def test_pgvector_is_available(database_url: str) -> None:
    with psycopg.connect(_dsn(database_url)) as conn:
        row = conn.execute("SELECT '[1,0]'::vector <=> '[0,1]'::vector").fetchone()
    assert row == (1.0,)
