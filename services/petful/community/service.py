"""Community business logic: user reports (신고) and the admin queue that works them.

Functions are keyword-only, take the caller's session and never commit (the RPC boundary
does). Roles come from the caller's Principal (the edge put them there after checking the
access token): this service cannot read identity's accounts, so it trusts them, like every
service but identity. What only identity knows (does a user exist, suspending one) goes
through the `IdentityPort`, acting as the caller.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.community import repository, rules
from petful.community.models import Report
from petful.community.rules import ReportStatus, ReportTargetType
from petful.contracts import community as contracts
from petful.platform import outbox
from petful.platform.auth_context import USER_ROLES, Principal, Role, require_role
from petful.platform.errors import AlreadyExists, FailedPrecondition, NotFound
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of, paging
from petful.platform.validation import RuleError, Violations, check_reason, parse_uuid

SCHEMA = "community"
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class IdentityPort(Protocol):
    """What the report queue asks of identity, on behalf of the current caller."""

    async def user_exists(self, user_id: uuid.UUID) -> bool:
        """Whether user_id is an account that has not been withdrawn."""
        ...

    async def suspend_user(
        self, user_id: uuid.UUID, *, reason: str, until: datetime | None
    ) -> bool:
        """Suspend the account as the calling admin; False when there is no such account.

        Identity enforces its own rules (PermissionDenied for an admin's account)."""
        ...


def _signed_in(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users may report")


def _admin(actor: Principal) -> uuid.UUID:
    return require_role(actor, Role.ADMIN, message="only administrators may do this")


# --- filing a report ---------------------------------------------------------------------


def _duplicate() -> AlreadyExists:
    return AlreadyExists(
        "you already have an open report about this",
        field_violations=[("target_id", "already has an open report from you")],
    )


async def create_report(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    now: datetime,
    target_type: str,
    target_id: str,
    category: str,
    text: str,
) -> Report:
    """Report a user, post or comment by its exact id. One OPEN report per (reporter,
    target): a second is 409. Reporting oneself is 422 on target_id. A reported USER must
    exist (404); post and comment ids are not checked until posts live here."""
    reporter_id = _signed_in(actor)
    v = Violations()
    kind = v.check("target_type", rules.target_type, target_type)
    target = v.check("target_id", parse_uuid, target_id)
    clean_category = v.check("category", rules.category, category)
    clean_text = v.check("text", rules.check_report_text, text)
    v.raise_if_any("the report has invalid fields")
    v.check(
        "target_id",
        rules.check_not_self_report,
        reporter_id=reporter_id,
        target_type=kind,
        target_id=target,
    )
    v.raise_if_any("the report has invalid fields")
    if kind is ReportTargetType.USER and not await identity.user_exists(target):
        raise NotFound("the reported user does not exist")
    if await repository.open_report_exists(
        session, reporter_id=reporter_id, target_type=kind.value, target_id=target
    ):
        raise _duplicate()
    report = Report(
        id=uuid.uuid4(),
        reporter_id=reporter_id,
        target_type=kind.value,
        target_id=target,
        category=clean_category.value,
        text=clean_text,
        status=ReportStatus.OPEN.value,
        created_at=now,
        target_suspended=False,
    )
    try:
        async with session.begin_nested():
            await repository.add_report(session, report)
    except IntegrityError:  # a concurrent duplicate won the unique index
        raise _duplicate() from None
    return report


async def list_my_reports(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Report]:
    reporter_id = _signed_in(actor)
    size, after = paging(page_size, cursor)
    rows = await repository.list_reports(
        session, reporter_id=reporter_id, status=None, after=after, limit=size + 1
    )
    return page_of(rows, size)


# --- the admin queue ---------------------------------------------------------------------


async def list_reports(
    session: AsyncSession,
    *,
    actor: Principal,
    status: str = "",
    page_size: int = 0,
    cursor: str = "",
) -> Page[Report]:
    """Every report, newest first; status "" means every status."""
    _admin(actor)
    v = Violations()
    if status:
        v.check("status", rules.status, status)
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the filter has invalid fields")
    rows = await repository.list_reports(
        session, reporter_id=None, status=status or None, after=after, limit=size + 1
    )
    return page_of(rows, size)


async def _decide(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    now: datetime,
    report_id: str,
    reason: str,
    to: ReportStatus,
    suspend_target: bool = False,
    suspend_until: datetime | None = None,
) -> Report:
    """Move an OPEN report to `to`, suspending its USER target first when asked.

    The suspension is identity's (its audit row, its event); the report is marked only
    when identity agreed, so a refused suspension leaves the report OPEN and writes nothing.
    """
    admin_id = _admin(actor)
    v = Violations()
    rid = v.check("report_id", parse_uuid, report_id)
    clean_reason = v.check("reason", check_reason, reason)
    until = v.check(
        "suspend_until",
        rules.check_suspend_until,
        suspend_until,
        suspend_target=suspend_target,
        now=now,
    )
    v.raise_if_any("the request has invalid fields")
    report = await repository.get_report(session, rid, for_update=True)
    if report is None:
        raise NotFound("report not found")
    v.check(
        "suspend_target",
        rules.check_suspend_target_allowed,
        report.target_type_enum,
        suspend_target,
    )
    v.raise_if_any("the request has invalid fields")
    try:
        rules.check_report_transition(report.status_enum, to)
    except RuleError as e:
        raise FailedPrecondition(e.reason) from None
    if suspend_target and not await identity.suspend_user(
        report.target_id, reason=clean_reason, until=until
    ):
        raise NotFound("the reported user does not exist")
    report.status = to.value
    report.handled_at = now
    report.handled_by = admin_id
    report.resolution_reason = clean_reason
    report.target_suspended = suspend_target
    await repository.flush(session)
    topic = contracts.REPORT_RESOLVED if to is ReportStatus.RESOLVED else contracts.REPORT_DISMISSED
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
            target_suspended=suspend_target,
            admin_id=admin_id,
            reason=clean_reason,
            handled_at=now,
        ),
        now=now,
    )
    return report


async def resolve_report(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    now: datetime,
    report_id: str,
    reason: str,
    suspend_target: bool = False,
    suspend_until: datetime | None = None,
) -> Report:
    """OPEN -> RESOLVED, optionally suspending the reported user (USER reports only: 422 on
    suspend_target otherwise)."""
    return await _decide(
        session,
        actor=actor,
        identity=identity,
        now=now,
        report_id=report_id,
        reason=reason,
        to=ReportStatus.RESOLVED,
        suspend_target=suspend_target,
        suspend_until=suspend_until,
    )


async def dismiss_report(
    session: AsyncSession,
    *,
    actor: Principal,
    identity: IdentityPort,
    now: datetime,
    report_id: str,
    reason: str,
) -> Report:
    """OPEN -> DISMISSED."""
    return await _decide(
        session,
        actor=actor,
        identity=identity,
        now=now,
        report_id=report_id,
        reason=reason,
        to=ReportStatus.DISMISSED,
    )


# --- leaving -----------------------------------------------------------------------------


async def forget_reporter(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    """Identity erased the account (its records' retention period ended): the reports the
    person filed stay for moderation and its history but no longer name them or keep their
    words. Reports about them keep only the account id, no snapshot of the person, so
    there is nothing to erase on that side. Idempotent: a second run finds no rows.

    Withdrawal changes nothing here: reports by or about a withdrawn account stay in the
    queue, and an admin decides them as any other (identity refuses to suspend a withdrawn
    account: 409, the report stays open for a decision without suspension)."""
    return await repository.anonymise_reporter(
        session, reporter_id=user_id, anonymous=rules.ERASED_REPORTER
    )
