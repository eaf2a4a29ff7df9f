"""The notification settings and a mail's unsubscribe page in the browser, as one new
owner's story: from the inbox's "알림 설정" the settings page shows every category with its
email and push switch (all on), the inbox note and the push card. 커뮤니티 이메일 off is saved
at once and still off after a reload (and through the API); a change the API refuses is
switched back with a notice. Quiet hours: the same start and end is refused beside the field
before anything is sent, the API's own field error shows beside its field, 23:00-07:00 is
saved and kept. The community digest goes on and stays on. Push on this device: the button
is there and, without the browser's permission, says why it cannot turn on; /sw.js is
served. The unsubscribe page, signed out: an unknown link says so; a real one (its token put
in the database as the first mail of a category would) asks, turns that category's email off,
and leads to the settings. Each view at 375 and 1280 px: a screenshot, no horizontal scroll,
axe-core clean.

Not here: a real push subscription. Headless Chromium reaches no push service, so
PushManager.subscribe() cannot succeed; the tests stop at the browser's permission.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Locator, Page, Request, Route, expect
from sqlalchemy.orm import Session

from petful.devstack.postgres import EmbeddedPostgres
from petful.notifications.channel_models import UnsubscribeToken
from tests.support import DevStack
from tests.web.conftest import (
    Member,
    api_token,
    check_layout,
    desktop_page,
    field,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

SETTINGS_API = "/api/v1/notifications/settings"
SAVED_WITHIN = 10_000  # ms


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("notification-settings", "설정왕")


@pytest.fixture(scope="module")
def page(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, owner: Member
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner (no notification permission)."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        yield page


@pytest.fixture(scope="module")
def headers(base_url: str, owner: Member, page: Page) -> dict[str, str]:
    """The owner's API headers (after the page fixture has signed the owner up)."""
    return {"Authorization": f"Bearer {api_token(base_url, owner.email, owner.password)}"}


