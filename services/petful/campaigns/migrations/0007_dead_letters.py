"""campaigns: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: campaigns_0007
"""

from petful.platform import dead_letters

revision = "campaigns_0007"
down_revision = "campaigns_0006"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
