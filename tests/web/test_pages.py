"""Every page at phone (375 px) and desktop (1280 px) width: it renders without horizontal
scrolling, the CSP refuses nothing, axe-core finds no serious or critical violation, and a
screenshot is kept in web/test-results/."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, expect
from pytest_playwright.pytest_playwright import CreateContextCallback

from tests.web.conftest import (
    RESULTS,
    WIDTHS,
    axe_violations,
    describe,
    log_in,
    settle,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# name -> (path, needs a signed-in user)
PAGES = {
    "landing": ("/", False),
    "login": ("/login", False),
    "signup": ("/signup", False),
    "password-reset": ("/password-reset", False),
    "account": ("/account", True),
    "not-found": ("/no-such-page", False),
}


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def screen(request: pytest.FixtureRequest, new_context: CreateContextCallback) -> BrowserContext:
    """A browser context with a phone's or a desktop's viewport."""
    width, height = WIDTHS[request.param]
    return new_context(viewport={"width": width, "height": height})


@pytest.mark.parametrize("name", list(PAGES))
def test_page(name: str, screen: BrowserContext) -> None:
    path, signed_in = PAGES[name]
    page = screen.new_page()
    console: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        if message.type == "error":
            console.append(message.text)

    page.on("console", collect)
    if signed_in:
        log_in(page)
    page.goto(path)
    settle(page)
    expect(page.locator("h1")).to_have_count(1)

    width = page.viewport_size["width"] if page.viewport_size else 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"{name}-{width}.png"), full_page=True)

    # Fits the screen: nothing wider than the viewport.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Nothing the CSP blocked (an inline script or style, another origin).
    assert not [m for m in console if "Content Security Policy" in m], console
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_language_switch_is_remembered(screen: BrowserContext) -> None:
    page = screen.new_page()
    page.goto("/login")
    settle(page)
    expect(page.locator("h1")).to_have_text("로그인")
    if page.viewport_size and page.viewport_size["width"] < 768:
        page.get_by_role("button", name="메뉴 열기").click()
    page.get_by_text("English", exact=True).locator("visible=true").first.click()
    expect(page.locator("h1")).to_have_text("Log in")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.reload()
    expect(page.locator("h1")).to_have_text("Log in")
