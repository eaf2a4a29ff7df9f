"""Browser tests: Playwright (pytest-playwright, sync API) drives Chromium against the whole
platform as `make run` starts it, once per session.

Chromium is Debian's /usr/bin/chromium when installed (.ci/run installs it; Playwright's own
browser download does not work here), else Playwright's (`playwright install chromium`).
Screenshots land in web/test-results/ (gitignored), one per page and width.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Self

import httpx
import pytest
from PIL import Image
from playwright.sync_api import (
    Browser,
    BrowserType,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from tests.support import DevStack, started_platform

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "web" / "test-results"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# Root in a container: no sandbox; and nothing that phones home or updates itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The demo accounts `petful up` seeds (its banner names them).
DEMO_OWNER = ("owner@petful.dev", "petful-demo")


@pytest.fixture(scope="session")
def built_web() -> Path:
    """The app as `make web` builds it (a no-op when nothing changed)."""
    subprocess.run(["make", "--no-print-directory", "web"], cwd=ROOT, check=True)
    return ROOT / "web" / "dist"


# Per module: each module's story (accounts, links, login throttles) starts from a fresh
# platform, so one module's state never decides another's outcome.
@pytest.fixture(scope="module")
def platform(
    built_web: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[DevStack]:
    """`petful up` (what `make run` starts) on free ports, serving the built app; a module's
    `PLATFORM_ENV` (settings by environment name) is added to its platform's environment."""
    env = {
        # Every page load refreshes the session at /api/v1/auth/, and every test browses
        # from one address: Envoy's per-address limits must not be what a page test
        # measures (tests/integration/test_limits.py measures them).
        "PETFUL_DEVSTACK_AUTH_REQUESTS_PER_MINUTE": "600",
        "PETFUL_DEVSTACK_WRITES_PER_MINUTE_PER_USER": "6000",
        "PETFUL_DEVSTACK_WRITES_PER_MINUTE_PER_ADDRESS": "6000",
        **getattr(request.module, "PLATFORM_ENV", {}),
    }
    with started_platform(tmp_path_factory.mktemp("platform") / "petful", env) as stack:
        yield stack


@pytest.fixture(scope="module")
def base_url(platform: DevStack) -> str:
    """Where pages go (`page.goto("/login")`): Envoy, like a visitor."""
    return f"http://127.0.0.1:{platform.ports['envoy']}"


# pytest-playwright's fixtures, per module instead of per session: while Playwright's sync
# API runs it marks an asyncio loop as running in this thread, and the asyncio tests that
# share the xdist worker need it gone. (Its page, context and options fixtures are as is.)
@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser_type(playwright: Playwright) -> BrowserType:
    return playwright.chromium


@pytest.fixture(scope="module")
def browser(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any]
) -> Iterator[Browser]:
    browser = browser_type.launch(**browser_type_launch_args)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if CHROMIUM.exists():
        args["executable_path"] = str(CHROMIUM)
    return args


@pytest.fixture(scope="module")
def browser_context_args(base_url: str) -> dict[str, Any]:
    """Every page in Korean, in Korea's time zone, addressed relative to the platform."""
    return {"base_url": base_url, "locale": "ko-KR", "timezone_id": "Asia/Seoul"}


def inbox_code(platform: DevStack, email: str, subject_word: str, within: float = 60) -> str:
    """The 6-digit code of the newest mail to `email` whose subject has `subject_word`."""
    url = f"http://127.0.0.1:{platform.ports['inbox']}/api/messages"
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for message in httpx.get(url, timeout=5).json():  # newest first
            if email in message["to"] and subject_word in message["subject"]:
                found = re.search(r"\b(\d{6})\b", message["subject"])
                assert found, message["subject"]
                return found.group(1)
        time.sleep(0.25)
    raise AssertionError(f"no mail to {email} within {within} s")


