"""IdentityService end to end: a real gRPC server on real PostgreSQL and Redis.

Codes come back from the service layer to its Python caller (the API never returns them);
test_identity_mail.py reads them from a real mail instead.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import grpc
import jwt
import pytest
import sqlalchemy as sa
from google.protobuf.message import Message

from petful.contracts import identity as identity_contract
from petful.identity import grpc_api, tokens
from petful.identity.models import Account, RefreshToken
from petful.identity.service import admin, codes, passwords, sessions
from petful.identity.service.shared import utc_now
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc as pb_grpc
from petful.platform import outbox
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal, use_principal
from petful.platform.db import transaction
from petful.platform.errors import (
    AlreadyExists,
    DomainError,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
    UnsupportedMediaType,
    from_rpc_error,
)
from petful.platform.grpc_client import client_interceptors
from petful.platform.grpc_server import start_server
from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from tests.integration.test_pets import png

PASSWORD = "s3cret-pass"
E = TypeVar("E", bound=DomainError)


@dataclass
class Api:
    stub: Any  # IdentityServiceAsyncStub
    settings: Settings


@pytest.fixture
def id_settings(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The test settings with cheap argon2 costs (the default profile takes ~0.1 s a hash)."""
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_TIME_COST", "1")
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_MEMORY_KIB", "1024")
    settings_module.get_settings.cache_clear()
    return settings_module.get_settings()


@pytest.fixture
async def api(id_settings: Settings) -> AsyncIterator[Api]:
    settings = id_settings
    server = await start_server("identity", grpc_api.register, settings=settings, port=0)
    ch = grpc.aio.insecure_channel(
        f"127.0.0.1:{server.port}", interceptors=client_interceptors(settings, "identity")
    )
    try:
        yield Api(pb_grpc.IdentityServiceStub(ch), settings)
    finally:
        await ch.close()
        await server.stop(0)


async def fails(call: Awaitable[Any], cls: type[E]) -> E:
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await call
    err = from_rpc_error(info.value)
    assert type(err) is cls, f"{type(err).__name__}: {err.detail}"
    return err


def unique_email(tag: str = "u") -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}@example.com"


def unique_nick() -> str:
    return f"n{uuid.uuid4().hex[:10]}"


async def issue_code(settings: Settings, email: str) -> str | None:
    async with transaction() as session:
        issue = await codes.start_email_verification(
            session,
            redis=get_redis(settings),
            settings=settings,
            now=utc_now(),
            email=email,
        )
    return issue.code


async def verification_token(api: Api, email: str) -> str:
    code = await issue_code(api.settings, email)
    assert code is not None
    reply = await api.stub.ConfirmEmailVerification(
        pb.ConfirmEmailVerificationRequest(email=email, code=code)
    )
    return str(reply.verification_token)


async def sign_up(
    api: Api, email: str | None = None, *, role: int = pb.ROLE_USER, **fields: Any
) -> pb.User:
    email = email or unique_email()
    token = await verification_token(api, email)
    req = pb.SignUpRequest(
        verification_token=token,
        email=email,
        password=fields.pop("password", PASSWORD),
        name=fields.pop("name", "홍길동"),
        nickname=fields.pop("nickname", unique_nick()),
        phone=fields.pop("phone", "01012345678"),
        role=role,
        **fields,
    )
    reply = await api.stub.SignUp(req)
    return reply.user


async def login(api: Api, email: str, password: str = PASSWORD, ip: str = "") -> pb.TokenPair:
    return await api.stub.Login(
        pb.LoginRequest(email=email, password=password, client_ip=ip, user_agent="pytest")
    )


def as_user(user_id: str) -> Any:
    return use_principal(Principal(user_id=user_id, roles=frozenset({"USER"})))


# --- verification and sign-up -----------------------------------------------------------


