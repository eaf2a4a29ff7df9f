"""health: prescription photos read by OCR, and the health media table that keeps them.

Revision ID: health_0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

from petful.platform import media

revision = "health_0004"
down_revision = "health_0003"
branch_labels = None
depends_on = None

SCHEMA = "health"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Prescription photos are health's only media (private: served to their owner only).
    media.create_media_table(SCHEMA)
    op.create_table(
        "prescriptions",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", UUID(as_uuid=True), nullable=False),
        sa.Column("pet_id", UUID(as_uuid=True), nullable=False),
        sa.Column("media_id", UUID(as_uuid=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("notice", sa.Text),
        sa.Column("lines", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("medications", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("skew_degrees", sa.Float),
        sa.Column("read_seconds", sa.Float),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("read_at", TS),
        sa.Column("confirmed_at", TS),
        sa.Column("start_date", sa.Date),
        sa.Column("reminder_lead_minutes", sa.Integer),
        sa.Column("schedule_ids", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.CheckConstraint("status IN ('READING', 'DRAFT', 'CONFIRMED')", name="status"),
        sa.CheckConstraint(
            "notice IS NULL OR notice IN "
            "('UNREADABLE', 'NO_MEDICATIONS', 'TOO_MANY', 'TIMED_OUT', 'FAILED')",
            name="notice",
        ),
        sa.CheckConstraint("jsonb_array_length(medications) <= 10", name="medications"),
        sa.UniqueConstraint("media_id", name="uq_prescriptions_media"),
        schema=SCHEMA,
    )
    # The owner's list, newest first (keyset paged on created_at, id).
    op.create_index(
        "ix_prescriptions_owner_created",
        "prescriptions",
        ["owner_id", "created_at", "id"],
        schema=SCHEMA,
    )
    op.create_index("ix_prescriptions_pet", "prescriptions", ["pet_id"], schema=SCHEMA)
    # The sweep of reads that never finished looks only at READING rows.
    op.create_index(
        "ix_prescriptions_reading",
        "prescriptions",
        ["created_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'READING'"),
    )


def downgrade() -> None:
    op.drop_table("prescriptions", schema=SCHEMA)
    media.drop_media_table(SCHEMA)
