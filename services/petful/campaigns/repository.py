"""Every SQL statement of the campaigns service."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns.models import Applicant, Campaign, ContentReminder, Invitation, Submission
from petful.campaigns.rules import ApplicantStatus, Phase
from petful.campaigns.rules.browsing import MySort, Sort


async def add(session: AsyncSession, row: Campaign | Applicant | Submission | Invitation) -> None:
    session.add(row)
    await session.flush()


async def flush(session: AsyncSession) -> None:
    await session.flush()


async def get_campaign(
    session: AsyncSession, campaign_id: uuid.UUID, *, for_update: bool = False
) -> Campaign | None:
    stmt = sa.select(Campaign).where(Campaign.id == campaign_id)
    if for_update:
        stmt = stmt.with_for_update()
    result: Campaign | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def lock_campaign_skip_locked(
    session: AsyncSession, campaign_id: uuid.UUID
) -> Campaign | None:
    """The campaign locked for this transaction, or None when another one holds it."""
    stmt = (
        sa.select(Campaign)
        .where(Campaign.id == campaign_id)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    result: Campaign | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def due_campaign_ids(session: AsyncSession, now: datetime, *, limit: int) -> list[uuid.UUID]:
    """Campaigns whose next time step may be due (REVIEWING ones wait on their applicants)."""
    stmt = (
        sa.select(Campaign.id)
        .where(
            sa.or_(
                sa.and_(Campaign.phase == Phase.RECRUITING.value, Campaign.recruit_end <= now),
                sa.and_(Campaign.phase == Phase.SELECTING.value, Campaign.announce_at <= now),
                sa.and_(Campaign.phase == Phase.ANNOUNCED.value, Campaign.activity_start <= now),
                sa.and_(Campaign.phase == Phase.IN_PROGRESS.value, Campaign.activity_end <= now),
                Campaign.phase == Phase.REVIEWING.value,
            )
        )
        .order_by(Campaign.recruit_end, Campaign.id)
        .limit(limit)
    )
    return list((await session.execute(stmt)).scalars())


def _page(
    stmt: sa.Select[Any],
    *,
    sort: Sort,
    cursor: tuple[object, datetime, uuid.UUID] | None,
    limit: int,
) -> sa.Select[Any]:
    if sort is Sort.DEADLINE:
        if cursor is not None:
            stmt = stmt.where(
                sa.tuple_(Campaign.recruit_end, Campaign.id)
                > sa.tuple_(sa.literal(cursor[1]), sa.literal(cursor[2]))
            )
        return stmt.order_by(Campaign.recruit_end, Campaign.id).limit(limit)
    if sort is Sort.POPULAR:
        if cursor is not None:
            stmt = stmt.where(
                sa.tuple_(Campaign.applicant_count, Campaign.created_at, Campaign.id)
                < sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]), sa.literal(cursor[2]))
            )
        return stmt.order_by(
            Campaign.applicant_count.desc(), Campaign.created_at.desc(), Campaign.id.desc()
        ).limit(limit)
    if cursor is not None:
        stmt = stmt.where(
            sa.tuple_(Campaign.created_at, Campaign.id)
            < sa.tuple_(sa.literal(cursor[1]), sa.literal(cursor[2]))
        )
    return stmt.order_by(Campaign.created_at.desc(), Campaign.id.desc()).limit(limit)


def _like(query: str) -> str:
    return "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


async def list_campaigns(
    session: AsyncSession,
    *,
    phases: Collection[Phase],
    query: str = "",
    species: str = "",
    applied_by: uuid.UUID | None = None,
    advertiser: uuid.UUID | None = None,
    sort: Sort = Sort.NEWEST,
    cursor: tuple[object, datetime, uuid.UUID] | None = None,
    limit: int,
) -> list[Campaign]:
    stmt = sa.select(Campaign).where(Campaign.phase.in_(sorted(p.value for p in phases)))
    if query:
        pattern = _like(query)
        stmt = stmt.where(
            sa.or_(
                Campaign.title.ilike(pattern),
                Campaign.company_name.ilike(pattern),
                Campaign.product_name.ilike(pattern),
                sa.func.array_to_string(Campaign.keywords, " ").ilike(pattern),
            )
        )
    if species:
        stmt = stmt.where(Campaign.target_species.contains([species]))
    if applied_by is not None:
        stmt = stmt.where(
            sa.exists().where(
                Applicant.campaign_id == Campaign.id,
                Applicant.owner_user_id == applied_by,
                Applicant.status != ApplicantStatus.CANCELLED.value,
            )
        )
    if advertiser is not None:
        stmt = stmt.where(Campaign.advertiser_user_id == advertiser)
    return list(
        (await session.execute(_page(stmt, sort=sort, cursor=cursor, limit=limit))).scalars()
    )


# The title sort compares code points (가나다 for Korean), whatever the database's collation.
_TITLE = sa.collate(Campaign.title, "C")


async def list_advertiser_campaigns(
    session: AsyncSession,
    *,
    advertiser: uuid.UUID,
    phases: Collection[Phase],
    query: str,
    archived: bool,
    sort: MySort,
    cursor: tuple[Any, uuid.UUID] | None,
    limit: int,
) -> list[Campaign]:
    """One advertiser's campaigns: searched in title, product name and keywords, the archive
    or everything else, keyset-paged in the sort's order (id breaks ties)."""
    stmt = sa.select(Campaign).where(
        Campaign.advertiser_user_id == advertiser,
        Campaign.archived_at.is_not(None) if archived else Campaign.archived_at.is_(None),
    )
    if phases:
        stmt = stmt.where(Campaign.phase.in_(sorted(p.value for p in phases)))
    if query:
        pattern = _like(query)
        stmt = stmt.where(
            sa.or_(
                Campaign.title.ilike(pattern),
                Campaign.product_name.ilike(pattern),
                sa.func.array_to_string(Campaign.keywords, " ").ilike(pattern),
            )
        )
    key: sa.SQLColumnExpression[Any] = {
        MySort.NEWEST: Campaign.created_at,
        MySort.UPDATED: Campaign.updated_at,
        MySort.DEADLINE: Campaign.recruit_end,
        MySort.TITLE: _TITLE,
    }[sort]
    ascending = sort in (MySort.DEADLINE, MySort.TITLE)
    if cursor is not None:
        after = sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))
        here = sa.tuple_(key, Campaign.id)
        stmt = stmt.where(here > after if ascending else here < after)
    order = (key, Campaign.id) if ascending else (key.desc(), Campaign.id.desc())
    stmt = stmt.order_by(*order).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def review_queue(
    session: AsyncSession, *, cursor: tuple[datetime, uuid.UUID] | None, limit: int
) -> list[Campaign]:
    """PENDING_REVIEW campaigns, oldest submission first."""
    stmt = sa.select(Campaign).where(Campaign.phase == Phase.PENDING_REVIEW.value)
    if cursor is not None:
        stmt = stmt.where(
            sa.tuple_(Campaign.submitted_at, Campaign.id)
            > sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))
        )
    stmt = stmt.order_by(Campaign.submitted_at, Campaign.id).limit(limit)
    return list((await session.execute(stmt)).scalars())


