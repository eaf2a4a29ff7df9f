"""sns: linked Instagram accounts (encrypted tokens), their media and follower history.

Revision ID: sns_0002
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "sns_0002"
down_revision = "sns_0001"
branch_labels = None
depends_on = None

SCHEMA = "sns"
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_user_id", UUID(as_uuid=True), nullable=False),
        sa.Column("ig_user_id", sa.Text, nullable=False),
        sa.Column("username", sa.Text, nullable=False, server_default=""),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("biography", sa.Text, nullable=False, server_default=""),
        sa.Column("profile_picture_url", sa.Text, nullable=False, server_default=""),
        sa.Column("followers_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("follows_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("media_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("token_ciphertext", sa.LargeBinary),
        sa.Column("token_key_id", sa.Text),
        sa.Column("token_expires_at", TS),
        sa.Column("last_synced_at", TS),
        sa.Column("last_sync_error", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("source IN ('instagram', 'sandbox')", name="source"),
        sa.CheckConstraint("status IN ('LINKED', 'NEEDS_REAUTH', 'UNLINKED')", name="status"),
        # A linked account always has a token (and its key id); an unlinked one never.
        sa.CheckConstraint(
            "(status = 'UNLINKED') = (token_ciphertext IS NULL)"
            " AND (token_ciphertext IS NULL) = (token_key_id IS NULL)",
            name="token_presence",
        ),
        schema=SCHEMA,
    )
    # One owner at a time: an Instagram account is linked by at most one active row.
    op.create_index(
        "uq_accounts_ig_user_active",
        "accounts",
        ["ig_user_id"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("status <> 'UNLINKED'"),
    )
    op.create_index("ix_accounts_owner", "accounts", ["owner_user_id", "created_at"], schema=SCHEMA)
    op.create_table(
        "media",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "account_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("ig_media_id", sa.Text, nullable=False),
        sa.Column("caption", sa.Text, nullable=False, server_default=""),
        sa.Column("media_type", sa.Text, nullable=False, server_default=""),
        sa.Column("permalink", sa.Text, nullable=False, server_default=""),
        sa.Column("posted_at", TS, nullable=False),
        sa.Column("like_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("comments_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("synced_at", TS, nullable=False),
        sa.UniqueConstraint("account_id", "ig_media_id", name="uq_media_account_ig_media"),
        schema=SCHEMA,
    )
    op.create_index("ix_media_account_posted", "media", ["account_id", "posted_at"], schema=SCHEMA)
    op.create_table(
        "follower_history",
        sa.Column(
            "account_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("followers", sa.BigInteger, nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("follower_history", schema=SCHEMA)
    op.drop_table("media", schema=SCHEMA)
    op.drop_table("accounts", schema=SCHEMA)
