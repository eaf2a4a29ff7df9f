"""The SnsService over real gRPC, PostgreSQL and Redis, with the real Graph client talking
to the Instagram sandbox server. No mocks of our code."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from petful.contracts import sns as contract
from petful.devstack.instagram_sandbox import SandboxServer, short_token
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.pb.sns.v1 import sns_pb2_grpc
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal, service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.errors import from_rpc_error
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import RunningServer, start_server
from petful.platform.jobs import BEAT_SCHEDULE
from petful.platform.settings import Settings
from petful.sns import demo, grpc_api, tasks
from petful.sns.models import Account, FollowerHistory, Media
from petful.sns.rules import metrics as metric_rules
from petful.sns.service.sync import SyncLock
from tests.integration.conftest import Clock, outbox_payloads
from tests.support import free_port


@dataclass
class Sns:
    settings: Settings
    server: RunningServer
    sandbox: SandboxServer
    clock: Clock

    @contextlib.contextmanager
    def as_(self, who: Principal) -> Iterator[sns_pb2_grpc.SnsServiceStub]:
        """The typed stub, calling as who (the channel's interceptor sends who's metadata)."""
        with use_principal(who):
            yield sns_pb2_grpc.SnsServiceStub(channel("sns"))

    async def link(self, who: Principal, user: str, ig_user_id: str = "") -> pb.Account:
        with self.as_(who) as stub:
            account: pb.Account = await stub.LinkAccount(
                pb.LinkAccountRequest(access_token=short_token(user), ig_user_id=ig_user_id)
            )
        return account


async def refused(rpc: Awaitable[object]) -> grpc.aio.AioRpcError:
    """The error of a call that must fail: `err = await refused(stub.GetAccount(request))`."""
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await rpc
    return info.value


def person(*roles: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), roles=frozenset(roles or {"USER"}))


def fields(err: grpc.aio.AioRpcError) -> set[str]:
    return {f for f, _ in from_rpc_error(err).field_violations}


@pytest.fixture
async def sns(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Sns]:
    sandbox = await SandboxServer(free_port()).start()
    env = {
        "PETFUL_SNS__GRAPH_BASE_URL": sandbox.url,
        "PETFUL_SNS__SOURCE": "sandbox",
        "PETFUL_SNS__APP_ID": "sandbox-app",
        "PETFUL_SNS__APP_SECRET": "sandbox-secret",
        "PETFUL_SNS__GRAPH_BACKOFF_SECONDS": "0.01",
        "PETFUL_SNS__GRAPH_BACKOFF_MAX_SECONDS": "0.02",
        "PETFUL_SNS__MEDIA_PAGE_SIZE": "10",
        "PETFUL_SNS__PAID_PARTNERSHIP_FIELD": "is_paid_partnership",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings_module.get_settings.cache_clear()
    settings = settings_module.get_settings()
    clock = Clock(datetime.now(UTC))
    server = await start_server(
        "sns",
        lambda s: grpc_api.register(s, settings=settings, clock=clock),
        settings=settings,
        port=0,
    )
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps({"sns": f"127.0.0.1:{server.port}"}))
    settings_module.get_settings.cache_clear()
    try:
        yield Sns(settings_module.get_settings(), server, sandbox, clock)
    finally:
        await server.stop(0)
        await close_channels()
        await sandbox.stop()


async def rows(model: type[Any], account_id: str) -> int:
    async with transaction() as session:
        stmt = (
            sa.select(sa.func.count())
            .select_from(model)
            .where(model.account_id == uuid.UUID(account_id))
        )
        return int((await session.execute(stmt)).scalar() or 0)


async def test_link_list_get_and_events(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    bori = sns.sandbox.state.accounts["bori_maltese"]
    assert account.status == pb.ACCOUNT_STATUS_LINKED
    assert (account.owner_user_id, account.ig_user_id, account.username) == (
        owner.user_id,
        bori.ig_user_id,
        "bori_maltese",
    )
    assert account.source == "sandbox"
    assert (account.followers_count, account.follows_count, account.media_count) == (
        bori.followers_count,
        bori.follows_count,
        len(bori.media),
    )
    assert account.biography == bori.biography
    assert account.HasField("last_synced_at")
    assert account.last_sync_error == ""
    # the whole media history (several pages) and today's follower count are stored
    assert await rows(Media, account.id) == len(bori.media)
    assert await rows(FollowerHistory, account.id) == 1

    with sns.as_(owner) as stub:
        listed = await stub.ListMyAccounts(pb.ListMyAccountsRequest())
        assert [a.id for a in listed.accounts] == [account.id]
        (summary,) = listed.summaries
        assert summary.account_id == account.id
        assert summary.engagement_rate > 0
        got = await stub.GetAccount(pb.GetAccountRequest(account_id=account.id))
        assert got == account

    (linked,) = await outbox_payloads(contract.ACCOUNT_LINKED.name, "sns")
    assert contract.ACCOUNT_LINKED.parse(linked) == contract.AccountChanged(
        account_id=uuid.UUID(account.id),
        owner_user_id=uuid.UUID(owner.user_id or ""),
        ig_user_id=bori.ig_user_id,
        username="bori_maltese",
        source="sandbox",
        status="LINKED",
    )
    (synced,) = await outbox_payloads(contract.ACCOUNT_SYNCED.name, "sns")
    assert contract.ACCOUNT_SYNCED.parse(synced).followers_count == bori.followers_count


async def test_synced_event_carries_the_metrics_consumers_read(sns: Sns) -> None:
    """pets, matching and campaigns read the sync from the event alone: the same figures
    as GetAccountMetrics (default window) and the window's posts as GetPostByUrl has them."""
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    sponsored = sns.sandbox.state.add_media("bori_maltese", "새 간식 #협찬", like_count=300)
    sns.clock.advance(timedelta(minutes=5))
    with sns.as_(owner) as stub:
        await stub.SyncAccount(pb.SyncAccountRequest(account_id=account.id))

    link_sync, resync = await outbox_payloads(contract.ACCOUNT_SYNCED.name, "sns")
    synced = contract.ACCOUNT_SYNCED.parse(resync)
    with sns.as_(service_principal("pets")) as stub:
        metrics = await stub.GetAccountMetrics(pb.GetAccountMetricsRequest(account_id=account.id))
    assert (synced.account_id, synced.status) == (uuid.UUID(account.id), "LINKED")
    assert (synced.followers_count, synced.follows_count, synced.media_count) == (
        metrics.followers_count,
        metrics.follows_count,
        metrics.media_count,
    )
    assert synced.engagement_rate == pytest.approx(metrics.engagement_rate)
    assert synced.window_days == sns.settings.sns.metrics_window_days
    assert synced.posts_in_window == metrics.posts_in_window == len(synced.recent_posts)
    assert [(p.ig_media_id, p.permalink, p.caption) for p in synced.recent_posts] == [
        (p.ig_media_id, p.permalink, p.caption) for p in metrics.recent_posts
    ]
    assert [p.posted_at for p in synced.recent_posts] == [
        p.posted_at.ToDatetime(tzinfo=UTC) for p in metrics.recent_posts
    ]
    newest = synced.recent_posts[0]
    with sns.as_(owner) as stub:
        post = await stub.GetPostByUrl(
            pb.GetPostByUrlRequest(account_id=account.id, url=newest.permalink)
        )
    assert newest.ig_media_id == post.ig_media_id == sponsored.id
    assert (newest.like_count, newest.comments_count) == (post.like_count, post.comments_count)
    assert newest.paid_partnership is post.paid_partnership is True  # the #협찬 hashtag
    assert newest.permalink.rstrip("/").endswith(newest.shortcode)
    assert sponsored.id not in {
        p.ig_media_id for p in contract.ACCOUNT_SYNCED.parse(link_sync).recent_posts
    }


