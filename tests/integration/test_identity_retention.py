"""What identity keeps after an account ends and when it lets go (service/retention.py):
session records after the access-log period, the withdrawal record after the records
period, with one `identity.account.erased` event per account."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from petful.contracts import identity as contract
from petful.identity import tokens
from petful.identity.models import Account, Session
from petful.identity.service import accounts, profile, sessions
from petful.identity.tasks import erase_due
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal, Role
from petful.platform.db import transaction
from petful.platform.redis import get_redis
from petful.platform.settings import PrivacySettings, Settings
from tests.integration.conftest import outbox_payloads

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
PASSWORD = "s3cret-pass-1"
PRIVACY = PrivacySettings(record_retention_days=1825, access_log_retention_days=90)


@pytest.fixture
def cheap(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_TIME_COST", "1")
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_MEMORY_KIB", "1024")
    settings_module.get_settings.cache_clear()
    return settings_module.get_settings()


async def _user_with_a_session(settings: Settings) -> uuid.UUID:
    email = f"keep-{uuid.uuid4().hex[:10]}@example.com"
    async with transaction() as session:
        account = await accounts.create_account_without_verification(
            session,
            settings=settings,
            now=T0,
            email=email,
            password=PASSWORD,
            name="Test",
            nickname=email[:12],
            phone="010-1234-5678",
            role=Role.USER,
        )
    async with transaction() as session:
        await sessions.login(
            session,
            redis=get_redis(settings),
            keys=tokens.KeyRing.from_settings(settings),
            settings=settings,
            now=T0,
            email=email,
            password=PASSWORD,
            client_ip="203.0.113.7",
            user_agent="Mozilla/5.0",
        )
    return account.id


async def _withdraw(user_id: uuid.UUID, at: datetime) -> None:
    actor = Principal(user_id=str(user_id), roles=frozenset({Role.USER}))
    async with transaction() as session:
        await profile.withdraw(
            session, actor=actor, now=at, password=PASSWORD, reason="moving abroad"
        )


async def _session_count(user_id: uuid.UUID) -> int:
    async with transaction() as session:
        return int(
            await session.scalar(
                sa.select(sa.func.count()).select_from(Session).where(Session.account_id == user_id)
            )
            or 0
        )


async def _erased_events(user_id: uuid.UUID) -> list[dict[str, object]]:
    return [
        p
        for p in await outbox_payloads(contract.ACCOUNT_ERASED.name)
        if p["user_id"] == str(user_id)
    ]


async def test_withdrawal_event_names_the_role(cheap: Settings) -> None:
    user_id = await _user_with_a_session(cheap)
    await _withdraw(user_id, T0 + timedelta(days=1))
    (event,) = [
        p
        for p in await outbox_payloads(contract.ACCOUNT_WITHDRAWN.name)
        if p["user_id"] == str(user_id)
    ]
    assert event["role"] == "USER"


async def test_session_addresses_are_kept_for_the_access_log_period_only(
    cheap: Settings,
) -> None:
    user_id = await _user_with_a_session(cheap)
    withdrawn = T0 + timedelta(days=10)
    await _withdraw(user_id, withdrawn)  # revokes the session at `withdrawn`
    settings = cheap.model_copy(update={"privacy": PRIVACY})

    await erase_due(withdrawn + timedelta(days=89), settings)
    assert await _session_count(user_id) == 1  # still inside the 90 days
    await erase_due(withdrawn + timedelta(days=91), settings)
    assert await _session_count(user_id) == 0


async def test_a_live_session_is_never_erased(cheap: Settings) -> None:
    user_id = await _user_with_a_session(cheap)
    async with transaction() as session:
        expires = await session.scalar(
            sa.select(Session.expires_at).where(Session.account_id == user_id)
        )
    assert expires is not None
    # Just before the session itself expires, however long ago it started.
    await erase_due(expires - timedelta(seconds=1), cheap.model_copy(update={"privacy": PRIVACY}))
    assert await _session_count(user_id) == 1


async def test_erasure_after_the_records_period_is_announced_once(cheap: Settings) -> None:
    user_id = await _user_with_a_session(cheap)
    withdrawn = T0 + timedelta(days=1)
    await _withdraw(user_id, withdrawn)
    settings = cheap.model_copy(update={"privacy": PRIVACY})

    before = await erase_due(withdrawn + timedelta(days=1824), settings)
    assert not await _erased_events(user_id)
    assert before.accounts == 0

    due = withdrawn + timedelta(days=1826)
    await erase_due(due, settings)
    await erase_due(due + timedelta(hours=1), settings)  # the next run finds nothing new
    assert len(await _erased_events(user_id)) == 1
    async with transaction() as session:
        account = await session.get(Account, user_id)
        assert account is not None
        assert account.erased_at == due
        assert account.withdrawal_reason is None
        assert account.email.endswith("@withdrawn.invalid")


async def test_an_active_account_is_never_erased(cheap: Settings) -> None:
    user_id = await _user_with_a_session(cheap)
    await erase_due(T0 + timedelta(days=4000), cheap.model_copy(update={"privacy": PRIVACY}))
    assert not await _erased_events(user_id)
    async with transaction() as session:
        account = await session.get(Account, user_id)
        assert account is not None
        assert account.erased_at is None