async def test_full_sign_up_flow(api: Api) -> None:
    start = await api.stub.StartEmailVerification(
        pb.StartEmailVerificationRequest(email=unique_email())
    )
    assert start.expires_at.ToDatetime(UTC) > datetime.now(UTC)
    assert start.resend_available_at.ToDatetime(UTC) > datetime.now(UTC)
    # The code never travels over the API.
    assert not any(f.name == "code" for f in start.DESCRIPTOR.fields)

    email = unique_email()

    user = await sign_up(
        api,
        "  " + email.upper() + " ",
        nickname="DogLover",
        phone="+82 10-1234-5678",
        birth_date="1990-05-01",
        address="서울시 강남구",
        role=pb.ROLE_ADVERTISER,
    )
    assert user.email == email
    assert user.nickname == "DogLover"
    assert user.phone == "010-1234-5678"
    assert list(user.roles) == [pb.ROLE_ADVERTISER]
    assert user.status == pb.ACCOUNT_STATUS_ACTIVE
    assert user.birth_date == "1990-05-01"
    uuid.UUID(user.id)

    pair = await login(api, email)  # ADVERTISER accounts can sign in
    assert pair.user.id == user.id


async def test_wrong_code_five_times_kills_it(api: Api) -> None:
    email = unique_email()
    code = await issue_code(api.settings, email)
    assert code is not None
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        err = await fails(
            api.stub.ConfirmEmailVerification(
                pb.ConfirmEmailVerificationRequest(email=email, code=wrong)
            ),
            InvalidArgument,
        )
        assert err.field_violations == (("code", "is invalid or expired"),)
    await fails(
        api.stub.ConfirmEmailVerification(
            pb.ConfirmEmailVerificationRequest(email=email, code=code)
        ),
        InvalidArgument,
    )


async def test_right_code_within_five_tries_works_once(api: Api) -> None:
    email = unique_email()
    code = await issue_code(api.settings, email)
    assert code is not None
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):
        await fails(
            api.stub.ConfirmEmailVerification(
                pb.ConfirmEmailVerificationRequest(email=email, code=wrong)
            ),
            InvalidArgument,
        )
    req = pb.ConfirmEmailVerificationRequest(email=email, code=code)
    assert (await api.stub.ConfirmEmailVerification(req)).verification_token
    await fails(api.stub.ConfirmEmailVerification(req), InvalidArgument)  # used up


async def test_resend_within_60_seconds_refused(api: Api) -> None:
    email = unique_email()
    req = pb.StartEmailVerificationRequest(email=email)
    await api.stub.StartEmailVerification(req)
    err = await fails(api.stub.StartEmailVerification(req), ResourceExhausted)
    assert err.retry_after is not None
    assert 0 < err.retry_after <= 60


async def test_existing_account_gets_identical_response_and_a_notice(api: Api) -> None:
    user = await sign_up(api)
    fresh = unique_email()
    a = await api.stub.StartEmailVerification(pb.StartEmailVerificationRequest(email=user.email))
    b = await api.stub.StartEmailVerification(pb.StartEmailVerificationRequest(email=fresh))
    assert a.DESCRIPTOR is b.DESCRIPTOR
    assert [f.name for f, _ in a.ListFields()] == [f.name for f, _ in b.ListFields()]
    # Throttled alike too.
    await fails(
        api.stub.StartEmailVerification(pb.StartEmailVerificationRequest(email=user.email)),
        ResourceExhausted,
    )
    async with transaction() as session:
        rows = (
            await session.execute(
                sa.select(outbox.outbox_table("identity").c.payload).where(
                    outbox.outbox_table("identity").c.topic == identity_contract.MAIL_REQUESTED.name
                )
            )
        ).scalars()
        templates = {p["to"]: p["template"] for p in rows}
    assert templates[user.email] == "account_exists"
    assert templates[fresh] == "verification_code"


