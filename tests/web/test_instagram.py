"""The Instagram pages in a real browser: a new owner links a sandbox account through
Facebook Login (the login dialog is the sandbox's, on its own origin: cancelled once, then
continued as a Facebook user with two Instagram accounts, of which the app asks which),
connects it to a pet, syncs, reads the analytics dashboard, sets up comment moderation and
sees it act, reconnects the account through the dialog after Instagram refused its token,
and unlinks it. Every page at 375 and 1280 px (the sandbox's dialog too): a screenshot, no
horizontal scroll, axe-core clean.

One sign-up for the module (one browser page, client-side navigation between steps). The
tests run in order; each one after the first finds the account linked, linking it through
the API when run alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    FIRST_LOAD,
    Member,
    api_token,
    check_layout,
    desktop_page,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# A sandbox Facebook user whose pages have two Instagram accounts (coco_poodle and
# mandu_bichon): linking asks which one. Nobody is seeded with these.
FAMILY = "petful_family"
HANDLE = "mandu_bichon"


@dataclass
class Owner:
    page: Page
    email: str
    api: httpx.Client  # the same person through the API (a session of its own)


def sandbox(platform: DevStack) -> httpx.Client:
    return httpx.Client(
        base_url=f"http://127.0.0.1:{platform.ports['instagram_sandbox']}", timeout=10
    )


def sandbox_ig_user_id(platform: DevStack, handle: str) -> str:
    """The Instagram account id of `handle` among the family's pages (for linking through
    the API, as an API client with its own Facebook login does)."""
    with sandbox(platform) as client:
        pages = client.get(
            "/v23.0/me/accounts",
            params={
                "fields": "instagram_business_account{id,username}",
                "access_token": f"sandbox-{FAMILY}",
            },
        ).json()["data"]
    (ig_id,) = [
        p["instagram_business_account"]["id"]
        for p in pages
        if p.get("instagram_business_account", {}).get("username") == handle
    ]
    return str(ig_id)


@pytest.fixture(scope="module")
def owner(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, base_url: str
) -> Iterator[Owner]:
    """A pet owner who just signed up with the emailed code, signed in in one page."""
    member = Member.new("instagram", "만두맘")
    with desktop_page(browser, browser_context_args) as page:
        page.set_default_timeout(10_000)
        sign_up(page, platform, member)
        api = httpx.Client(base_url=base_url, timeout=30)
        api.headers["Authorization"] = (
            f"Bearer {api_token(base_url, member.email, member.password)}"
        )
        try:
            yield Owner(page, member.email, api)
        finally:
            api.close()


@pytest.fixture(scope="module")
def account_id(owner: Owner, platform: DevStack) -> str:
    """The owner's linked sandbox account (linked through the API when no test linked it)."""
    items = owner.api.get("/api/v1/sns/accounts").json()["items"]
    if not items:
        linked = owner.api.post(
            "/api/v1/sns/accounts",
            json={
                "access_token": f"sandbox-{FAMILY}",
                "ig_user_id": sandbox_ig_user_id(platform, HANDLE),
            },
        )
        linked.raise_for_status()
        items = [linked.json()]
    return str(items[0]["id"])


def go_to_my_instagram(page: Page) -> None:
    """Through the menu, like a person (client-side navigation)."""
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="인스타그램").click()
    expect(page.locator("h1")).to_have_text("내 인스타그램", timeout=FIRST_LOAD)
    settle(page)


def facebook_dialog(page: Page, platform: DevStack) -> None:
    """The browser is at Facebook's login dialog: the sandbox's, on its own origin."""
    dialog = rf"^http://127\.0\.0\.1:{platform.ports['instagram_sandbox']}/v[0-9.]+/dialog/oauth\?"
    expect(page).to_have_url(re.compile(dialog), timeout=FIRST_LOAD)
    expect(page.locator("h1")).to_have_text("Facebook으로 로그인")


def card(page: Page, handle: str = HANDLE) -> Locator:
    return page.get_by_role("article", name=f"@{handle}")


def notice(page: Page, text: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=text).first).to_be_visible()


