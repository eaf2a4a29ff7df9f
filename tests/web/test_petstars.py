"""The PetStar directory (/petstars) and public profile (/petstars/:id) in a real browser:
filters and sorts live in the address (the back button undoes them, a link reproduces them),
the profile shows the figures, portfolio and history, and both pages pass the page checks
at phone and desktop width.

The demo seed lists two PetStars (services/petful/pets/demo.py with sns/demo.py's sandbox
figures): 보리 (dog, 12,840 followers, 150,000원) and 나비 (cat, 24,100, 200,000원). Other
tests of this package may approve more, so the assertions look at these two only.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from tests.web.conftest import RESULTS, WIDTHS, axe_violations, describe, field, log_in, settle

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

FIRST_LOAD = 20_000  # ms: the first page load on a busy shared machine
CARD_NAMES = "section[aria-labelledby=petstar-results] li h3"


@pytest.fixture(scope="module")
def star_ids(base_url: str) -> dict[str, str]:
    """The demo PetStars' pet ids by name, from the public API."""
    body = httpx.get(f"{base_url}/api/v1/petstars", params={"page_size": 100}, timeout=20).json()
    ids = {card["pet"]["name"]: card["pet"]["id"] for card in body["items"]}
    assert {"보리", "나비"} <= ids.keys(), ids
    return ids


