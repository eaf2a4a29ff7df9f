"""sns: auto-moderation actions Instagram refused (rate limit, outage) wait for a retry.

Revision ID: sns_0004
"""

import sqlalchemy as sa
from alembic import op

revision = "sns_0004"
down_revision = "sns_0003"
branch_labels = None
depends_on = None

SCHEMA = "sns"


def upgrade() -> None:
    op.add_column("comments", sa.Column("pending_action", sa.Text), schema=SCHEMA)
    op.create_index(
        "ix_comments_pending",
        "comments",
        ["account_id"],
        schema=SCHEMA,
        postgresql_where=sa.text("pending_action IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_comments_pending", "comments", schema=SCHEMA)
    op.drop_column("comments", "pending_action", schema=SCHEMA)
