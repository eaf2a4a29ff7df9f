"""campaigns: the advertiser's archive of completed and cancelled campaigns.

`archived_at` is set while a campaign is archived (hidden from the advertiser's default
list); the partial index serves that default list, which is by far the common one.

Revision ID: campaigns_0009
"""

import sqlalchemy as sa
from alembic import op

revision = "campaigns_0009"
down_revision = "campaigns_0008"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"


def upgrade() -> None:
    op.add_column("campaigns", sa.Column("archived_at", sa.DateTime(timezone=True)), schema=SCHEMA)
    op.create_index(
        "ix_campaigns_advertiser_not_archived",
        "campaigns",
        ["advertiser_user_id", "created_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("archived_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_campaigns_advertiser_not_archived", table_name="campaigns", schema=SCHEMA)
    op.drop_column("campaigns", "archived_at", schema=SCHEMA)