async def test_synced_event_keeps_the_newest_posts_of_a_busy_window(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    added = [
        sns.sandbox.state.add_media("bori_maltese", f"산책 {i}")
        for i in range(contract.RECENT_POSTS_MAX)
    ]
    sns.clock.advance(timedelta(minutes=5))
    with sns.as_(owner) as stub:
        await stub.SyncAccount(pb.SyncAccountRequest(account_id=account.id))

    _, payload = await outbox_payloads(contract.ACCOUNT_SYNCED.name, "sns")
    synced = contract.ACCOUNT_SYNCED.parse(payload)
    assert synced.posts_in_window > len(synced.recent_posts) == contract.RECENT_POSTS_MAX
    assert {p.ig_media_id for p in synced.recent_posts} == {m.id for m in added}


async def test_visibility_owner_admin_service_only(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    request = pb.GetAccountRequest(account_id=account.id)
    with sns.as_(person()) as stub:
        err = await refused(stub.GetAccount(request))
    assert err.code() == grpc.StatusCode.NOT_FOUND
    with sns.as_(owner) as stub:
        unknown = await refused(stub.GetAccount(pb.GetAccountRequest(account_id=str(uuid.uuid4()))))
    assert (unknown.code(), unknown.details()) == (err.code(), err.details())  # no leak
    with sns.as_(person("ADMIN")) as stub:
        assert (await stub.GetAccount(request)).id == account.id
    with sns.as_(service_principal("pets")) as stub:
        assert (await stub.GetAccount(request)).id == account.id
    # other users' lists never show it
    with sns.as_(person()) as stub:
        other = await stub.ListMyAccounts(pb.ListMyAccountsRequest())
    assert list(other.accounts) == []
    with sns.as_(owner) as stub:
        bad = await refused(stub.GetAccount(pb.GetAccountRequest(account_id="nope")))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"account_id"}
    with sns.as_(Principal()) as stub:
        anonymous = await refused(stub.ListMyAccounts(pb.ListMyAccountsRequest()))
    assert anonymous.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_metrics_for_owner_and_service(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "nabi_russianblue")
    nabi = sns.sandbox.state.accounts["nabi_russianblue"]
    request = pb.GetAccountMetricsRequest(account_id=account.id, window_days=30)
    with sns.as_(service_principal("pets")) as stub:
        metrics = await stub.GetAccountMetrics(request)
    posts = [
        metric_rules.Post(m.id, m.timestamp, m.like_count, m.comments_count) for m in nabi.media
    ]
    now = sns.clock()
    assert metrics.account_id == account.id
    assert metrics.followers_count == nabi.followers_count
    assert metrics.engagement_rate == pytest.approx(
        metric_rules.engagement_rate(posts, nabi.followers_count, last_n=12)
    )
    recent = nabi.media[:12]
    assert metrics.avg_likes == pytest.approx(sum(m.like_count for m in recent) / 12)
    in_window = [m for m in nabi.media if now - timedelta(days=30) < m.timestamp <= now]
    assert metrics.posts_in_window == len(in_window) > 0
    assert [p.ig_media_id for p in metrics.recent_posts] == [m.id for m in in_window]
    first = metrics.recent_posts[0]
    assert first.permalink == in_window[0].permalink
    assert first.caption == in_window[0].caption
    assert first.posted_at.ToDatetime(tzinfo=UTC) == in_window[0].timestamp
    assert metrics.source == "sandbox"
    assert metrics.HasField("synced_at")

    with sns.as_(owner) as stub:
        default = await stub.GetAccountMetrics(pb.GetAccountMetricsRequest(account_id=account.id))
    assert default.posts_in_window >= metrics.posts_in_window  # 90 days by default
    with sns.as_(person("ADMIN")) as stub:
        assert (await stub.GetAccountMetrics(request)).account_id

    with sns.as_(person()) as stub:
        hidden = await refused(stub.GetAccountMetrics(request))
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    with sns.as_(owner) as stub:
        bad = await refused(
            stub.GetAccountMetrics(pb.GetAccountMetricsRequest(account_id="x", window_days=400))
        )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"account_id", "window_days"}


