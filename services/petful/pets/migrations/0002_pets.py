"""pets: pets, portfolios, activity history, PetStar applications and the media table.

Revision ID: pets_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from petful.platform import media

revision = "pets_0002"
down_revision = "pets_0001"
branch_labels = None
depends_on = None

SCHEMA = "pets"
TS = sa.DateTime(timezone=True)
OPEN = "state IN ('SUBMITTED', 'VERIFYING', 'IN_REVIEW')"


def upgrade() -> None:
    media.create_media_table(SCHEMA)
    op.create_table(
        "pets",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_key", sa.Text, nullable=False),
        sa.Column("species", sa.Text, nullable=False),
        sa.Column("breed", sa.Text, nullable=False, server_default=""),
        sa.Column("sex", sa.Text, nullable=False),
        sa.Column("neutered", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("birth_date", sa.Date),
        sa.Column("approx_age_months", sa.Integer),
        sa.Column("weight_kg", sa.Numeric(4, 1)),
        sa.Column(
            "personality_tags", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")
        ),
        sa.Column("intro", sa.Text, nullable=False, server_default=""),
        sa.Column("image_media_id", UUID(as_uuid=True)),
        sa.Column("instagram_account_id", UUID(as_uuid=True)),
        sa.Column("instagram_username", sa.Text, nullable=False, server_default=""),
        sa.Column("petstar_status", sa.Text, nullable=False, server_default="NONE"),
        sa.Column("petstar_since", TS),
        sa.Column("followers_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("engagement_rate", sa.Float, nullable=False, server_default="0"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint(
            "species IN ('DOG', 'CAT', 'RABBIT', 'BIRD', 'REPTILE', 'FISH', 'OTHER')",
            name="species",
        ),
        sa.CheckConstraint("sex IN ('MALE', 'FEMALE', 'UNKNOWN')", name="sex"),
        sa.CheckConstraint(
            "petstar_status IN ('NONE', 'APPLYING', 'APPROVED', 'REJECTED', 'REVOKED')",
            name="petstar_status",
        ),
        sa.CheckConstraint("weight_kg IS NULL OR weight_kg BETWEEN 0.1 AND 120", name="weight"),
        sa.UniqueConstraint("owner_id", "name_key", name="uq_pets_owner_name"),
        schema=SCHEMA,
    )
    # One Instagram account is linked to at most one pet.
    op.create_index(
        "uq_pets_instagram_account",
        "pets",
        ["instagram_account_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("instagram_account_id IS NOT NULL"),
    )
    # The public directory reads approved PetStars only.
    op.create_index(
        "ix_pets_directory",
        "pets",
        ["petstar_since", "id"],
        schema=SCHEMA,
        postgresql_where=sa.text("petstar_status = 'APPROVED'"),
    )
    op.create_index(
        "ix_pets_directory_followers",
        "pets",
        ["followers_count", "id"],
        schema=SCHEMA,
        postgresql_where=sa.text("petstar_status = 'APPROVED'"),
    )
    op.create_index(
        "ix_pets_directory_engagement",
        "pets",
        ["engagement_rate", "id"],
        schema=SCHEMA,
        postgresql_where=sa.text("petstar_status = 'APPROVED'"),
    )
    op.create_table(
        "portfolios",
        sa.Column(
            "pet_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.pets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("intro", sa.Text, nullable=False, server_default=""),
        sa.Column("personality", sa.Text, nullable=False, server_default=""),
        sa.Column("price_krw", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("contact_preference", sa.Text, nullable=False),
        sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("published_at", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("price_krw >= 0", name="price"),
        sa.CheckConstraint(
            "contact_preference IN ('IN_APP', 'EMAIL', 'PHONE')", name="contact_preference"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_portfolios_price", "portfolios", ["price_krw"], schema=SCHEMA)
    op.create_table(
        "history_entries",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "pet_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.pets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("start_date <= end_date", name="period"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_history_entries_pet", "history_entries", ["pet_id", "start_date"], schema=SCHEMA
    )
    op.create_table(
        "history_images",
        sa.Column(
            "history_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.history_entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("media_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )
    op.create_table(
        "applications",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "pet_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.pets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("instagram_account_id", UUID(as_uuid=True), nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("idempotency_key", sa.Text),
        sa.Column("metrics", JSONB),
        sa.Column("eligible", sa.Boolean),
        sa.Column(
            "eligibility_reasons", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")
        ),
        sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("verification_error", sa.Text, nullable=False, server_default=""),
        sa.Column("verify_attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("submitted_at", TS, nullable=False),
        sa.Column("decided_at", TS),
        sa.Column("decided_by", UUID(as_uuid=True)),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint(
            "state IN ('SUBMITTED', 'VERIFYING', 'IN_REVIEW', 'APPROVED', 'REJECTED', "
            "'WITHDRAWN', 'REVOKED')",
            name="state",
        ),
        schema=SCHEMA,
    )
    # At most one open application per pet, even under concurrent applies.
    op.create_index(
        "uq_applications_open_per_pet",
        "applications",
        ["pet_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text(OPEN),
    )
    op.create_index(
        "uq_applications_idempotency",
        "applications",
        ["owner_id", "idempotency_key"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )
    op.create_index(
        "ix_applications_state", "applications", ["state", "submitted_at", "id"], schema=SCHEMA
    )
    op.create_index(
        "ix_applications_pet", "applications", ["pet_id", "submitted_at"], schema=SCHEMA
    )


def downgrade() -> None:
    for table in ("applications", "history_images", "history_entries", "portfolios", "pets"):
        op.drop_table(table, schema=SCHEMA)
    media.drop_media_table(SCHEMA)