def field(page: Page | Locator, label: str) -> Locator:
    """The form field labelled exactly `label` in page (or a part of it; a required
    field's label ends in " *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


# Finite animations and transitions (a notice sliding in or out, a fade) are over; endless
# ones (a spinner) may run. axe-core measures colour contrast through opacity, so a check
# taken mid-fade reports text that is in fact readable.
TRANSITIONS_OVER = """() => document.getAnimations().every(
  (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity
)"""


def settle(page: Page) -> None:
    """The page has its title, no skeleton is loading any more and nothing is mid-fade."""
    page.locator("h1").first.wait_for()
    page.wait_for_load_state("networkidle")
    page.locator("[aria-busy=true]").first.wait_for(state="detached")
    page.wait_for_function(TRANSITIONS_OVER)


# A dialog fades in: axe-core measures colour contrast through its ancestors' opacity, so
# it is checked only once the dialog and everything around it is opaque and its own
# transitions are over (the page may run endless animations elsewhere, such as skeletons).
DIALOG_SHOWN = """() => {
  const dialog = document.querySelector('[role=dialog]');
  if (!dialog) return false;
  for (let node = dialog; node; node = node.parentElement) {
    if (getComputedStyle(node).opacity !== '1') return false;
  }
  return dialog.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
}"""


def dialog_shown(page: Page) -> None:
    """The open dialog has finished appearing."""
    page.wait_for_function(DIALOG_SHOWN)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    # Evaluated through the DevTools protocol: the page's CSP (rightly) refuses to run
    # injected <script> tags, and the app must not be weakened for a test.
    page.evaluate(AXE.read_text())
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, { resultTypes: ['violations'] })"
    )
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in violations
        ],
        ensure_ascii=False,
        indent=1,
    )


# The widths every page is checked at: a phone and a desktop.
WIDTHS = {"phone": (375, 812), "desktop": (1280, 800)}
FIRST_LOAD = 20_000  # ms: the machine is shared; the first page of a module may be slow


def check_layout(page: Page, name: str, *, dialog: bool = False) -> None:
    """The page as it is now, at each width: a screenshot `web/test-results/<name>-<width>.png`
    (of the screen only while a dialog is open), nothing wider than the screen, no serious or
    critical axe-core violation. Leaves the desktop width."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Toasts close by themselves at a time the page does not decide: one fading out while
    # axe-core measures would be read at half opacity. The check is of the page.
    expect(page.locator(".mantine-Notification-root")).to_have_count(0, timeout=FIRST_LOAD)
    for width, height in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        if dialog:
            dialog_shown(page)
        page.screenshot(path=str(RESULTS / f"{name}-{width}.png"), full_page=not dialog)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        violations = axe_violations(page)
        assert not violations, describe(violations)
    page.set_viewport_size({"width": 1280, "height": 800})


def log_in(page: Page, who: tuple[str, str] = DEMO_OWNER) -> None:
    """Sign in through the login page (the demo owner unless told otherwise)."""
    email, password = who
    page.goto("/login")
    field(page, "이메일").fill(email)
    field(page, "비밀번호").fill(password)
    page.get_by_role("button", name="로그인", exact=True).last.click()
    page.wait_for_url("**/")


def go(page: Page, link: str) -> None:
    """Client-side navigation through the main menu, like a person."""
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name=link).click()
    settle(page)


