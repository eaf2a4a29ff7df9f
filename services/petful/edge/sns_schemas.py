"""Request and response bodies of the /api/v1/sns routes (linked Instagram accounts).

Shapes and size caps are checked here (422 naming the field); the sns service re-checks
every rule and owns the state (404 unknown or foreign accounts, 409 an account linked by
another user or a sync already running)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.edge.identity_schemas import Body, ts
from petful.pb.sns.v1 import sns_pb2 as pb

AccountStatus = Literal["LINKED", "NEEDS_REAUTH", "UNLINKED"]

STATUS_NAMES: dict[pb.AccountStatus, AccountStatus] = {
    pb.ACCOUNT_STATUS_LINKED: "LINKED",
    pb.ACCOUNT_STATUS_NEEDS_REAUTH: "NEEDS_REAUTH",
    pb.ACCOUNT_STATUS_UNLINKED: "UNLINKED",
}


class LinkIn(Body):
    """A short-lived Facebook user token from Facebook Login for Business (scopes
    instagram_basic, pages_show_list, pages_read_engagement, instagram_manage_insights)."""

    access_token: str = Field(min_length=1, max_length=4096)
    ig_user_id: str | None = Field(
        default=None,
        max_length=32,
        pattern=r"^[0-9]+$",
        description="Which Instagram business account to link when the user has several.",
    )

    def to_pb(self) -> pb.LinkAccountRequest:
        return pb.LinkAccountRequest(
            access_token=self.access_token, ig_user_id=self.ig_user_id or ""
        )


class Account(BaseModel):
    id: str
    ig_user_id: str
    username: str
    name: str
    biography: str
    profile_picture_url: str
    followers_count: int
    follows_count: int
    media_count: int
    source: str = Field(
        description='"instagram", or "sandbox" for the demo platform\'s fake Graph API.'
    )
    status: AccountStatus
    last_synced_at: datetime | None
    last_sync_error: str

    @classmethod
    def from_pb(cls, a: pb.Account) -> Account:
        return cls(
            id=a.id,
            ig_user_id=a.ig_user_id,
            username=a.username,
            name=a.name,
            biography=a.biography,
            profile_picture_url=a.profile_picture_url,
            followers_count=a.followers_count,
            follows_count=a.follows_count,
            media_count=a.media_count,
            source=a.source,
            status=STATUS_NAMES.get(a.status, "UNLINKED"),
            last_synced_at=ts(a.last_synced_at),
            last_sync_error=a.last_sync_error,
        )


class AccountList(BaseModel):
    items: list[Account]


class RecentPost(BaseModel):
    ig_media_id: str
    permalink: str
    posted_at: datetime | None
    like_count: int
    comments_count: int
    caption: str


class Metrics(BaseModel):
    account_id: str
    followers_count: int
    follows_count: int
    media_count: int
    engagement_rate: float = Field(
        description="Mean (likes + comments) / followers over the latest posts."
    )
    avg_likes: float
    avg_comments: float
    window_days: int
    posts_in_window: int
    recent_posts: list[RecentPost]
    synced_at: datetime | None
    source: str

    @classmethod
    def from_pb(cls, m: pb.AccountMetrics, window_days: int) -> Metrics:
        return cls(
            account_id=m.account_id,
            followers_count=m.followers_count,
            follows_count=m.follows_count,
            media_count=m.media_count,
            engagement_rate=m.engagement_rate,
            avg_likes=m.avg_likes,
            avg_comments=m.avg_comments,
            window_days=window_days,
            posts_in_window=m.posts_in_window,
            recent_posts=[
                RecentPost(
                    ig_media_id=p.ig_media_id,
                    permalink=p.permalink,
                    posted_at=ts(p.posted_at),
                    like_count=p.like_count,
                    comments_count=p.comments_count,
                    caption=p.caption,
                )
                for p in m.recent_posts
            ],
            synced_at=ts(m.synced_at),
            source=m.source,
        )
