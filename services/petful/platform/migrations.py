"""Alembic per service: one shared env, one versions folder and version table per schema.

`petful migrate` (upgrade_all) applies every service's migrations in DOMAINS order.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from petful.platform.settings import DOMAINS, Settings, get_settings

VERSION_TABLE = "alembic_version"


def versions_dir(domain: str) -> Path:
    return Path(str(files(f"petful.{domain}"))) / "migrations"


def alembic_config(domain: str, settings: Settings | None = None) -> Config:
    settings = settings or get_settings()
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "alembic"))
    cfg.set_main_option("version_locations", str(versions_dir(domain)))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["domain"] = domain
    cfg.attributes["database_url"] = settings.database_url
    return cfg


def ensure_schema(domain: str, settings: Settings) -> None:
    # The version table lives inside the schema, so the schema must exist first.
    engine = create_engine(settings.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{domain}"'))
    finally:
        engine.dispose()


def upgrade(domain: str, settings: Settings | None = None, revision: str = "head") -> None:
    settings = settings or get_settings()
    ensure_schema(domain, settings)
    command.upgrade(alembic_config(domain, settings), revision)


def upgrade_all(settings: Settings | None = None) -> list[str]:
    settings = settings or get_settings()
    for domain in DOMAINS:
        upgrade(domain, settings)
    return list(DOMAINS)
