"""Email and web push: which channels a new notification goes to, and sending what is due.

`plan` runs in the subscriber's transaction, right after the inbox row is written: one
delivery per channel the entry uses and the recipient has on, due at once or when the
recipient's quiet hours end (entries marked `quiet_exempt` never wait), and community mail
of a user who chose the daily digest due at the next digest hour. `send_due` (a Celery task
after every commit that made something due now, and a beat job each minute for what waited)
takes due deliveries with SKIP LOCKED, so senders run side by side, and sends them:

- the recipient's state is read when it is sent: a withdrawn account, a suspended one
  (only account mail reaches it) or a channel turned off since ends the delivery SKIPPED;
- a failure is tried again with backoff (rules.next_attempt) and ends FAILED after the last
  try; the row keeps the last error for the admin statistics;
- mail is sent inside the batch's transaction: a crash after the SMTP server took it but
  before the commit sends it again (at least once, never lost);
- mail leaves at the platform's mail rate, shared by every sender (RedisPace, below).
"""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Protocol

import redis.asyncio as aioredis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as identity_contract
from petful.notifications import channel_repository as repo
from petful.notifications import mails, push
from petful.notifications.catalogue import Entry
from petful.notifications.channel_models import Delivery, DeliveryStatus, Preferences
from petful.notifications.models import Notification
from petful.notifications.peers import ActorsPort, Contact
from petful.notifications.rules import (
    DEFAULT_QUIET_END,
    DEFAULT_QUIET_START,
    Category,
    Channel,
    QuietHours,
    next_attempt,
    release_at,
)
from petful.notifications.wording import SEOUL
from petful.platform import handoff
from petful.platform.logging import get_logger
from petful.platform.mail import MailError, send_mail
from petful.platform.redis import get_redis
from petful.platform.settings import Settings

log = get_logger(__name__)

# Community mail of a user who chose the digest goes out once a day at this Seoul time.
DIGEST_AT = time(8, 0)
SEND_BATCH = 100
_ERROR_CHARS = 300


def quiet_hours_of(prefs: Preferences | None) -> QuietHours | None:
    """The user's window; without stored preferences, the default one."""
    if prefs is None:
        return QuietHours(DEFAULT_QUIET_START, DEFAULT_QUIET_END)
    return QuietHours(prefs.quiet_start, prefs.quiet_end) if prefs.quiet_enabled else None


def next_digest(now: datetime) -> datetime:
    """The next DIGEST_AT in Seoul after now."""
    local = now.astimezone(SEOUL)
    at = datetime.combine(local.date(), DIGEST_AT, tzinfo=SEOUL)
    if at <= local:
        at += timedelta(days=1)
    return at.astimezone(now.tzinfo)


def due_at(
    prefs: Preferences | None,
    *,
    category: Category,
    channel: Channel,
    now: datetime,
    quiet_exempt: bool = False,
) -> tuple[datetime, bool]:
    """(when a delivery made now goes out, whether it waits for the digest)."""
    digest = (
        channel is Channel.EMAIL
        and category is Category.COMMUNITY
        and prefs is not None
        and prefs.daily_digest
    )
    if digest:
        return next_digest(now), True
    if quiet_exempt:
        return now, False
    return release_at(now, quiet_hours_of(prefs)), False


async def plan(
    session: AsyncSession,
    *,
    entry: Entry,
    user_id: uuid.UUID,
    notification_id: uuid.UUID,
    now: datetime,
) -> bool:
    """Deliveries of a new notification on its other channels; True when one is due now."""
    wanted = sorted(entry.channels - {Channel.IN_APP})
    if not wanted:
        return False
    prefs = (await repo.preferences(session, [user_id])).get(user_id)
    off = await repo.channels_off(session, [user_id])
    rows: list[dict[str, Any]] = []
    due_now = False
    for channel in wanted:
        if (user_id, entry.category.value, channel.value) in off:
            continue
        due, digest = due_at(
            prefs,
            category=entry.category,
            channel=channel,
            now=now,
            quiet_exempt=entry.quiet_exempt,
        )
        due_now = due_now or due <= now
        rows.append(
            {
                "id": uuid.uuid4(),
                "notification_id": notification_id,
                "user_id": user_id,
                "type": entry.type,
                "category": entry.category.value,
                "channel": channel.value,
                "digest": digest,
                "due_at": due,
                "created_at": now,
            }
        )
    await repo.insert_deliveries(session, rows)
    return due_now