async def test_double_link_by_another_user_is_already_exists(sns: Sns) -> None:
    owner = person()
    first = await sns.link(owner, "bori_maltese")
    with sns.as_(person()) as stub:
        err = await refused(
            stub.LinkAccount(pb.LinkAccountRequest(access_token=short_token("bori_maltese")))
        )
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS
    # the owner linking again refreshes the same account
    again = await sns.link(owner, "bori_maltese")
    assert again.id == first.id
    with sns.as_(owner) as stub:
        assert len((await stub.ListMyAccounts(pb.ListMyAccountsRequest())).accounts) == 1


async def test_link_input_and_account_choice(sns: Sns) -> None:
    owner = person()
    with sns.as_(owner) as stub:
        err = await refused(stub.LinkAccount(pb.LinkAccountRequest(ig_user_id="abc")))
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert fields(err) == {"access_token", "ig_user_id"}

        err = await refused(
            stub.LinkAccount(pb.LinkAccountRequest(access_token="EAA-expired-or-foreign"))
        )
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert fields(err) == {"access_token"}

        # two business accounts: the caller must name one
        err = await refused(
            stub.LinkAccount(pb.LinkAccountRequest(access_token=short_token("petful_family")))
        )
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert fields(err) == {"ig_user_id"}
        mandu = sns.sandbox.state.accounts["mandu_bichon"]
        linked = await sns.link(owner, "petful_family", mandu.ig_user_id)
        assert linked.username == "mandu_bichon"
        err = await refused(
            stub.LinkAccount(
                pb.LinkAccountRequest(access_token=short_token("petful_family"), ig_user_id="12345")
            )
        )
        assert fields(err) == {"ig_user_id"}

        err = await refused(
            stub.LinkAccount(pb.LinkAccountRequest(access_token=short_token("no_business")))
        )
        assert err.code() == grpc.StatusCode.FAILED_PRECONDITION

        sns.sandbox.state.rate_limit(10)
        err = await refused(
            stub.LinkAccount(pb.LinkAccountRequest(access_token=short_token("kongi_cat")))
        )
        assert err.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


