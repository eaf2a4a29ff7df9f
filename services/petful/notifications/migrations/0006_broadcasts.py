"""notifications: administrators' announcements (broadcasts) and their progress, and the
indexes the delivery statistics read by.

Revision ID: notifications_0006
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "notifications_0006"
down_revision = "notifications_0005"
branch_labels = None
depends_on = None

SCHEMA = "notifications"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "broadcasts",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("audience", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("email", sa.Boolean, nullable=False),
        # identity's account of the admin: no foreign keys across services.
        sa.Column("created_by", UUID(as_uuid=True), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("idempotency_key", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="QUEUED"),
        sa.Column("recipients", sa.Integer, nullable=False, server_default="0"),
        sa.Column("written", sa.Integer, nullable=False, server_default="0"),
        sa.Column("emails", sa.Integer, nullable=False, server_default="0"),
        # The fan-out's cursor: the last account id written (ids ascending).
        sa.Column("last_user_id", UUID(as_uuid=True)),
        sa.Column("started_at", TS),
        sa.Column("finished_at", TS),
        sa.Column("error", sa.Text, nullable=False, server_default=""),
        sa.CheckConstraint(
            "audience IN ('ALL', 'USER', 'ADVERTISER', 'ADMIN')", name="broadcast_audience"
        ),
        sa.CheckConstraint(
            "status IN ('QUEUED', 'SENDING', 'DONE', 'FAILED')", name="broadcast_status"
        ),
        sa.CheckConstraint(
            "recipients >= 0 AND written >= 0 AND emails >= 0", name="broadcast_counts"
        ),
        schema=SCHEMA,
    )
    # The admin list, newest first (its cursor is (created_at, id)).
    op.create_index(
        "ix_broadcasts_list",
        "broadcasts",
        [sa.text("created_at DESC"), sa.text("id DESC")],
        schema=SCHEMA,
    )
    op.create_index(
        "uq_broadcasts_idempotency",
        "broadcasts",
        ["created_by", "idempotency_key"],
        unique=True,
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
        schema=SCHEMA,
    )
    # The statistics count what was made since a moment: inbox rows and deliveries.
    op.create_index("ix_notifications_created", "notifications", ["created_at"], schema=SCHEMA)
    op.create_index("ix_deliveries_created", "deliveries", ["created_at"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_deliveries_created", table_name="deliveries", schema=SCHEMA)
    op.drop_index("ix_notifications_created", table_name="notifications", schema=SCHEMA)
    op.drop_table("broadcasts", schema=SCHEMA)
