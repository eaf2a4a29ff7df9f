"""Events of the sns service: Instagram accounts, syncs, posts and comment moderation."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from pydantic import Field

from petful.contracts.base import Payload, Topic

# The most posts one `sns.account.synced` carries (the newest of its window), so a sync of
# a prolific account stays a small message.
RECENT_POSTS_MAX = 50


class AccountChanged(Payload):
    account_id: uuid.UUID
    owner_user_id: uuid.UUID
    ig_user_id: str
    username: str
    source: str  # "instagram" or "sandbox"
    status: str  # LINKED, NEEDS_REAUTH, UNLINKED


_SHORTCODE_RE = re.compile(
    r"^https?://(?:www\.|m\.)?instagram\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/"
    r"([A-Za-z0-9_-]{5,64})/?(?:[?#].*)?$"
)


def shortcode_of(url: str) -> str | None:
    """The post shortcode of an Instagram permalink (`/p/<code>/`, `/reel/<code>/`,
    `/tv/<code>/`, optionally after a user name), None for anything else. It is how
    `SyncedPost.shortcode` is made, so a consumer finds a post by any link to it."""
    m = _SHORTCODE_RE.match(url.strip())
    return m.group(1) if m else None


class SyncedPost(Payload):
    """A post as sns stored it at the sync (figures as Instagram reported them then)."""

    ig_media_id: str
    permalink: str
    shortcode: str  # shortcode_of(permalink), "" when Instagram gave no usable link
    caption: str
    posted_at: datetime
    like_count: int
    comments_count: int
    paid_partnership: bool  # the label or a disclosure hashtag


class AccountSynced(AccountChanged):
    """Everything consumers read after a sync, so none of them calls sns back: the figures
    of GetAccountMetrics with the default window (pets copies followers and engagement onto
    the pet, matching indexes the captions, campaigns re-checks submitted posts)."""

    followers_count: int
    follows_count: int
    media_count: int
    # Mean (likes + comments) / followers over the newest posts (settings.sns.engagement_posts).
    engagement_rate: float
    # The window of recent_posts: posts published in (synced - window_days, synced].
    window_days: int
    # How many posts the window holds: more than len(recent_posts) when the list was cut at
    # RECENT_POSTS_MAX, so a consumer missing an older post of the window knows why.
    posts_in_window: int
    # The posts of that window, newest first (campaigns finds submitted posts by shortcode).
    recent_posts: list[SyncedPost] = Field(max_length=RECENT_POSTS_MAX)


class PostPublished(AccountChanged):
    """A post a re-sync saw for the first time (the first sync of an account announces none)."""

    post: SyncedPost


class ModerationSettingsChanged(AccountChanged):
    auto_moderation: bool
    action: str  # HIDE or DELETE
    banned_words: int  # how many; the words themselves stay in sns


class CommentModerated(Payload):
    account_id: uuid.UUID
    owner_user_id: uuid.UUID
    comment_id: uuid.UUID
    ig_comment_id: str
    ig_media_id: str
    action: str  # HIDE, UNHIDE or DELETE
    state: str  # the comment's state after it: VISIBLE, HIDDEN or DELETED
    reason: str  # "manual", "negative" or "banned_word:<word>"
    by: str  # "rule" (auto-moderation) or "user" (the owner)


ACCOUNT_LINKED = Topic("sns.account.linked", AccountChanged)
ACCOUNT_SYNCED = Topic("sns.account.synced", AccountSynced)
ACCOUNT_UNLINKED = Topic("sns.account.unlinked", AccountChanged)
ACCOUNT_NEEDS_REAUTH = Topic("sns.account.needs_reauth", AccountChanged)
POST_PUBLISHED = Topic("sns.post.published", PostPublished)
MODERATION_SETTINGS_CHANGED = Topic("sns.moderation.settings_changed", ModerationSettingsChanged)
COMMENT_MODERATED = Topic("sns.comment.moderated", CommentModerated)