def api_settings(base_url: str, headers: dict[str, str]) -> dict[str, Any]:
    answer = httpx.get(f"{base_url}{SETTINGS_API}", headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    settings: dict[str, Any] = answer.json()
    return settings


def channel_on(settings: dict[str, Any], category: str, channel: str) -> bool:
    (found,) = [
        c["enabled"]
        for c in settings["channels"]
        if c["category"] == category and c["channel"] == channel
    ]
    return bool(found)


def switch(page: Page, name: str) -> Locator:
    return page.get_by_role("switch", name=name, exact=True)


def digest_switch(page: Page) -> Locator:
    # Its name goes on with its description ("…모아서 받아요.").
    return page.get_by_role("switch", name=re.compile("^커뮤니티 메일 하루 한 번 모아 받기"))


def notice(page: Page, text: str) -> None:
    expect(page.get_by_text(text).first).to_be_visible()


def saved(page: Page) -> Any:
    """Waits for the next PATCH of the settings to be answered (use as a context manager)."""
    return page.expect_response(
        lambda r: r.url.endswith(SETTINGS_API) and r.request.method == "PATCH",
        timeout=SAVED_WITHIN,
    )


def test_settings_open_from_the_inbox(page: Page) -> None:
    page.goto("/notifications")
    settle(page)
    page.get_by_role("link", name="알림 설정").click()
    expect(page).to_have_url(re.compile(r"/notifications/settings$"))
    expect(page.locator("h1")).to_have_text("알림 설정")
    settle(page)
    expect(page.get_by_text("알림함에는 설정과 관계없이 모든 알림이 남아요.")).to_be_visible()
    for category in ("체험단", "커뮤니티", "건강", "계정"):
        group = page.get_by_role("group", name=category, exact=True)
        expect(group).to_be_visible()
        for channel in ("이메일", "푸시"):
            if (category, channel) == ("건강", "이메일"):
                # Health reminders never mail: no switch that would change nothing.
                expect(switch(page, f"{category} {channel}")).to_have_count(0)
            else:
                expect(switch(page, f"{category} {channel}")).to_be_checked()
    expect(switch(page, "조용한 시간 사용")).to_be_checked()
    expect(field(page, "시작")).to_have_value("22:00")
    expect(field(page, "끝")).to_have_value("08:00")
    expect(page.get_by_test_id("quiet-summary")).to_have_text("매일 22:00부터 다음 날 08:00까지")
    expect(
        page.get_by_text("건강 알림은 조용한 시간에도 일정에 정한 시각에 보내요.")
    ).to_be_visible()
    expect(digest_switch(page)).not_to_be_checked()
    expect(
        page.get_by_text("커뮤니티 알림 메일을 하루 한 번(오전 8시) 모아서 받아요.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="이 기기에서 푸시 알림 받기")).to_be_enabled()
    check_layout(page, "notification-settings")


def test_community_email_off_is_kept(page: Page, base_url: str, headers: dict[str, str]) -> None:
    email = switch(page, "커뮤니티 이메일")
    with saved(page) as answer:
        email.click()
    assert answer.value.ok, answer.value.text()
    expect(email).not_to_be_checked()
    expect(page.get_by_test_id("digest-email-off")).to_be_visible()
    assert not channel_on(api_settings(base_url, headers), "COMMUNITY", "EMAIL")
    assert channel_on(api_settings(base_url, headers), "COMMUNITY", "PUSH")

    page.reload()
    settle(page)
    expect(switch(page, "커뮤니티 이메일")).not_to_be_checked()
    expect(switch(page, "커뮤니티 푸시")).to_be_checked()
    expect(switch(page, "체험단 이메일")).to_be_checked()


def test_a_refused_change_is_switched_back(
    page: Page, base_url: str, headers: dict[str, str]
) -> None:
    problem = {"type": "about:blank", "title": "Service Unavailable", "status": 503}

    def refuse(route: Route) -> None:
        if route.request.method != "PATCH":
            route.continue_()
            return
        route.fulfill(status=503, content_type="application/problem+json", body=json.dumps(problem))

    page.route(f"**{SETTINGS_API}", refuse)
    try:
        push = switch(page, "건강 푸시")
        push.click()
        notice(page, "설정을 저장하지 못했어요")
        expect(push).to_be_checked()
    finally:
        page.unroute(f"**{SETTINGS_API}")
    assert channel_on(api_settings(base_url, headers), "HEALTH", "PUSH")


def test_quiet_hours(page: Page, base_url: str, headers: dict[str, str]) -> None:
    start, end = field(page, "시작"), field(page, "끝")
    save = page.get_by_role("button", name="조용한 시간 저장")
    expect(save).to_be_disabled()  # nothing changed yet

    # The same start and end: refused beside the field, nothing sent.
    sent: list[str] = []

    def record(request: Request) -> None:
        if request.url.endswith(SETTINGS_API):
            sent.append(request.method)

    page.on("request", record)
    start.fill("23:00")
    end.fill("23:00")
    save.click()
    expect(
        page.get_by_text("시작과 끝이 같으면 조용한 시간이 없어요.", exact=False)
    ).to_be_visible()
    expect(end).to_have_attribute("aria-invalid", "true")
    page.remove_listener("request", record)
    assert "PATCH" not in sent

    # What the API refuses shows beside its field: the request is changed on its way to
    # carry a time the browser's time input cannot, and the real API answers.
    def bad_start(route: Route) -> None:
        body = {"quiet_hours": {"enabled": True, "start": "25:00", "end": "07:00"}}
        route.continue_(post_data=json.dumps(body))

    end.fill("07:00")
    expect(page.get_by_test_id("quiet-summary")).to_have_text("매일 23:00부터 다음 날 07:00까지")
    page.route(f"**{SETTINGS_API}", bad_start)
    try:
        with saved(page) as answer:
            save.click()
        assert answer.value.status == 422, answer.value.text()
        expect(start).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_text("시각은 00:00부터 23:59 사이로 입력해 주세요.")).to_be_visible()
    finally:
        page.unroute(f"**{SETTINGS_API}")
    check_layout(page, "notification-settings-quiet-error")

    with saved(page) as answer:
        save.click()
    assert answer.value.ok, answer.value.text()
    notice(page, "조용한 시간을 저장했어요.")
    expect(start).not_to_have_attribute("aria-invalid", "true")
    expect(save).to_be_disabled()
    quiet = api_settings(base_url, headers)["quiet_hours"]
    assert quiet == {"enabled": True, "start": "23:00", "end": "07:00"}

    page.reload()
    settle(page)
    expect(field(page, "시작")).to_have_value("23:00")
    expect(field(page, "끝")).to_have_value("07:00")
    expect(page.get_by_test_id("quiet-summary")).to_have_text("매일 23:00부터 다음 날 07:00까지")


def test_the_daily_digest(page: Page, base_url: str, headers: dict[str, str]) -> None:
    digest = digest_switch(page)
    with saved(page) as answer:
        digest.click()
    assert answer.value.ok, answer.value.text()
    expect(digest).to_be_checked()
    assert api_settings(base_url, headers)["daily_digest"] is True
    # The other choices stayed as they were.
    assert not channel_on(api_settings(base_url, headers), "COMMUNITY", "EMAIL")
    page.reload()
    settle(page)
    expect(digest_switch(page)).to_be_checked()
    check_layout(page, "notification-settings-saved")


def test_push_explains_a_missing_permission(page: Page, base_url: str) -> None:
    served = httpx.get(f"{base_url}/sw.js", timeout=10)
    assert served.status_code == 200
    assert "javascript" in served.headers["content-type"]
    assert "showNotification" in served.text

    card = page.get_by_role("region", name="이 기기의 푸시 알림")
    expect(card.get_by_text("아직 푸시를 받는 기기가 없어요.")).to_be_visible()
    # This browser context was never granted notifications: asking is refused.
    card.get_by_role("button", name="이 기기에서 푸시 알림 받기").click()
    problem = card.get_by_test_id("push-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("알림")
    expect(problem).to_contain_text(re.compile("차단되어 있어요|권한을 허용해야"))
    expect(card.get_by_test_id("push-on")).to_have_count(0)
    check_layout(page, "notification-settings-push-denied")


def insert_unsubscribe_token(platform: DevStack, user_id: str, category: str) -> str:
    """The token of `category`'s unsubscribe link, as the first mail of it would make."""
    url = EmbeddedPostgres(platform.data_dir / "postgres", platform.ports["postgres"]).url()
    engine = sa.create_engine(url)
    token = secrets.token_urlsafe(24)
    try:
        with Session(engine) as session, session.begin():
            session.add(
                UnsubscribeToken(
                    token=token,
                    user_id=uuid.UUID(user_id),
                    category=category,
                    created_at=datetime.now(UTC),
                )
            )
    finally:
        engine.dispose()
    return token


def test_an_unknown_unsubscribe_link(
    browser: Browser, browser_context_args: dict[str, Any]
) -> None:
    with desktop_page(browser, browser_context_args) as visitor:
        visitor.goto(f"/unsubscribe/{secrets.token_urlsafe(24)}")
        expect(visitor.locator("h1")).to_have_text("메일 수신 거부")
        settle(visitor)
        expect(visitor.get_by_text("이 수신 거부 링크는 쓸 수 없어요")).to_be_visible()
        expect(visitor.get_by_role("button", name="수신 거부")).to_have_count(0)
        expect(visitor.locator("meta[name=referrer]")).to_have_attribute("content", "no-referrer")
        check_layout(visitor, "unsubscribe-unknown")


def test_a_real_unsubscribe_link(
    browser: Browser,
    browser_context_args: dict[str, Any],
    platform: DevStack,
    base_url: str,
    headers: dict[str, str],
    page: Page,
) -> None:
    me = httpx.get(f"{base_url}/api/v1/me", headers=headers, timeout=10)
    assert me.status_code == 200, me.text
    token = insert_unsubscribe_token(platform, me.json()["id"], "CAMPAIGNS")
    assert channel_on(api_settings(base_url, headers), "CAMPAIGNS", "EMAIL")

    # Signed out, as from a mail app.
    with desktop_page(browser, browser_context_args) as visitor:
        visitor.goto(f"/unsubscribe/{token}")
        settle(visitor)
        expect(visitor.get_by_text("체험단 알림 메일을 그만 받을까요?")).to_be_visible()
        assert token not in visitor.title()
        check_layout(visitor, "unsubscribe-question")
        # Opening the page changed nothing (mail scanners open links).
        assert channel_on(api_settings(base_url, headers), "CAMPAIGNS", "EMAIL")

        visitor.get_by_role("button", name="수신 거부").click()
        done = visitor.get_by_test_id("unsubscribe-done")
        expect(done).to_contain_text("체험단 알림 메일을 더 이상 보내지 않아요.")
        check_layout(visitor, "unsubscribe-done")
        assert not channel_on(api_settings(base_url, headers), "CAMPAIGNS", "EMAIL")
        # Again is fine (the link keeps working).
        again = httpx.post(f"{base_url}/api/v1/public/unsubscribe/{token}", timeout=10)
        assert again.status_code == 200, again.text
        assert again.json() == {"category": "CAMPAIGNS"}

        # The settings need a sign-in: the link leads there through the login page.
        done.get_by_role("link", name="알림 설정으로 가기").click()
        expect(visitor).to_have_url(re.compile(r"/login\?next=%2Fnotifications%2Fsettings$"))

    # The owner's settings page agrees.
    page.reload()
    settle(page)
    expect(switch(page, "체험단 이메일")).not_to_be_checked()
    expect(switch(page, "체험단 푸시")).to_be_checked()
