"""Announcements: an admin previews a broadcast (how many it reaches), sends it to a role,
and each active account of that role finds it in their inbox and on their open streams;
mail goes to those whose account mail is on, after their quiet hours and at the mail rate;
a fan-out run again writes nothing twice; identity audits it; the statistics count what
was sent, failed and read. Only admins may do any of it, and bad drafts name their fields.

Real identity (the audience, contact details), notifications and edge servers on PostgreSQL
and Redis (`identity_edge`), the devstack's SMTP catcher (`mailbox`), and the fan-out and
the sender run as their Celery tasks would (`tasks.run_broadcast`, `tasks.send_due`) at
chosen instants.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as time_of_day
from typing import Any

import pytest
import redis.asyncio as aioredis
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from petful.contracts import notifications as notification_events
from petful.identity.service.admin import suspend_account
from petful.notifications import broadcast_repository, channels, live, repository, tasks
from petful.notifications.broadcast_models import Broadcast
from petful.notifications.channel_models import Delivery
from petful.notifications.models import Notification
from petful.notifications.rules import DELIVERY_MAX_ATTEMPTS
from petful.notifications.wording import SEOUL
from petful.pb.identity.v1 import identity_pb2 as ipb
from petful.platform.auth_context import Principal, Role, service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument, PermissionDenied
from petful.platform.grpc_client import call
from petful.platform.jobs import celery_app
from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge, deliver, headers_for, problem_fields
from tests.integration.test_notifications_channels import (  # noqa: F401  (the fixture)
    Mailbox,
    mailbox,
)
from tests.support import free_port, wait_for

Headers = dict[str, str]
ADMIN = "/api/v1/admin/notifications"
INBOX = "/api/v1/notifications"
SETTINGS = "/api/v1/notifications/settings"
DRAFT = {
    "audience": "USER",
    "title": "  서비스   점검 안내 ",
    "body": "3월 10일 02:00-04:00에 점검이 있어요.\n이용에 참고해 주세요.",
    "link": "/community",
    "email": True,
}
# Yesterday at noon in Seoul: outside the default quiet hours, in the past (the statistics'
# window and `since` may not be in the future).
NOON = datetime.combine(
    datetime.now(SEOUL).date() - timedelta(days=1), time_of_day(12), tzinfo=SEOUL
).astimezone(UTC)


def fast(settings: Settings) -> Settings:
    """The settings with a mail rate tests do not wait for."""
    notifications = settings.notifications.model_copy(update={"email_per_second": 10_000})
    return settings.model_copy(update={"notifications": notifications})


@pytest.fixture
def enqueued(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, list[Any]]]:
    """Celery tasks the code enqueues (no worker runs here): (name, args)."""
    sent: list[tuple[str, list[Any]]] = []

    def send_task(name: str, args: list[Any] | None = None, **_: Any) -> None:
        sent.append((name, list(args or [])))

    monkeypatch.setattr(celery_app, "send_task", send_task)
    return sent


@pytest.fixture
def at_noon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "clock", lambda: NOON)


async def account(edge: IdentityEdge, name: str, role: Role = Role.USER) -> tuple[str, Headers]:
    headers = await headers_for(edge, f"{name}@example.com", role)
    return edge.users[f"{name}@example.com"], headers


async def admin_headers(edge: IdentityEdge) -> Headers:
    return await headers_for(edge, "bcadmin@example.com", Role.ADMIN)


async def create(edge: IdentityEdge, admin: Headers, **changes: Any) -> dict[str, Any]:
    r = await edge.client.post(f"{ADMIN}/broadcasts", json={**DRAFT, **changes}, headers=admin)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def announcements(user_id: str) -> list[Notification]:
    async with transaction() as session:
        rows = await session.execute(
            sa.select(Notification).where(
                Notification.user_id == uuid.UUID(user_id), Notification.type == "ANNOUNCEMENT"
            )
        )
        return list(rows.scalars())


async def mail_deliveries() -> list[Delivery]:
    async with transaction() as session:
        rows = await session.execute(sa.select(Delivery).where(Delivery.type == "ANNOUNCEMENT"))
        return list(rows.scalars())


async def messages(pubsub: Any, within: float = 5.0) -> dict[str, list[str]]:
    """What arrived on the subscribed channels until they went quiet."""
    got: dict[str, list[str]] = {}
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        m = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.3)
        if m is None:
            if got:
                break
            continue
        got.setdefault(m["channel"], []).append(m["data"])
    return got


async def test_a_broadcast_reaches_every_active_user_once_by_inbox_stream_and_mail(
    identity_edge: IdentityEdge,
    mailbox: Mailbox,  # noqa: F811
    enqueued: list[tuple[str, list[Any]]],
    at_noon: None,
) -> None:
    edge = identity_edge
    admin = await admin_headers(edge)
    alice, alice_h = await account(edge, "alice")  # mail at once
    bob, bob_h = await account(edge, "bob")  # account mail off
    carol, carol_h = await account(edge, "carol")  # quiet 11:00-14:00
    frank, _ = await account(edge, "frank")  # mail fails for good
    dave, _ = await account(edge, "dave")  # suspended: left out
    lapsed, _ = await account(edge, "lapsed")  # suspension over: a recipient
    erin, _ = await account(edge, "erin", Role.ADVERTISER)  # another role
    users = [alice, bob, carol, frank, lapsed]
    r = await edge.client.patch(
        SETTINGS,
        json={"channels": [{"category": "ACCOUNT", "channel": "EMAIL", "enabled": False}]},
        headers=bob_h,
    )
    assert r.status_code == 200, r.text
    r = await edge.client.patch(
        SETTINGS,
        json={"quiet_hours": {"enabled": True, "start": "11:00", "end": "14:00"}},
        headers=carol_h,
    )
    assert r.status_code == 200, r.text
    now = datetime.now(UTC)
    async with transaction() as session:
        for user_id in (dave, lapsed):
            await suspend_account(session, now=now, user_id=uuid.UUID(user_id), reason="도배 신고")
        await session.execute(
            sa.text("UPDATE identity.accounts SET suspended_until = :t WHERE id = :id"),
            {"t": now - timedelta(days=1), "id": lapsed},
        )

    # The preview counts active accounts by role and shows the notification as it reads.
    counts = {}
    for audience in ("ALL", "USER", "ADVERTISER", "ADMIN"):
        r = await edge.client.post(
            f"{ADMIN}/broadcasts/preview", json={**DRAFT, "audience": audience}, headers=admin
        )
        assert r.status_code == 200, r.text
        counts[audience] = r.json()["recipients"]
    assert counts == {"ALL": 7, "USER": 5, "ADVERTISER": 1, "ADMIN": 1}
    assert r.json() | {"recipients": 0} == {
        "recipients": 0,
        "type": "ANNOUNCEMENT",
        "category": "ACCOUNT",
        "title": "서비스 점검 안내",
        "body": DRAFT["body"],
        "link": "/community",
        "email_subject": "[PetFul] 서비스 점검 안내",
    }
    assert await mail_deliveries() == []

    sent = await create(edge, admin)
    assert sent["status"] == "QUEUED"
    assert (sent["recipients"], sent["written"], sent["emails"]) == (5, 0, 0)
    assert sent["title"] == "서비스 점검 안내"

    # The commit starts the fan-out at once; the committed event starts it too (if that
    # nudge was lost) and is identity's audit record.
    start = (tasks.BROADCAST_TASK, [sent["id"]])

    async def started() -> bool:
        return enqueued == [start]

    await wait_for(started)
    topic = notification_events.BROADCAST_CREATED.name
    assert await deliver(topic, "notifications", "notifications.broadcast_start") == 1
    assert enqueued == [start, start]
    assert await deliver(topic, "notifications", f"identity.audit.{topic}") == 1
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"action": "notification.broadcast"}, headers=admin
    )
    (entry,) = r.json()["items"]
    assert (entry["target_type"], entry["target_id"]) == ("BROADCAST", sent["id"])
    assert entry["details"]["audience"] == "USER"
    assert entry["details"]["recipients"] == 5

    # Every USER's stream is told; nobody else's.
    listener = aioredis.Redis.from_url(edge.settings.redis_url, decode_responses=True)
    pubsub = listener.pubsub()
    everyone = [*users, dave, erin]
    await pubsub.subscribe(*[live.channel_of(u) for u in everyone])
    try:
        status = await tasks.run_broadcast(sent["id"], settings=fast(mailbox.settings))
        told = await messages(pubsub)
    finally:
        await pubsub.aclose()
        await listener.aclose()
    assert status == "DONE"
    assert set(told) == {live.channel_of(u) for u in users}
    assert all(len(m) == 1 for m in told.values())

    for user_id in users:
        (row,) = await announcements(user_id)
        assert (row.category, row.title, row.link) == ("ACCOUNT", "서비스 점검 안내", "/community")
    for user_id in (dave, erin):
        assert await announcements(user_id) == []
    r = await edge.client.get(INBOX, headers=alice_h)
    (item,) = r.json()["items"]
    assert (item["type"], item["body"]) == ("ANNOUNCEMENT", DRAFT["body"])
    r = await edge.client.get(f"{ADMIN}/broadcasts/{sent['id']}", headers=admin)
    done = r.json()
    assert (done["status"], done["written"], done["emails"]) == ("DONE", 5, 4)
    assert done["finished_at"] is not None
    assert (tasks.SEND_TASK, []) in enqueued

    # Mail: frank's delivery is on its last attempt and SMTP is down; everyone else's goes.
    async with transaction() as session:
        await session.execute(
            sa.update(Delivery)
            .where(Delivery.user_id == uuid.UUID(frank))
            .values(attempts=DELIVERY_MAX_ATTEMPTS - 1)
        )
    down = mailbox.settings.model_copy(
        update={"ports": {**mailbox.settings.ports, "smtp": free_port()}}
    )
    await tasks.send_due(now=NOON + timedelta(seconds=1), settings=fast(down))
    await tasks.send_due(now=NOON + timedelta(minutes=5), settings=fast(mailbox.settings))
    (mail,) = mailbox.to("alice@example.com")
    assert mail.subject == "[PetFul] 서비스 점검 안내"
    assert mail.text is not None
    assert "https://petful.test/community" in mail.text
    for name in ("bob", "carol", "frank", "lapsed"):
        assert len(mailbox.to(f"{name}@example.com")) == (name == "lapsed"), name
    # Carol's quiet hours end at 14:00.
    await tasks.send_due(now=NOON + timedelta(hours=1, minutes=59), settings=fast(mailbox.settings))
    assert mailbox.to("carol@example.com") == []
    await tasks.send_due(now=NOON + timedelta(hours=2, minutes=1), settings=fast(mailbox.settings))
    assert len(mailbox.to("carol@example.com")) == 1

    # Alice opens it; the statistics count it all.
    r = await edge.client.post(f"{INBOX}/{item['id']}/read", headers=alice_h)
    assert r.status_code == 200, r.text
    r = await edge.client.get(f"{ADMIN}/stats", headers=admin)
    assert r.status_code == 200, r.text
    rows = {(c["type"], c["channel"]): c for c in r.json()["counts"]}
    assert rows[("ANNOUNCEMENT", "IN_APP")] | {"type": "", "channel": ""} == {
        "type": "",
        "channel": "",
        "sent": 0,
        "failed": 0,
        "skipped": 0,
        "pending": 0,
        "written": 5,
        "opened": 1,
    }
    email = rows[("ANNOUNCEMENT", "EMAIL")]
    assert (email["sent"], email["failed"], email["skipped"], email["pending"]) == (3, 1, 0, 0)
    since = (NOON + timedelta(hours=3)).isoformat()
    r = await edge.client.get(f"{ADMIN}/stats", params={"since": since}, headers=admin)
    assert ("ANNOUNCEMENT", "EMAIL") not in {(c["type"], c["channel"]) for c in r.json()["counts"]}

    # Listed newest first.
    r = await edge.client.get(f"{ADMIN}/broadcasts", headers=admin)
    assert [b["id"] for b in r.json()["items"]] == [sent["id"]]


async def test_a_fan_out_run_again_writes_nothing_twice(
    identity_edge: IdentityEdge, enqueued: list[tuple[str, list[Any]]], at_noon: None
) -> None:
    edge = identity_edge
    admin = await admin_headers(edge)
    ids = [(await account(edge, f"again{i}"))[0] for i in range(3)]
    sent = await create(edge, admin)
    settings = fast(edge.settings)
    assert await tasks.run_broadcast(sent["id"], settings=settings) == "DONE"
    before = len(await mail_deliveries())
    assert before == 3

    # The task redelivered after its work committed: nothing to do.
    assert await tasks.run_broadcast(sent["id"], settings=settings) == "DONE"
    # Its progress lost (a page written again from the start): the rows' keys hold.
    async with transaction() as session:
        await session.execute(
            sa.update(Broadcast)
            .where(Broadcast.id == uuid.UUID(sent["id"]))
            .values(status="SENDING", last_user_id=None, finished_at=None)
        )
    assert await tasks.run_broadcast(sent["id"], settings=settings) == "DONE"
    for user_id in ids:
        assert len(await announcements(user_id)) == 1
    assert len(await mail_deliveries()) == before
    r = await edge.client.get(f"{ADMIN}/broadcasts/{sent['id']}", headers=admin)
    assert (r.json()["written"], r.json()["emails"]) == (3, 3)

    # The same idempotency key from the admin answers with the first broadcast.
    key = {"Idempotency-Key": "notice-2026-03"}
    first = await edge.client.post(f"{ADMIN}/broadcasts", json=DRAFT, headers={**admin, **key})
    again = await edge.client.post(f"{ADMIN}/broadcasts", json=DRAFT, headers={**admin, **key})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] != sent["id"]


async def test_identity_lists_the_audience_to_the_notifications_service_only(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    ids = sorted([(await account(edge, f"page{i}"))[0] for i in range(5)])
    advertiser, _ = await account(edge, "page-ad", Role.ADVERTISER)
    stub = edge.stub
    users = ipb.ListRecipientsRequest(role="ROLE_USER", limit=2)
    with use_principal(service_principal("notifications")):
        first = await call(stub.ListRecipients(users))
        users.after_user_id = first.user_ids[-1]
        second = await call(stub.ListRecipients(users))
        everyone = await call(stub.ListRecipients(ipb.ListRecipientsRequest()))
        count = await call(stub.CountRecipients(ipb.CountRecipientsRequest(role="ROLE_USER")))
        with pytest.raises(InvalidArgument) as e:
            await call(stub.ListRecipients(ipb.ListRecipientsRequest(limit=1001)))
        assert e.value.field_violations == (("limit", "must be 1 to 1000"),)
    assert [*first.user_ids, *second.user_ids] == ids[:4]
    assert list(everyone.user_ids) == sorted([*ids, advertiser])
    assert count.count == 5
    admin = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.ADMIN}))
    for principal in (admin, service_principal("community")):
        with use_principal(principal):
            with pytest.raises(PermissionDenied):
                await call(stub.ListRecipients(ipb.ListRecipientsRequest()))
            with pytest.raises(PermissionDenied):
                await call(stub.CountRecipients(ipb.CountRecipientsRequest()))
            with pytest.raises(PermissionDenied):  # the one check, shared
                await call(stub.GetContacts(ipb.GetContactsRequest(user_ids=ids[:1])))


async def test_a_broadcast_page_holds_each_recipients_lock(settings: Settings) -> None:
    """The fan-out takes the very lock a single notification's writer takes."""
    user_id = uuid.uuid4()

    async def single_writer() -> None:
        async with transaction() as other:
            await other.execute(sa.text("SET LOCAL lock_timeout = '200ms'"))
            await repository.lock_recipient(other, user_id)

    async with transaction() as holder:
        await broadcast_repository.lock_recipients(holder, [uuid.uuid4(), user_id])
        with pytest.raises(DBAPIError, match="lock timeout"):
            await single_writer()
    await single_writer()  # free again once the page committed