async def test_sign_up_needs_a_matching_verification_token(api: Api) -> None:
    email = unique_email()
    base = {
        "email": email,
        "password": PASSWORD,
        "name": "Kim",
        "nickname": unique_nick(),
        "phone": "010-2222-3333",
    }
    err = await fails(api.stub.SignUp(pb.SignUpRequest(**base)), InvalidArgument)
    assert ("verification_token", "is required") in err.field_violations

    other = await verification_token(api, unique_email())
    err = await fails(
        api.stub.SignUp(pb.SignUpRequest(verification_token=other, **base)), InvalidArgument
    )
    assert ("verification_token", "does not match the email") in err.field_violations

    err = await fails(
        api.stub.SignUp(pb.SignUpRequest(verification_token="garbage", **base)), InvalidArgument
    )
    assert ("verification_token", "is invalid or expired") in err.field_violations


async def test_sign_up_validation_reports_each_field(api: Api) -> None:
    email = unique_email()
    token = await verification_token(api, email)
    req = pb.SignUpRequest(
        verification_token=token,
        email=email,
        password="password",
        name="",
        nickname="x",
        phone="12345",
        birth_date="2999-01-01",
    )
    err = await fails(api.stub.SignUp(req), InvalidArgument)
    fields = dict(err.field_violations)
    assert fields["password"] == "must contain a letter and a digit or symbol"
    assert set(fields) == {"password", "name", "nickname", "phone", "birth_date"}


async def test_admin_role_is_not_self_assignable(api: Api) -> None:
    email = unique_email()
    token = await verification_token(api, email)
    req = pb.SignUpRequest(
        verification_token=token,
        email=email,
        password=PASSWORD,
        name="Mallory",
        nickname=unique_nick(),
        phone="01099998888",
        role=pb.ROLE_ADMIN,
    )
    err = await fails(api.stub.SignUp(req), InvalidArgument)
    assert err.field_violations == (("role", "must be USER or ADVERTISER"),)


async def test_duplicate_email_and_nickname_refused(api: Api) -> None:
    user = await sign_up(api, nickname="Taken_Nick")
    # Nickname uniqueness ignores case.
    err = await fails(sign_up(api, nickname="taken_nick"), AlreadyExists)
    assert err.field_violations == (("nickname", "is already in use"),)

    token = await _token_for_existing(api, user.email)
    req = pb.SignUpRequest(
        verification_token=token,
        email=user.email,
        password=PASSWORD,
        name="Twin",
        nickname=unique_nick(),
        phone="01012345678",
    )
    err = await fails(api.stub.SignUp(req), AlreadyExists)
    assert err.field_violations == (("email", "is already in use"),)


async def _token_for_existing(api: Api, email: str) -> str:
    """A verification token for an email that already has an account (a race in real life)."""
    keys = tokens.KeyRing.from_settings(api.settings)
    return tokens.issue_verification_token(keys, api.settings, email=email, now=utc_now()).token


# --- login, tokens and sessions ----------------------------------------------------------


async def test_login_and_jwt_verifies_against_jwks(api: Api) -> None:
    user = await sign_up(api)
    pair = await login(api, user.email, ip="10.0.0.1")
    jwks = json.loads((await api.stub.GetJwks(pb.GetJwksRequest())).jwks_json)
    (jwk,) = jwks["keys"]
    assert jwk["kty"] == "OKP"
    assert jwk["crv"] == "Ed25519"
    assert jwk["alg"] == "EdDSA"
    assert jwk["use"] == "sig"
    header = jwt.get_unverified_header(pair.access_token)
    assert header["kid"] == jwk["kid"]
    assert header["alg"] == "EdDSA"

    key = jwt.PyJWK.from_dict(jwk)
    claims = jwt.decode(
        pair.access_token,
        key,
        algorithms=["EdDSA"],
        audience="petful",
        issuer="petful-identity",
    )
    assert claims["sub"] == user.id
    assert claims["roles"] == ["USER"]
    assert claims["status"] == "ACTIVE"
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert claims["jti"]
    sid = claims["sid"]
    assert (await api.stub.CheckSession(pb.CheckSessionRequest(session_id=sid))).active
    # A verification token is not an access token (own audience).
    token = await verification_token(api, unique_email())
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(token, key, algorithms=["EdDSA"], audience="petful")

    refresh_in = pair.refresh_expires_at.ToDatetime(UTC) - datetime.now(UTC)
    assert timedelta(days=13, hours=23) < refresh_in <= timedelta(days=14)


