"""The caller's own profile, withdrawal, and the public face of any account."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import repository, rules
from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.identity.service import profile_image
from petful.identity.service.shared import (
    SCHEMA,
    UNUSABLE_PASSWORD,
    one,
    password_matches,
    require_transition,
    signed_in_account,
    target_account,
)
from petful.platform import outbox
from petful.platform.auth_context import USER_ROLES, Principal, Role
from petful.platform.errors import AlreadyExists, InvalidArgument, PermissionDenied
from petful.platform.validation import (
    RuleError,
    Violations,
    normalize_phone,
    parse_uuid,
    uuid_field,
)


def _nickname_taken() -> AlreadyExists:
    return AlreadyExists(
        "this nickname is taken", field_violations=[("nickname", "is already in use")]
    )


async def get_me(session: AsyncSession, *, actor: Principal) -> Account:
    return await signed_in_account(session, actor)


async def update_me(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    nickname: str | None = None,
    phone: str | None = None,
    bio: str | None = None,
    address: str | None = None,
    birth_date: str | None = None,
) -> Account:
    """Change the given fields (None means unchanged). The picture is not one of them:
    only an upload sets it (`profile_image`)."""
    account = await signed_in_account(session, actor, for_update=True)
    v = Violations()
    new_nick = v.check("nickname", rules.check_nickname, nickname) if nickname is not None else None
    new_phone = v.check("phone", normalize_phone, phone) if phone is not None else None
    new_bio = (
        v.check("bio", rules.check_text, bio, max_len=rules.BIO_MAX) if bio is not None else None
    )
    new_address = (
        v.check("address", rules.check_text, address, max_len=rules.ADDRESS_MAX)
        if address is not None
        else None
    )
    new_birth: date | None = None
    if birth_date is not None:
        new_birth = v.check("birth_date", rules.parse_birth_date, birth_date, today=now.date())
    v.raise_if_any("profile has invalid fields")
    if new_nick is not None:
        key = rules.nickname_key(new_nick)
        if await repository.live_nickname_taken(session, key, except_id=account.id):
            raise _nickname_taken()
        account.nickname, account.nickname_key = new_nick, key
    if new_phone is not None:
        account.phone = new_phone
    if new_bio is not None:
        account.bio = new_bio
    if new_address is not None:
        account.address = new_address
    if birth_date is not None:
        account.birth_date = new_birth  # "" clears it
    account.updated_at = now
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:  # lost a race for the nickname
        raise _nickname_taken() from None
    return account


async def withdraw(
    session: AsyncSession, *, actor: Principal, now: datetime, password: str, reason: str
) -> None:
    """WITHDRAWN: personal data anonymised (the row stays so content keeps an author),
    email and nickname free again, every session revoked."""
    account = await signed_in_account(session, actor, for_update=True)
    clean_reason = one("reason", rules.check_withdraw_reason, reason)
    if not await password_matches(account.password_hash, password):
        raise InvalidArgument(
            "the password is wrong", field_violations=[("password", "is incorrect")]
        )
    require_transition(account.status_enum, AccountStatus.WITHDRAWN)
    hex_id = account.id.hex
    account.status = AccountStatus.WITHDRAWN.value
    account.email = f"withdrawn+{hex_id}@withdrawn.invalid"
    account.password_hash = UNUSABLE_PASSWORD
    account.name = ""
    account.nickname = rules.WITHDRAWN_NICKNAME
    account.nickname_key = f"withdrawn:{hex_id}"
    account.phone = ""
    account.bio = ""
    account.address = ""
    account.birth_date = None
    await profile_image.drop_profile_image(session, account, now=now)
    account.suspension_reason = None
    account.suspended_until = None
    account.withdrawn_at = now
    account.withdrawal_reason = clean_reason
    account.updated_at = now
    await repository.revoke_account_sessions(session, account.id, now=now, reason="withdrawn")
    await outbox.add_event(
        session,
        SCHEMA,
        contract.ACCOUNT_WITHDRAWN,
        contract.AccountWithdrawn(user_id=account.id, role=account.role),
        now=now,
    )


async def get_public_profile(session: AsyncSession, *, user_id: str) -> Account:
    """Any account by id, withdrawn ones too (the servicer shows only public fields)."""
    return await target_account(session, user_id)


MAX_PROFILES_PER_CALL = 200


# The one service that mails and pushes people; no other caller reads addresses or lists
# who is on the platform.
CONTACTS_READER = "service:notifications"


def require_contacts_reader(actor: Principal) -> None:
    """PermissionDenied unless the caller is the notifications service."""
    if actor.user_id != CONTACTS_READER or not actor.has_role(Role.SERVICE):
        raise PermissionDenied("only the notifications service reads contact details")


async def get_contacts(
    session: AsyncSession, *, actor: Principal, user_ids: Sequence[str]
) -> list[Account]:
    """The accounts of user_ids that exist, for the notifications service only."""
    require_contacts_reader(actor)
    return await get_public_profiles(session, user_ids=user_ids)


RECIPIENTS_PAGE_MAX = 1000


def _recipient_role(name: str) -> str:
    """ "" (every role) or the name of a role an account holds."""
    if name and name not in {r.value for r in USER_ROLES}:
        raise RuleError("must be USER, ADVERTISER or ADMIN (or unspecified for every role)")
    return name


def _recipients_page(limit: int) -> int:
    """0 (not given) means the most; otherwise 1 to RECIPIENTS_PAGE_MAX."""
    if limit == 0:
        return RECIPIENTS_PAGE_MAX
    if not 1 <= limit <= RECIPIENTS_PAGE_MAX:
        raise RuleError(f"must be 1 to {RECIPIENTS_PAGE_MAX}")
    return limit


async def list_recipients(
    session: AsyncSession,
    *,
    actor: Principal,
    role: str,
    after_user_id: str,
    limit: int,
    now: datetime,
) -> list[uuid.UUID]:
    """A page of the accounts a broadcast reaches (repository.recipient_ids), for the
    notifications service only. role: "" (every role) or a user role's name."""
    require_contacts_reader(actor)
    v = Violations()
    wanted = v.check("role", _recipient_role, role)
    size = v.check("limit", _recipients_page, limit)
    after = v.check("after_user_id", parse_uuid, after_user_id) if after_user_id else None
    v.raise_if_any("the recipient query is invalid")
    return await repository.recipient_ids(session, role=wanted, after=after, limit=size, now=now)


async def count_recipients(
    session: AsyncSession, *, actor: Principal, role: str, now: datetime
) -> int:
    """How many accounts list_recipients walks for the role."""
    require_contacts_reader(actor)
    wanted = one("role", _recipient_role, role)
    return await repository.count_recipients(session, role=wanted, now=now)


async def get_public_profiles(session: AsyncSession, *, user_ids: Sequence[str]) -> list[Account]:
    """The accounts of user_ids that exist (withdrawn ones too), in no particular order."""
    if len(user_ids) > MAX_PROFILES_PER_CALL:
        raise InvalidArgument(
            "too many ids",
            field_violations=[("user_ids", f"must be at most {MAX_PROFILES_PER_CALL}")],
        )
    ids = {uuid_field("user_ids", raw) for raw in user_ids}
    return await repository.get_accounts(session, sorted(ids))
