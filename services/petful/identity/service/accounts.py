"""Creating accounts: sign-up (after email verification) and operator-made accounts."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import repository, rules, tokens
from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.identity.service.shared import SCHEMA, hash_password
from petful.platform import outbox
from petful.platform.auth_context import Role
from petful.platform.errors import AlreadyExists
from petful.platform.settings import Settings, get_settings
from petful.platform.validation import Violations, normalize_email, normalize_phone


async def _create_account(
    session: AsyncSession,
    *,
    now: datetime,
    email: str,
    password_hash: str,
    name: str,
    nickname: str,
    phone: str,
    role: Role,
    birth_date: date | None = None,
    address: str = "",
    email_verified: bool = True,
) -> Account:
    if await repository.live_email_exists(session, email):
        raise AlreadyExists(
            "an account with this email exists", field_violations=[("email", "is already in use")]
        )
    key = rules.nickname_key(nickname)
    if await repository.live_nickname_taken(session, key):
        raise AlreadyExists(
            "this nickname is taken", field_violations=[("nickname", "is already in use")]
        )
    account = Account(
        id=uuid.uuid4(),
        email=email,
        password_hash=password_hash,
        name=name,
        nickname=nickname,
        nickname_key=key,
        phone=phone,
        role=role.value,
        status=AccountStatus.ACTIVE.value,
        bio="",
        address=address,
        birth_date=birth_date,
        email_verified_at=now if email_verified else None,
        password_changed_at=now,
        created_at=now,
        updated_at=now,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, account)
    except IntegrityError:  # lost a race with a concurrent sign-up
        raise AlreadyExists(
            "an account with this email or nickname exists",
            field_violations=[("email", "or nickname is already in use")],
        ) from None
    await outbox.add_event(
        session,
        SCHEMA,
        contract.ACCOUNT_CREATED,
        contract.AccountCreated(user_id=account.id, role=account.role),
        now=now,
    )
    return account


async def sign_up(
    session: AsyncSession,
    *,
    keys: tokens.KeyRing,
    settings: Settings,
    now: datetime,
    verification_token: str,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
    role: str = "",
    birth_date: str = "",
    address: str = "",
) -> Account:
    """A USER or ADVERTISER account for the email a verification token vouches for."""
    v = Violations()
    norm_email = v.check("email", normalize_email, email)
    v.check("password", rules.check_password, password, email=norm_email or email)
    clean_name = v.check("name", rules.check_name, name)
    clean_nick = v.check("nickname", rules.check_nickname, nickname)
    clean_phone = v.check("phone", normalize_phone, phone)
    chosen_role = v.check("role", rules.check_signup_role, role)
    born = v.check("birth_date", rules.parse_birth_date, birth_date, today=now.date())
    clean_address = v.check("address", rules.check_text, address, max_len=rules.ADDRESS_MAX)
    if not verification_token:
        v.add("verification_token", "is required")
    else:
        try:
            token_email = tokens.verified_email(keys, settings, verification_token, now=now)
        except tokens.InvalidToken:
            v.add("verification_token", "is invalid or expired")
        else:
            # norm_email is None when the email itself was invalid (already reported).
            if norm_email is not None and token_email != norm_email:
                v.add("verification_token", "does not match the email")
    v.raise_if_any("sign-up has invalid fields")
    return await _create_account(
        session,
        now=now,
        email=norm_email,
        password_hash=await hash_password(password, settings=settings),
        name=clean_name,
        nickname=clean_nick,
        phone=clean_phone,
        role=chosen_role,
        birth_date=born,
        address=clean_address,
    )


async def create_account_without_verification(
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    now: datetime,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
    role: Role,
) -> Account:
    """An account created by an operator (CLI, demo seed): no email verification step.

    settings (for the password hash cost) default to `get_settings()`.
    """
    settings = settings or get_settings()
    v = Violations()
    norm_email = v.check("email", normalize_email, email)
    v.check("password", rules.check_password, password, email=norm_email or email)
    clean_name = v.check("name", rules.check_name, name)
    clean_nick = v.check("nickname", rules.check_nickname, nickname)
    clean_phone = v.check("phone", normalize_phone, phone)
    v.raise_if_any("account has invalid fields")
    return await _create_account(
        session,
        now=now,
        email=norm_email,
        password_hash=await hash_password(password, settings=settings),
        name=clean_name,
        nickname=clean_nick,
        phone=clean_phone,
        role=role,
    )


async def create_admin(
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    now: datetime,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
) -> Account:
    """An ADMIN account (for `petful admin create`); never reachable over the API."""
    return await create_account_without_verification(
        session,
        settings=settings,
        now=now,
        email=email,
        password=password,
        name=name,
        nickname=nickname,
        phone=phone,
        role=Role.ADMIN,
    )