async def test_wrong_password_and_unknown_email_look_the_same(api: Api) -> None:
    user = await sign_up(api)
    a = await fails(login(api, user.email, "wrong-pass1"), Unauthenticated)
    b = await fails(login(api, unique_email(), "wrong-pass1"), Unauthenticated)
    assert (a.detail, a.type) == (b.detail, b.type)


async def test_failed_logins_slow_down_that_address_only(api: Api) -> None:
    user = await sign_up(api)
    guesser = f"203.0.113.7-{uuid.uuid4().hex[:6]}"
    for _ in range(5):
        await fails(login(api, user.email, "wrong-pass1", ip=guesser), Unauthenticated)
    err = await fails(login(api, user.email, ip=guesser), ResourceExhausted)  # even the right one
    assert err.retry_after is not None
    assert 0 < err.retry_after <= 30
    assert "doubles" in err.detail
    # The owner elsewhere is not locked out (tests/security/test_login_defences.py has more).
    assert (await login(api, user.email, ip="198.51.100.7")).access_token


async def test_failed_logins_are_throttled_per_ip(api: Api) -> None:
    ip = f"203.0.113.{uuid.uuid4().int % 250}-{uuid.uuid4().hex[:6]}"
    for _ in range(20):
        await fails(login(api, unique_email(), "wrong-pass1", ip=ip), Unauthenticated)
    user = await sign_up(api)
    err = await fails(login(api, user.email, ip=ip), ResourceExhausted)
    assert err.retry_after is not None
    # Another address is not affected.
    assert (await login(api, user.email, ip="198.51.100.7")).access_token


async def test_suspended_user_is_refused_with_reason(api: Api) -> None:
    user = await sign_up(api)
    pair = await login(api, user.email)
    until = datetime.now(UTC) + timedelta(days=7)
    async with transaction() as session:
        await admin.suspend_account(
            session,
            now=utc_now(),
            user_id=uuid.UUID(user.id),
            reason="spam reports",
            until=until,
        )
    err = await fails(login(api, user.email), PermissionDenied)
    assert "spam reports" in err.detail
    assert until.date().isoformat() in err.detail
    # Wrong password does not reveal the suspension.
    await fails(login(api, user.email, "wrong-pass1"), Unauthenticated)
    # Suspension revoked the sessions.
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=pair.refresh_token)), Unauthenticated
    )
    with as_user(user.id):
        me = await api.stub.GetMe(pb.GetMeRequest())
    assert me.status == pb.ACCOUNT_STATUS_SUSPENDED
    assert me.suspension_reason == "spam reports"


async def test_refresh_rotates_and_reuse_revokes_the_family(api: Api) -> None:
    user = await sign_up(api)
    first = await login(api, user.email)
    second = await api.stub.Refresh(pb.RefreshRequest(refresh_token=first.refresh_token))
    assert second.refresh_token != first.refresh_token
    sid = jwt.decode(second.access_token, options={"verify_signature": False})["sid"]
    assert sid == jwt.decode(first.access_token, options={"verify_signature": False})["sid"]
    third = await api.stub.Refresh(pb.RefreshRequest(refresh_token=second.refresh_token))

    # Replaying a rotated token: refused, and the whole family (incl. the newest) is revoked.
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=first.refresh_token)), Unauthenticated
    )
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=third.refresh_token)), Unauthenticated
    )
    assert not (await api.stub.CheckSession(pb.CheckSessionRequest(session_id=sid))).active
    # Other sessions of the account live on.
    other = await login(api, user.email)
    assert (await api.stub.Refresh(pb.RefreshRequest(refresh_token=other.refresh_token))).user