async def test_token_is_stored_encrypted(sns: Sns) -> None:
    account = await sns.link(person(), "bori_maltese")
    plaintext = "sandbox-long-bori_maltese"
    async with transaction() as session:
        row = (
            await session.execute(
                sa.text(
                    "SELECT a::text AS row_text, token_ciphertext, token_key_id FROM sns.accounts a"
                )
            )
        ).one()
    assert "sns.accounts" not in row.row_text  # a real row, not the query
    assert row.row_text.startswith("(")
    assert plaintext not in row.row_text
    assert plaintext.encode().hex() not in row.row_text
    assert plaintext.encode() not in bytes(row.token_ciphertext)
    assert row.token_key_id
    # and it is the token the service uses: a sync succeeds with it
    with sns.as_(person("ADMIN")) as stub:
        synced = await stub.SyncAccount(pb.SyncAccountRequest(account_id=account.id))
    assert synced.status == pb.ACCOUNT_STATUS_LINKED
    assert synced.last_sync_error == ""


async def test_unlink(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    request = pb.UnlinkAccountRequest(account_id=account.id)
    with sns.as_(person()) as stub:
        err = await refused(stub.UnlinkAccount(request))
    assert err.code() == grpc.StatusCode.NOT_FOUND
    with sns.as_(person("ADMIN")) as stub:
        err = await refused(stub.UnlinkAccount(request))
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    with sns.as_(owner) as stub:
        unlinked = await stub.UnlinkAccount(request)
        assert unlinked.status == pb.ACCOUNT_STATUS_UNLINKED
        assert (await stub.UnlinkAccount(request)).status == pb.ACCOUNT_STATUS_UNLINKED
    (payload,) = await outbox_payloads(contract.ACCOUNT_UNLINKED.name, "sns")
    assert payload["account_id"] == account.id
    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(account.id))
        assert row is not None
        assert row.token_ciphertext is None
    # the synced data goes with the token
    assert await rows(Media, account.id) == 0
    assert await rows(FollowerHistory, account.id) == 0
    with sns.as_(owner) as stub:
        assert list((await stub.ListMyAccounts(pb.ListMyAccountsRequest())).accounts) == []
        err = await refused(stub.SyncAccount(pb.SyncAccountRequest(account_id=account.id)))
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    # now someone else may link it
    other = await sns.link(person(), "bori_maltese")
    assert other.id != account.id


async def test_revoked_token_needs_reauth_until_linked_again(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "kongi_cat")
    sns.sandbox.state.revoke("kongi_cat")
    sns.clock.advance(timedelta(hours=1))
    request = pb.SyncAccountRequest(account_id=account.id)
    with sns.as_(owner) as stub:
        synced = await stub.SyncAccount(request)
    assert synced.status == pb.ACCOUNT_STATUS_NEEDS_REAUTH
    assert "190" in synced.last_sync_error
    (payload,) = await outbox_payloads(contract.ACCOUNT_NEEDS_REAUTH.name, "sns")
    assert (payload["account_id"], payload["owner_user_id"]) == (account.id, owner.user_id)
    with sns.as_(owner) as stub:
        err = await refused(stub.SyncAccount(request))
        assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
        # still listed (so the owner sees it needs attention), and linking again revives it
        listed = await stub.ListMyAccounts(pb.ListMyAccountsRequest())
    assert [a.status for a in listed.accounts] == [pb.ACCOUNT_STATUS_NEEDS_REAUTH]
    sns.sandbox.state.restore("kongi_cat")
    again = await sns.link(owner, "kongi_cat")
    assert (again.id, again.status) == (account.id, pb.ACCOUNT_STATUS_LINKED)


