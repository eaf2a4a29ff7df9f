"""What identity keeps after an account ends, and when it lets go (docs/security.md, "Leaving").

Withdrawal (profile.withdraw) anonymises the account at once; the row stays so content keeps
an author and audit entries a target. Two records outlive it for as long as the law asks:
- sign-ins (each session's address and browser) for `privacy.access_log_retention_days`
  after the session ended, for anyone, withdrawn or not;
- the withdrawal itself (its time and the reason the person gave) for
  `privacy.record_retention_days`, after which `identity.account.erased` tells every
  service to erase the transaction records it kept about the person.

`erase_due` is idempotent and runs from beat; each account's erasure event is emitted once
(`erased_at` is set in the same transaction as the outbox row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity.models import Account, Session
from petful.identity.service.shared import SCHEMA
from petful.platform import outbox
from petful.platform.settings import PrivacySettings

# Accounts erased per run: a bounded transaction; the next run picks up the rest.
BATCH = 500


@dataclass(frozen=True)
class Erased:
    sessions: int
    accounts: int


async def erase_due(session: AsyncSession, *, now: datetime, privacy: PrivacySettings) -> Erased:
    ended_before = now - timedelta(days=privacy.access_log_retention_days)
    # A session's record ends when it was revoked or expired, whichever came first
    # (PostgreSQL's LEAST skips a NULL revoked_at).
    ended = sa.func.least(Session.revoked_at, Session.expires_at)
    sessions = await session.execute(
        sa.delete(Session).where(ended < ended_before).returning(Session.id)
    )
    erased_sessions = len(sessions.all())

    withdrawn_before = now - timedelta(days=privacy.record_retention_days)
    due = (
        await session.scalars(
            sa.select(Account)
            .where(
                Account.withdrawn_at.is_not(None),
                Account.withdrawn_at < withdrawn_before,
                Account.erased_at.is_(None),
            )
            .order_by(Account.withdrawn_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for account in due:
        account.erased_at = now
        account.withdrawal_reason = None
        account.updated_at = now
        await outbox.add_event(
            session,
            SCHEMA,
            contract.ACCOUNT_ERASED,
            contract.AccountErased(user_id=account.id),
            now=now,
        )
    return Erased(sessions=erased_sessions, accounts=len(due))
