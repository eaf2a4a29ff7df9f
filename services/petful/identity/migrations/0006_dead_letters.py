"""identity: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: identity_0006
"""

from petful.platform import dead_letters

revision = "identity_0006"
down_revision = "identity_0005"
branch_labels = None
depends_on = None

SCHEMA = "identity"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