async def test_two_tabs_refreshing_at_once_get_the_same_new_pair(api: Api) -> None:
    user = await sign_up(api)
    first = await login(api, user.email)
    sid = jwt.decode(first.access_token, options={"verify_signature": False})["sid"]
    # Both tabs send the same token at the same moment: one rotates it, the other (waiting
    # on its row lock) finds it rotated moments ago and gets the same successor.
    one, other = await asyncio.gather(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=first.refresh_token)),
        api.stub.Refresh(pb.RefreshRequest(refresh_token=first.refresh_token)),
    )
    assert one.refresh_token == other.refresh_token != first.refresh_token
    for pair in (one, other):
        assert jwt.decode(pair.access_token, options={"verify_signature": False})["sid"] == sid
    assert (await api.stub.CheckSession(pb.CheckSessionRequest(session_id=sid))).active
    # The shared successor goes on as one chain.
    assert (await api.stub.Refresh(pb.RefreshRequest(refresh_token=one.refresh_token))).user


async def test_a_rotated_token_after_the_grace_window_revokes_the_family(api: Api) -> None:
    user = await sign_up(api)
    first = await login(api, user.email)
    sid = jwt.decode(first.access_token, options={"verify_signature": False})["sid"]
    keys = tokens.KeyRing.from_settings(api.settings)
    grace = timedelta(seconds=api.settings.identity.refresh_reuse_grace_seconds)
    rotated_at = utc_now()

    async def refresh(at: datetime) -> sessions.TokenPair | DomainError:
        async with transaction() as session:
            return await sessions.refresh(
                session,
                keys=keys,
                settings=api.settings,
                now=at,
                refresh_token=first.refresh_token,
            )

    rotated = await refresh(rotated_at)
    assert isinstance(rotated, sessions.TokenPair)
    # At the window's end: still the same successor.
    again = await refresh(rotated_at + grace)
    assert isinstance(again, sessions.TokenPair)
    assert again.refresh_token == rotated.refresh_token
    # Just after it: a replay. Refused, and the family is revoked with its successor.
    late = await refresh(rotated_at + grace + timedelta(milliseconds=1))
    assert isinstance(late, Unauthenticated)
    assert not (await api.stub.CheckSession(pb.CheckSessionRequest(session_id=sid))).active
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=rotated.refresh_token)), Unauthenticated
    )


async def test_logout_revokes_the_session(api: Api) -> None:
    user = await sign_up(api)
    pair = await login(api, user.email)
    sid = jwt.decode(pair.access_token, options={"verify_signature": False})["sid"]
    await api.stub.Logout(pb.LogoutRequest(refresh_token=pair.refresh_token))
    assert not (await api.stub.CheckSession(pb.CheckSessionRequest(session_id=sid))).active
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=pair.refresh_token)), Unauthenticated
    )
    await api.stub.Logout(pb.LogoutRequest(refresh_token=pair.refresh_token))  # idempotent
    assert not (await api.stub.CheckSession(pb.CheckSessionRequest(session_id="nope"))).active


# --- passwords ---------------------------------------------------------------------------


async def test_password_reset_revokes_sessions(api: Api) -> None:
    user = await sign_up(api)
    pair = await login(api, user.email)
    # Same (empty) answer for an unknown email.
    await api.stub.StartPasswordReset(pb.StartPasswordResetRequest(email=unique_email()))
    async with transaction() as session:
        issue = await passwords.start_password_reset(
            session,
            redis=get_redis(api.settings),
            settings=api.settings,
            now=utc_now(),
            email=user.email,
        )
    assert issue.code is not None
    new = "n3w-password"
    err = await fails(
        api.stub.ConfirmPasswordReset(
            pb.ConfirmPasswordResetRequest(email=user.email, code=issue.code, new_password="short")
        ),
        InvalidArgument,
    )
    assert err.field_violations[0][0] == "new_password"
    await api.stub.ConfirmPasswordReset(
        pb.ConfirmPasswordResetRequest(email=user.email, code=issue.code, new_password=new)
    )
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=pair.refresh_token)), Unauthenticated
    )
    await fails(login(api, user.email), Unauthenticated)
    assert (await login(api, user.email, new)).access_token
    # The code was used up.
    await fails(
        api.stub.ConfirmPasswordReset(
            pb.ConfirmPasswordResetRequest(email=user.email, code=issue.code, new_password=PASSWORD)
        ),
        InvalidArgument,
    )


