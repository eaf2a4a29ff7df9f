"""matching: PetStar and campaign documents with pgvector HNSW (cosine) and tsvector indexes.

The `vector` extension is created by the devstack/test database bootstrap (as superuser);
in a cluster the managed database must have it. Created here only when missing.

Revision ID: matching_0002
"""

import sqlalchemy as sa
from alembic import op
from pgvector.sqlalchemy import Vector
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR, UUID

revision = "matching_0002"
down_revision = "matching_0001"
branch_labels = None
depends_on = None

SCHEMA = "matching"
TS = sa.DateTime(timezone=True)
DIMENSIONS = 384


def _doc_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("embedding", Vector(DIMENSIONS)),
        sa.Column("tsv", TSVECTOR),
        sa.Column("terms", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("content_hash", sa.Text, nullable=False, server_default=""),
        sa.Column("model", sa.Text, nullable=False, server_default=""),
        sa.Column("embedded_at", TS),
        sa.Column("updated_at", TS, nullable=False),
    ]


def upgrade() -> None:
    bind = op.get_bind()
    has_vector = bind.execute(sa.text("SELECT 1 FROM pg_extension WHERE extname = 'vector'"))
    if has_vector.first() is None:
        op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    op.create_table(
        "petstars",
        sa.Column("pet_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("species", sa.Text, nullable=False),
        sa.Column("breed", sa.Text, nullable=False, server_default=""),
        sa.Column("followers_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("engagement_rate", sa.Float, nullable=False, server_default="0"),
        sa.Column("price_krw", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("petstar_status", sa.Text, nullable=False),
        sa.Column("instagram_account_id", UUID(as_uuid=True)),
        sa.Column("instagram_username", sa.Text, nullable=False, server_default=""),
        *_doc_columns(),
        schema=SCHEMA,
    )
    op.create_table(
        "campaigns",
        sa.Column("campaign_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("advertiser_user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("company_name", sa.Text, nullable=False, server_default=""),
        sa.Column("phase", sa.Text, nullable=False),
        sa.Column("target_species", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("reward_value_krw", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("query_terms", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        *_doc_columns(),
        schema=SCHEMA,
    )
    op.create_table(
        "track_records",
        sa.Column("applicant_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("recorded_at", TS, nullable=False),
        sa.CheckConstraint("outcome IN ('COMPLETED', 'NO_SHOW')", name="outcome"),
        schema=SCHEMA,
    )
    op.create_table(
        "term_stats",
        sa.Column("term", sa.Text, primary_key=True),
        sa.Column("ndoc", sa.Integer, nullable=False),
        schema=SCHEMA,
    )
    op.create_index("ix_track_records_pet", "track_records", ["pet_id"], schema=SCHEMA)
    for table in ("petstars", "campaigns"):
        # HNSW over cosine distance (`<=>`); filtered queries use iterative scans (0.8).
        op.execute(
            f"CREATE INDEX ix_{table}_embedding ON {SCHEMA}.{table} "
            "USING hnsw (embedding vector_cosine_ops) WITH (m = 32, ef_construction = 128)"
        )
        op.execute(f"CREATE INDEX ix_{table}_tsv ON {SCHEMA}.{table} USING gin (tsv)")
    op.create_index(
        "ix_petstars_instagram_account",
        "petstars",
        ["instagram_account_id"],
        schema=SCHEMA,
        postgresql_where=sa.text("instagram_account_id IS NOT NULL"),
    )
    op.create_index("ix_petstars_owner", "petstars", ["owner_id"], schema=SCHEMA)
    op.create_index("ix_campaigns_phase", "campaigns", ["phase"], schema=SCHEMA)


def downgrade() -> None:
    for table in ("term_stats", "track_records", "campaigns", "petstars"):
        op.drop_table(table, schema=SCHEMA)
