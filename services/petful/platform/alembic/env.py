"""The one Alembic environment; the domain comes from the Config built in migrations.py."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from petful.platform.migrations import VERSION_TABLE

config = context.config
domain: str = config.attributes["domain"]

engine = create_engine(config.attributes["database_url"])
try:
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            version_table=VERSION_TABLE,
            version_table_schema=domain,
            include_schemas=True,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
finally:
    engine.dispose()
