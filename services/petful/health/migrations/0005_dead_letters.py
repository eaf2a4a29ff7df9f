"""health: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: health_0005
"""

from petful.platform import dead_letters

revision = "health_0005"
down_revision = "health_0004"
branch_labels = None
depends_on = None

SCHEMA = "health"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
