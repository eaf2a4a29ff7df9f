"""campaigns: the content-due reminders sent to applicants.

One row per applicant and reminder (3 or 1 days before the content deadline), inserted
with ON CONFLICT DO NOTHING in the transaction that writes its event: a rerun or a second
worker finds the row and sends nothing again.

Revision ID: campaigns_0008
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "campaigns_0008"
down_revision = "campaigns_0007"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"


def upgrade() -> None:
    op.create_table(
        "content_reminders",
        sa.Column(
            "applicant_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.applicants.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("days_left", sa.SmallInteger, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("applicant_id", "days_left", name="pk_content_reminders"),
        sa.CheckConstraint("days_left > 0", name="content_reminders_days_left"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("content_reminders", schema=SCHEMA)