@pytest.fixture(scope="module")
def desktop(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[Page]:
    """One desktop page for the module's interaction tests (client-side navigation)."""
    context = browser.new_context(**browser_context_args, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(FIRST_LOAD)
    yield page
    context.close()


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def screen(request: pytest.FixtureRequest, new_context: CreateContextCallback) -> BrowserContext:
    width, height = WIDTHS[request.param]
    return new_context(viewport={"width": width, "height": height})


def phone(new_context: CreateContextCallback) -> Page:
    width, height = WIDTHS["phone"]
    page = new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(FIRST_LOAD)
    return page


def listed_before(page: Page, first: str, second: str) -> None:
    """Wait until `first`'s card comes before `second`'s: a changed sort asks again, and the
    old order may stand until the answer comes."""
    settle(page)
    page.wait_for_function(
        """([selector, first, second]) => {
            const shown = [...document.querySelectorAll(selector)].map((h) => h.textContent);
            const a = shown.indexOf(first), b = shown.indexOf(second);
            return a >= 0 && b >= 0 && a < b;
        }""",
        arg=[CARD_NAMES, first, second],
    )


def card(page: Page, name: str) -> Locator:
    return page.locator(CARD_NAMES).filter(has_text=re.compile(rf"^{name}$"))


def check_page(page: Page, name: str) -> None:
    """One h1, no horizontal scroll, axe clean (serious/critical), a screenshot."""
    settle(page)
    expect(page.locator("h1")).to_have_count(1)
    width = page.viewport_size["width"] if page.viewport_size else 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(page)
    assert not violations, describe(violations)


def wait_for_similar(base_url: str, pet_id: str, within: float = 90) -> None:
    """The matching index embeds the demo PetStars after the platform starts (a background
    backfill); until then /similar is 404."""
    url = f"{base_url}/api/v1/petstars/{pet_id}/similar"
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        response = httpx.get(url, timeout=10)
        if response.status_code == 200 and response.json()["items"]:
            return
        time.sleep(0.5)
    raise AssertionError(f"no similar PetStars for {pet_id} within {within} s")


def test_filters_and_sorts_change_the_address_and_the_list(
    desktop: Page, star_ids: dict[str, str]
) -> None:
    page = desktop
    page.goto("/petstars")
    expect(page.locator("h1")).to_have_text("펫스타", timeout=FIRST_LOAD)
    expect(card(page, "보리")).to_be_visible(timeout=FIRST_LOAD)
    expect(card(page, "나비")).to_be_visible()

    # Sorts: applied when picked.
    field(page, "정렬").select_option("followers")
    expect(page).to_have_url(re.compile(r"/petstars\?sort=followers$"))
    listed_before(page, "나비", "보리")  # 24,100 followers before 12,840
    field(page, "정렬").select_option("price_asc")
    expect(page).to_have_url(re.compile(r"sort=price_asc"))
    listed_before(page, "보리", "나비")  # 150,000원 before 200,000원

    # Species: applied with the panel's button; the sort stays.
    page.get_by_role("checkbox", name="강아지").check()
    page.get_by_role("button", name="적용").click()
    expect(page).to_have_url(re.compile(r"species=DOG&sort=price_asc$"))
    expect(card(page, "보리")).to_be_visible()
    expect(card(page, "나비")).to_have_count(0)
    # The keyboard stays where it was (the form is updated, not rebuilt).
    expect(page.get_by_role("button", name="적용")).to_be_focused()

    # The back button undoes it.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/petstars\?sort=price_asc$"))
    expect(card(page, "나비")).to_be_visible()
    expect(page.get_by_role("checkbox", name="강아지")).not_to_be_checked()

    # Keyword (breed, here).
    field(page, "검색어").fill("러시안")
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=%EB%9F%AC%EC%8B%9C%EC%95%88"))
    expect(card(page, "나비")).to_be_visible()
    expect(card(page, "보리")).to_have_count(0)
    field(page, "검색어").fill("")
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page).to_have_url(re.compile(r"/petstars\?sort=price_asc$"))
    # (The address changes before React renders it: wait for the list before the next step.)
    expect(card(page, "보리")).to_be_visible()

    # Price and followers ranges.
    field(page, "최대 단가(원)").fill("150000")
    page.get_by_role("button", name="적용").click()
    expect(page).to_have_url(re.compile(r"max_price_krw=150000"))
    expect(card(page, "보리")).to_be_visible()
    expect(card(page, "나비")).to_have_count(0)
    page.get_by_role("button", name="필터 초기화").click()
    expect(page).to_have_url(re.compile(r"/petstars\?sort=price_asc$"))
    expect(field(page, "최대 단가(원)")).to_have_value("")

    field(page, "최소 팔로워").fill("20000")
    page.get_by_role("button", name="적용").click()
    expect(page).to_have_url(re.compile(r"min_followers=20000"))
    expect(card(page, "나비")).to_be_visible()
    expect(card(page, "보리")).to_have_count(0)

    # An inverted range is refused beside its field; the address does not change.
    before = page.url
    field(page, "최대 팔로워").fill("1000")
    page.get_by_role("button", name="적용").click()
    expect(page.get_by_text("최솟값보다 크거나 같아야 합니다.")).to_be_visible()
    expect(field(page, "최대 팔로워")).to_have_attribute("aria-invalid", "true")
    assert page.url == before


def test_a_deep_link_with_filters_shows_them(desktop: Page, star_ids: dict[str, str]) -> None:
    page = desktop
    page.goto("/petstars?species=CAT&min_followers=20000&sort=followers")
    expect(card(page, "나비")).to_be_visible(timeout=FIRST_LOAD)
    expect(card(page, "보리")).to_have_count(0)
    expect(page.get_by_role("checkbox", name="고양이")).to_be_checked()
    expect(page.get_by_role("checkbox", name="강아지")).not_to_be_checked()
    expect(field(page, "최소 팔로워")).to_have_value("20,000")
    expect(field(page, "정렬")).to_have_value("followers")

    # Nothing matches: say so, and offer to clear everything.
    page.goto("/petstars?q=없는펫스타이름")
    results = page.locator("section[aria-labelledby=petstar-results]")
    expect(results.get_by_role("status")).to_have_text(
        "조건에 맞는 펫스타가 없습니다.", timeout=FIRST_LOAD
    )
    page.get_by_role("button", name="모든 조건 지우기").click()
    expect(page).to_have_url(re.compile(r"/petstars$"))
    expect(card(page, "보리")).to_be_visible()


def test_more_loads_the_next_page(desktop: Page, star_ids: dict[str, str]) -> None:
    page = desktop

    # The real API, one card a page (the page asks for 12; the demo has two PetStars).
    def one_per_page(route: Route) -> None:
        route.continue_(url=re.sub(r"page_size=\d+", "page_size=1", route.request.url))

    page.route(re.compile(r"/api/v1/petstars\?"), one_per_page)
    try:
        page.goto("/petstars?sort=followers")
        expect(page.locator(CARD_NAMES)).to_have_count(1, timeout=FIRST_LOAD)
        results = page.locator("section[aria-labelledby=petstar-results]")
        expect(results.get_by_role("status")).to_have_text("펫스타 1명 (더 있음)")
        more = page.get_by_role("button", name="더 보기")
        shown = 1
        while more.is_visible():
            more.click()
            shown += 1
            expect(page.locator(CARD_NAMES)).to_have_count(shown)
            # Focus moves to the first new card, not left on the button.
            expect(results.get_by_role("link").nth(shown - 1)).to_be_focused()
        all_names = page.locator(CARD_NAMES).all_text_contents()
        assert len(all_names) == len(set(all_names)), all_names  # no card twice
        assert all_names.index("나비") < all_names.index("보리"), all_names
        expect(results.get_by_role("status")).to_have_text(f"펫스타 {shown}명")
    finally:
        page.unroute(re.compile(r"/api/v1/petstars\?"))


def test_profile_shows_figures_portfolio_and_similar(
    desktop: Page, star_ids: dict[str, str], base_url: str
) -> None:
    page = desktop
    wait_for_similar(base_url, star_ids["보리"])
    page.goto("/petstars?species=DOG")
    page.get_by_role("link", name=re.compile("보리")).click()
    expect(page).to_have_url(re.compile(rf"/petstars/{star_ids['보리']}$"))
    expect(page.locator("h1")).to_have_text("보리", timeout=FIRST_LOAD)
    expect(page).to_have_title(re.compile("보리"))

    figures = page.get_by_role("region", name="인스타그램 지표")
    expect(figures).to_contain_text("12,840")
    expect(figures).to_contain_text("150,000원")
    expect(figures).to_contain_text("@bori_maltese")
    expect(page.get_by_text("말티즈 (Maltese)")).to_be_visible()

    history = page.get_by_role("region", name="활동 이력")
    expect(history.get_by_role("heading", name="펫푸드 체험단")).to_be_visible()
    expect(history.get_by_role("img", name="펫푸드 체험단 사진 1")).to_be_visible()

    similar = page.get_by_role("region", name="비슷한 펫스타")
    expect(similar.get_by_role("link", name=re.compile("나비"))).to_be_visible()

    # Back to the list keeps the filters it came from.
    page.get_by_role("link", name="펫스타 목록으로").click()
    expect(page).to_have_url(re.compile(r"/petstars\?species=DOG$"))
    page.go_back()
    expect(page.locator("h1")).to_have_text("보리")

    # A similar PetStar's card leads to its profile.
    similar.get_by_role("link", name=re.compile("나비")).click()
    expect(page).to_have_url(re.compile(rf"/petstars/{star_ids['나비']}$"))
    expect(page.locator("h1")).to_have_text("나비")


def test_an_unknown_petstar_is_not_found(desktop: Page) -> None:
    page = desktop
    page.goto("/petstars/00000000-0000-4000-8000-000000000000")
    expect(page.locator("h1")).to_have_text("펫스타를 찾을 수 없습니다", timeout=FIRST_LOAD)
    page.get_by_role("link", name="펫스타 목록으로").click()
    expect(page).to_have_url(re.compile(r"/petstars$"))


def test_phone_filters_open_in_a_drawer(new_context: CreateContextCallback) -> None:
    page = phone(new_context)
    page.goto("/petstars")
    expect(card(page, "보리")).to_be_visible(timeout=FIRST_LOAD)
    # No side panel on a phone: its controls are in the drawer only.
    expect(page.get_by_role("checkbox", name="강아지")).to_have_count(0)
    page.get_by_role("button", name="필터", exact=True).click()
    drawer = page.get_by_role("dialog", name="필터")
    drawer.get_by_role("checkbox", name="고양이").check()
    drawer.get_by_role("button", name="적용").click()
    expect(drawer).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/petstars\?species=CAT$"))
    expect(card(page, "나비")).to_be_visible()
    expect(card(page, "보리")).to_have_count(0)
    expect(page.get_by_role("button", name="필터 (1)")).to_be_focused()  # back where it was


def test_signed_in_people_see_the_directory_too(new_context: CreateContextCallback) -> None:
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    log_in(page)
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="펫스타").click()
    expect(page).to_have_url(re.compile(r"/petstars$"))
    expect(card(page, "보리")).to_be_visible(timeout=FIRST_LOAD)
    card(page, "보리").click()
    expect(page.locator("h1")).to_have_text("보리")


