"""Identity service functions with an injected clock (no sleeping), keys and demo seed."""

from __future__ import annotations

import stat
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from petful.identity import demo, tokens
from petful.identity.models import Account
from petful.identity.service import accounts, admin, codes, sessions
from petful.identity.service.shared import utc_now
from petful.platform import settings as settings_module
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.errors import (
    InvalidArgument,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
)
from petful.platform.redis import get_redis
from petful.platform.settings import IdentitySettings, Settings

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
PASSWORD = "s3cret-pass"


@pytest.fixture
def cheap(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_TIME_COST", "1")
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_MEMORY_KIB", "1024")
    settings_module.get_settings.cache_clear()
    return settings_module.get_settings()


def _email() -> str:
    return f"svc-{uuid.uuid4().hex[:10]}@example.com"


async def _start(settings: Settings, email: str, now: datetime) -> codes.CodeIssue:
    async with transaction() as session:
        return await codes.start_email_verification(
            session, redis=get_redis(settings), settings=settings, now=now, email=email
        )


async def _confirm(
    settings: Settings, keys: tokens.KeyRing, email: str, code: str, now: datetime
) -> tokens.IssuedToken:
    return await codes.confirm_email_verification(
        redis=get_redis(settings), keys=keys, settings=settings, now=now, email=email, code=code
    )


async def test_resend_allowed_after_60_seconds_and_code_expires(cheap: Settings) -> None:
    keys = tokens.KeyRing.from_settings(cheap)
    email = _email()
    first = await _start(cheap, email, T0)
    assert first.resend_available_at == T0 + timedelta(seconds=60)
    assert first.expires_at == T0 + timedelta(minutes=5)
    with pytest.raises(ResourceExhausted) as info:
        await _start(cheap, email, T0 + timedelta(seconds=59))
    assert info.value.retry_after == 1
    second = await _start(cheap, email, T0 + timedelta(seconds=60))
    assert second.code is not None
    assert first.code is not None
    # A new code replaces the old one.
    if first.code != second.code:
        with pytest.raises(InvalidArgument):
            await _confirm(cheap, keys, email, first.code, T0 + timedelta(seconds=61))
    # Expired after 5 minutes.
    with pytest.raises(InvalidArgument):
        await _confirm(cheap, keys, email, second.code, T0 + timedelta(seconds=60 + 300))


async def test_verification_token_expires_after_30_minutes(cheap: Settings) -> None:
    keys = tokens.KeyRing.from_settings(cheap)
    email = _email()
    issue = await _start(cheap, email, T0)
    assert issue.code is not None
    token = await _confirm(cheap, keys, email, issue.code, T0 + timedelta(seconds=10))
    assert token.expires_at == T0 + timedelta(seconds=10, minutes=30)
    assert tokens.verified_email(keys, cheap, token.token, now=T0 + timedelta(minutes=30)) == email
    with pytest.raises(tokens.InvalidToken):
        tokens.verified_email(keys, cheap, token.token, now=T0 + timedelta(minutes=31))
    async with transaction() as session:
        with pytest.raises(InvalidArgument) as info:
            await accounts.sign_up(
                session,
                keys=keys,
                settings=cheap,
                now=T0 + timedelta(minutes=45),
                verification_token=token.token,
                email=email,
                password=PASSWORD,
                name="Late",
                nickname="late_one",
                phone="01012345678",
            )
    assert ("verification_token", "is invalid or expired") in info.value.field_violations


async def _make_user(settings: Settings, now: datetime = T0) -> Account:
    async with transaction() as session:
        return await accounts.create_account_without_verification(
            session,
            settings=settings,
            now=now,
            email=_email(),
            password=PASSWORD,
            name="Svc",
            nickname=f"s{uuid.uuid4().hex[:10]}",
            phone="010-3333-4444",
            role=Role.USER,
        )


async def _login(
    settings: Settings, email: str, password: str, now: datetime
) -> sessions.TokenPair:
    async with transaction() as session:
        return await sessions.login(
            session,
            redis=get_redis(settings),
            keys=tokens.KeyRing.from_settings(settings),
            settings=settings,
            now=now,
            email=email,
            password=password,
            client_ip="192.0.2.1-" + email,
        )


async def test_login_delay_passes(cheap: Settings) -> None:
    user = await _make_user(cheap)
    for i in range(5):
        with pytest.raises(Unauthenticated):
            await _login(cheap, user.email, "wrong-pass1", T0 + timedelta(minutes=i))
    with pytest.raises(ResourceExhausted) as info:
        await _login(cheap, user.email, PASSWORD, T0 + timedelta(minutes=4, seconds=10))
    # The fifth failure (at T0 + 4 min) makes that address wait 30 seconds.
    assert info.value.retry_after == 20
    pair = await _login(cheap, user.email, PASSWORD, T0 + timedelta(minutes=4, seconds=30))
    assert pair.account.id == user.id


async def test_timed_suspension_lapses(cheap: Settings) -> None:
    user = await _make_user(cheap)
    async with transaction() as session:
        await admin.suspend_account(
            session, now=T0, user_id=user.id, reason="abuse", until=T0 + timedelta(days=3)
        )
    with pytest.raises(PermissionDenied, match="abuse"):
        await _login(cheap, user.email, PASSWORD, T0 + timedelta(days=2))
    pair = await _login(cheap, user.email, PASSWORD, T0 + timedelta(days=3, seconds=1))
    assert pair.account.status == "ACTIVE"


async def test_access_token_claims_and_expiry(cheap: Settings) -> None:
    user = await _make_user(cheap)
    pair = await _login(cheap, user.email, PASSWORD, T0)
    keys = tokens.KeyRing.from_settings(cheap)
    claims = tokens.verify_access_token(keys, cheap, pair.access_token, now=T0)
    assert claims["sid"] == str(pair.session_id)
    assert claims["iss"] == "petful-identity"
    with pytest.raises(tokens.InvalidToken):
        tokens.verify_access_token(keys, cheap, pair.access_token, now=T0 + timedelta(minutes=15))


async def test_refresh_token_expires_after_14_days(cheap: Settings) -> None:
    user = await _make_user(cheap)
    pair = await _login(cheap, user.email, PASSWORD, T0)
    keys = tokens.KeyRing.from_settings(cheap)
    async with transaction() as session:
        outcome = await sessions.refresh(
            session,
            keys=keys,
            settings=cheap,
            now=T0 + timedelta(days=14),
            refresh_token=pair.refresh_token,
        )
        assert isinstance(outcome, Unauthenticated)
        assert not await sessions.check_session(
            session, now=T0 + timedelta(days=14), session_id=str(pair.session_id)
        )


def test_dev_key_is_generated_once_and_private(tmp_path: Path) -> None:
    settings = Settings(env="development", data_dir=tmp_path)
    a = tokens.KeyRing.from_settings(settings)
    b = tokens.KeyRing.from_settings(settings)
    assert a.active.kid == b.active.kid
    key_file = tmp_path / "keys" / tokens.DEV_KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_production_without_keys_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(tokens.KeyConfigError, match="PETFUL_IDENTITY__JWT_PRIVATE_KEYS"):
        tokens.KeyRing.from_settings(Settings(env="production", data_dir=tmp_path))


def _with_keys(data_dir: Path, *pems: str) -> Settings:
    return Settings(identity=IdentitySettings(jwt_private_keys=list(pems)), data_dir=data_dir)


def test_configured_keys_rotate(tmp_path: Path) -> None:
    old, new = tokens.generate_private_pem(), tokens.generate_private_pem()
    before = tokens.KeyRing.from_settings(
        Settings(identity=IdentitySettings(jwt_private_keys=[old]), data_dir=tmp_path)
    )
    after = tokens.KeyRing.from_settings(
        Settings(identity=IdentitySettings(jwt_private_keys=[new, old]), data_dir=tmp_path)
    )
    assert not (tmp_path / "keys").exists()
    assert [k["kid"] for k in after.jwks()["keys"]] == [after.active.kid, before.active.kid]
    token = before.sign({"aud": "x", "iss": "y", "iat": 0, "exp": 2**40})
    assert after.verify(token, audience="x", issuer="y", now=T0)["aud"] == "x"
    with pytest.raises(tokens.KeyConfigError):
        tokens.KeyRing.from_settings(Settings(identity=IdentitySettings(jwt_private_keys=["nope"])))


async def _ids() -> dict[str, Any]:
    async with transaction() as session:
        return {r.email: r.id for r in await session.execute(sa.select(Account.email, Account.id))}


async def test_demo_seed_is_idempotent(cheap: Settings) -> None:
    async with transaction() as session:
        first = await demo.seed(session, {})
    async with transaction() as session:
        shared: dict[str, Any] = {}
        second = await demo.seed(session, shared)
    assert first.startswith("6 demo accounts")
    assert second == "demo accounts already present"
    async with transaction() as session:
        rows = {
            r.email: r.role for r in await session.execute(sa.select(Account.email, Account.role))
        }
    assert rows["admin@petful.dev"] == "ADMIN"
    assert rows["pending-advertiser@petful.dev"] == "ADVERTISER"
    assert len(rows) == 6
    # The second run still shares every demo account id with later seeds.
    assert shared["account_ids"] == {email: str(i) for email, i in (await _ids()).items()}
    pair = await _login(cheap, "owner@petful.dev", demo.DEMO_PASSWORD, utc_now())
    assert pair.account.role == "USER"
