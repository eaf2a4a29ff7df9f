"""sns: the owner's suspension on each account, so no sync runs while it is in force.

Revision ID: sns_0005
"""

import sqlalchemy as sa
from alembic import op

revision = "sns_0005"
down_revision = "sns_0004"
branch_labels = None
depends_on = None

SCHEMA = "sns"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("accounts", sa.Column("owner_suspended_at", TS), schema=SCHEMA)
    op.add_column("accounts", sa.Column("owner_suspended_until", TS), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("accounts", "owner_suspended_until", schema=SCHEMA)
    op.drop_column("accounts", "owner_suspended_at", schema=SCHEMA)
