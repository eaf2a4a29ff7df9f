"""Administrators' announcements (broadcasts) and the delivery statistics.

An admin previews a draft (how many accounts it reaches, how it reads), then creates it:
the broadcast is stored QUEUED with an outbox event in one transaction. The event is
identity's audit record (`notification.broadcast`) and starts the fan-out here too
(tasks.start_broadcast), so a committed broadcast is sent even when the broker was down.

The fan-out (tasks.run_broadcast) takes the audience from identity a page at a time in
account-id order and writes each page in one transaction (`fan_out_step`):

- the broadcast row is locked first, so two runs of one broadcast take turns, and each
  goes on from the cursor (`last_user_id`) the other committed;
- every recipient's lock is taken in id order (the key repository.lock_recipient takes),
  so each user's rows keep committing in seq order for their live stream;
- the inbox rows go in with one INSERT; each row's event id is derived from the broadcast
  and the user, so a page written again adds nothing (the row's unique key);
- with email, each new row gets a mail delivery unless the user turned account mail off,
  due after their quiet hours and at its place in a schedule at the mail rate (so a large
  broadcast does not make every mail due at once ahead of everyone else's);
- after commit the recipients' open streams are told, in one Redis round trip per page.

Functions are keyword-only, take the caller's session and never commit.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import notifications as contract
from petful.notifications import broadcast_repository as repo
from petful.notifications import broadcast_rules as rules
from petful.notifications import channel_repository, channels, live, mails, peers
from petful.notifications.broadcast_models import Broadcast
from petful.notifications.broadcast_repository import Inserted
from petful.notifications.broadcast_rules import Audience, BroadcastStatus, Draft
from petful.notifications.models import SCHEMA
from petful.notifications.rules import Channel
from petful.platform import outbox
from petful.platform.auth_context import (
    Principal,
    Role,
    require_role,
)
from petful.platform.db import on_commit
from petful.platform.errors import NotFound
from petful.platform.jobs import enqueue_soon
from petful.platform.paging import Page, check_page_size, decode_cursor, page_of
from petful.platform.validation import Violations, uuid_field

DENIED = "only administrators may send announcements or see delivery statistics"
BROADCAST_TASK = "notifications.broadcast"

# --- the admin's side ----------------------------------------------------------------------


def _admin(actor: Principal) -> uuid.UUID:
    return require_role(actor, Role.ADMIN, message=DENIED)


def _draft(audience: str, title: str, body: str, link: str, email: bool) -> Draft:
    return rules.draft(audience_name=audience, title=title, body=body, link_path=link, email=email)


@dataclass(frozen=True)
class Preview:
    recipients: int
    draft: Draft
    email_subject: str  # "" without email


async def preview(
    *,
    actor: Principal,
    audience: str,
    title: str,
    body: str,
    link: str,
    email: bool,
    recipients: peers.RecipientsPort,
) -> Preview:
    """The draft checked (InvalidArgument naming its fields), how many it reaches now and
    how it reads. Changes nothing."""
    _admin(actor)
    draft = _draft(audience, title, body, link, email)
    subject = ""
    if draft.email:
        item = mails.Item(draft.title, draft.body, draft.link)
        mail = mails.notification(
            nickname="", item=item, category=rules.CATEGORY, origin="", unsubscribe_token=None
        )
        subject = mail.subject
    return Preview(await recipients.count(draft.audience), draft, subject)


async def create(
    session: AsyncSession,
    *,
    actor: Principal,
    now: datetime,
    audience: str,
    title: str,
    body: str,
    link: str,
    email: bool,
    idempotency_key: str = "",
    recipients: peers.RecipientsPort,
) -> Broadcast:
    """Store the broadcast (QUEUED) with its event; the event starts the fan-out and is
    identity's audit record. The same idempotency key from the same admin answers with the
    broadcast it made the first time (nothing is sent twice)."""
    admin_id = _admin(actor)
    draft = _draft(audience, title, body, link, email)
    key = rules.idempotency_key(idempotency_key)
    if key:
        existing = await repo.by_idempotency_key(session, admin_id, key)
        if existing is not None:
            return existing
    b = Broadcast(
        id=uuid.uuid4(),
        audience=draft.audience.value,
        title=draft.title,
        body=draft.body,
        link=draft.link,
        email=draft.email,
        created_by=admin_id,
        created_at=now,
        idempotency_key=key or None,
        status=BroadcastStatus.QUEUED.value,
        recipients=await recipients.count(draft.audience),
        written=0,
        emails=0,
        error="",
    )
    try:
        async with session.begin_nested():
            await repo.add(session, b)
    except IntegrityError:
        # A concurrent create with the same key won: answer with its broadcast.
        existing = await repo.by_idempotency_key(session, admin_id, key)
        if existing is None:
            raise
        return existing
    await outbox.add_event(
        session,
        SCHEMA,
        contract.BROADCAST_CREATED,
        contract.BroadcastCreated(
            broadcast_id=b.id,
            admin_id=admin_id,
            audience=b.audience,
            title=b.title,
            link=b.link,
            email=b.email,
            recipients=b.recipients,
            created_at=now,
        ),
        now=now,
    )
    on_commit(session, functools.partial(_start_soon, b.id))
    return b


async def _start_soon(broadcast_id: uuid.UUID) -> None:
    """After commit: a worker starts writing the rows at once. The broadcast's event
    starts it too, a few hops later (the durable path: it holds if this nudge is lost);
    started twice, it writes each row once."""
    enqueue_soon(BROADCAST_TASK, str(broadcast_id))


def _not_found() -> NotFound:
    return NotFound("broadcast not found", field_violations=[("broadcast_id", "no such broadcast")])


async def get(session: AsyncSession, *, actor: Principal, broadcast_id: str) -> Broadcast:
    _admin(actor)
    found = await repo.get(session, uuid_field("broadcast_id", broadcast_id))
    if found is None:
        raise _not_found()
    return found


async def list_broadcasts(
    session: AsyncSession, *, actor: Principal, page_size: int = 0, cursor: str = ""
) -> Page[Broadcast]:
    """Newest first."""
    _admin(actor)
    v = Violations()
    size = v.check("page_size", check_page_size, page_size)
    after = v.check("cursor", decode_cursor, cursor)
    v.raise_if_any("the list parameters are invalid")
    return page_of(await repo.list_broadcasts(session, after=after, limit=size + 1), size)


# --- statistics ----------------------------------------------------------------------------


@dataclass
class Count:
    type: str
    channel: str
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    pending: int = 0
    written: int = 0
    opened: int = 0


@dataclass(frozen=True)
class Stats:
    since: datetime
    counts: list[Count] = field(default_factory=list)


_CHANNEL_ORDER = {c.value: i for i, c in enumerate((Channel.IN_APP, Channel.EMAIL, Channel.PUSH))}


async def delivery_stats(
    session: AsyncSession, *, actor: Principal, since: datetime | None, now: datetime
) -> Stats:
    """Per notification type and channel, what was made since `since` (default: the last
    30 days): email and push deliveries by status, in-app rows written and read."""
    _admin(actor)
    v = Violations()
    start = v.check("since", rules.stats_since, since, now=now)
    v.raise_if_any("the statistics window is invalid")
    counts: dict[tuple[str, str], Count] = {}

    def at(type_: str, channel_: str) -> Count:
        return counts.setdefault((type_, channel_), Count(type_, channel_))

    for type_, written, opened in await repo.inbox_counts(session, since=start):
        c = at(type_, Channel.IN_APP.value)
        c.written, c.opened = written, opened
    for type_, channel_, status, n in await repo.delivery_counts(session, since=start):
        c = at(type_, channel_)
        field_name = status.lower()  # sent, failed, skipped or pending
        setattr(c, field_name, getattr(c, field_name) + n)
    ordered = sorted(counts.values(), key=lambda c: (c.type, _CHANNEL_ORDER.get(c.channel, 9)))
    return Stats(start, ordered)


# --- the fan-out ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    status: BroadcastStatus
    written: int = 0  # inbox rows this step wrote
    mail_due_now: bool = False  # a mail this step planned can go at once
    emails: int = 0  # the broadcast's mails planned so far

    @property
    def finished(self) -> bool:
        return self.status in rules.FINISHED


async def fan_out_step(
    session: AsyncSession,
    *,
    broadcast_id: uuid.UUID,
    recipients: peers.RecipientsPort,
    now: datetime,
    per_second: float,
) -> Step:
    """Write the next page of the broadcast's recipients (see the module docstring)."""
    b = await repo.get(session, broadcast_id, for_update=True)
    if b is None:
        return Step(BroadcastStatus.FAILED)
    if BroadcastStatus(b.status) in rules.FINISHED:
        return Step(BroadcastStatus(b.status), emails=b.emails)
    if b.started_at is None:
        b.status, b.started_at = BroadcastStatus.SENDING.value, now
    page = sorted(
        await recipients.page(
            Audience(b.audience), after=b.last_user_id, limit=rules.RECIPIENTS_PAGE
        )
    )
    inserted = await _write_inbox(session, b, page)
    mail_due_now = await _plan_mail(session, b, inserted, now=now, per_second=per_second)
    b.written += len(inserted)
    if page:
        b.last_user_id = page[-1]
    if len(page) < rules.RECIPIENTS_PAGE:
        b.status, b.finished_at = BroadcastStatus.DONE.value, now
    await repo.flush(session)
    if inserted:
        on_commit(session, functools.partial(announce_all, inserted))
    return Step(BroadcastStatus(b.status), len(inserted), mail_due_now, b.emails)


