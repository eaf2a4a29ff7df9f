"""sns: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: sns_0006
"""

from petful.platform import dead_letters

revision = "sns_0006"
down_revision = "sns_0005"
branch_labels = None
depends_on = None

SCHEMA = "sns"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
