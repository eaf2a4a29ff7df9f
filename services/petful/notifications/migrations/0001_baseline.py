"""notifications: schema baseline with the outbox and inbox tables.

Revision ID: notifications_0001
"""

from petful.platform import outbox

revision = "notifications_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables("notifications")


def downgrade() -> None:
    outbox.drop_tables("notifications")