# --- pacing mail ---------------------------------------------------------------------------------
# Mail leaves at most `settings.notifications.email_per_second`, whichever and however many
# senders run (send_due tasks in every worker). Before each mail a sender takes the next
# free slot from one Redis key (a Lua script, so taking is atomic), slots 1/rate apart, and
# sleeps until its slot. A sender whose slot is more than two slots away leaves the rest of
# its mail for the senders already keeping the rate busy and ends its batch, rather than
# sleeping in a worker slot: however many tasks are enqueued, about two send mail at once.
# (Celery's per-task rate_limit was the alternative; it limits each worker process on its
# own, so the platform's rate would grow with its replicas, and it holds the tasks it delays
# in worker memory.)

PACE_KEY = "notifications:email:next_slot"
_TAKE_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local wait = slot - now
if wait > tonumber(ARGV[2]) then return -1 end
redis.call('SET', KEYS[1], string.format('%d', slot + interval),
    'PX', math.floor((wait + interval) / 1000) + 1000)
return wait
"""
# Slack above two slots for a sender's own timing.
_PACE_SLACK_US = 5_000


class Pace(Protocol):
    async def take(self) -> bool:
        """Wait for this sender's turn to send one mail; False: not now (other senders
        are keeping the rate busy), leave the mail for them."""
        ...


@dataclass(frozen=True)
class RedisPace:
    """The platform-wide mail rate, shared through Redis (see above)."""

    redis: aioredis.Redis
    per_second: float

    @classmethod
    def of(cls, settings: Settings) -> RedisPace:
        return cls(get_redis(settings), settings.notifications.email_per_second)

    async def take(self) -> bool:
        interval = max(1, int(1_000_000 / self.per_second))
        try:
            wait = int(
                await self.redis.eval(
                    _TAKE_SLOT, 1, PACE_KEY, interval, 2 * interval + _PACE_SLACK_US
                )
            )
        except RedisError as exc:
            # Without Redis this sender keeps the rate on its own.
            log.warning("mail pacing without redis", error=type(exc).__name__)
            wait = interval
        if wait < 0:
            return False
        if wait:
            await asyncio.sleep(wait / 1_000_000)
        return True


# --- sending -----------------------------------------------------------------------------------


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0  # given up
    retrying: int = 0
    skipped: int = 0
    # Mail left due for another sender (the mail rate was busy): not handled.
    deferred: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retrying + self.skipped


@dataclass(frozen=True)
class _Recipient:
    contact: Contact | None
    prefs: Preferences | None
    off: frozenset[tuple[str, str]]


def _skip_reason(recipient: _Recipient, d: Delivery) -> str:
    contact = recipient.contact
    if contact is None or contact.status == "WITHDRAWN":
        return "account gone"
    if contact.status == "SUSPENDED" and d.category != Category.ACCOUNT.value:
        return "account suspended"
    if (d.category, d.channel) in recipient.off:
        return "turned off"
    return ""


async def send_due(
    session: AsyncSession,
    *,
    now: datetime,
    actors: ActorsPort,
    settings: Settings,
    limit: int = SEND_BATCH,
    pace: Pace | None = None,
) -> Sent:
    """Send up to `limit` due deliveries (one batch; the caller loops while it is full).
    Each mail waits for its turn at the platform's mail rate (`pace`, RedisPace by
    default); mail the rate has no room for stays due (Sent.deferred)."""
    rows = await repo.due_deliveries(session, now=now, limit=limit)
    result = Sent()
    if not rows:
        return result
    users = {d.user_id for d, _ in rows}
    contacts = await actors.contacts(users)
    prefs = await repo.preferences(session, users)
    off: dict[uuid.UUID, set[tuple[str, str]]] = defaultdict(set)
    for user_id, category, channel in await repo.channels_off(session, users):
        off[user_id].add((category, channel))
    recipients = {u: _Recipient(contacts.get(u), prefs.get(u), frozenset(off[u])) for u in users}
    mail_turn = _MailTurn(pace or RedisPace.of(settings))
    digests: dict[uuid.UUID, list[tuple[Delivery, Notification]]] = defaultdict(list)
    for d, n in rows:
        recipient = recipients[d.user_id]
        reason = _skip_reason(recipient, d)
        if reason:
            _finish(d, DeliveryStatus.SKIPPED, now, reason)
            result.skipped += 1
        elif d.digest:
            digests[d.user_id].append((d, n))
        elif d.channel == Channel.EMAIL.value and not await mail_turn.take():
            result.deferred += 1
        else:
            await _send_one(session, d, n, recipient, now=now, settings=settings, result=result)
    for user_id, items in digests.items():
        if not await mail_turn.take():
            result.deferred += len(items)
            continue
        await _send_digest(
            session, items, recipients[user_id], now=now, settings=settings, result=result
        )
    await session.flush()
    return result


class _MailTurn:
    """One batch's turns at the mail rate: once refused, the batch sends no more mail."""

    def __init__(self, pace: Pace) -> None:
        self.pace = pace
        self.open = True

    async def take(self) -> bool:
        self.open = self.open and await self.pace.take()
        return self.open