@pytest.mark.parametrize("name", ["directory", "profile"])
def test_page_checks(name: str, screen: BrowserContext, star_ids: dict[str, str]) -> None:
    page = screen.new_page()
    page.set_default_timeout(FIRST_LOAD)
    if name == "directory":
        page.goto("/petstars")
        expect(card(page, "보리")).to_be_visible(timeout=FIRST_LOAD)
    else:
        page.goto(f"/petstars/{star_ids['보리']}")
        expect(page.get_by_role("heading", name="활동 이력")).to_be_visible(timeout=FIRST_LOAD)
    check_page(page, f"petstars-{name}")


def test_phone_filter_drawer_checks(new_context: CreateContextCallback) -> None:
    page = phone(new_context)
    page.goto("/petstars?species=DOG&max_price_krw=150000")
    expect(card(page, "보리")).to_be_visible(timeout=FIRST_LOAD)
    page.get_by_role("button", name="필터 (2)").click()
    drawer = page.get_by_role("dialog", name="필터")
    expect(drawer.get_by_role("checkbox", name="강아지")).to_be_checked()
    expect(drawer.get_by_role("button", name="적용")).to_be_in_viewport(ratio=1)  # slid in
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / "petstars-filters-375.png"))
    violations = axe_violations(page)
    assert not violations, describe(violations)
