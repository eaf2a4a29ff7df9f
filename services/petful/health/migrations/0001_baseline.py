"""health: schema baseline with the outbox and inbox tables.

Revision ID: health_0001
"""

from petful.platform import outbox

revision = "health_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables("health")


def downgrade() -> None:
    outbox.drop_tables("health")
