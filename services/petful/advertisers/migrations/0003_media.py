"""advertisers: the media table for company logos and business documents.

Revision ID: advertisers_0003
"""

from petful.platform import media

revision = "advertisers_0003"
down_revision = "advertisers_0002"
branch_labels = None
depends_on = None

SCHEMA = "advertisers"


def upgrade() -> None:
    media.create_media_table(SCHEMA)


def downgrade() -> None:
    media.drop_media_table(SCHEMA)
