"""The admin dashboard's account figures (IdentityAdminService.GetAccountStats): sign-ups
and active accounts per day in Korea, and the totals now. ADMIN only, read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import repository, rules
from petful.identity.rules import AccountStatus
from petful.identity.service.shared import require_admin
from petful.platform.auth_context import Principal
from petful.platform.validation import Violations


@dataclass(frozen=True)
class AccountDay:
    day: date
    sign_ups: int
    active: int


@dataclass(frozen=True)
class AccountStats:
    days: list[AccountDay]
    accounts: int
    suspended: int
    active_in_window: int
    active_last_7_days: int


async def account_stats(
    session: AsyncSession, *, actor: Principal, now: datetime, days: int = 0
) -> AccountStats:
    await require_admin(session, actor)
    v = Violations()
    size = v.check("days", rules.check_stats_days, days)
    v.raise_if_any("the dashboard request has invalid fields")
    zone = ZoneInfo(rules.STATS_TIME_ZONE)
    window = rules.stats_window(now.astimezone(zone).date(), size)
    since = datetime.combine(window[0], time(), zone)
    last_week = datetime.combine(window[-1] - timedelta(days=6), time(), zone)
    sign_ups = await repository.sign_ups_by_day(
        session, since=since, time_zone=rules.STATS_TIME_ZONE
    )
    active = await repository.active_by_day(session, since=since, time_zone=rules.STATS_TIME_ZONE)
    by_status = await repository.count_accounts_by_status(session)
    return AccountStats(
        days=[AccountDay(d, sign_ups.get(d, 0), active.get(d, 0)) for d in window],
        accounts=by_status.get(AccountStatus.ACTIVE.value, 0)
        + by_status.get(AccountStatus.SUSPENDED.value, 0),
        suspended=by_status.get(AccountStatus.SUSPENDED.value, 0),
        active_in_window=await repository.count_active_since(session, since),
        active_last_7_days=await repository.count_active_since(session, last_week),
    )
