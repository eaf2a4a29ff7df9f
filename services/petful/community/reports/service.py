"""Reports (신고): filing one, one's own list, and what leaving does to them. The admin queue
is in queue.py, its decisions in decisions.py.

Functions are keyword-only, take the caller's session and never commit (the RPC boundary
does). Roles come from the caller's Principal (the edge put them there after checking the
access token): this service cannot read identity's accounts, so it trusts them, like every
service but identity. What only identity knows (does a user exist, who is it, suspending
one) goes through the `IdentityPort`, acting as the caller.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.peers import Profile
from petful.community.reports import content, repository, rules
from petful.community.reports.models import Report
from petful.community.reports.rules import Moderated, ReportStatus, ReportTargetType
from petful.platform.auth_context import USER_ROLES, Principal, Role, require_role
from petful.platform.errors import AlreadyExists, NotFound
from petful.platform.paging import Page, page_of, paging
from petful.platform.validation import Violations, parse_uuid


class IdentityPort(Protocol):
    """What the report queue asks of identity, on behalf of the current caller."""

    async def user_exists(self, user_id: uuid.UUID) -> bool:
        """Whether user_id is an account that has not been withdrawn."""
        ...

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        """Every id's public profile in one call (an unknown id: `Profile.unknown`)."""
        ...

    async def suspend_user(
        self, user_id: uuid.UUID, *, reason: str, until: datetime | None
    ) -> bool:
        """Suspend the account as the calling admin; False when there is no such account.

        Identity enforces its own rules (PermissionDenied for an admin's account)."""
        ...


def signed_in(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users may report")


def admin(actor: Principal) -> uuid.UUID:
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
    hide_threshold: int,
    target_type: str,
    target_id: str,
    category: str,
    text: str,
) -> Report:
    """Report a user, post or comment by its exact id. One OPEN report per (reporter,
    target): a second is 409. Reporting oneself or one's own post or comment is 422 on
    target_id. The target must exist: a USER not withdrawn, a post or comment not deleted
    (404). The report that brings a post or comment to `hide_threshold` open reports hides
    it pending review, in the same transaction."""
    reporter_id = signed_in(actor)
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
    reported: content.Content | None = None
    if kind is ReportTargetType.USER:
        if not await identity.user_exists(target):
            raise NotFound("the reported user does not exist")
    else:
        # Locked: concurrent reports of one post count each other's rows, so exactly one of
        # them reaches the threshold.
        reported = await content.load(session, kind, target, for_update=True)
        if reported is None or reported.deleted:
            raise NotFound(f"the reported {kind.value.lower()} does not exist")
        v.check(
            "target_id",
            rules.check_not_own_content,
            reporter_id=reporter_id,
            author_id=reported.author_id,
        )
        v.raise_if_any("the report has invalid fields")
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
    if reported is not None:
        await _hide_at_threshold(session, reported, threshold=hide_threshold, now=now)
    return report


async def _hide_at_threshold(
    session: AsyncSession, reported: content.Content, *, threshold: int, now: datetime
) -> None:
    open_reports = await repository.count_open_reports(
        session, target_type=reported.kind.value, target_id=reported.id
    )
    if not rules.hides_at_threshold(
        open_reports=open_reports,
        threshold=threshold,
        hidden=reported.row.hidden_at is not None,
        deleted=reported.deleted,
    ):
        return
    reported.row.hidden_at = now
    await repository.flush(session)
    await content.announce(
        session,
        reported,
        action=Moderated.HIDDEN,
        admin_id=None,
        reason=rules.THRESHOLD_REASON,
        now=now,
    )


async def list_my_reports(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Report]:
    reporter_id = signed_in(actor)
    size, after = paging(page_size, cursor)
    rows = await repository.list_reports(
        session, reporter_id=reporter_id, status=None, after=after, limit=size + 1
    )
    return page_of(rows, size)


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
