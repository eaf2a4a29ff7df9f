"""campaigns: the media table for campaign images.

Revision ID: campaigns_0004
"""

from petful.platform import media

revision = "campaigns_0004"
down_revision = "campaigns_0003"
branch_labels = None
depends_on = None

SCHEMA = "campaigns"


def upgrade() -> None:
    media.create_media_table(SCHEMA)


def downgrade() -> None:
    media.drop_media_table(SCHEMA)
