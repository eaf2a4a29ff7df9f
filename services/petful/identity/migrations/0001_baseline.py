"""identity: schema baseline with the outbox and inbox tables.

Revision ID: identity_0001
"""

from petful.platform import outbox

revision = "identity_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables("identity")


def downgrade() -> None:
    outbox.drop_tables("identity")
