"""Email and the settings: a notification reaches a user's mailbox (HTML and text, Korean,
with an unsubscribe link that works without signing in), waits through quiet hours,
is retried while SMTP is down, honours each user's choices, and a community digest
gathers a day's news into one mail.

Real identity (contact details), notifications and edge servers on PostgreSQL and Redis
(`identity_edge`), the devstack's SMTP catcher, and the sender run as its Celery task
would (`tasks.send_due`) at chosen instants.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from petful.contracts import campaigns as campaign_events
from petful.contracts import community as community_events
from petful.contracts import health as health_events
from petful.devstack import mail as mail_catcher
from petful.notifications import tasks
from petful.notifications.channel_models import Delivery
from petful.notifications.wording import SEOUL
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.integration.notifications_support import commented, emit, reminder, run
from tests.support import free_port, wait_for

Headers = dict[str, str]
SETTINGS = "/api/v1/notifications/settings"
ORIGIN = "https://petful.test"


def seoul(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SEOUL).astimezone(UTC)


@dataclass
class Mailbox:
    settings: Settings

    def to(self, address: str) -> list[mail_catcher.StoredMessage]:
        store = mail_catcher.MailStore(self.settings.data_dir.resolve() / "mail" / "messages.jsonl")
        return [m for m in reversed(store.newest_first()) if address in m.to]


async def _listening(port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        return False
    writer.close()
    return True


@pytest.fixture
async def mailbox(identity_edge: IdentityEdge, tmp_path: Path) -> AsyncIterator[Mailbox]:
    """The devstack's SMTP catcher on free ports; settings that send to it."""
    ports = {**identity_edge.settings.ports, "smtp": free_port(), "inbox": free_port()}
    settings = identity_edge.settings.model_copy(
        update={"ports": ports, "data_dir": tmp_path, "public_origin": ORIGIN}
    )
    stop = asyncio.Event()
    task = asyncio.create_task(mail_catcher.serve(settings, stop))
    try:
        await wait_for(lambda: _listening(ports["smtp"]), within=10)
        yield Mailbox(settings)
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)


async def member(edge: IdentityEdge, name: str) -> tuple[str, Headers]:
    headers = await headers_for(edge, f"{name}@example.com")
    return edge.users[f"{name}@example.com"], headers


def selected(owner_id: str, title: str = "여름 간식 체험단") -> campaign_events.ApplicantChanged:
    return campaign_events.ApplicantChanged(
        campaign_id=uuid.uuid4(),
        campaign_title=title,
        advertiser_user_id=uuid.uuid4(),
        applicant_id=uuid.uuid4(),
        pet_id=uuid.uuid4(),
        pet_name="보리",
        owner_user_id=uuid.UUID(owner_id),
        status="SELECTED",
        reason="",
        company_name="펫푸드",
    )


