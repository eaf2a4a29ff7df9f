"""Matching subscribers and the demo seed on the real database (no other services)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

import petful.matching.tasks  # importing it registers the subscribers
from petful.contracts import campaigns as campaigns_events
from petful.contracts import identity as identity_events
from petful.contracts import matching as matching_events
from petful.contracts import pets as pets_events
from petful.contracts import sns as sns_events
from petful.contracts.base import Payload, Topic
from petful.matching import demo, repository
from petful.matching.rules.scoring import Track
from petful.platform import events, outbox
from petful.platform.db import transaction
from petful.platform.outbox import Event
from petful.platform.settings import Settings

# Every topic matching follows, by its producer's constant.
FOLLOWED: list[Topic[Any]] = [
    pets_events.PET_UPDATED,
    pets_events.PET_DELETED,
    pets_events.PET_INSTAGRAM_LINKED,
    pets_events.PET_INSTAGRAM_UNLINKED,
    pets_events.PORTFOLIO_UPDATED,
    pets_events.PETSTAR_APPROVED,
    pets_events.PETSTAR_REVOKED,
    *campaigns_events.CAMPAIGN_BY_PHASE.values(),
    campaigns_events.APPLICANT_COMPLETED,
    campaigns_events.APPLICANT_NO_SHOW,
    sns_events.ACCOUNT_SYNCED,
    identity_events.ACCOUNT_WITHDRAWN,
    identity_events.ACCOUNT_SUSPENDED,
    identity_events.ACCOUNT_REINSTATED,
    matching_events.REINDEX_REQUESTED,
]


def _event(topic: Topic[Any], payload: Payload) -> Event:
    return Event(
        uuid.uuid4(), topic.name, topic.producer, payload.model_dump(mode="json"), datetime.now(UTC)
    )


def _matching_sub(topic: str) -> events.Subscription:
    (sub,) = [s for s in events.subscribers_of(topic) if s.schema == "matching"]
    return sub


def _outcome(topic: Topic[campaigns_events.ApplicantChanged], pet_id: uuid.UUID) -> Event:
    status = topic.name.rsplit(".", 1)[1].upper()
    return _event(
        topic,
        campaigns_events.ApplicantChanged(
            campaign_id=uuid.uuid4(),
            campaign_title="고양이 사료 체험단",
            advertiser_user_id=uuid.uuid4(),
            applicant_id=uuid.uuid4(),
            pet_id=pet_id,
            pet_name="나비",
            owner_user_id=uuid.uuid4(),
            status=status,
        ),
    )


async def test_every_followed_topic_has_one_matching_subscriber() -> None:
    for topic in FOLLOWED:
        assert _matching_sub(topic.name).name.startswith("matching.")


async def test_outcomes_count_once_per_applicant(settings: Settings) -> None:
    nabi = uuid.uuid4()
    completed = _outcome(campaigns_events.APPLICANT_COMPLETED, nabi)
    no_show = _outcome(campaigns_events.APPLICANT_NO_SHOW, nabi)
    assert await events.consume(_matching_sub(completed.topic), completed)
    assert not await events.consume(_matching_sub(completed.topic), completed)  # redelivered
    assert await events.consume(_matching_sub(no_show.topic), no_show)
    async with transaction(settings) as session:
        track = (await repository.tracks(session, [nabi]))[nabi]
    assert track == Track(completed=1, no_show=1)


async def test_a_deleted_pet_is_forgotten_even_when_never_indexed(settings: Settings) -> None:
    gone = _event(
        pets_events.PET_DELETED,
        pets_events.PetChanged(
            pet_id=uuid.uuid4(), owner_id=uuid.uuid4(), name="보리", species="DOG"
        ),
    )
    assert await events.consume(_matching_sub(gone.topic), gone)


async def test_a_sync_of_an_account_no_petstar_uses_calls_nobody(settings: Settings) -> None:
    # No other service runs here: a call to pets or sns would fail the handler.
    synced = _event(
        sns_events.ACCOUNT_SYNCED,
        sns_events.AccountSynced(
            account_id=uuid.uuid4(),
            owner_user_id=uuid.uuid4(),
            ig_user_id="17841400000000000",
            username="bori_maltese",
            source="sandbox",
            status="LINKED",
            followers_count=1_200,
            follows_count=80,
            media_count=42,
            engagement_rate=0.05,
            window_days=30,
            posts_in_window=0,
            recent_posts=[],
        ),
    )
    assert await events.consume(_matching_sub(synced.topic), synced)


async def test_a_suspended_owner_is_recorded_until_reinstated(settings: Settings) -> None:
    bori_owner, admin = uuid.uuid4(), uuid.uuid4()
    suspended = _event(
        identity_events.ACCOUNT_SUSPENDED,
        identity_events.AccountSuspended(
            user_id=bori_owner, reason="허위 협찬 게시물", until=None, actor_id=admin
        ),
    )
    reinstated = _event(
        identity_events.ACCOUNT_REINSTATED,
        identity_events.AccountReinstated(user_id=bori_owner, reason="소명 확인", actor_id=admin),
    )
    table = sa.text("SELECT count(*) FROM matching.suspended_owners WHERE owner_id = :o")
    assert await events.consume(_matching_sub(suspended.topic), suspended)
    async with transaction(settings) as session:
        assert (await session.execute(table, {"o": bori_owner})).scalar() == 1
    assert await events.consume(_matching_sub(reinstated.topic), reinstated)
    async with transaction(settings) as session:
        assert (await session.execute(table, {"o": bori_owner})).scalar() == 0


async def test_demo_seed_requests_one_reindex(settings: Settings) -> None:
    async with transaction(settings) as session:
        summary = await demo.seed(session, {"pet_ids": {"보리": str(uuid.uuid4())}})
    assert "reindex requested" in summary
    table = outbox.outbox_table("matching")
    async with transaction(settings) as session:
        rows = (
            await session.execute(
                sa.select(table.c.payload).where(
                    table.c.topic == matching_events.REINDEX_REQUESTED.name
                )
            )
        ).all()
    assert len(rows) == 1
    assert matching_events.REINDEX_REQUESTED.parse(rows[0][0]).pets == 1


def test_a_sync_payload_becomes_the_account_snapshot() -> None:
    posted = datetime(2026, 11, 1, tzinfo=UTC)

    def post(caption: str) -> sns_events.SyncedPost:
        return sns_events.SyncedPost(
            ig_media_id=caption or "blank",
            permalink="https://www.instagram.com/p/x/",
            shortcode="x",
            caption=caption,
            posted_at=posted,
            like_count=10,
            comments_count=1,
            paid_partnership=False,
        )

    account_id = uuid.uuid4()
    synced = sns_events.AccountSynced(
        account_id=account_id,
        owner_user_id=uuid.uuid4(),
        ig_user_id="17841400000000001",
        username="kongi_cat",
        source="sandbox",
        status="LINKED",
        followers_count=3_400,
        follows_count=12,
        media_count=3,
        engagement_rate=0.061,
        window_days=30,
        posts_in_window=3,
        recent_posts=[post("츄르 먹방"), post(""), post("캣타워 정복")],
    )
    snapshot = petful.matching.tasks.account_snapshot(synced)
    assert snapshot.account_id == str(account_id)
    assert (snapshot.followers_count, snapshot.engagement_rate) == (3_400, 0.061)
    assert [c.text for c in snapshot.captions] == ["츄르 먹방", "캣타워 정복"]