async def _write_inbox(
    session: AsyncSession, b: Broadcast, user_ids: list[uuid.UUID]
) -> list[Inserted]:
    if not user_ids:
        return []
    await repo.lock_recipients(session, user_ids)
    rows = [repo.NewRow(uuid.uuid4(), u, rules.event_id(b.id, u)) for u in user_ids]
    same = {
        "type": rules.ANNOUNCEMENT,
        "category": rules.CATEGORY.value,
        "title": b.title,
        "body": b.body,
        "link": b.link,
        "object_type": rules.OBJECT_TYPE,
        "object_id": b.id,
        # When it was announced: a page written later lists it in the same place.
        "created_at": b.created_at,
    }
    return await repo.insert_announcements(session, rows, same=same)


async def _plan_mail(
    session: AsyncSession,
    b: Broadcast,
    inserted: list[Inserted],
    *,
    now: datetime,
    per_second: float,
) -> bool:
    """Mail deliveries of the page's new rows; True when one is due now."""
    if not b.email or not inserted:
        return False
    users = [i.user_id for i in inserted]
    prefs = await channel_repository.preferences(session, users)
    off = await channel_repository.channels_off(session, users)
    started_at = b.started_at or now
    rows: list[repo.NewDelivery] = []
    for row in inserted:
        if (row.user_id, rules.CATEGORY.value, Channel.EMAIL.value) in off:
            continue
        release, _ = channels.due_at(
            prefs.get(row.user_id), category=rules.CATEGORY, channel=Channel.EMAIL, now=now
        )
        due = rules.email_due(
            release,
            started_at=started_at,
            index=b.emails + len(rows),
            per_second=per_second,
            now=now,
        )
        rows.append(repo.NewDelivery(uuid.uuid4(), row.id, row.user_id, due))
    same = {
        "type": rules.ANNOUNCEMENT,
        "category": rules.CATEGORY.value,
        "channel": Channel.EMAIL.value,
        "created_at": now,
    }
    await repo.insert_deliveries(session, rows, same=same)
    b.emails += len(rows)
    return any(r.due_at <= now for r in rows)


async def give_up(
    session: AsyncSession, *, broadcast_id: uuid.UUID, now: datetime, error: str
) -> None:
    """The fan-out failed through its retries: FAILED, keeping what it wrote."""
    b = await repo.get(session, broadcast_id, for_update=True)
    if b is None or BroadcastStatus(b.status) in rules.FINISHED:
        return
    b.status, b.finished_at, b.error = BroadcastStatus.FAILED.value, now, error[:300]
    await repo.flush(session)


async def announce_all(rows: Iterable[Inserted]) -> None:
    """Tell each recipient's open streams (live.py), a page in one pipelined round trip."""
    await live.announce_many((row.user_id, row.id, row.seq) for row in rows)
