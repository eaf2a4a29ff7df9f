"""notifications: events its subscribers failed on in every attempt, kept to be retried.

The table is defined once, in petful.platform.dead_letters.

Revision ID: notifications_0003
"""

from petful.platform import dead_letters

revision = "notifications_0003"
down_revision = "notifications_0002"
branch_labels = None
depends_on = None

SCHEMA = "notifications"


def upgrade() -> None:
    dead_letters.create_table(SCHEMA)


def downgrade() -> None:
    dead_letters.drop_table(SCHEMA)
