"""advertisers: schema baseline with the outbox and inbox tables.

Revision ID: advertisers_0001
"""

from petful.platform import outbox

revision = "advertisers_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    outbox.create_tables("advertisers")


def downgrade() -> None:
    outbox.drop_tables("advertisers")
