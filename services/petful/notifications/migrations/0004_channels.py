"""notifications: per-user channel settings, quiet hours and per-channel deliveries.

Revision ID: notifications_0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "notifications_0004"
down_revision = "notifications_0003"
branch_labels = None
depends_on = None

SCHEMA = "notifications"
TS = sa.DateTime(timezone=True)
CATEGORIES = "'CAMPAIGNS', 'COMMUNITY', 'HEALTH', 'ACCOUNT'"
CHANNELS = "'EMAIL', 'PUSH'"


def upgrade() -> None:
    op.create_table(
        "preferences",
        sa.Column("user_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("quiet_enabled", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("quiet_start", sa.Time, nullable=False, server_default="22:00"),
        sa.Column("quiet_end", sa.Time, nullable=False, server_default="08:00"),
        sa.Column("daily_digest", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("updated_at", TS, nullable=False),
        schema=SCHEMA,
    )
    op.create_table(
        "channels_off",
        sa.Column("user_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("category", sa.Text, primary_key=True),
        sa.Column("channel", sa.Text, primary_key=True),
        sa.CheckConstraint(f"category IN ({CATEGORIES})", name="category"),
        sa.CheckConstraint(f"channel IN ({CHANNELS})", name="channel"),
        schema=SCHEMA,
    )
    op.create_table(
        "deliveries",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "notification_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.notifications.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("digest", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("status", sa.Text, nullable=False, server_default="PENDING"),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS),
        sa.UniqueConstraint("notification_id", "channel", name="uq_deliveries_notification"),
        sa.CheckConstraint(f"channel IN ({CHANNELS})", name="channel"),
        sa.CheckConstraint(
            "status IN ('PENDING', 'SENT', 'FAILED', 'SKIPPED')", name="delivery_status"
        ),
        schema=SCHEMA,
    )
    # The sender's queue: what is due, oldest first.
    op.create_index(
        "ix_deliveries_due",
        "deliveries",
        ["due_at"],
        postgresql_where=sa.text("status = 'PENDING'"),
        schema=SCHEMA,
    )
    # The statistics, and a leaving user's rows.
    op.create_index("ix_deliveries_type", "deliveries", ["type", "channel"], schema=SCHEMA)
    op.create_index("ix_deliveries_user", "deliveries", ["user_id"], schema=SCHEMA)
    op.create_table(
        "unsubscribe_tokens",
        sa.Column("token", sa.Text, primary_key=True),
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.UniqueConstraint("user_id", "category", name="uq_unsubscribe_tokens_user"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    for table in ("unsubscribe_tokens", "deliveries", "channels_off", "preferences"):
        op.drop_table(table, schema=SCHEMA)
