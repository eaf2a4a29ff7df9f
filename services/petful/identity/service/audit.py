"""The one admin audit log.

Identity's own admin actions write their row in the action's transaction (`write`); the
admin decisions other services make arrive as events and are recorded here too: advertiser
profile decisions (advertisers) and report decisions (community).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import advertisers as advertisers_contract
from petful.contracts import community as community_contract
from petful.identity import repository, rules
from petful.identity.models import AuditLogEntry
from petful.identity.rules import AuditTargetType
from petful.identity.service.shared import require_admin
from petful.platform.auth_context import Principal
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import Violations, parse_uuid


async def write(
    session: AsyncSession,
    *,
    now: datetime,
    actor_id: uuid.UUID,
    action: str,
    target_type: str,
    target_id: uuid.UUID,
    reason: str,
    details: dict[str, Any] | None = None,
) -> AuditLogEntry:
    entry = AuditLogEntry(
        id=uuid.uuid4(),
        actor_id=actor_id,
        action=action,
        target_type=target_type,
        target_id=target_id,
        reason=reason,
        details=details or {},
        created_at=now,
    )
    await repository.add_audit(session, entry)
    return entry


# --- decisions other services announce ---------------------------------------------------

ADVERTISER_ACTIONS: dict[str, str] = {
    advertisers_contract.ADVERTISER_APPROVED.name: "advertiser.approve",
    advertisers_contract.ADVERTISER_REJECTED.name: "advertiser.reject",
    advertisers_contract.ADVERTISER_RESTRICTED.name: "advertiser.restrict",
    advertisers_contract.ADVERTISER_REINSTATED.name: "advertiser.reinstate",
}

# Not an `AuditTargetType`: the audit-log filter (here and at the edge) never offered it.
ADVERTISER_TARGET = "ADVERTISER"

REPORT_ACTIONS: dict[str, str] = {
    community_contract.REPORT_RESOLVED.name: "report.resolve",
    community_contract.REPORT_DISMISSED.name: "report.dismiss",
}


async def record_advertiser_decision(
    session: AsyncSession,
    *,
    topic: str,
    decision: advertisers_contract.AdvertiserDecided,
    at: datetime,
) -> AuditLogEntry:
    return await write(
        session,
        now=at,
        actor_id=decision.admin_id,
        action=ADVERTISER_ACTIONS[topic],
        target_type=ADVERTISER_TARGET,
        target_id=decision.user_id,
        reason=decision.reason,
        details={
            "source": topic,
            "status": decision.status,
            "company_name": decision.company_name,
        },
    )


async def record_report_decision(
    session: AsyncSession, *, topic: str, decision: community_contract.ReportDecided
) -> AuditLogEntry:
    """A report handled in community's moderation queue. A suspension it asked for has its
    own row: community suspends through IdentityAdminService.SuspendUser."""
    return await write(
        session,
        now=decision.handled_at,
        actor_id=decision.admin_id,
        action=REPORT_ACTIONS[topic],
        target_type=AuditTargetType.REPORT.value,
        target_id=decision.report_id,
        reason=decision.reason,
        details={
            "source": topic,
            "target_type": decision.target_type,
            "target_id": str(decision.target_id),
            "reporter_id": str(decision.reporter_id),
            "target_suspended": decision.target_suspended,
        },
    )


# --- reading the log ---------------------------------------------------------------------


async def list_audit_log(
    session: AsyncSession,
    *,
    actor: Principal,
    actor_id: str = "",
    target_type: str = "",
    target_id: str = "",
    action: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[AuditLogEntry]:
    """Newest first; each filter is optional ("" means any)."""
    await require_admin(session, actor)
    v = Violations()
    by_actor = v.check("actor_id", parse_uuid, actor_id) if actor_id else None
    by_target = v.check("target_id", parse_uuid, target_id) if target_id else None
    if target_type:
        v.check("target_type", rules.check_audit_target_type, target_type)
    v.check("action", rules.check_action, action)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the filter has invalid fields")
    rows = await repository.list_audit(
        session,
        actor_id=by_actor,
        target_type=target_type,
        target_id=by_target,
        action=action,
        cursor=after,
        limit=size + 1,
    )
    return page_of(rows, size)