def png(
    width: int = 64,
    height: int = 64,
    *,
    colour: tuple[int, int, int] = (234, 88, 12),
    noise: bool = False,
) -> bytes:
    """A PNG picture; with noise it hardly compresses (about 3 bytes a pixel)."""
    if noise:
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), colour)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def api_token(base_url: str, email: str, password: str) -> str:
    """An access token for API calls a test makes beside the browser (as that account)."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        answer = client.post("/api/v1/auth/login", json={"email": email, "password": password})
        answer.raise_for_status()
        return str(answer.json()["access_token"])


@dataclass
class Member:
    """A new account a module signs up through the sign-up page."""

    email: str
    password: str
    nickname: str
    name: str = "한보호"

    @classmethod
    def new(cls, prefix: str, nickname: str) -> Self:
        """Unique per run: `<prefix>-<8 hex>@example.com`, the nickname with 6 of them."""
        suffix = uuid.uuid4().hex[:8]
        return cls(
            f"{prefix}-{suffix}@example.com", "petful-Member-2025", f"{nickname}{suffix[:6]}"
        )


@dataclass
class Account:
    """A member signed up through the API (beside the browser), with its id and headers."""

    member: Member
    id: str
    headers: dict[str, str]


def api_sign_up(base_url: str, platform: DevStack, member: Member, role: str = "USER") -> Account:
    """Sign up through the API (the emailed code from the dev inbox) and log in."""
    with httpx.Client(base_url=base_url, timeout=10) as client:
        started = client.post("/api/v1/auth/email-verifications", json={"email": member.email})
        assert started.status_code < 300, started.text
        code = inbox_code(platform, member.email, "이메일 인증")
        confirmed = client.post(
            "/api/v1/auth/email-verifications/confirm", json={"email": member.email, "code": code}
        )
        assert confirmed.status_code == 200, confirmed.text
        signed = client.post(
            "/api/v1/auth/signup",
            json={
                "email": member.email,
                "password": member.password,
                "name": member.name,
                "nickname": member.nickname,
                "phone": phone_number(),
                "role": role,
                "verification_token": confirmed.json()["verification_token"],
            },
        )
        assert signed.status_code == 201, signed.text
        login = client.post(
            "/api/v1/auth/login", json={"email": member.email, "password": member.password}
        )
        assert login.status_code == 200, login.text
        tokens = login.json()
    return Account(
        member, str(tokens["user"]["id"]), {"Authorization": f"Bearer {tokens['access_token']}"}
    )


def phone_number() -> str:
    """A random mobile number (each account has its own)."""
    digits = int(uuid.uuid4().hex[:7], 16) % 10**8
    return f"010-{digits // 10**4:04d}-{digits % 10**4:04d}"


def sign_up(page: Page, platform: DevStack, member: Member, *, advertiser: bool = False) -> None:
    """Sign up through the sign-up page with the emailed code (as a pet owner, or as an
    advertiser); signed in afterwards."""
    page.goto("/signup")
    field(page, "이메일").fill(member.email)
    page.get_by_role("button", name="인증번호 보내기").click()
    field(page, "인증번호").fill(inbox_code(platform, member.email, "이메일 인증"))
    page.get_by_role("button", name="인증하기").click()
    if advertiser:
        page.get_by_role("radio", name=re.compile("^광고주")).check()
    field(page, "비밀번호").fill(member.password)
    field(page, "비밀번호 확인").fill(member.password)
    field(page, "이름").fill(member.name)
    field(page, "닉네임").fill(member.nickname)
    field(page, "휴대폰 번호").fill(phone_number())
    page.get_by_role("button", name="가입하기").click()
    # The welcome comes as the app leaves the sign-up page: signed in and navigated.
    expect(page.get_by_role("alert").filter(has_text="가입을 환영합니다")).to_be_visible(
        timeout=FIRST_LOAD
    )
    expect(page.get_by_role("banner").get_by_role("button", name="로그아웃")).to_be_visible()


DONE_WITHIN = 15_000  # ms: a decision goes through the API and the page is asked again


def decide(page: Page, button: str, reason: str | None = None, *, shot: str = "") -> None:
    """Confirm the open decision dialog (with a reason where asked), checked first if named."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    if reason is not None:
        dialog.get_by_label(re.compile("^사유")).fill(reason)
    if shot:
        check_layout(page, shot, dialog=True)
    dialog.get_by_role("button", name=button, exact=True).click()
    expect(dialog).to_have_count(0, timeout=DONE_WITHIN)


def open_campaign(page: Page, title: str, view: str | None = None) -> None:
    """Find the campaign in the list by its title, open it, then one of its pages."""
    page.goto("/advertiser/campaigns")
    settle(page)
    field(page, "검색").fill(title)
    page.get_by_role("link", name=title).click()
    settle(page)
    if view:
        page.get_by_role("navigation", name="체험단 메뉴").get_by_role("link", name=view).click()
        settle(page)


@contextmanager
def desktop_page(browser: Browser, context_args: dict[str, Any]) -> Iterator[Page]:
    """A page in a fresh browser context at the desktop width (closed afterwards)."""
    context = browser.new_context(**context_args, viewport={"width": 1280, "height": 800})
    context.set_default_navigation_timeout(FIRST_LOAD)
    try:
        yield context.new_page()
    finally:
        context.close()


def add_pet(base_url: str, member: Member, name: str = "보리", weight_kg: float = 3.4) -> str:
    """A dog of member's, made through the API (the pets pages have their own tests)."""
    token = api_token(base_url, member.email, member.password)
    answer = httpx.post(
        f"{base_url}/api/v1/pets",
        json={"name": name, "species": "DOG", "weight_kg": weight_kg},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])
