"""identity: the media table for profile pictures, and the picture as a media id.

`profile_image_id` was free text any client could set (HTML, `javascript:` URLs) and was
shown on the public profile. The picture is now `profile_image_media_id`, set only by an
upload into this schema's media table. The old column is emptied: no value in it can be a
media id of its user, as the media table is created here. It stays (unread) so processes
of the previous release keep working during a rolling update; a later release drops it.

Revision ID: identity_0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from petful.platform import media

revision = "identity_0004"
down_revision = "identity_0003"
branch_labels = None
depends_on = None

SCHEMA = "identity"


def upgrade() -> None:
    media.create_media_table(SCHEMA)
    op.add_column(
        "accounts", sa.Column("profile_image_media_id", UUID(as_uuid=True)), schema=SCHEMA
    )
    op.execute(
        sa.text("UPDATE identity.accounts SET profile_image_id = '' WHERE profile_image_id <> ''")
    )


def downgrade() -> None:
    op.drop_column("accounts", "profile_image_media_id", schema=SCHEMA)
    media.drop_media_table(SCHEMA)
