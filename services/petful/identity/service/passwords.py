"""Passwords: reset by a mailed code, change while signed in. Both end other sessions."""

from __future__ import annotations

import uuid
from datetime import datetime

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import repository, rules
from petful.identity.models import Account
from petful.identity.service import throttle
from petful.identity.service.codes import (
    RESET,
    CodeIssue,
    bad_code,
    check_code_format,
    consume_code,
    issue_code,
)
from petful.identity.service.mail import request_code_mail, request_mail
from petful.identity.service.shared import (
    hash_password,
    one,
    password_matches,
    signed_in_account,
)
from petful.platform.auth_context import Principal
from petful.platform.errors import InvalidArgument
from petful.platform.settings import Settings
from petful.platform.validation import RuleError, normalize_email, parse_uuid


async def start_password_reset(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
) -> CodeIssue:
    """Mail a reset code if the account exists; behaves the same (and throttles the same)
    when it does not. `code` is for Python callers only."""
    email = one("email", normalize_email, email)
    account = await repository.get_live_account_by_email(session, email)
    issue = await issue_code(
        redis,
        purpose=RESET,
        email=email,
        now=now,
        ttl=settings.identity.password_reset_code_ttl_seconds,
        resend_after=settings.identity.email_code_resend_seconds,
        with_code=account is not None,
    )
    if account is not None and issue.code is not None:
        ttl = settings.identity.password_reset_code_ttl_seconds
        await request_code_mail(
            session,
            redis,
            email,
            contract.MAIL_PASSWORD_RESET_CODE,
            code=issue.code,
            ttl_seconds=ttl,
            now=now,
            minutes=max(1, ttl // 60),
            name=account.name,
        )
    return issue


async def confirm_password_reset(
    session: AsyncSession,
    *,
    redis: aioredis.Redis,
    settings: Settings,
    now: datetime,
    email: str,
    code: str,
    new_password: str,
) -> None:
    norm_email = one("email", normalize_email, email)
    one("new_password", rules.check_password, new_password, email=norm_email)
    code = check_code_format(code)
    ok = await consume_code(
        redis,
        purpose=RESET,
        email=norm_email,
        code=code,
        now=now,
        max_attempts=settings.identity.email_code_max_attempts,
        max_per_day=settings.identity.email_code_max_attempts_per_day,
    )
    account = await repository.get_live_account_by_email(session, norm_email, for_update=True)
    if not ok or account is None:
        raise bad_code()
    await _set_password(session, account, new_password, settings=settings, now=now)
    await repository.revoke_account_sessions(session, account.id, now=now, reason="password_reset")
    # The mailed code proves the owner: lift a sign-in lock guessers put on the account.
    await throttle.clear_account(redis, norm_email)


async def _set_password(
    session: AsyncSession, account: Account, password: str, *, settings: Settings, now: datetime
) -> None:
    account.password_hash = await hash_password(password, settings=settings)
    account.password_changed_at = now
    account.updated_at = now
    await request_mail(session, account.email, contract.MAIL_PASSWORD_CHANGED, now=now)


async def _own_session(
    session: AsyncSession, account: Account, actor: Principal
) -> uuid.UUID | None:
    """The caller's own sign-in (the access token's `sid`), if it is really theirs."""
    try:
        sid = parse_uuid(actor.session_id or "")
    except RuleError:
        return None
    family = await repository.get_session(session, sid)
    return sid if family is not None and family.account_id == account.id else None


async def change_password(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    now: datetime,
    current_password: str,
    new_password: str,
) -> int:
    """Change the caller's password and revoke every other session; returns how many were
    revoked. Without a known session of the caller every session ends (sign in again)."""
    account = await signed_in_account(session, actor, for_update=True)
    one("new_password", rules.check_password, new_password, email=account.email)
    if not await password_matches(account.password_hash, current_password):
        raise InvalidArgument(
            "the current password is wrong", field_violations=[("current_password", "is incorrect")]
        )
    keep = await _own_session(session, account, actor)
    await _set_password(session, account, new_password, settings=settings, now=now)
    return await repository.revoke_account_sessions(
        session, account.id, now=now, reason="password_changed", keep=keep
    )
