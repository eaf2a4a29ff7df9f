"""The content re-check after a sync reads the posts the `sns.account.synced` event carries,
and asks sns only for a submitted post the event does not carry."""

from __future__ import annotations

from datetime import UTC, datetime

from petful.campaigns.rules.checklist import PostFacts
from petful.campaigns.service.content import SyncedPosts

ACCOUNT = "0b6f9a4e-3f5d-4c43-9f0e-0d8b8f6b2f11"


def post(code: str) -> PostFacts:
    return PostFacts(
        permalink=f"https://www.instagram.com/p/{code}/",
        caption="보리 #광고",
        posted_at=datetime(2026, 12, 1, tzinfo=UTC),
        paid_partnership=False,
        like_count=842,
        comments_count=12,
    )


class Sns:
    """The sns read, counting its calls."""

    def __init__(self, known: dict[str, PostFacts]) -> None:
        self.known = known
        self.asked: list[str] = []

    async def find_post(self, account_id: str, url: str) -> PostFacts | None:
        self.asked.append(url)
        return self.known.get(url)


async def test_a_post_the_event_carries_needs_no_call() -> None:
    sns = Sns({})
    posts = SyncedPosts(recent={"Crecent1": post("Crecent1")}, sns=sns)
    found = await posts.find_post(ACCOUNT, "https://www.instagram.com/reel/Crecent1/")
    assert found == post("Crecent1")
    assert sns.asked == []


async def test_a_post_beyond_the_event_is_asked_of_sns() -> None:
    old = "https://www.instagram.com/p/Cold001/"
    sns = Sns({old: post("Cold001")})
    posts = SyncedPosts(recent={"Crecent1": post("Crecent1")}, sns=sns)
    assert await posts.find_post(ACCOUNT, old) == post("Cold001")
    assert await posts.find_post(ACCOUNT, "https://www.instagram.com/p/Cnotyet/") is None
    assert sns.asked == [old, "https://www.instagram.com/p/Cnotyet/"]