def test_link_an_account_through_facebook_login(owner: Owner, platform: DevStack) -> None:
    page = owner.page
    go_to_my_instagram(page)
    expect(page.get_by_text("아직 연결한 인스타그램 계정이 없습니다")).to_be_visible()
    check_layout(page, "instagram-empty")

    # Changing one's mind in Facebook's dialog: back in the app, nothing is linked.
    page.get_by_role("button", name="인스타그램으로 연결하기").click()
    facebook_dialog(page, platform)
    check_layout(page, "instagram-facebook-dialog")
    page.get_by_role("button", name="취소").click()
    expect(page.get_by_role("alert").filter(has_text="연결을 취소했습니다")).to_be_visible(
        timeout=FIRST_LOAD
    )
    check_layout(page, "instagram-link-cancelled")
    page.get_by_role("link", name="돌아가기").click()
    expect(page.locator("h1")).to_have_text("내 인스타그램")
    expect(page.get_by_text("아직 연결한 인스타그램 계정이 없습니다")).to_be_visible()

    # The family's Facebook user has two Instagram accounts: the app asks which one.
    page.get_by_role("button", name="인스타그램으로 연결하기").click()
    facebook_dialog(page, platform)
    with page.expect_request(
        lambda r: "/instagram/callback?" in r.url and r.resource_type == "document"
    ) as came_back:
        page.get_by_role("button", name=f"{FAMILY} 계정으로 계속").click()
    choices = page.get_by_role("radiogroup", name="연결할 인스타그램 계정")
    expect(choices).to_be_visible(timeout=FIRST_LOAD)
    # The code Facebook sent left the address at once.
    expect(page).to_have_url(re.compile(r"/instagram/callback$"))
    expect(choices.get_by_role("radio")).to_have_count(2)
    expect(choices.get_by_role("radio", name="@coco_poodle")).to_be_visible()
    check_layout(page, "instagram-choose-account")
    choices.get_by_role("radio", name=f"@{HANDLE}").check()
    page.get_by_role("button", name="이 계정 연결하기").click()
    # The first sync runs before the answer; then the accounts page.
    expect(page.locator("h1")).to_have_text("내 인스타그램", timeout=FIRST_LOAD)
    notice(page, f"@{HANDLE} 계정을 연결했습니다.")
    linked = card(page)
    expect(linked.get_by_text("연결됨", exact=True)).to_be_visible()
    expect(linked.get_by_text(re.compile(r"^마지막 동기화: "))).to_be_visible()
    # No pet yet: the card says where to add one.
    expect(linked.get_by_role("link", name="반려동물 등록하기")).to_have_attribute("href", "/pets")
    check_layout(page, "instagram-linked")

    # The address Facebook sent the browser back to, once more (the history, a reload):
    # its state was used, so the page says so and offers the way back.
    page.goto(came_back.value.url)
    expect(page.get_by_role("alert").filter(has_text="이미 사용되었습니다")).to_be_visible(
        timeout=FIRST_LOAD
    )
    page.get_by_role("link", name="돌아가기").click()
    expect(page.locator("h1")).to_have_text("내 인스타그램")
    expect(card(page)).to_have_count(1)


def test_connect_to_a_pet_and_sync(owner: Owner, account_id: str) -> None:
    page = owner.page
    pet = owner.api.post("/api/v1/pets", json={"name": "만두", "species": "DOG"})
    pet.raise_for_status()
    page.reload()  # a pet added elsewhere: the list picks it up on load
    settle(page)

    linked = card(page)
    pet_choice = linked.get_by_role("combobox", name="연결된 반려동물")
    pet_choice.click()
    page.get_by_role("option", name="만두").click()
    notice(page, "만두에게 계정을 연결했습니다.")
    expect(pet_choice).to_have_value("만두")
    stored = owner.api.get(f"/api/v1/pets/{pet.json()['id']}").json()
    assert stored["instagram_account_id"] == account_id
    assert stored["instagram_username"] == HANDLE

    synced_at = linked.locator("time")
    before = synced_at.get_attribute("datetime")
    assert before
    linked.get_by_role("button", name="지금 동기화").click()
    notice(page, f"@{HANDLE} 계정을 동기화했습니다.")
    expect(synced_at).not_to_have_attribute("datetime", before)
    after = owner.api.get(f"/api/v1/sns/accounts/{account_id}").json()["last_synced_at"]
    assert datetime.fromisoformat(after) > datetime.fromisoformat(before)


def test_dashboard_draws_the_charts(owner: Owner, account_id: str) -> None:
    page = owner.page
    go_to_my_instagram(page)
    card(page).get_by_role("link", name="분석 보기").click()
    expect(page.locator("h1")).to_have_text(f"@{HANDLE} 분석", timeout=FIRST_LOAD)
    settle(page)

    for chart in ("월별 반응", "도달", "댓글 감정"):
        region = page.get_by_role("region", name=chart, exact=True)
        expect(region.locator("svg.recharts-surface").first).to_be_visible()
        # The same figures for screen readers.
        expect(region.locator("table tbody tr").first).to_be_attached()
    # A fresh link holds one month of followers: the chart says when it will show.
    followers = page.get_by_role("region", name="팔로워 추이", exact=True)
    expect(followers.get_by_text("두 달 이상 쌓이면")).to_be_visible()
    best = page.get_by_role("region", name="인기 게시물", exact=True).get_by_role("link")
    expect(best).to_have_count(3)
    for link in best.all():
        assert re.match(r"^https://www\.instagram\.com/(p|reel)/", link.get_attribute("href") or "")
        assert link.get_attribute("target") == "_blank"
    check_layout(page, "instagram-analytics")


