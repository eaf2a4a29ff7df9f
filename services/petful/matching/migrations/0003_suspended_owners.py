"""matching: owners an administrator suspended; their PetStars are never recommended.

Revision ID: matching_0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "matching_0003"
down_revision = "matching_0002"
branch_labels = None
depends_on = None

SCHEMA = "matching"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "suspended_owners",
        sa.Column("owner_id", UUID(as_uuid=True), primary_key=True),
        # Null: until an administrator lifts it.
        sa.Column("until", TS),
        sa.Column("suspended_at", TS, nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("suspended_owners", schema=SCHEMA)
