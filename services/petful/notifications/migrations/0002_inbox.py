"""notifications: the in-app inbox, one row per recipient and notification.

Revision ID: notifications_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "notifications_0002"
down_revision = "notifications_0001"
branch_labels = None
depends_on = None

SCHEMA = "notifications"
TS = sa.DateTime(timezone=True)
CATEGORIES = "'CAMPAIGNS', 'COMMUNITY', 'HEALTH', 'ACCOUNT'"


def upgrade() -> None:
    # The stream's event ids: one sequence for every user (ids only ever grow, per user too).
    op.execute(sa.schema.CreateSequence(sa.Sequence("notification_seq", schema=SCHEMA)))
    op.create_table(
        "notifications",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "seq",
            sa.BigInteger,
            nullable=False,
            server_default=sa.text(f"nextval('{SCHEMA}.notification_seq')"),
        ),
        # identity's account (the recipient) and the event that produced the row: no
        # foreign keys across services.
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("event_id", UUID(as_uuid=True), nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("actor_id", UUID(as_uuid=True)),
        sa.Column("actor_count", sa.Integer, nullable=False, server_default="1"),
        sa.Column("object_type", sa.Text, nullable=False, server_default=""),
        sa.Column("object_id", UUID(as_uuid=True)),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("read_at", TS),
        sa.Column("hidden_at", TS),
        # A redelivered event finds its row: consumption is idempotent even past the inbox
        # table's retention.
        sa.UniqueConstraint("event_id", "user_id", "type", name="uq_notifications_event"),
        sa.UniqueConstraint("seq", name="uq_notifications_seq"),
        sa.CheckConstraint(f"category IN ({CATEGORIES})", name="category"),
        sa.CheckConstraint("actor_count >= 1", name="actor_count"),
        schema=SCHEMA,
    )
    live = sa.text("hidden_at IS NULL")
    # The list, newest first (its cursor is (created_at, id)).
    op.create_index(
        "ix_notifications_list",
        "notifications",
        ["user_id", sa.text("created_at DESC"), sa.text("id DESC")],
        postgresql_where=live,
        schema=SCHEMA,
    )
    # The stream's resume: a user's rows after a seq.
    op.create_index("ix_notifications_user_seq", "notifications", ["user_id", "seq"], schema=SCHEMA)
    # The unread count, and the open batch a new like joins.
    op.create_index(
        "ix_notifications_unread",
        "notifications",
        ["user_id", "type", "object_id"],
        postgresql_where=sa.text("read_at IS NULL AND hidden_at IS NULL"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("notifications", schema=SCHEMA)
    op.execute(sa.schema.DropSequence(sa.Sequence("notification_seq", schema=SCHEMA)))