def test_moderation_settings_act_on_new_comments(
    owner: Owner, account_id: str, platform: DevStack
) -> None:
    page = owner.page
    page.goto(f"/instagram/{account_id}")
    settle(page)
    page.get_by_role("navigation", name="계정 메뉴").get_by_role("link", name="댓글 관리").click()
    expect(page.locator("h1")).to_have_text(f"@{HANDLE} 댓글 관리", timeout=FIRST_LOAD)
    settle(page)
    log = page.get_by_role("region", name="관리 기록", exact=True)
    expect(log.get_by_text("아직 처리한 댓글이 없습니다.")).to_be_visible()

    # Auto-moderation on, hiding comments with "바보".
    auto = page.get_by_role("switch", name="자동 관리")
    auto.click()
    expect(auto).to_be_checked()
    words = page.get_by_role("combobox", name="금지어")
    words.fill("바보")
    words.press("Enter")
    page.get_by_role("button", name="저장").click()
    notice(page, "댓글 관리 설정을 저장했습니다.")

    # Someone comments with the banned word on a new post; the next sync hides it.
    with sandbox(platform) as client:
        post = client.post("/__sandbox__/media", json={"handle": HANDLE, "caption": "산책 🐾"})
        post.raise_for_status()
        client.post(
            "/__sandbox__/comments",
            json={"media_id": post.json()["id"], "text": "바보 같은 사진", "username": "troll_kr"},
        ).raise_for_status()
    page.get_by_role("button", name="지금 동기화").click()
    notice(page, f"@{HANDLE} 계정을 동기화했습니다.")
    entry = log.get_by_role("listitem").filter(has_text="금지어 “바보”")
    expect(entry).to_contain_text("숨김")
    expect(entry).to_contain_text("자동")

    # The owner shows it again by hand: the log says so too.
    comments = page.get_by_role("region", name="댓글", exact=True)
    comments.get_by_role("button", name="@troll_kr의 댓글 다시 보이기").click()
    notice(page, "@troll_kr의 댓글을 다시 보이게 했습니다.")
    expect(log.get_by_role("listitem").filter(has_text="직접 처리")).to_contain_text("숨김 해제")
    check_layout(page, "instagram-moderation")

    # The settings were stored.
    page.reload()
    settle(page)
    expect(page.get_by_role("switch", name="자동 관리")).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile("^숨기기"))).to_be_checked()
    settings = page.get_by_role("region", name="자동 관리 설정", exact=True)
    expect(settings.get_by_text("바보", exact=True)).to_be_visible()


def test_reconnect_after_instagram_refuses_the_token(
    owner: Owner, account_id: str, platform: DevStack
) -> None:
    page = owner.page
    with sandbox(platform) as client:
        client.post("/__sandbox__/faults", json={"revoke": [FAMILY]}).raise_for_status()
    try:
        go_to_my_instagram(page)
        linked = card(page)
        linked.get_by_role("button", name="지금 동기화").click()
        notice(page, f"인스타그램이 연결을 거부했습니다. @{HANDLE} 계정을 다시 연결해 주세요.")
        expect(linked.get_by_text("다시 연결 필요", exact=True)).to_be_visible()
        expect(linked.get_by_role("button", name="지금 동기화")).to_be_disabled()
        check_layout(page, "instagram-needs-reauth")
    finally:
        with sandbox(platform) as client:
            client.post("/__sandbox__/faults", json={"restore": [FAMILY]}).raise_for_status()

    # A new Facebook login gives a new token; the account to reconnect is already named,
    # so nothing is asked although the family has two.
    linked.get_by_role("button", name="다시 연결하기").click()
    facebook_dialog(page, platform)
    page.get_by_role("button", name=f"{FAMILY} 계정으로 계속").click()
    expect(page.locator("h1")).to_have_text("내 인스타그램", timeout=FIRST_LOAD)
    notice(page, f"@{HANDLE} 계정을 연결했습니다.")
    expect(linked.get_by_text("연결됨", exact=True)).to_be_visible()
    expect(linked.get_by_role("button", name="지금 동기화")).to_be_enabled()


def test_unlink(owner: Owner, account_id: str) -> None:
    page = owner.page
    go_to_my_instagram(page)
    card(page).get_by_role("button", name="연결 해제").click()
    dialog = page.get_by_role("dialog", name=f"@{HANDLE} 연결을 해제할까요?")
    dialog.get_by_role("button", name="연결 해제").click()
    notice(page, f"@{HANDLE} 계정의 연결을 해제했습니다.")
    expect(card(page)).to_have_count(0)
    expect(page.get_by_text("아직 연결한 인스타그램 계정이 없습니다")).to_be_visible()
    assert owner.api.get("/api/v1/sns/accounts").json()["items"] == []
