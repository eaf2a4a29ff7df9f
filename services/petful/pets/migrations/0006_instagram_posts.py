"""pets: the linked Instagram account's recent posts, as its last sync event carried them.

Advertisers read them on an applicant's card; they are replaced on each sync and cleared
when the account is unlinked.

Revision ID: pets_0006
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "pets_0006"
down_revision = "pets_0005"
branch_labels = None
depends_on = None

SCHEMA = "pets"


def upgrade() -> None:
    op.add_column(
        "pets",
        sa.Column("instagram_posts", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        schema=SCHEMA,
    )
    op.add_column(
        "pets", sa.Column("instagram_synced_at", sa.DateTime(timezone=True)), schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_column("pets", "instagram_synced_at", schema=SCHEMA)
    op.drop_column("pets", "instagram_posts", schema=SCHEMA)
