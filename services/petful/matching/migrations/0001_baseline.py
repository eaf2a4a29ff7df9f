"""matching: schema baseline with the outbox and inbox tables.

Revision ID: matching_0001
"""

from petful.platform import outbox

revision = "matching_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables("matching")


def downgrade() -> None:
    outbox.drop_tables("matching")
