"""The SnsService over real gRPC, PostgreSQL and Redis, with the real Graph client talking
to the Instagram sandbox server. No mocks of our code."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

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
from petful.sns import demo, grpc_api, rules, service, tasks
from petful.sns.models import Account, FollowerHistory, Media
from tests.integration.conftest import Clock, outbox_payloads
from tests.support import free_port


@dataclass
class Sns:
    settings: Settings
    server: RunningServer
    sandbox: SandboxServer
    clock: Clock

    @property
    def stub(self) -> sns_pb2_grpc.SnsServiceStub:
        return sns_pb2_grpc.SnsServiceStub(channel("sns"))

    async def call(self, who: Principal, method: str, request: Any) -> Any:
        with use_principal(who):
            return await getattr(self.stub, method)(request)

    async def fails(self, who: Principal, method: str, request: Any) -> grpc.aio.AioRpcError:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await self.call(who, method, request)
        return info.value

    async def link(self, who: Principal, user: str, ig_user_id: str = "") -> pb.Account:
        account: pb.Account = await self.call(
            who,
            "LinkAccount",
            pb.LinkAccountRequest(access_token=short_token(user), ig_user_id=ig_user_id),
        )
        return account


def person(*roles: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), roles=frozenset(roles or {"USER"}))


def fields(err: grpc.aio.AioRpcError) -> set[str]:
    return {f for f, _ in from_rpc_error(err).field_violations}


@pytest.fixture
async def sns(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Sns]:
    sandbox = await SandboxServer(free_port()).start()
    env = {
        "PETFUL_SNS_GRAPH_BASE_URL": sandbox.url,
        "PETFUL_SNS_SOURCE": "sandbox",
        "PETFUL_SNS_APP_ID": "sandbox-app",
        "PETFUL_SNS_APP_SECRET": "sandbox-secret",
        "PETFUL_SNS_GRAPH_BACKOFF_SECONDS": "0.01",
        "PETFUL_SNS_GRAPH_BACKOFF_MAX_SECONDS": "0.02",
        "PETFUL_SNS_MEDIA_PAGE_SIZE": "10",
        "PETFUL_SNS_PAID_PARTNERSHIP_FIELD": "is_paid_partnership",
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

    listed = await sns.call(owner, "ListMyAccounts", pb.ListMyAccountsRequest())
    assert [a.id for a in listed.accounts] == [account.id]
    (summary,) = listed.summaries
    assert summary.account_id == account.id
    assert summary.engagement_rate > 0
    got = await sns.call(owner, "GetAccount", pb.GetAccountRequest(account_id=account.id))
    assert got == account

    for topic in (rules.TOPIC_LINKED, rules.TOPIC_SYNCED):
        (payload,) = await outbox_payloads(topic, "sns")
        assert payload["account_id"] == account.id
        assert payload["owner_user_id"] == owner.user_id


async def test_visibility_owner_admin_service_only(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    request = pb.GetAccountRequest(account_id=account.id)
    err = await sns.fails(person(), "GetAccount", request)
    assert err.code() == grpc.StatusCode.NOT_FOUND
    unknown = await sns.fails(
        owner, "GetAccount", pb.GetAccountRequest(account_id=str(uuid.uuid4()))
    )
    assert (unknown.code(), unknown.details()) == (err.code(), err.details())  # no leak
    assert (await sns.call(person("ADMIN"), "GetAccount", request)).id == account.id
    assert (await sns.call(service_principal("pets"), "GetAccount", request)).id == account.id
    # other users' lists never show it
    other = await sns.call(person(), "ListMyAccounts", pb.ListMyAccountsRequest())
    assert list(other.accounts) == []
    bad = await sns.fails(owner, "GetAccount", pb.GetAccountRequest(account_id="nope"))
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"account_id"}
    anonymous = await sns.fails(Principal(), "ListMyAccounts", pb.ListMyAccountsRequest())
    assert anonymous.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_metrics_for_owner_and_service(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "nabi_russianblue")
    nabi = sns.sandbox.state.accounts["nabi_russianblue"]
    request = pb.GetAccountMetricsRequest(account_id=account.id, window_days=30)
    metrics = await sns.call(service_principal("pets"), "GetAccountMetrics", request)
    posts = [rules.Post(m.id, m.timestamp, m.like_count, m.comments_count) for m in nabi.media]
    now = sns.clock()
    assert metrics.account_id == account.id
    assert metrics.followers_count == nabi.followers_count
    assert metrics.engagement_rate == pytest.approx(
        rules.engagement_rate(posts, nabi.followers_count, last_n=12)
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

    default = await sns.call(
        owner, "GetAccountMetrics", pb.GetAccountMetricsRequest(account_id=account.id)
    )
    assert default.posts_in_window >= metrics.posts_in_window  # 90 days by default
    assert (await sns.call(person("ADMIN"), "GetAccountMetrics", request)).account_id

    hidden = await sns.fails(person(), "GetAccountMetrics", request)
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    bad = await sns.fails(
        owner, "GetAccountMetrics", pb.GetAccountMetricsRequest(account_id="x", window_days=400)
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(bad) == {"account_id", "window_days"}


async def test_double_link_by_another_user_is_already_exists(sns: Sns) -> None:
    owner = person()
    first = await sns.link(owner, "bori_maltese")
    err = await sns.fails(
        person(), "LinkAccount", pb.LinkAccountRequest(access_token=short_token("bori_maltese"))
    )
    assert err.code() == grpc.StatusCode.ALREADY_EXISTS
    # the owner linking again refreshes the same account
    again = await sns.link(owner, "bori_maltese")
    assert again.id == first.id
    assert len((await sns.call(owner, "ListMyAccounts", pb.ListMyAccountsRequest())).accounts) == 1


async def test_link_input_and_account_choice(sns: Sns) -> None:
    owner = person()
    err = await sns.fails(owner, "LinkAccount", pb.LinkAccountRequest(ig_user_id="abc"))
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(err) == {"access_token", "ig_user_id"}

    err = await sns.fails(
        owner, "LinkAccount", pb.LinkAccountRequest(access_token="EAA-expired-or-foreign")
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(err) == {"access_token"}

    # two business accounts: the caller must name one
    err = await sns.fails(
        owner, "LinkAccount", pb.LinkAccountRequest(access_token=short_token("petful_family"))
    )
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert fields(err) == {"ig_user_id"}
    mandu = sns.sandbox.state.accounts["mandu_bichon"]
    linked = await sns.link(owner, "petful_family", mandu.ig_user_id)
    assert linked.username == "mandu_bichon"
    err = await sns.fails(
        owner,
        "LinkAccount",
        pb.LinkAccountRequest(access_token=short_token("petful_family"), ig_user_id="12345"),
    )
    assert fields(err) == {"ig_user_id"}

    err = await sns.fails(
        owner, "LinkAccount", pb.LinkAccountRequest(access_token=short_token("no_business"))
    )
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION

    sns.sandbox.state.rate_limit(10)
    err = await sns.fails(
        owner, "LinkAccount", pb.LinkAccountRequest(access_token=short_token("kongi_cat"))
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
    synced = await sns.call(
        person("ADMIN"), "SyncAccount", pb.SyncAccountRequest(account_id=account.id)
    )
    assert synced.status == pb.ACCOUNT_STATUS_LINKED
    assert synced.last_sync_error == ""


async def test_unlink(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "bori_maltese")
    request = pb.UnlinkAccountRequest(account_id=account.id)
    err = await sns.fails(person(), "UnlinkAccount", request)
    assert err.code() == grpc.StatusCode.NOT_FOUND
    err = await sns.fails(person("ADMIN"), "UnlinkAccount", request)
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
    unlinked = await sns.call(owner, "UnlinkAccount", request)
    assert unlinked.status == pb.ACCOUNT_STATUS_UNLINKED
    assert (await sns.call(owner, "UnlinkAccount", request)).status == pb.ACCOUNT_STATUS_UNLINKED
    (payload,) = await outbox_payloads(rules.TOPIC_UNLINKED, "sns")
    assert payload["account_id"] == account.id
    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(account.id))
        assert row is not None
        assert row.token_ciphertext is None
    # the synced data goes with the token
    assert await rows(Media, account.id) == 0
    assert await rows(FollowerHistory, account.id) == 0
    assert (
        list((await sns.call(owner, "ListMyAccounts", pb.ListMyAccountsRequest())).accounts) == []
    )
    err = await sns.fails(owner, "SyncAccount", pb.SyncAccountRequest(account_id=account.id))
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    # now someone else may link it
    other = await sns.link(person(), "bori_maltese")
    assert other.id != account.id


async def test_revoked_token_needs_reauth_until_linked_again(sns: Sns) -> None:
    owner = person()
    account = await sns.link(owner, "kongi_cat")
    sns.sandbox.state.revoke("kongi_cat")
    sns.clock.advance(timedelta(hours=1))
    synced = await sns.call(owner, "SyncAccount", pb.SyncAccountRequest(account_id=account.id))
    assert synced.status == pb.ACCOUNT_STATUS_NEEDS_REAUTH
    assert "190" in synced.last_sync_error
    (payload,) = await outbox_payloads(rules.TOPIC_NEEDS_REAUTH, "sns")
    assert (payload["account_id"], payload["owner_user_id"]) == (account.id, owner.user_id)
    err = await sns.fails(owner, "SyncAccount", pb.SyncAccountRequest(account_id=account.id))
    assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
    # still listed (so the owner sees it needs attention), and linking again revives it
    listed = await sns.call(owner, "ListMyAccounts", pb.ListMyAccountsRequest())
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
    lock = service.SyncLock(sns.settings, account_id)
    assert await lock.acquire()
    err = await sns.fails(owner, "SyncAccount", request)
    assert err.code() == grpc.StatusCode.ABORTED
    assert await tasks.sync_one(account_id, settings=sns.settings) is False
    await lock.release()

    # two syncs at the same time: exactly one runs
    sns.sandbox.state.latency = 0.2
    results = await asyncio.gather(
        sns.call(owner, "SyncAccount", request),
        sns.call(owner, "SyncAccount", request),
        return_exceptions=True,
    )
    sns.sandbox.state.latency = 0
    errors = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert [e.code() for e in errors] == [grpc.StatusCode.ABORTED]
    # the lock is gone once the sync committed
    assert await tasks.sync_one(account_id, settings=sns.settings) is True
    fresh = service.SyncLock(sns.settings, account_id)
    assert await fresh.acquire()
    await fresh.release()


async def test_nightly_sync_and_recorded_failures(sns: Sns) -> None:
    owner = person()
    a = await sns.link(owner, "bori_maltese")
    b = await sns.link(owner, "kongi_cat")
    await sns.call(owner, "UnlinkAccount", pb.UnlinkAccountRequest(account_id=b.id))
    assert BEAT_SCHEDULE["sns-sync-all"]["task"] == "sns.sync_all"
    assert await tasks.linked_ids(sns.settings) == [uuid.UUID(a.id)]

    sns.sandbox.state.rate_limit(20)
    assert await tasks.sync_one(uuid.UUID(a.id), settings=sns.settings) is True
    got = await sns.call(owner, "GetAccount", pb.GetAccountRequest(account_id=a.id))
    assert got.status == pb.ACCOUNT_STATUS_LINKED
    assert "rate" in got.last_sync_error.lower() or "(#4)" in got.last_sync_error
    sns.sandbox.state.rate_limited = 0
    assert await tasks.sync_one(uuid.UUID(a.id), settings=sns.settings) is True
    got = await sns.call(owner, "GetAccount", pb.GetAccountRequest(account_id=a.id))
    assert got.last_sync_error == ""
    # unlinked accounts are not synced
    assert await tasks.sync_one(uuid.UUID(b.id), settings=sns.settings) is False


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
    metrics = await sns.call(
        owner, "GetAccountMetrics", pb.GetAccountMetricsRequest(account_id=account_id)
    )
    assert metrics.source == "sandbox"
    assert metrics.posts_in_window > 0
    synced = await sns.call(owner, "SyncAccount", pb.SyncAccountRequest(account_id=account_id))
    assert (synced.status, synced.last_sync_error) == (pb.ACCOUNT_STATUS_LINKED, "")
    # every dashboard has data: analytics with months of growth and insights, and comments
    analytics = await sns.call(
        owner, "GetAccountAnalytics", pb.GetAccountAnalyticsRequest(account_id=account_id)
    )
    assert len(analytics.insights) == 6
    assert len(analytics.follower_growth) >= 6
    assert analytics.follower_growth[-1].change > 0
    assert len(analytics.top_posts) == 3
    comments = await sns.call(
        owner, "ListComments", pb.ListCommentsRequest(account_id=account_id, page_size=100)
    )
    assert len(comments.comments) > 10