async def test_mail_pacing_is_shared_and_bounded(settings: Settings) -> None:
    """Senders together keep the rate; one whose turn is more than two slots away is told
    to leave its mail to the others instead of waiting."""
    pace = channels.RedisPace.of(settings)
    await pace.redis.delete(channels.PACE_KEY)
    # A slot a second: the four asks reach Redis well within one slot even on a busy
    # machine, so which slots they get does not depend on timing.
    slow = channels.RedisPace(pace.redis, per_second=1)
    started = time.monotonic()
    results = await asyncio.gather(*(slow.take() for _ in range(4)))
    assert sorted(results) == [False, True, True, True]
    assert time.monotonic() - started >= 1.9  # the third waited two slots
    await pace.redis.delete(channels.PACE_KEY)


async def test_only_admins_broadcast_or_see_statistics(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    _, user = await account(edge, "notadmin")
    _, advertiser = await account(edge, "notadmin-ad", Role.ADVERTISER)
    calls = [
        ("POST", f"{ADMIN}/broadcasts/preview", DRAFT),
        ("POST", f"{ADMIN}/broadcasts", DRAFT),
        ("GET", f"{ADMIN}/broadcasts", None),
        ("GET", f"{ADMIN}/broadcasts/{uuid.uuid4()}", None),
        ("GET", f"{ADMIN}/stats", None),
    ]
    for method, url, body in calls:
        for headers, code in ((user, 403), (advertiser, 403), ({}, 401)):
            r = await edge.client.request(method, url, json=body, headers=headers)
            assert r.status_code == code, (method, url, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    admin = await admin_headers(edge)
    r = await edge.client.get(f"{ADMIN}/broadcasts", headers=admin)
    assert r.json()["items"] == []
    r = await edge.client.get(f"{ADMIN}/broadcasts/{uuid.uuid4()}", headers=admin)
    assert r.status_code == 404


async def test_bad_drafts_are_refused_naming_their_fields(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    admin = await admin_headers(edge)
    for path in ("/broadcasts/preview", "/broadcasts"):
        r = await edge.client.post(
            ADMIN + path, json={**DRAFT, "audience": "EVERYONE"}, headers=admin
        )
        assert r.status_code == 422
        assert problem_fields(r) == {"audience"}
        r = await edge.client.post(
            ADMIN + path,
            json={**DRAFT, "title": "  ", "body": "가" * 1001, "link": "//evil.example/x"},
            headers=admin,
        )
        assert r.status_code == 422, r.text
        assert problem_fields(r) == {"title", "body", "link"}
    for link in ("https://evil.example", "/a b", "notifications", "/\\evil"):
        r = await edge.client.post(
            f"{ADMIN}/broadcasts/preview", json={**DRAFT, "link": link}, headers=admin
        )
        assert problem_fields(r) == {"link"}, link
    r = await edge.client.post(
        f"{ADMIN}/broadcasts", json=DRAFT, headers={**admin, "Idempotency-Key": "a b"}
    )
    assert problem_fields(r) == {"idempotency_key"}
    r = await edge.client.post(f"{ADMIN}/broadcasts", json={**DRAFT, "extra": 1}, headers=admin)
    assert problem_fields(r) == {"extra"}
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    r = await edge.client.get(f"{ADMIN}/stats", params={"since": future}, headers=admin)
    assert r.status_code == 422
    assert problem_fields(r) == {"since"}
    r = await edge.client.get(f"{ADMIN}/broadcasts", headers=admin)
    assert r.json()["items"] == []  # nothing was stored

    # The default link is the inbox page.
    r = await edge.client.post(
        f"{ADMIN}/broadcasts/preview", json={**DRAFT, "link": "", "email": False}, headers=admin
    )
    assert (r.json()["link"], r.json()["email_subject"]) == ("/notifications", None)
