"""sns: post shortcodes and paid-partnership flag, monthly insights, stored analytics,
comments with moderation state, moderation settings and the moderation log.

Revision ID: sns_0003
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

revision = "sns_0003"
down_revision = "sns_0002"
branch_labels = None
depends_on = None

SCHEMA = "sns"
TS = sa.DateTime(timezone=True)


def _account_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "account_id",
        UUID(as_uuid=True),
        sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
        nullable=False,
    )


def upgrade() -> None:
    op.add_column(
        "media", sa.Column("shortcode", sa.Text, nullable=False, server_default=""), schema=SCHEMA
    )
    op.add_column(
        "media",
        sa.Column("paid_partnership", sa.Boolean, nullable=False, server_default=sa.false()),
        schema=SCHEMA,
    )
    # (a bind-parameter-free statement: the regex's "(?:p" would read as a parameter)
    op.get_bind().exec_driver_sql(
        "UPDATE sns.media SET shortcode = coalesce(substring(permalink from "
        "'instagram\\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/([A-Za-z0-9_-]+)'), '')"
    )
    op.create_index("ix_media_shortcode", "media", ["shortcode"], schema=SCHEMA)

    op.create_table(
        "insights_monthly",
        _account_fk(),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("likes", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("comments", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("shares", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("views", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("reach", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("synced_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("account_id", "month"),
        schema=SCHEMA,
    )
    op.create_table(
        "analytics",
        sa.Column(
            "account_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("computed_at", TS, nullable=False),
        sa.Column("data", JSONB, nullable=False),
        schema=SCHEMA,
    )
    op.create_table(
        "moderation_settings",
        sa.Column(
            "account_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.accounts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("auto_moderation", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("action", sa.Text, nullable=False, server_default="HIDE"),
        sa.Column("moderate_negative", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("banned_words", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("updated_at", TS, nullable=False),
        sa.CheckConstraint("action IN ('HIDE', 'DELETE')", name="action"),
        schema=SCHEMA,
    )
    op.create_table(
        "comments",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        _account_fk(),
        sa.Column("ig_comment_id", sa.Text, nullable=False),
        sa.Column("ig_media_id", sa.Text, nullable=False),
        sa.Column("parent_ig_comment_id", sa.Text, nullable=False, server_default=""),
        sa.Column("username", sa.Text, nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False, server_default=""),
        sa.Column("like_count", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("posted_at", TS, nullable=False),
        sa.Column("sentiment", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False, server_default="VISIBLE"),
        sa.Column("banned_hits", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("moderated_at", TS),
        sa.Column("moderation_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("first_seen_at", TS, nullable=False),
        sa.Column("synced_at", TS, nullable=False),
        sa.CheckConstraint("sentiment IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL')", name="sentiment"),
        sa.CheckConstraint("state IN ('VISIBLE', 'HIDDEN', 'DELETED')", name="state"),
        sa.UniqueConstraint("account_id", "ig_comment_id", name="uq_comments_account_ig"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_comments_account_posted", "comments", ["account_id", "posted_at", "id"], schema=SCHEMA
    )
    op.create_table(
        "moderation_log",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        _account_fk(),
        sa.Column(
            "comment_id",
            UUID(as_uuid=True),
            sa.ForeignKey(f"{SCHEMA}.comments.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("by", sa.Text, nullable=False),
        sa.Column("by_user_id", UUID(as_uuid=True)),
        sa.Column("at", TS, nullable=False),
        sa.CheckConstraint("action IN ('HIDE', 'UNHIDE', 'DELETE')", name="action"),
        sa.CheckConstraint("by IN ('rule', 'user')", name="by"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_moderation_log_account", "moderation_log", ["account_id", "at"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("moderation_log", schema=SCHEMA)
    op.drop_table("comments", schema=SCHEMA)
    op.drop_table("moderation_settings", schema=SCHEMA)
    op.drop_table("analytics", schema=SCHEMA)
    op.drop_table("insights_monthly", schema=SCHEMA)
    op.drop_index("ix_media_shortcode", "media", schema=SCHEMA)
    op.drop_column("media", "paid_partnership", schema=SCHEMA)
    op.drop_column("media", "shortcode", schema=SCHEMA)
