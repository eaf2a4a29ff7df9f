"""pets: the owner's suspension on each pet, which hides it from everyone else.

Revision ID: pets_0003
"""

import sqlalchemy as sa
from alembic import op

revision = "pets_0003"
down_revision = "pets_0002"
branch_labels = None
depends_on = None

SCHEMA = "pets"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Both null: the owner is in good standing. A null end: until an admin reinstates them.
    op.add_column("pets", sa.Column("owner_suspended_at", TS), schema=SCHEMA)
    op.add_column("pets", sa.Column("owner_suspended_until", TS), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("pets", "owner_suspended_until", schema=SCHEMA)
    op.drop_column("pets", "owner_suspended_at", schema=SCHEMA)