async def count_by_phase(session: AsyncSession) -> dict[str, int]:
    """How many campaigns are in each phase (phases without any are absent)."""
    stmt = sa.select(Campaign.phase, sa.func.count()).group_by(Campaign.phase)
    return {phase: int(n) for phase, n in (await session.execute(stmt)).all()}


# --- applicants -------------------------------------------------------------------------------


async def get_applicant(
    session: AsyncSession, applicant_id: uuid.UUID, *, for_update: bool = False
) -> Applicant | None:
    stmt = sa.select(Applicant).where(Applicant.id == applicant_id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    result: Applicant | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def campaign_applicants(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    *,
    statuses: Collection[ApplicantStatus] | None = None,
    owner: uuid.UUID | None = None,
    for_update: bool = False,
) -> list[Applicant]:
    stmt = sa.select(Applicant).where(Applicant.campaign_id == campaign_id)
    if statuses is not None:
        stmt = stmt.where(Applicant.status.in_(sorted(s.value for s in statuses)))
    if owner is not None:
        stmt = stmt.where(Applicant.owner_user_id == owner)
    stmt = stmt.order_by(Applicant.created_at, Applicant.id)
    if for_update:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return list((await session.execute(stmt)).scalars())


async def list_applicants(
    session: AsyncSession,
    *,
    campaign_id: uuid.UUID | None = None,
    owner: uuid.UUID | None = None,
    status: str = "",
    cursor: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> list[Applicant]:
    """Newest first for an owner's own list (owner given); oldest first otherwise (a
    campaign's advertiser)."""
    stmt = sa.select(Applicant)
    newest_first = owner is not None
    if campaign_id is not None:
        stmt = stmt.where(Applicant.campaign_id == campaign_id)
    if owner is not None:
        stmt = stmt.where(Applicant.owner_user_id == owner)
    if status:
        stmt = stmt.where(Applicant.status == status)
    key = sa.tuple_(Applicant.created_at, Applicant.id)
    if cursor is not None:
        at = sa.tuple_(sa.literal(cursor[0]), sa.literal(cursor[1]))
        stmt = stmt.where(key < at if newest_first else key > at)
    if newest_first:
        stmt = stmt.order_by(Applicant.created_at.desc(), Applicant.id.desc())
    else:
        stmt = stmt.order_by(Applicant.created_at, Applicant.id)
    return list((await session.execute(stmt.limit(limit))).scalars())


async def submissions_of(
    session: AsyncSession, applicant_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[Submission]]:
    out: dict[uuid.UUID, list[Submission]] = {a: [] for a in applicant_ids}
    if not applicant_ids:
        return out
    stmt = (
        sa.select(Submission)
        .where(Submission.applicant_id.in_(list(applicant_ids)))
        .order_by(Submission.submitted_at, Submission.id)
    )
    for s in (await session.execute(stmt)).scalars():
        out[s.applicant_id].append(s)
    return out


async def pending_submission(session: AsyncSession, applicant_id: uuid.UUID) -> Submission | None:
    stmt = (
        sa.select(Submission)
        .where(Submission.applicant_id == applicant_id, Submission.decision.is_(None))
        .order_by(Submission.submitted_at.desc())
        .limit(1)
    )
    result: Submission | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def campaign_titles(
    session: AsyncSession, campaign_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, str]:
    if not campaign_ids:
        return {}
    stmt = sa.select(Campaign.id, Campaign.title).where(Campaign.id.in_(list(campaign_ids)))
    return {row.id: row.title for row in await session.execute(stmt)}


async def pet_track_records(
    session: AsyncSession, pet_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[int, int]]:
    """Per pet, over every campaign: (applications COMPLETED, applications NO_SHOW)."""
    if not pet_ids:
        return {}
    done = sa.func.count().filter(Applicant.status == ApplicantStatus.COMPLETED.value)
    missed = sa.func.count().filter(Applicant.status == ApplicantStatus.NO_SHOW.value)
    stmt = (
        sa.select(Applicant.pet_id, done, missed)
        .where(Applicant.pet_id.in_(list(pet_ids)))
        .group_by(Applicant.pet_id)
    )
    return {pid: (int(d), int(m)) for pid, d, m in await session.execute(stmt)}


async def active_work_for_pet(
    session: AsyncSession,
    pet_id: uuid.UUID,
    *,
    statuses: Collection[ApplicantStatus],
    owner: uuid.UUID | None,
) -> list[tuple[uuid.UUID, str, str]]:
    """(campaign id, title, applicant status) of the pet's unfinished applications."""
    stmt = (
        sa.select(Campaign.id, Campaign.title, Applicant.status)
        .join(Applicant, Applicant.campaign_id == Campaign.id)
        .where(
            Applicant.pet_id == pet_id,
            Applicant.status.in_(sorted(s.value for s in statuses)),
        )
        .order_by(Applicant.created_at)
    )
    if owner is not None:
        stmt = stmt.where(Applicant.owner_user_id == owner)
    return [(r[0], r[1], r[2]) for r in (await session.execute(stmt)).all()]


async def by_idempotency_key(
    session: AsyncSession, advertiser: uuid.UUID, key: str
) -> Campaign | None:
    stmt = sa.select(Campaign).where(
        Campaign.advertiser_user_id == advertiser, Campaign.idempotency_key == key
    )
    with session.no_autoflush:
        result: Campaign | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def applicants_checked_on(session: AsyncSession, account_id: str) -> list[Applicant]:
    """Applicants whose submitted post was (or waits to be) checked on account_id, locked."""
    stmt = (
        sa.select(Applicant)
        .where(
            Applicant.checklist["account_id"].astext == account_id,
            Applicant.post_url.is_not(None),
        )
        .order_by(Applicant.id)
        .with_for_update()
    )
    return list((await session.execute(stmt)).scalars())


async def invitation_for(
    session: AsyncSession, campaign_id: uuid.UUID, pet_id: uuid.UUID
) -> Invitation | None:
    stmt = sa.select(Invitation).where(
        Invitation.campaign_id == campaign_id, Invitation.pet_id == pet_id
    )
    with session.no_autoflush:
        result: Invitation | None = (await session.execute(stmt)).scalar_one_or_none()
    return result


async def invitations_of_owner(
    session: AsyncSession, owner: uuid.UUID, *, limit: int = 100
) -> list[tuple[Invitation, Campaign]]:
    """The owner's invitations to campaigns still recruiting, newest first."""
    stmt = (
        sa.select(Invitation, Campaign)
        .join(Campaign, Campaign.id == Invitation.campaign_id)
        .where(Invitation.owner_user_id == owner, Campaign.phase == Phase.RECRUITING.value)
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(limit)
    )
    return [(i, c) for i, c in (await session.execute(stmt)).all()]


async def count_of_advertiser(session: AsyncSession, advertiser: uuid.UUID) -> int:
    stmt = (
        sa.select(sa.func.count())
        .select_from(Campaign)
        .where(Campaign.advertiser_user_id == advertiser)
    )
    return int((await session.execute(stmt)).scalar() or 0)


# --- content reminders ------------------------------------------------------------------------


async def content_reminders_due(
    session: AsyncSession,
    *,
    windows: Sequence[tuple[int, datetime, datetime]],
    statuses: Collection[ApplicantStatus],
    phases: Collection[Phase],
    limit: int,
) -> list[tuple[Applicant, Campaign]]:
    """Applicants in statuses, of campaigns in phases, whose campaign's activity end lies in
    one of windows (days, after, until] and who were not yet sent that window's reminder;
    in id order, the applicants locked (FOR NO KEY UPDATE SKIP LOCKED: a concurrent run
    takes the others, and a user's change in progress is left for the next run)."""
    due = sa.case(
        *(
            (sa.and_(Campaign.activity_end > after, Campaign.activity_end <= until), days)
            for days, after, until in windows
        ),
        else_=sa.null(),
    )
    sent = sa.exists().where(
        ContentReminder.applicant_id == Applicant.id, ContentReminder.days_left == due
    )
    stmt = (
        sa.select(Applicant, Campaign)
        .join(Campaign, Campaign.id == Applicant.campaign_id)
        .where(
            Applicant.status.in_(sorted(s.value for s in statuses)),
            Campaign.phase.in_(sorted(p.value for p in phases)),
            due.is_not(None),
            ~sent,
        )
        .order_by(Applicant.id)
        .limit(limit)
        .with_for_update(of=Applicant, key_share=True, skip_locked=True)
        .execution_options(populate_existing=True)
    )
    return [(a, c) for a, c in (await session.execute(stmt)).all()]


async def record_content_reminders(
    session: AsyncSession, reminders: Sequence[tuple[uuid.UUID, int]], *, now: datetime
) -> set[tuple[uuid.UUID, int]]:
    """Record (applicant id, days left) reminders as sent; the ones not recorded before."""
    if not reminders:
        return set()
    stmt = (
        pg_insert(ContentReminder)
        .values([{"applicant_id": a, "days_left": d, "sent_at": now} for a, d in reminders])
        .on_conflict_do_nothing()
        .returning(ContentReminder.applicant_id, ContentReminder.days_left)
    )
    return {(row[0], row[1]) for row in (await session.execute(stmt)).all()}


# --- leaving ----------------------------------------------------------------------------------


async def campaign_ids_applied_by(session: AsyncSession, owner: uuid.UUID) -> list[uuid.UUID]:
    """Every campaign the owner's pets ever applied to, in id order."""
    stmt = (
        sa.select(Applicant.campaign_id)
        .where(Applicant.owner_user_id == owner)
        .distinct()
        .order_by(Applicant.campaign_id)
    )
    return list((await session.execute(stmt)).scalars())


async def campaigns_of_advertiser(
    session: AsyncSession, advertiser: uuid.UUID, *, phases: Collection[Phase]
) -> list[Campaign]:
    """The advertiser's campaigns in phases, locked, in id order."""
    stmt = (
        sa.select(Campaign)
        .where(
            Campaign.advertiser_user_id == advertiser,
            Campaign.phase.in_(sorted(p.value for p in phases)),
        )
        .order_by(Campaign.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list((await session.execute(stmt)).scalars())


async def delete_invitations_to(session: AsyncSession, owner: uuid.UUID) -> int:
    """Delete every invitation to the owner's pets."""
    result = await session.execute(
        sa.delete(Invitation)
        .where(Invitation.owner_user_id == owner)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def delete_invitations_from(session: AsyncSession, advertiser: uuid.UUID) -> int:
    """Delete every invitation sent for the advertiser's campaigns."""
    theirs = sa.select(Campaign.id).where(Campaign.advertiser_user_id == advertiser)
    result = await session.execute(
        sa.delete(Invitation)
        .where(Invitation.campaign_id.in_(theirs))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def erase_applications_of(session: AsyncSession, owner: uuid.UUID, *, pet_name: str) -> int:
    """Replace what identifies the owner on their applications and submissions; the number
    of applications. Status, dates and post figures stay."""
    theirs = sa.select(Applicant.id).where(Applicant.owner_user_id == owner)
    await session.execute(
        sa.update(Submission)
        .where(Submission.applicant_id.in_(theirs), Submission.url != "")
        .values(url="")
        .execution_options(synchronize_session=False)
    )
    result = await session.execute(
        sa.update(Applicant)
        .where(Applicant.owner_user_id == owner)
        .values(
            pet_name=pet_name,
            note="",
            carrier=None,
            tracking_number=None,
            post_url=None,
            checklist=None,
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
