"""Reading linked accounts, the events that describe one, and its stored token."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.contracts.base import Topic
from petful.platform import outbox
from petful.platform.auth_context import Principal, Role, caller_id, require_role
from petful.platform.validation import Violations, parse_uuid
from petful.sns import repository
from petful.sns.crypto import TokenBox
from petful.sns.models import SCHEMA, Account
from petful.sns.rules import accounts as rules
from petful.sns.rules.accounts import AccountStatus
from petful.sns.service.access import visible

# Meta's long-lived user tokens last about 60 days; used when the exchange does not say.
DEFAULT_TOKEN_TTL = timedelta(days=60)


def changed(account: Account) -> contract.AccountChanged:
    """What every account event says about the account."""
    return contract.AccountChanged(
        account_id=account.id,
        owner_user_id=account.owner_user_id,
        ig_user_id=account.ig_user_id,
        username=account.username,
        source=account.source,
        status=account.status,
    )


async def publish(
    session: AsyncSession,
    topic: Topic[contract.AccountChanged],
    account: Account,
    now: datetime,
) -> None:
    await outbox.add_event(session, SCHEMA, topic, changed(account), now=now)


def store_token(
    box: TokenBox, account: Account, token: str, *, expires_in: int | None, now: datetime
) -> None:
    """Seal a long-lived token into the account (bound to its id) with its expiry."""
    sealed = box.seal(token, context=str(account.id))
    account.token_ciphertext = sealed.ciphertext
    account.token_key_id = sealed.key_id
    account.token_expires_at = now + (
        timedelta(seconds=expires_in) if expires_in else DEFAULT_TOKEN_TTL
    )
    account.updated_at = now


async def needs_reauth(session: AsyncSession, account: Account, now: datetime, why: str) -> Account:
    """Instagram no longer accepts the token: the owner must link the account again."""
    account.status = AccountStatus.NEEDS_REAUTH.value
    account.last_sync_error = rules.clip_error(why)
    account.updated_at = now
    await repository.flush(session)
    await publish(session, contract.ACCOUNT_NEEDS_REAUTH, account, now)
    return account


async def list_my_accounts(session: AsyncSession, *, actor: Principal) -> list[Account]:
    return await repository.accounts_of_owner(session, caller_id(actor))


async def analytics_summaries(
    session: AsyncSession, accounts: list[Account]
) -> dict[uuid.UUID, dict[str, Any]]:
    """The stored analytics of the accounts (for the accounts list), by account id."""
    rows = await repository.analytics_for(session, [a.id for a in accounts])
    return {r.account_id: dict(r.data) for r in rows}


async def list_user_accounts(
    session: AsyncSession, *, actor: Principal, owner_user_id: str, include_unlinked: bool
) -> list[Account]:
    """ADMIN: a user's accounts and their sync status."""
    require_role(
        actor, Role.ADMIN, message="only admins may list another user's Instagram accounts"
    )
    v = Violations()
    owner = v.check("owner_user_id", parse_uuid, owner_user_id)
    v.raise_if_any("the request has invalid fields")
    return await repository.accounts_of_owner(session, owner, include_unlinked=include_unlinked)


async def get_account(session: AsyncSession, *, actor: Principal, account_id: str) -> Account:
    return await visible(session, actor, account_id, admin=True, service=True)
