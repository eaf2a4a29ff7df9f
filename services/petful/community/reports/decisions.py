"""An admin's decision on reports: resolve (upholding them) with an action, or dismiss.

A decision is about a target, not one report: it applies to every OPEN report about the
same user, post or comment, and each report gets its own `community.report.resolved` /
`dismissed` event (each reporter is told). What it does to a post or comment is announced
as `community.content.moderated` (identity audits it, the author is told); a suspension is
identity's own (its audit row, its event).

Locks, always in this order so two decisions never deadlock: the post or comment row,
then the target's open reports (oldest first). A report filed meanwhile waits for the
content row, and so is decided with the others or stays open after them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import SCHEMA
from petful.community.comments import service as comments_service
from petful.community.posts import service as posts_service
from petful.community.reports import content, repository, rules
from petful.community.reports.models import Report
from petful.community.reports.rules import (
    Moderated,
    ModerationAction,
    ReportStatus,
    ReportTargetType,
)
from petful.community.reports.service import IdentityPort, admin
from petful.contracts import community as contracts
from petful.platform import outbox
from petful.platform.auth_context import Principal
from petful.platform.errors import FailedPrecondition, NotFound
from petful.platform.validation import RuleError, Violations, check_reason, parse_uuid


@dataclass(frozen=True, slots=True)
class _Case:
    """The report asked about, every open report on its target (it among them), and the
    post or comment when the target is one (None: there is no such row)."""

    report: Report
    open_reports: list[Report]
    reported: content.Content | None


async def _open_case(session: AsyncSession, report_id: uuid.UUID, to: ReportStatus) -> _Case:
    report = await repository.get_report(session, report_id)
    if report is None:
        raise NotFound("report not found")
    kind = report.target_type_enum
    reported = None
    if kind in rules.CONTENT_TARGETS:
        reported = await content.load(session, kind, report.target_id, for_update=True)
    open_reports = await repository.open_reports_on(
        session, target_type=report.target_type, target_id=report.target_id
    )
    if report not in open_reports:
        await session.refresh(report)  # decided meanwhile: say from what
        try:
            rules.check_report_transition(report.status_enum, to)
        except RuleError as e:
            raise FailedPrecondition(e.reason) from None
    return _Case(report, open_reports, reported)


def _require_content(case: _Case, chosen: ModerationAction) -> content.Content:
    if case.reported is None:
        kind = case.report.target_type.lower()
        raise FailedPrecondition(f"the reported {kind} no longer exists")
    try:
        rules.check_content_action(chosen, deleted=case.reported.deleted)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    return case.reported


async def resolve_report(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    now: datetime,
    report_id: str,
    reason: str,
    action: str,
    suspend_until: datetime | None = None,
) -> Report:
    """OPEN -> RESOLVED for every open report on the target, doing `action` (a
    `ModerationAction` name; HIDE_CONTENT, DELETE_CONTENT and WARN_AUTHOR only for posts and
    comments: 422 on action otherwise). Acting on content that is gone, or hiding/deleting
    deleted content, is 409; so is a report decided already. A suspension identity refuses
    (an admin's account: 403) leaves everything as it was.

    Content the report threshold hid stays hidden: resolving upholds the reports."""
    admin_id = admin(actor)
    v = Violations()
    rid = v.check("report_id", parse_uuid, report_id)
    clean_reason = v.check("reason", check_reason, reason)
    chosen = v.check("action", rules.action, action)
    until = (
        v.check("suspend_until", rules.check_suspend_until, suspend_until, chosen=chosen, now=now)
        if chosen is not None
        else None
    )
    v.raise_if_any("the request has invalid fields")
    case = await _open_case(session, rid, ReportStatus.RESOLVED)
    v.check("action", rules.check_action_allowed, case.report.target_type_enum, chosen)
    v.raise_if_any("the request has invalid fields")

    suspend: uuid.UUID | None = None
    if chosen is ModerationAction.SUSPEND_AUTHOR:
        if case.report.target_type_enum is ReportTargetType.USER:
            suspend = case.report.target_id
        else:
            suspend = _require_content(case, chosen).author_id
    elif chosen is not ModerationAction.NONE:
        await _act_on_content(
            session,
            _require_content(case, chosen),
            chosen,
            admin_id=admin_id,
            reason=clean_reason,
            now=now,
        )
    # Identity last: when it refuses, the transaction rolls back what came before.
    if suspend is not None and not await identity.suspend_user(
        suspend, reason=clean_reason, until=until
    ):
        raise NotFound("the account to suspend does not exist")
    await _decide(
        session,
        case,
        to=ReportStatus.RESOLVED,
        action=chosen,
        admin_id=admin_id,
        reason=clean_reason,
        now=now,
    )
    return case.report


async def _act_on_content(
    session: AsyncSession,
    reported: content.Content,
    chosen: ModerationAction,
    *,
    admin_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> None:
    done: Moderated
    if chosen is ModerationAction.HIDE_CONTENT:
        # Already hidden by the threshold: it stays so, now as the admin's decision.
        if reported.row.hidden_at is None:
            reported.row.hidden_at = now
            await repository.flush(session)
        done = Moderated.HIDDEN
    elif chosen is ModerationAction.DELETE_CONTENT:
        # The author's deletion rules (a root comment with replies stays as a placeholder,
        # counters follow); under the row lock taken above it finds the row live.
        if reported.kind is ReportTargetType.POST:
            await posts_service.remove_post(session, post_id=reported.id, by=admin_id, now=now)
        else:
            await comments_service.remove_comment(
                session, comment_id=reported.id, by=admin_id, now=now
            )
        done = Moderated.DELETED
    else:
        done = Moderated.WARNED
    await content.announce(
        session, reported, action=done, admin_id=admin_id, reason=reason, now=now
    )


async def dismiss_report(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    report_id: str,
    reason: str,
) -> Report:
    """OPEN -> DISMISSED for every open report on the target. A post or comment only the
    threshold hid (no admin upheld a report since) is shown again."""
    admin_id = admin(actor)
    v = Violations()
    rid = v.check("report_id", parse_uuid, report_id)
    clean_reason = v.check("reason", check_reason, reason)
    v.raise_if_any("the request has invalid fields")
    case = await _open_case(session, rid, ReportStatus.DISMISSED)
    reported = case.reported
    if reported is not None and rules.restores_on_dismissal(
        hidden_at=reported.row.hidden_at,
        deleted=reported.deleted,
        last_upheld_at=await repository.last_upheld_at(
            session, target_type=reported.kind.value, target_id=reported.id
        ),
    ):
        reported.row.hidden_at = None
        await repository.flush(session)
        await content.announce(
            session,
            reported,
            action=Moderated.RESTORED,
            admin_id=admin_id,
            reason=clean_reason,
            now=now,
        )
    await _decide(
        session,
        case,
        to=ReportStatus.DISMISSED,
        action=None,
        admin_id=admin_id,
        reason=clean_reason,
        now=now,
    )
    return case.report


async def _decide(
    session: AsyncSession,
    case: _Case,
    *,
    to: ReportStatus,
    action: ModerationAction | None,
    admin_id: uuid.UUID,
    reason: str,
    now: datetime,
) -> None:
    """Mark every open report of the case and tell each reporter."""
    suspended = action is ModerationAction.SUSPEND_AUTHOR
    for report in case.open_reports:
        report.status = to.value
        report.handled_at = now
        report.handled_by = admin_id
        report.resolution_reason = reason
        report.action = action.value if action is not None else None
        report.target_suspended = suspended
    await repository.flush(session)
    topic = contracts.REPORT_RESOLVED if to is ReportStatus.RESOLVED else contracts.REPORT_DISMISSED
    for report in case.open_reports:
        await outbox.add_event(
            session,
            SCHEMA,
            topic,
            contracts.ReportDecided(
                report_id=report.id,
                reporter_id=report.reporter_id,
                target_type=report.target_type,
                target_id=report.target_id,
                status=report.status,
                target_suspended=suspended,
                admin_id=admin_id,
                reason=reason,
                handled_at=now,
            ),
            now=now,
        )
