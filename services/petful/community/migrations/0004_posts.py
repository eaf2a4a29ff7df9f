"""community: boards, posts with pictures, comments, likes, search, and the restrictions of
suspended users.

Lists are keyset scans of partial indexes over live posts (not deleted, not hidden); search
is a GIN index over the kiwipiepy tsvector. Counters live on the rows (see posts/models.py).

Revision ID: community_0004
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR, UUID

from petful.platform import media

revision = "community_0004"
down_revision = "community_0003"
branch_labels = None
depends_on = None

SCHEMA = "community"
TS = sa.DateTime(timezone=True)
ID = UUID(as_uuid=True)
LIVE = sa.text("deleted_at IS NULL AND hidden_at IS NULL")


def upgrade() -> None:
    # Post pictures (public, thumbnails by the media pipeline's consumer).
    media.create_media_table(SCHEMA)
    op.create_table(
        "posts",
        sa.Column("id", ID, primary_key=True),
        # identity's account; no foreign keys across services.
        sa.Column("author_id", ID, nullable=False),
        sa.Column("board", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("pets", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("like_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("comment_count", sa.Integer, nullable=False, server_default="0"),
        # Likes and live comments received in the last settings.community.popular_days.
        sa.Column("recent_score", sa.Integer, nullable=False, server_default="0"),
        sa.Column("search", TSVECTOR, nullable=False),
        sa.Column("title_search", TSVECTOR, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("edited_at", TS),
        sa.Column("deleted_at", TS),
        sa.Column("deleted_by", ID),
        sa.Column("hidden_at", TS),
        sa.CheckConstraint("board IN ('INFORMATION', 'QUESTION', 'SHOW_OFF')", name="board"),
        sa.CheckConstraint("char_length(title) BETWEEN 1 AND 100", name="title"),
        sa.CheckConstraint("char_length(body) BETWEEN 1 AND 10000", name="body"),
        sa.CheckConstraint("jsonb_array_length(pets) <= 5", name="pets"),
        sa.CheckConstraint(
            "like_count >= 0 AND comment_count >= 0 AND recent_score >= 0", name="counts"
        ),
        schema=SCHEMA,
    )
    # A board's newest page, and every board's: keyset scans over live posts only.
    op.create_index(
        "ix_posts_board_live",
        "posts",
        ["board", sa.text("created_at DESC"), sa.text("id DESC")],
        schema=SCHEMA,
        postgresql_where=LIVE,
    )
    op.create_index(
        "ix_posts_live",
        "posts",
        [sa.text("created_at DESC"), sa.text("id DESC")],
        schema=SCHEMA,
        postgresql_where=LIVE,
    )
    # Popular: a keyset scan by recent activity, a board's or every board's.
    op.create_index(
        "ix_posts_board_popular",
        "posts",
        ["board", sa.text("recent_score DESC"), sa.text("created_at DESC"), sa.text("id DESC")],
        schema=SCHEMA,
        postgresql_where=LIVE,
    )
    op.create_index(
        "ix_posts_popular",
        "posts",
        [sa.text("recent_score DESC"), sa.text("created_at DESC"), sa.text("id DESC")],
        schema=SCHEMA,
        postgresql_where=LIVE,
    )
    # A user's posts (their page, "my posts"), whatever their state (moderation finds an
    # author's posts through it too).
    op.create_index("ix_posts_author", "posts", ["author_id", "created_at", "id"], schema=SCHEMA)
    op.create_index("ix_posts_search", "posts", ["search"], schema=SCHEMA, postgresql_using="gin")
    op.create_index(
        "ix_posts_title_search", "posts", ["title_search"], schema=SCHEMA, postgresql_using="gin"
    )

    op.create_table(
        "post_images",
        sa.Column(
            "post_id",
            ID,
            sa.ForeignKey(f"{SCHEMA}.posts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("media_id", ID, primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.CheckConstraint("position BETWEEN 0 AND 99", name="position"),
        schema=SCHEMA,
    )
    # A picture belongs to one post: two posts racing for one upload cannot both take it.
    op.create_index("uq_post_images_media", "post_images", ["media_id"], unique=True, schema=SCHEMA)

    op.create_table(
        "post_likes",
        sa.Column(
            "post_id",
            ID,
            sa.ForeignKey(f"{SCHEMA}.posts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )
    # "Posts I liked", most recently liked first (keyset on the like).
    op.create_index(
        "ix_post_likes_user_created",
        "post_likes",
        ["user_id", "created_at", "post_id"],
        schema=SCHEMA,
    )
    # Popular lists count the likes of the last days.
    op.create_index("ix_post_likes_created", "post_likes", ["created_at"], schema=SCHEMA)

    op.create_table(
        "post_like_notices",
        sa.Column("post_id", ID, primary_key=True),
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )

    op.create_table(
        "comments",
        sa.Column("id", ID, primary_key=True),
        sa.Column(
            "post_id",
            ID,
            sa.ForeignKey(f"{SCHEMA}.posts.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("parent_id", ID, sa.ForeignKey(f"{SCHEMA}.comments.id", ondelete="CASCADE")),
        sa.Column("author_id", ID, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("like_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("edited_at", TS),
        sa.Column("deleted_at", TS),
        sa.Column("deleted_by", ID),
        sa.Column("hidden_at", TS),
        sa.CheckConstraint("char_length(body) <= 1000", name="body"),
        sa.CheckConstraint("like_count >= 0", name="like_count"),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        schema=SCHEMA,
    )
    # A post's roots (parent_id NULL) newest first, and the replies of a page's roots.
    op.create_index(
        "ix_comments_post_parent_created",
        "comments",
        ["post_id", "parent_id", "created_at", "id"],
        schema=SCHEMA,
    )
    # Popular lists count the comments of the last days; moderation finds an author's.
    op.create_index("ix_comments_created", "comments", ["created_at"], schema=SCHEMA)
    op.create_index("ix_comments_author", "comments", ["author_id"], schema=SCHEMA)

    op.create_table(
        "comment_likes",
        sa.Column(
            "comment_id",
            ID,
            sa.ForeignKey(f"{SCHEMA}.comments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )

    op.create_table(
        "restrictions",
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("until", TS),
        sa.Column("created_at", TS, nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    for table in (
        "restrictions",
        "comment_likes",
        "comments",
        "post_like_notices",
        "post_likes",
        "post_images",
        "posts",
    ):
        op.drop_table(table, schema=SCHEMA)
    media.drop_media_table(SCHEMA)