async def test_change_password_keeps_only_the_callers_session(api: Api) -> None:
    user = await sign_up(api)
    mine = await login(api, user.email)
    other = await login(api, user.email)
    my_sid = jwt.decode(mine.access_token, options={"verify_signature": False})["sid"]
    with as_user(user.id):
        err = await fails(
            api.stub.ChangePassword(
                pb.ChangePasswordRequest(current_password="wrong-pass1", new_password="n3w-pass!")
            ),
            InvalidArgument,
        )
        assert err.field_violations == (("current_password", "is incorrect"),)
    # The caller's session travels in the principal (the edge takes it from the JWT's sid).
    me = Principal(user_id=user.id, roles=frozenset({"USER"}), session_id=my_sid)
    with use_principal(me):
        await api.stub.ChangePassword(
            pb.ChangePasswordRequest(current_password=PASSWORD, new_password="n3w-pass!"),
        )
    assert (await api.stub.Refresh(pb.RefreshRequest(refresh_token=mine.refresh_token))).user
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=other.refresh_token)), Unauthenticated
    )
    assert (await login(api, user.email, "n3w-pass!")).access_token


async def test_signed_in_calls_need_a_principal(api: Api) -> None:
    await fails(api.stub.GetMe(pb.GetMeRequest()), Unauthenticated)


# --- profile -----------------------------------------------------------------------------


async def test_get_and_update_me(api: Api) -> None:
    user = await sign_up(api)
    taken = await sign_up(api)
    with as_user(user.id):
        me = await api.stub.GetMe(pb.GetMeRequest())
        assert me.email == user.email
        updated = await api.stub.UpdateMe(
            pb.UpdateMeRequest(phone="010.9876.5432", bio="강아지 두 마리", birth_date="")
        )
        assert updated.phone == "010-9876-5432"
        assert updated.bio == "강아지 두 마리"
        assert updated.nickname == user.nickname  # absent fields unchanged
        assert not updated.HasField("profile_image")  # set only by SetProfileImage
        err = await fails(
            api.stub.UpdateMe(pb.UpdateMeRequest(nickname=taken.nickname.upper())), AlreadyExists
        )
        assert err.field_violations == (("nickname", "is already in use"),)
        err = await fails(
            api.stub.UpdateMe(pb.UpdateMeRequest(bio="x" * 301, address="y" * 201)),
            InvalidArgument,
        )
        assert {f for f, _ in err.field_violations} == {"bio", "address"}
        # Changing one's own nickname's case is fine.
        assert (
            await api.stub.UpdateMe(pb.UpdateMeRequest(nickname=user.nickname.upper()))
        ).nickname == user.nickname.upper()


async def test_profile_image_is_an_upload(api: Api) -> None:
    user = await sign_up(api)
    with as_user(user.id):
        err = await fails(
            api.stub.SetProfileImage(pb.SetProfileImageRequest(data=b"<svg/>", filename="a.png")),
            UnsupportedMediaType,
        )
        assert err.field_violations[0][0] == "file"
        me = await api.stub.SetProfileImage(
            pb.SetProfileImageRequest(data=png((32, 24)), filename="me.png")
        )
        assert me.profile_image.url.startswith("/media/public/identity/")
        assert (me.profile_image.width, me.profile_image.height) == (32, 24)
        profile = await api.stub.GetPublicProfile(pb.GetPublicProfileRequest(user_id=user.id))
        assert profile.profile_image == me.profile_image
        me = await api.stub.RemoveProfileImage(pb.RemoveProfileImageRequest())
        assert not me.HasField("profile_image")


