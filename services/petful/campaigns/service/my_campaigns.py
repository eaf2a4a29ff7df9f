"""The advertiser's own campaigns: the list (search, phases, sort, the archive; keyset paged
in the sort's order) and putting finished campaigns in the archive and back."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository
from petful.campaigns.models import Campaign
from petful.campaigns.rules import Phase
from petful.campaigns.rules.browsing import (
    MySort,
    check_archivable,
    decode_title_cursor,
    encode_title_cursor,
)
from petful.campaigns.rules.fields import check_search
from petful.campaigns.service.shared import ADVERTISERS_ONLY, own_campaign
from petful.platform.auth_context import Principal, Role, require_role
from petful.platform.errors import FailedPrecondition
from petful.platform.paging import Page, check_page_size, decode_cursor, encode_cursor, page_of
from petful.platform.validation import RuleError, Violations


def _cursor(sort: MySort, raw: str) -> tuple[Any, uuid.UUID] | None:
    return decode_title_cursor(raw) if sort is MySort.TITLE else decode_cursor(raw)


def _next_cursor(sort: MySort, last: Campaign) -> str:
    if sort is MySort.TITLE:
        return encode_title_cursor(last.title, last.id)
    at = {
        MySort.NEWEST: last.created_at,
        MySort.UPDATED: last.updated_at,
        MySort.DEADLINE: last.recruit_end,
    }[sort]
    return encode_cursor(at, last.id)


async def list_my_campaigns(
    session: AsyncSession,
    *,
    actor: Principal,
    phases: list[str] | None = None,
    query: str = "",
    sort: MySort = MySort.NEWEST,
    archived: bool = False,
    page_size: int = 0,
    cursor: str = "",
) -> Page[Campaign]:
    """The caller's campaigns in any of `phases` (none: every phase); the archive when
    `archived`, everything else otherwise. A cursor is only valid with the same sort."""
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    v = Violations()
    wanted = [p for p in phases or [] if p]
    if any(p not in Phase.__members__ for p in wanted):
        v.add("phase", "is not a campaign phase")
    clean_query = v.check("query", check_search, query)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", _cursor, sort, cursor)
    v.raise_if_any("the search has invalid fields")
    rows = await repository.list_advertiser_campaigns(
        session,
        advertiser=user_id,
        phases={Phase(p) for p in wanted},
        query=clean_query,
        archived=archived,
        sort=sort,
        cursor=after,
        limit=size + 1,
    )
    return page_of(rows, size, cursor_of=lambda last: _next_cursor(sort, last))


async def archive_campaign(
    session: AsyncSession, *, actor: Principal, now: datetime, campaign_id: str
) -> Campaign:
    """Put a COMPLETED or CANCELLED campaign away (409 otherwise, or when it already is)."""
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    try:
        check_archivable(c.phase_enum, archived=c.archived_at is not None)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    c.archived_at = now
    await repository.flush(session)
    return c


async def unarchive_campaign(
    session: AsyncSession, *, actor: Principal, campaign_id: str
) -> Campaign:
    """Bring an archived campaign back to the list (409 when it is not archived)."""
    user_id = require_role(actor, Role.ADVERTISER, message=ADVERTISERS_ONLY)
    c = await own_campaign(session, user_id, campaign_id)
    if c.archived_at is None:
        raise FailedPrecondition("the campaign is not archived")
    c.archived_at = None
    await repository.flush(session)
    return c