async def notify_selected(owner_id: str, at: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    """A selection event delivered to the inbox at `at` (the subscriber's clock)."""
    monkeypatch.setattr(tasks, "clock", lambda: at)
    await emit(campaign_events.APPLICANT_SELECTED, selected(owner_id))
    assert await run("APPLICATION_SELECTED") == 1


async def send(at: datetime, mailbox: Mailbox) -> int:
    return await tasks.send_due(now=at, settings=mailbox.settings)


async def deliveries(user_id: str) -> list[Delivery]:
    async with transaction() as session:
        rows = await session.execute(
            sa.select(Delivery)
            .where(Delivery.user_id == uuid.UUID(user_id))
            .order_by(Delivery.created_at, Delivery.channel)
        )
        return list(rows.scalars())


def unsubscribe_token(text: str) -> str:
    match = re.search(rf"{re.escape(ORIGIN)}/unsubscribe/([\w-]+)", text)
    assert match, text
    return match[1]


async def test_a_notification_arrives_by_mail_and_its_link_unsubscribes(
    identity_edge: IdentityEdge, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner_id, owner = await member(identity_edge, "borimail")
    noon = seoul(5, 12)
    await notify_selected(owner_id, noon, monkeypatch)
    assert await send(noon, mailbox) == 2  # the mail, and the push (no device: skipped)

    (mail,) = mailbox.to("borimail@example.com")
    assert mail.subject == "[PetFul] 캠페인에 선정되었어요"
    assert mail.text is not None
    assert mail.html is not None
    body = "보리가 '여름 간식 체험단' 캠페인에 선정되었어요. 일정과 배송을 확인해 주세요."
    for part in (mail.text, mail.html):
        assert "borimail님," in part
        assert body in part.replace("&#39;", "'")
        assert f"{ORIGIN}/campaigns/applications" in part
        assert "캠페인 알림 메일 수신 거부" in part
    token = unsubscribe_token(mail.text)
    assert mail.headers["List-Unsubscribe"] == f"<{ORIGIN}/api/v1/public/unsubscribe/{token}>"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    statuses = {(d.channel, d.status, d.last_error) for d in await deliveries(owner_id)}
    assert statuses == {("EMAIL", "SENT", ""), ("PUSH", "SKIPPED", "no device")}

    # The link's page asks first (no sign-in), the button stops campaign mail only.
    link = f"/api/v1/public/unsubscribe/{token}"
    r = await identity_edge.client.get(link)
    assert r.json() == {"category": "CAMPAIGNS"}
    r = await identity_edge.client.post(link)
    assert r.status_code == 200
    assert r.json() == {"category": "CAMPAIGNS"}
    assert (await identity_edge.client.post(link)).status_code == 200  # again: no change
    got = (await identity_edge.client.get(SETTINGS, headers=owner)).json()
    off = {(c["category"], c["channel"]) for c in got["channels"] if not c["enabled"]}
    assert off == {("CAMPAIGNS", "EMAIL")}

    await notify_selected(owner_id, noon, monkeypatch)
    await send(noon, mailbox)
    assert len(mailbox.to("borimail@example.com")) == 1
    assert [d.channel for d in await deliveries(owner_id)] == ["EMAIL", "PUSH", "PUSH"]


async def test_an_unknown_unsubscribe_link_is_404(identity_edge: IdentityEdge) -> None:
    r = await identity_edge.client.post("/api/v1/public/unsubscribe/" + "x" * 32)
    assert r.status_code == 404
    assert problem_fields(r) == {"token"}


async def test_quiet_hours_hold_mail_until_morning_but_not_reminders(
    identity_edge: IdentityEdge, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner_id, _ = await member(identity_edge, "nightowl")
    night = seoul(5, 23, 30)
    await notify_selected(owner_id, night, monkeypatch)
    (email, push) = await deliveries(owner_id)
    assert email.due_at == push.due_at == seoul(6, 8, 0)

    # A health reminder fires when its schedule says, quiet hours or not.
    await emit(health_events.REMINDER_DUE, reminder(owner_id))
    assert await run("HEALTH_REMINDER") == 1
    reminder_push = [d for d in await deliveries(owner_id) if d.type == "HEALTH_REMINDER"]
    assert [(d.channel, d.due_at) for d in reminder_push] == [("PUSH", night)]

    assert await send(seoul(6, 7, 59), mailbox) == 1  # only the reminder's push
    assert mailbox.to("nightowl@example.com") == []
    await send(seoul(6, 8, 0), mailbox)
    (mail,) = mailbox.to("nightowl@example.com")
    assert mail.subject == "[PetFul] 캠페인에 선정되었어요"


async def test_mail_waits_while_smtp_is_down_then_goes_once(
    identity_edge: IdentityEdge, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner_id, _ = await member(identity_edge, "retrymail")
    noon = seoul(5, 12)
    await notify_selected(owner_id, noon, monkeypatch)
    down = mailbox.settings.model_copy(
        update={"ports": {**mailbox.settings.ports, "smtp": free_port()}}
    )
    await tasks.send_due(now=noon, settings=down)
    email = next(d for d in await deliveries(owner_id) if d.channel == "EMAIL")
    assert (email.status, email.attempts) == ("PENDING", 1)
    assert email.last_error.startswith("MailError")
    assert email.due_at > noon

    assert await send(noon, mailbox) == 0  # not due yet
    await send(email.due_at, mailbox)
    assert len(mailbox.to("retrymail@example.com")) == 1
    await send(email.due_at, mailbox)
    assert len(mailbox.to("retrymail@example.com")) == 1


async def test_a_suspended_account_gets_only_account_mail(
    identity_edge: IdentityEdge, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner_id, _ = await member(identity_edge, "suspendme")
    admin = await headers_for(identity_edge, "mailadmin@example.com", role=Role.ADMIN)
    noon = seoul(5, 12)
    await notify_selected(owner_id, noon, monkeypatch)
    r = await identity_edge.client.post(
        f"/api/v1/admin/users/{owner_id}/suspension",
        json={"reason": "광고 도배"},
        headers=admin,
    )
    assert r.status_code == 200, r.text
    monkeypatch.setattr(tasks, "clock", lambda: noon)
    assert await run("ACCOUNT_SUSPENDED") == 1
    await send(noon, mailbox)
    (mail,) = mailbox.to("suspendme@example.com")
    assert mail.subject == "[PetFul] 계정 이용이 정지되었어요"
    skipped = {(d.type, d.channel): d.last_error for d in await deliveries(owner_id)}
    assert skipped[("APPLICATION_SELECTED", "EMAIL")] == "account suspended"


async def test_settings_change_only_what_is_named(identity_edge: IdentityEdge) -> None:
    _, me = await member(identity_edge, "settingsme")
    got = (await identity_edge.client.get(SETTINGS, headers=me)).json()
    assert got["quiet_hours"] == {"enabled": True, "start": "22:00", "end": "08:00"}
    assert got["daily_digest"] is False
    assert got["time_zone"] == "Asia/Seoul"
    offered = {(c["category"], c["channel"]) for c in got["channels"]}
    # Only what some notification of the category uses: health reminders never mail.
    assert offered == {
        ("CAMPAIGNS", "EMAIL"),
        ("CAMPAIGNS", "PUSH"),
        ("COMMUNITY", "EMAIL"),
        ("COMMUNITY", "PUSH"),
        ("HEALTH", "PUSH"),
        ("ACCOUNT", "EMAIL"),
        ("ACCOUNT", "PUSH"),
    }
    assert all(c["enabled"] for c in got["channels"])

    r = await identity_edge.client.patch(
        SETTINGS,
        json={
            "channels": [{"category": "COMMUNITY", "channel": "PUSH", "enabled": False}],
            "quiet_hours": {"enabled": True, "start": "23:00", "end": "07:30"},
        },
        headers=me,
    )
    assert r.status_code == 200, r.text
    changed = r.json()
    assert changed["quiet_hours"] == {"enabled": True, "start": "23:00", "end": "07:30"}
    off = [(c["category"], c["channel"]) for c in changed["channels"] if not c["enabled"]]
    assert off == [("COMMUNITY", "PUSH")]
    r = await identity_edge.client.patch(SETTINGS, json={"daily_digest": True}, headers=me)
    assert r.json()["quiet_hours"]["start"] == "23:00"
    assert r.json()["daily_digest"] is True


async def test_bad_settings_are_refused_whole(identity_edge: IdentityEdge) -> None:
    _, me = await member(identity_edge, "badsettings")
    r = await identity_edge.client.patch(
        SETTINGS,
        json={
            "channels": [{"category": "COMMUNITY", "channel": "EMAIL", "enabled": False}],
            "quiet_hours": {"enabled": True, "start": "25:00", "end": "07:30"},
        },
        headers=me,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"quiet_hours.start"}
    got = (await identity_edge.client.get(SETTINGS, headers=me)).json()
    assert all(c["enabled"] for c in got["channels"])
    assert got["quiet_hours"]["start"] == "22:00"
    r = await identity_edge.client.patch(
        SETTINGS,
        json={
            "channels": [{"category": "HEALTH", "channel": "EMAIL", "enabled": False}],
            "quiet_hours": {"enabled": True, "start": "09:00", "end": "09:00"},
        },
        headers=me,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"channels[0].channel", "quiet_hours.end"}
    r = await identity_edge.client.patch(
        SETTINGS, json={"channels": [{"category": "X", "channel": "SMS", "enabled": 1}]}, headers=me
    )
    assert r.status_code == 422
    assert (await identity_edge.client.get(SETTINGS)).status_code == 401


async def test_a_days_community_news_comes_as_one_digest(
    identity_edge: IdentityEdge, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    author_id, author = await member(identity_edge, "digestme")
    commenter_id, _ = await member(identity_edge, "chatty")
    r = await identity_edge.client.patch(SETTINGS, json={"daily_digest": True}, headers=author)
    assert r.status_code == 200
    evening = seoul(5, 19)
    monkeypatch.setattr(tasks, "clock", lambda: evening)
    for _ in range(3):
        await emit(community_events.COMMENT_CREATED, commented(commenter_id, author_id))
    assert await run("POST_COMMENTED") == 3
    emails = [d for d in await deliveries(author_id) if d.channel == "EMAIL"]
    assert {(d.digest, d.due_at) for d in emails} == {(True, seoul(6, 8, 0))}

    await send(seoul(6, 8, 0), mailbox)
    (mail,) = mailbox.to("digestme@example.com")
    assert mail.subject == "[PetFul] 커뮤니티 소식 3건"
    assert mail.text is not None
    assert mail.text.count("/community/posts/") == 3
    assert "커뮤니티 알림 메일 수신 거부" in mail.text
