"""campaigns: a client-chosen idempotency key per advertiser for CreateCampaign.

The operator passes the Campaign resource's uid, so a retried or duplicated event never
creates a second campaign.

Revision ID: campaigns_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "campaigns_0003"
down_revision = "campaigns_0002"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"


def upgrade() -> None:
    op.add_column("campaigns", sa.Column("idempotency_key", sa.Text), schema=SCHEMA)
    op.create_index(
        "uq_campaigns_idempotency",
        "campaigns",
        ["advertiser_user_id", "idempotency_key"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("idempotency_key IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_campaigns_idempotency", "campaigns", schema=SCHEMA)
    op.drop_column("campaigns", "idempotency_key", schema=SCHEMA)
