"""matching: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: matching_0004
"""

from petful.platform import dead_letters

revision = "matching_0004"
down_revision = "matching_0003"
branch_labels = None
depends_on = None

SCHEMA = "matching"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
