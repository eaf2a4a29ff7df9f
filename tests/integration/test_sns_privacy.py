"""Leaving and suspension reach sns: identity's events delivered to the sns subscribers,
with the real Graph client against the Instagram sandbox (fixture from test_sns_api)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import grpc
import pytest
import sqlalchemy as sa

from petful.contracts import identity as identity_events
from petful.contracts import sns as contract
from petful.devstack.instagram_sandbox import long_token
from petful.pb.sns.v1 import sns_pb2 as pb
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal
from petful.platform.db import transaction
from petful.platform.logging import setup_logging
from petful.sns import tasks
from petful.sns.models import Account, Media, SnsBase
from tests.integration.conftest import deliver, identity_event, outbox_payloads
from tests.integration.test_sns_api import Sns, person, refused, rows
from tests.integration.test_sns_api import sns as sns
from tests.support import free_port

WITHDRAWN = identity_events.ACCOUNT_WITHDRAWN.name
SUSPENDED = identity_events.ACCOUNT_SUSPENDED.name
REINSTATED = identity_events.ACCOUNT_REINSTATED.name


async def withdraw(who: Principal) -> int:
    await identity_event(
        identity_events.ACCOUNT_WITHDRAWN,
        identity_events.AccountWithdrawn(user_id=uuid.UUID(who.user_id), role="USER"),
    )
    return await deliver(WITHDRAWN, "identity", "sns.forget_withdrawn_owner")


async def sns_rows(owner: Principal, account_ids: set[str]) -> dict[str, int]:
    """Rows in every sns table that belong to the owner or one of the accounts."""
    ids = [uuid.UUID(a) for a in account_ids]
    found: dict[str, int] = {}
    async with transaction() as session:
        for table in SnsBase.metadata.sorted_tables:
            if table.name == "accounts":
                where = sa.or_(
                    table.c.id.in_(ids), table.c.owner_user_id == uuid.UUID(owner.user_id)
                )
            else:
                where = table.c.account_id.in_(ids)
            stmt = sa.select(sa.func.count()).select_from(table).where(where)
            found[table.name] = int((await session.execute(stmt)).scalar() or 0)
    return found


async def unlinked_ids() -> list[str]:
    return [p["account_id"] for p in await outbox_payloads(contract.ACCOUNT_UNLINKED.name, "sns")]


async def test_withdrawal_revokes_at_instagram_and_deletes_everything(sns: Sns) -> None:
    owner, neighbour = person(), person()
    state = sns.sandbox.state
    bori = await sns.link(owner, "bori_maltese")
    kongi = await sns.link(owner, "kongi_cat")
    # one Facebook user's two Instagram accounts share its token
    coco = await sns.link(owner, "petful_family", state.accounts["coco_poodle"].ig_user_id)
    mandu = await sns.link(owner, "petful_family", state.accounts["mandu_bichon"].ig_user_id)
    dubu = await sns.link(neighbour, "dubu_corgi")
    with sns.as_(owner) as stub:
        await stub.UnlinkAccount(pb.UnlinkAccountRequest(account_id=kongi.id))
        await stub.UpdateModerationSettings(
            pb.UpdateModerationSettingsRequest(account_id=bori.id, banned_words=["바보"])
        )
        (comment, *_) = (
            await stub.ListComments(pb.ListCommentsRequest(account_id=bori.id))
        ).comments
        await stub.ModerateComment(
            pb.ModerateCommentRequest(comment_id=comment.id, action=pb.MODERATION_ACTION_HIDE)
        )
    for account in (bori, coco, mandu):
        assert await tasks.sync_one(uuid.UUID(account.id), settings=sns.settings) is True
    linked = {bori.id, coco.id, mandu.id}
    before = await sns_rows(owner, linked | {kongi.id})
    # every table holds something of the owner's before (so "none after" means something)
    assert all(before.values()), before
    assert await unlinked_ids() == [kongi.id]

    assert await withdraw(owner) == 1

    # our app lost its permissions at Instagram, once per Facebook user with a live token
    assert sorted(state.deauthorizations) == ["bori_maltese", "petful_family"]
    assert not any((await sns_rows(owner, linked | {kongi.id})).values())
    # the linked accounts were unlinked as their owner would (pets forgets them); the
    # account unlinked before is not announced twice
    assert sorted(await unlinked_ids()) == sorted([kongi.id, *linked])
    for payload in await outbox_payloads(contract.ACCOUNT_UNLINKED.name, "sns"):
        unlinked = contract.ACCOUNT_UNLINKED.parse(payload)
        assert (unlinked.owner_user_id, unlinked.status) == (uuid.UUID(owner.user_id), "UNLINKED")
    with sns.as_(person("ADMIN")) as stub:
        err = await refused(stub.GetAccount(pb.GetAccountRequest(account_id=bori.id)))
    assert err.code() == grpc.StatusCode.NOT_FOUND
    # a queued sync of a deleted account finds nothing to do
    assert await tasks.sync_one(uuid.UUID(bori.id), settings=sns.settings) is False

    # someone else's account is untouched and still syncs
    assert await rows(Media, dubu.id) > 0
    assert await tasks.sync_one(uuid.UUID(dubu.id), settings=sns.settings) is True

    # redelivery is skipped; the same news again (a new event) finds nothing to do
    assert await deliver(WITHDRAWN, "identity", "sns.forget_withdrawn_owner") == 0
    assert await withdraw(owner) == 1
    assert sorted(state.deauthorizations) == ["bori_maltese", "petful_family"]
    assert len(await unlinked_ids()) == 4

    # Instagram's account is free again: a new login links it for another PetFul user
    again = await sns.link(neighbour, "bori_maltese")
    assert again.status == pb.ACCOUNT_STATUS_LINKED
    assert again.id != bori.id


async def test_withdrawal_deletes_when_the_revoke_fails(
    sns: Sns, monkeypatch: pytest.MonkeyPatch, captured_logs: pytest.CaptureFixture[str]
) -> None:
    setup_logging("sns", sns.settings)
    state = sns.sandbox.state
    # the token is already dead at Instagram (the person changed their password)
    revoked_owner = person()
    bori = await sns.link(revoked_owner, "bori_maltese")
    state.revoke("bori_maltese")
    assert await withdraw(revoked_owner) == 1
    assert not any((await sns_rows(revoked_owner, {bori.id})).values())
    assert await unlinked_ids() == [bori.id]

    # Instagram cannot be reached at all
    offline_owner = person()
    kongi = await sns.link(offline_owner, "kongi_cat")
    monkeypatch.setenv("PETFUL_SNS__GRAPH_BASE_URL", f"http://127.0.0.1:{free_port()}")
    settings_module.get_settings.cache_clear()
    assert await withdraw(offline_owner) == 1
    assert not any((await sns_rows(offline_owner, {kongi.id})).values())
    assert await unlinked_ids() == [bori.id, kongi.id]

    assert state.deauthorizations == []
    # each failure is logged with its reason, never with the token
    logged = captured_logs.readouterr().err
    failures = [line for line in logged.splitlines() if "could not de-authorize" in line]
    assert len(failures) == 2
    assert "code 190" in failures[0]
    assert "could not be reached" in failures[1]
    for user in ("bori_maltese", "kongi_cat"):
        assert long_token(user) not in logged


async def test_suspension_pauses_syncs_until_reinstated(sns: Sns) -> None:
    owner, neighbour, admin = person(), person(), person("ADMIN")
    bori = await sns.link(owner, "bori_maltese")
    kongi = await sns.link(neighbour, "kongi_cat")
    bori_id, kongi_id = uuid.UUID(bori.id), uuid.UUID(kongi.id)
    media_before = await rows(Media, bori.id)
    sync_bori = pb.SyncAccountRequest(account_id=bori.id)

    await identity_event(
        identity_events.ACCOUNT_SUSPENDED,
        identity_events.AccountSuspended(
            user_id=uuid.UUID(owner.user_id),
            reason="spam",
            until=None,
            actor_id=uuid.UUID(admin.user_id),
        ),
    )
    assert await deliver(SUSPENDED, "identity", "sns.pause_suspended_owner") == 1
    assert await deliver(SUSPENDED, "identity", "sns.pause_suspended_owner") == 0

    # neither the nightly sync nor "sync now" touches Instagram for the suspended owner
    assert await tasks.linked_ids(sns.settings) == [kongi_id]
    calls = sns.sandbox.state.requests
    assert await tasks.sync_one(bori_id, settings=sns.settings) is False
    for who in (owner, admin):
        with sns.as_(who) as stub:
            err = await refused(stub.SyncAccount(sync_bori))
        assert err.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "suspended" in err.details()
    assert sns.sandbox.state.requests == calls
    # nothing is deleted or changed for others
    with sns.as_(owner) as stub:
        kept = await stub.GetAccount(pb.GetAccountRequest(account_id=bori.id))
    assert kept.status == pb.ACCOUNT_STATUS_LINKED
    assert await rows(Media, bori.id) == media_before
    assert await outbox_payloads(contract.ACCOUNT_UNLINKED.name, "sns") == []
    assert await tasks.sync_one(kongi_id, settings=sns.settings) is True

    await identity_event(
        identity_events.ACCOUNT_REINSTATED,
        identity_events.AccountReinstated(
            user_id=uuid.UUID(owner.user_id), reason="appeal", actor_id=uuid.UUID(admin.user_id)
        ),
    )
    assert await deliver(REINSTATED, "identity", "sns.resume_reinstated_owner") == 1
    assert await deliver(REINSTATED, "identity", "sns.resume_reinstated_owner") == 0
    assert sorted(await tasks.linked_ids(sns.settings)) == sorted([bori_id, kongi_id])
    assert await tasks.sync_one(bori_id, settings=sns.settings) is True
    with sns.as_(owner) as stub:
        synced = await stub.SyncAccount(sync_bori)
    assert (synced.status, synced.last_sync_error) == (pb.ACCOUNT_STATUS_LINKED, "")


async def test_suspension_with_an_end_lapses_by_itself(sns: Sns) -> None:
    owner, admin = person(), person("ADMIN")
    bori = await sns.link(owner, "bori_maltese")
    bori_id = uuid.UUID(bori.id)
    now = datetime.now(UTC)
    until = now + timedelta(days=3)
    await identity_event(
        identity_events.ACCOUNT_SUSPENDED,
        identity_events.AccountSuspended(
            user_id=uuid.UUID(owner.user_id),
            reason="cool-off",
            until=until,
            actor_id=uuid.UUID(admin.user_id),
        ),
    )
    assert await deliver(SUSPENDED, "identity", "sns.pause_suspended_owner") == 1
    async with transaction() as session:
        account = await session.get(Account, bori_id)
        assert account is not None
        assert account.owner_suspended_until == until

    assert await tasks.linked_ids(sns.settings, now=now) == []
    assert await tasks.sync_one(bori_id, settings=sns.settings, now=now) is False
    # identity sends no reinstatement when the end passes: the syncs resume by themselves
    later = until + timedelta(seconds=1)
    assert await tasks.linked_ids(sns.settings, now=later) == [bori_id]
    assert await tasks.sync_one(bori_id, settings=sns.settings, now=later) is True