def _finish(d: Delivery, status: DeliveryStatus, now: datetime, error: str = "") -> None:
    d.status = status.value
    d.sent_at = now
    d.last_error = error[:_ERROR_CHARS]


def _failed(d: Delivery, now: datetime, error: Exception, result: Sent) -> None:
    d.attempts += 1
    d.last_error = f"{type(error).__name__}: {error}"[:_ERROR_CHARS]
    retry_at = next_attempt(now, d.attempts)
    if retry_at is None:
        d.status = DeliveryStatus.FAILED.value
        result.failed += 1
        log.warning("delivery failed for good", delivery_id=str(d.id), channel=d.channel)
    else:
        d.due_at = retry_at
        result.retrying += 1
        log.info("delivery will be retried", delivery_id=str(d.id), channel=d.channel)


async def _send_one(
    session: AsyncSession,
    d: Delivery,
    n: Notification,
    recipient: _Recipient,
    *,
    now: datetime,
    settings: Settings,
    result: Sent,
) -> None:
    assert recipient.contact is not None  # _skip_reason let it through
    try:
        if d.channel == Channel.EMAIL.value:
            await _mail(session, d, n, recipient.contact, now=now, settings=settings)
        else:
            devices = await push.deliver(
                session,
                user_id=d.user_id,
                message=push.PushMessage(
                    title=n.title, body=n.body, link=n.link, tag=f"{n.type}:{n.object_id or n.id}"
                ),
            )
            if devices == 0:
                _finish(d, DeliveryStatus.SKIPPED, now, "no device")
                result.skipped += 1
                return
    except (MailError, push.PushError) as exc:
        _failed(d, now, exc, result)
        return
    d.attempts += 1
    _finish(d, DeliveryStatus.SENT, now)
    result.sent += 1


async def _mail(
    session: AsyncSession,
    d: Delivery,
    n: Notification,
    contact: Contact,
    *,
    now: datetime,
    settings: Settings,
) -> None:
    category = Category(d.category)
    token = await repo.unsubscribe_token(session, user_id=d.user_id, category=d.category, now=now)
    mail = mails.notification(
        nickname=contact.nickname,
        item=mails.Item(n.title, n.body, n.link),
        category=category,
        origin=settings.public_origin_resolved,
        unsubscribe_token=token,
    )
    await send_mail(
        contact.email, mail.subject, mail.text, mail.html, settings=settings, headers=mail.headers
    )


async def _send_digest(
    session: AsyncSession,
    items: list[tuple[Delivery, Notification]],
    recipient: _Recipient,
    *,
    now: datetime,
    settings: Settings,
    result: Sent,
) -> None:
    assert recipient.contact is not None
    user_id = items[0][0].user_id
    token = await repo.unsubscribe_token(
        session, user_id=user_id, category=Category.COMMUNITY.value, now=now
    )
    ordered = sorted(items, key=lambda pair: pair[1].created_at)
    mail = mails.digest(
        nickname=recipient.contact.nickname,
        items=[mails.Item(n.title, n.body, n.link) for _, n in ordered],
        origin=settings.public_origin_resolved,
        unsubscribe_token=token,
    )
    try:
        await send_mail(
            recipient.contact.email,
            mail.subject,
            mail.text,
            mail.html,
            settings=settings,
            headers=mail.headers,
        )
    except MailError as exc:
        for d, _ in items:
            _failed(d, now, exc, result)
        return
    for d, _ in items:
        d.attempts += 1
        _finish(d, DeliveryStatus.SENT, now)
        result.sent += 1


# --- account mail ---------------------------------------------------------------------------


async def send_account_mail(
    request: identity_contract.MailRequested, *, settings: Settings, redis: aioredis.Redis
) -> bool:
    """Send an account mail identity asked for, at once (no quiet hours, no settings: a
    code is needed now). False when its code has expired meanwhile: it is worth nothing.
    A failed send raises, so the event is tried again with the code still there."""
    code = ""
    if request.secret_ref:
        code = await handoff.take(redis, request.secret_ref) or ""
        if not code:
            log.info("account mail dropped: its code expired", template=request.template)
            return False
    mail = mails.account(request.template, dict(request.params), code=code)
    await send_mail(request.to, mail.subject, mail.text, mail.html, settings=settings)
    if request.secret_ref:
        await handoff.drop(redis, request.secret_ref)
    return True