async def test_public_profile(api: Api) -> None:
    user = await sign_up(api)
    profile = await api.stub.GetPublicProfile(pb.GetPublicProfileRequest(user_id=user.id))
    assert (profile.id, profile.nickname) == (user.id, user.nickname)
    err = await fails(
        api.stub.GetPublicProfile(pb.GetPublicProfileRequest(user_id="not-a-uuid")),
        InvalidArgument,
    )
    assert err.field_violations == (("user_id", "must be a UUID"),)
    await fails(
        api.stub.GetPublicProfile(pb.GetPublicProfileRequest(user_id=str(uuid.uuid4()))), NotFound
    )


async def test_public_profiles_in_one_call(api: Api) -> None:
    users = [await sign_up(api) for _ in range(3)]
    missing = str(uuid.uuid4())
    response = await api.stub.GetPublicProfiles(
        pb.GetPublicProfilesRequest(user_ids=[u.id for u in users] + [missing, users[0].id])
    )
    assert {(p.id, p.nickname) for p in response.profiles} == {(u.id, u.nickname) for u in users}
    err = await fails(
        api.stub.GetPublicProfiles(pb.GetPublicProfilesRequest(user_ids=["nope"])),
        InvalidArgument,
    )
    assert err.field_violations == (("user_ids", "must be a UUID"),)
    err = await fails(
        api.stub.GetPublicProfiles(
            pb.GetPublicProfilesRequest(user_ids=[str(uuid.uuid4()) for _ in range(201)])
        ),
        InvalidArgument,
    )
    assert err.field_violations == (("user_ids", "must be at most 200"),)


async def test_withdrawal_anonymises_and_frees_the_email(api: Api) -> None:
    user = await sign_up(api, phone="010-5555-6666")
    pair = await login(api, user.email)
    with as_user(user.id):
        err = await fails(
            api.stub.Withdraw(pb.WithdrawRequest(password=PASSWORD, reason="short")),
            InvalidArgument,
        )
        assert err.field_violations[0][0] == "reason"
        await fails(
            api.stub.Withdraw(pb.WithdrawRequest(password="wrong-pass1", reason="moving abroad")),
            InvalidArgument,
        )
        await api.stub.Withdraw(pb.WithdrawRequest(password=PASSWORD, reason="moving abroad"))
        await fails(api.stub.GetMe(pb.GetMeRequest()), NotFound)
    await fails(login(api, user.email), Unauthenticated)
    await fails(
        api.stub.Refresh(pb.RefreshRequest(refresh_token=pair.refresh_token)), Unauthenticated
    )
    profile = await api.stub.GetPublicProfile(pb.GetPublicProfileRequest(user_id=user.id))
    assert profile.nickname == "탈퇴한 회원"

    async with transaction() as session:
        row = await session.get(Account, uuid.UUID(user.id))
        assert row is not None
        assert row.status == "WITHDRAWN"
        assert user.email not in row.email
        assert (row.name, row.phone, row.bio, row.address) == ("", "", "", "")
        assert row.birth_date is None
        assert row.withdrawal_reason == "moving abroad"

    # The email and nickname can be used again.
    again = await sign_up(api, user.email, nickname=user.nickname)
    assert again.id != user.id


async def test_no_response_contains_secrets(api: Api) -> None:
    user = await sign_up(api)
    pair = await login(api, user.email)
    with as_user(user.id):
        me = await api.stub.GetMe(pb.GetMeRequest())
    async with transaction() as session:
        account = await session.get(Account, uuid.UUID(user.id))
        assert account is not None
        hashes = [account.password_hash]
        hashes += list((await session.execute(sa.select(RefreshToken.token_hash))).scalars().all())
    messages: list[Message] = [user, pair, me]
    blob = b"".join(m.SerializeToString() for m in messages)
    for secret in [*hashes, PASSWORD]:
        assert secret.encode() not in blob
    assert "argon2" not in str(messages)
