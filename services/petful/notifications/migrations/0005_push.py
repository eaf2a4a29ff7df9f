"""notifications: web push subscriptions (filled by the web push work).

Revision ID: notifications_0005
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "notifications_0005"
down_revision = "notifications_0004"
branch_labels = None
depends_on = None

SCHEMA = "notifications"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "push_subscriptions",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        # identity's account: no foreign keys across services.
        sa.Column("user_id", UUID(as_uuid=True), nullable=False),
        # The push service's URL for one browser; a browser subscribing again (for any
        # account) finds its row by it.
        sa.Column("endpoint", sa.Text, nullable=False),
        sa.Column("p256dh", sa.Text, nullable=False),
        sa.Column("auth", sa.Text, nullable=False),
        sa.Column("device", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("refreshed_at", TS, nullable=False),
        sa.Column("last_success_at", TS),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_message_key", sa.Text),
        sa.UniqueConstraint("endpoint", name="uq_push_subscriptions_endpoint"),
        sa.CheckConstraint("failures >= 0", name="failures"),
        schema=SCHEMA,
    )
    # A user's devices (sending, the list, dropping the least recently refreshed).
    op.create_index(
        "ix_push_subscriptions_user",
        "push_subscriptions",
        ["user_id", "refreshed_at"],
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("push_subscriptions", schema=SCHEMA)