async def test_sync_lock_prevents_concurrent_syncs(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "dubu_corgi")
    account_id = uuid.UUID(account.id)
    request = pb.SyncAccountRequest(account_id=account.id)

    # a worker holds the lock: the RPC and the task both step aside
    lock = SyncLock(sns.settings, account_id)
    assert await lock.acquire()
    with sns.as_(owner) as stub:
        err = await refused(stub.SyncAccount(request))
    assert err.code() == grpc.StatusCode.ABORTED
    assert await tasks.sync_one(account_id, settings=sns.settings) is False
    await lock.release()

    # two syncs at the same time: exactly one runs
    sns.sandbox.state.latency = 0.2
    with sns.as_(owner) as stub:
        results = await asyncio.gather(
            stub.SyncAccount(request), stub.SyncAccount(request), return_exceptions=True
        )
    sns.sandbox.state.latency = 0
    errors = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert [e.code() for e in errors] == [grpc.StatusCode.ABORTED]
    # the lock is gone once the sync committed
    assert await tasks.sync_one(account_id, settings=sns.settings) is True
    fresh = SyncLock(sns.settings, account_id)
    assert await fresh.acquire()
    await fresh.release()


async def test_nightly_sync_and_recorded_failures(sns: Sns) -> None:
    owner = person()
    bori = await sns.link(owner, "bori_maltese")
    kongi = await sns.link(owner, "kongi_cat")
    with sns.as_(owner) as stub:
        await stub.UnlinkAccount(pb.UnlinkAccountRequest(account_id=kongi.id))
    assert BEAT_SCHEDULE["sns-sync-all"]["task"] == "sns.sync_all"
    assert await tasks.linked_ids(sns.settings) == [uuid.UUID(bori.id)]

    get_bori = pb.GetAccountRequest(account_id=bori.id)
    sns.sandbox.state.rate_limit(20)
    assert await tasks.sync_one(uuid.UUID(bori.id), settings=sns.settings) is True
    with sns.as_(owner) as stub:
        got = await stub.GetAccount(get_bori)
    assert got.status == pb.ACCOUNT_STATUS_LINKED
    assert "rate" in got.last_sync_error.lower() or "(#4)" in got.last_sync_error
    sns.sandbox.state.rate_limited = 0
    assert await tasks.sync_one(uuid.UUID(bori.id), settings=sns.settings) is True
    with sns.as_(owner) as stub:
        got = await stub.GetAccount(get_bori)
    assert got.last_sync_error == ""
    # unlinked accounts are not synced
    assert await tasks.sync_one(uuid.UUID(kongi.id), settings=sns.settings) is False


async def test_demo_seed_is_idempotent(sns: Sns) -> None:
    ids = {email: str(uuid.uuid4()) for email in demo.DEMO_LINKS}
    facts: dict[str, Any] = {"account_ids": ids}
    async with transaction() as session:
        assert "linked" in await demo.seed(session, facts)
    assert set(facts["sns_account_ids"]) == set(demo.DEMO_LINKS)
    assert [a["username"] for a in facts["sns_accounts"]["owner@petful.dev"]] == [
        "bori_maltese",
        "kongi_cat",
    ]
    assert facts["sns_accounts"]["owner@petful.dev"][0]["engagement_rate"] > 0
    again: dict[str, Any] = {"account_ids": ids}
    async with transaction() as session:
        assert await demo.seed(session, again) == "sns accounts present"
    assert again["sns_account_ids"] == facts["sns_account_ids"]
    # the seeded rows are real: the owner reads metrics and can sync against the sandbox
    owner = Principal(user_id=ids["owner2@petful.dev"], roles=frozenset({"USER"}))
    (account_id,) = facts["sns_account_ids"]["owner2@petful.dev"]
    with sns.as_(owner) as stub:
        metrics = await stub.GetAccountMetrics(pb.GetAccountMetricsRequest(account_id=account_id))
        assert metrics.source == "sandbox"
        assert metrics.posts_in_window > 0
        synced = await stub.SyncAccount(pb.SyncAccountRequest(account_id=account_id))
        assert (synced.status, synced.last_sync_error) == (pb.ACCOUNT_STATUS_LINKED, "")
        # every dashboard has data: analytics with months of growth and insights, and comments
        analytics = await stub.GetAccountAnalytics(
            pb.GetAccountAnalyticsRequest(account_id=account_id)
        )
        assert len(analytics.insights) == 6
        assert len(analytics.follower_growth) >= 6
        assert analytics.follower_growth[-1].change > 0
        assert len(analytics.top_posts) == 3
        comments = await stub.ListComments(
            pb.ListCommentsRequest(account_id=account_id, page_size=100)
        )
        assert len(comments.comments) > 10
