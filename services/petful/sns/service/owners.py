"""What changes to the owner's PetFul account (identity's events) mean for their Instagram
accounts: leaving removes every trace of them here and our app's access at Instagram; a
suspension pauses their syncs until it ends, and nothing is deleted."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.logging import get_logger
from petful.sns import graph, repository
from petful.sns.crypto import TokenBox, TokenKeyError
from petful.sns.models import Account
from petful.sns.rules.accounts import AccountStatus
from petful.sns.service.access import open_token
from petful.sns.service.linking import forget_account

log = get_logger(__name__)


async def forget_owner(
    session: AsyncSession,
    *,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    owner_id: uuid.UUID,
) -> int:
    """The owner left PetFul: de-authorize our app at Instagram with each of their tokens,
    unlink every linked account as the owner would (ACCOUNT_UNLINKED, so pets forgets it),
    then delete every account row of theirs, UNLINKED ones too. No law asks us to keep
    any of it, so nothing waits for ACCOUNT_ERASED.

    Returns how many accounts were deleted: 0 for an owner sns does not know, so a second
    delivery of the event changes nothing."""
    accounts = await repository.lock_accounts_of_owner(session, owner_id)
    if not accounts:
        return 0
    await _deauthorize(client, box, accounts)
    for account in accounts:
        if account.status_enum is not AccountStatus.UNLINKED:
            await forget_account(session, account, now)
    # An UNLINKED row holds no synced data any more; the foreign keys' ON DELETE CASCADE
    # removes anything else keyed by an account with its row.
    await repository.delete_accounts(session, [a.id for a in accounts])
    log.info("withdrawn owner's Instagram accounts deleted", accounts=len(accounts))
    return len(accounts)


async def _deauthorize(
    client: graph.GraphClient, box: TokenBox, accounts: Sequence[Account]
) -> None:
    """Best effort, once per distinct token (the pages of one Facebook user share it): a
    failure (Instagram unreachable, the token already expired or revoked, no key opens
    it) is logged, without the token, and never stops the deletion. The person can still
    remove the app in their Facebook settings."""
    tried: set[str] = set()
    for account in accounts:
        if account.token_ciphertext is None:
            continue
        try:
            token = open_token(box, account)
        except TokenKeyError as e:
            log.warning(
                "Instagram token unreadable, app not de-authorized",
                account_id=str(account.id),
                error=str(e),
            )
            continue
        if token in tried:
            continue
        tried.add(token)
        try:
            await client.deauthorize(token)
        except graph.GraphError as e:
            log.warning(
                "could not de-authorize the app at Instagram; deleting the account anyway",
                account_id=str(account.id),
                error=str(e),
            )


async def owner_suspended(
    session: AsyncSession, *, owner_id: uuid.UUID, at: datetime, until: datetime | None
) -> int:
    """Pause the syncs of the owner's accounts from at (until the suspension ends, or is
    lifted); returns how many accounts changed."""
    return await repository.suspend_owner(session, owner_id, at=at, until=until)


async def owner_reinstated(session: AsyncSession, *, owner_id: uuid.UUID, at: datetime) -> int:
    """Resume the syncs (a reinstatement older than the suspension it meets changes
    nothing); returns how many accounts changed."""
    return await repository.reinstate_owner(session, owner_id, at=at)
