"""The notifications inbox in the browser, as one new owner's story with a second member
beside it: the owner's inbox starts empty (the bell without a count); the owner writes a
post (through the API) and the second member comments on it (through the API); the platform's
worker turns that into a notification, which reaches the owner's open page through the live
stream: the bell says "알림 1개 읽지 않음" without a reload. The inbox lists it (marked
unread, "방금 전"); opening it marks it read (the badge goes) and shows the post. Two more
comments arrive live on the open inbox; the category filter and the 읽지 않음 view narrow the
list; "모두 읽음" reads them all, and 숨기기 hides one for good. Each view at 375 and 1280 px:
a screenshot, no horizontal scroll (the header too), axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    WIDTHS,
    Account,
    Member,
    api_sign_up,
    api_token,
    check_layout,
    desktop_page,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

POST_TITLE = "산책 후 발 닦는 방법 공유해요"
FIRST_COMMENT = "저도 이렇게 해 볼게요! 좋은 정보 감사합니다."
# The event goes through the outbox, the worker and the notifications service: give it time.
ARRIVES_WITHIN = 30_000  # ms


def call(base_url: str, headers: dict[str, str], method: str, path: str, **kwargs: Any) -> Any:
    answer = httpx.request(method, f"{base_url}{path}", headers=headers, timeout=10, **kwargs)
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.content else None


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("notifications", "알림왕")


@pytest.fixture(scope="module")
def page(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, owner: Member
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        yield page


@pytest.fixture(scope="module")
def friend(platform: DevStack, base_url: str, page: Page) -> Account:
    """The second member (after the owner: the page fixture signs up first)."""
    return api_sign_up(base_url, platform, Member.new("notifications-friend", "댓글러"))


@pytest.fixture(scope="module")
def state() -> dict[str, str]:
    """What the story learns on the way (the post's id)."""
    return {}


def bell(page: Page) -> Locator:
    return page.get_by_role("banner").get_by_test_id("notification-bell")


def items(page: Page) -> Locator:
    return page.get_by_test_id("notification")


def comment_title(friend: Account) -> str:
    # services/petful/notifications/catalogue.py, POST_COMMENTED.
    return f"{friend.member.nickname}님이 회원님의 글에 댓글을 남겼어요"


def stream_open(page: Page) -> None:
    """The live stream is connected (it opens once the page has finished loading)."""
    expect(bell(page)).to_have_attribute("data-stream", "open", timeout=ARRIVES_WITHIN)


def header_fits(page: Page) -> None:
    """At each width the header's contents fit it, the bell on screen."""
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        header = page.get_by_role("banner")
        expect(bell(page)).to_be_visible()
        assert header.evaluate("h => h.scrollWidth <= h.clientWidth"), width
        box = bell(page).bounding_box()
        assert box is not None, width
        assert box["x"] + box["width"] <= width, (width, box)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_the_inbox_starts_empty(page: Page) -> None:
    expect(bell(page)).to_have_accessible_name("알림")
    header_fits(page)
    bell(page).click()
    expect(page).to_have_url(re.compile(r"/notifications$"))
    expect(page.locator("h1")).to_have_text("알림")
    settle(page)
    expect(page.get_by_text("아직 알림이 없어요")).to_be_visible()
    expect(page.get_by_role("button", name="모두 읽음")).to_be_disabled()
    check_layout(page, "notifications-empty")


def test_a_comment_arrives_live(
    page: Page, owner: Member, friend: Account, base_url: str, state: dict[str, str]
) -> None:
    token = api_token(base_url, owner.email, owner.password)
    post = call(
        base_url,
        {"Authorization": f"Bearer {token}"},
        "POST",
        "/api/v1/community/posts",
        json={
            "board": "INFORMATION",
            "title": POST_TITLE,
            "body": "물티슈보다 미지근한 물로 닦고 잘 말려 주세요.",
            "image_media_ids": [],
            "pet_ids": [],
        },
    )
    state["post_id"] = post["id"]
    page.goto("/")
    settle(page)
    stream_open(page)
    # A reload would forget this: the count must come without one.
    page.evaluate("window.__sameDocument = true")
    call(
        base_url,
        friend.headers,
        "POST",
        f"/api/v1/community/posts/{post['id']}/comments",
        json={"body": FIRST_COMMENT},
    )
    expect(bell(page)).to_have_accessible_name("알림 1개 읽지 않음", timeout=ARRIVES_WITHIN)
    expect(page.get_by_test_id("notification-badge")).to_have_text("1")
    assert page.evaluate("window.__sameDocument === true")
    header_fits(page)

    bell(page).click()
    expect(page.locator("h1")).to_have_text("알림")
    settle(page)
    expect(items(page)).to_have_count(1)
    item = items(page).first
    expect(item).to_have_attribute("data-unread", "true")
    expect(item).to_contain_text(comment_title(friend))
    expect(item).to_contain_text(f"{POST_TITLE}: {FIRST_COMMENT}")
    expect(item.get_by_text("방금 전")).to_be_visible()
    expect(page.get_by_role("button", name="모두 읽음")).to_be_enabled()
    check_layout(page, "notifications-unread")


def test_opening_one_marks_it_read(page: Page, friend: Account, state: dict[str, str]) -> None:
    items(page).first.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/community/posts/{state['post_id']}$"))
    expect(page.locator("h1")).to_have_text(POST_TITLE)
    expect(bell(page)).to_have_accessible_name("알림")
    expect(page.get_by_test_id("notification-badge")).to_have_count(0)

    bell(page).click()
    settle(page)
    expect(items(page)).to_have_count(1)
    expect(items(page).first).to_have_attribute("data-unread", "false")
    # Read stays read: the platform agrees after a reload.
    page.reload()
    settle(page)
    expect(items(page).first).to_have_attribute("data-unread", "false")
    expect(bell(page)).to_have_accessible_name("알림")
    check_layout(page, "notifications-read")


def test_read_all_filters_and_hide(
    page: Page, friend: Account, base_url: str, state: dict[str, str]
) -> None:
    stream_open(page)
    for body in ("두 번째 댓글이에요.", "세 번째 댓글이에요."):
        call(
            base_url,
            friend.headers,
            "POST",
            f"/api/v1/community/posts/{state['post_id']}/comments",
            json={"body": body},
        )
    # Both arrive on the open inbox, newest first, without a reload.
    expect(bell(page)).to_have_accessible_name("알림 2개 읽지 않음", timeout=ARRIVES_WITHIN)
    expect(items(page)).to_have_count(3)
    expect(items(page).first).to_contain_text("세 번째 댓글이에요.")
    expect(page.locator("[data-testid=notification][data-unread=true]")).to_have_count(2)

    # 읽지 않음: only the two new ones; a category without any: empty.
    page.get_by_role("radiogroup", name="보기").get_by_text("읽지 않음").click()
    expect(page).to_have_url(re.compile(r"/notifications\?filter=unread$"))
    expect(items(page)).to_have_count(2)
    page.get_by_label("분류", exact=True).select_option(label="계정")
    expect(page).to_have_url(re.compile(r"/notifications\?filter=unread&category=ACCOUNT$"))
    expect(page.get_by_text("읽지 않은 알림이 없어요")).to_be_visible()
    page.get_by_label("분류", exact=True).select_option(label="커뮤니티")
    expect(items(page)).to_have_count(2)
    check_layout(page, "notifications-filtered")

    page.get_by_role("button", name="모두 읽음").click()
    expect(page.get_by_text("알림 2개를 읽음으로 표시했어요.")).to_be_visible()
    expect(bell(page)).to_have_accessible_name("알림")
    expect(page.get_by_text("읽지 않은 알림이 없어요")).to_be_visible()
    expect(page.get_by_role("button", name="모두 읽음")).to_be_disabled()

    page.get_by_role("radiogroup", name="보기").get_by_text("전체").click()
    page.get_by_label("분류", exact=True).select_option(label="모든 분류")
    expect(page).to_have_url(re.compile(r"/notifications$"))
    expect(items(page)).to_have_count(3)
    expect(page.locator("[data-testid=notification][data-unread=true]")).to_have_count(0)

    # Hide the newest: gone, and still gone after a reload.
    newest = items(page).filter(has_text="세 번째 댓글이에요.")
    newest.get_by_role("button", name="숨기기").click()
    expect(page.get_by_text("알림을 숨겼어요.")).to_be_visible()
    expect(items(page)).to_have_count(2)
    expect(items(page).filter(has_text="세 번째 댓글이에요.")).to_have_count(0)
    page.reload()
    settle(page)
    expect(items(page)).to_have_count(2)
    expect(items(page).first).to_contain_text("두 번째 댓글이에요.")
    check_layout(page, "notifications-all-read")
