"""A new pet owner signs up in the browser with the emailed code, lands signed in, stays
signed in across a reload (the httpOnly refresh cookie, which no script can read) and logs
out."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.support import DevStack
from tests.web.conftest import field, inbox_code, settle

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

PASSWORD = "petful-Journey-2025"


def test_sign_up_reload_and_log_out(page: Page, platform: DevStack, base_url: str) -> None:
    suffix = uuid.uuid4().hex[:8]
    email = f"journey-{suffix}@example.com"

    page.goto("/")
    settle(page)
    page.get_by_role("link", name="무료로 시작하기").click()
    expect(page).to_have_url(f"{base_url}/signup")

    field(page, "이메일").fill(email)
    page.get_by_role("button", name="인증번호 보내기").click()
    code = inbox_code(platform, email, "이메일 인증")
    field(page, "인증번호").fill(code)
    page.get_by_role("button", name="인증하기").click()

    field(page, "비밀번호").fill(PASSWORD)
    field(page, "비밀번호 확인").fill(PASSWORD)
    field(page, "이름").fill("김보호")
    field(page, "닉네임").fill(f"보리맘{suffix[:4]}")
    field(page, "휴대폰 번호").fill(f"010-{int(suffix[:4], 16) % 9000 + 1000}-5678")
    page.get_by_role("button", name="가입하기").click()

    # Landed on the home page, signed in.
    expect(page).to_have_url(f"{base_url}/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("button", name="로그아웃")).to_be_visible()
    expect(header.get_by_role("link", name="로그인")).to_have_count(0)

    # The refresh token is a cookie the browser keeps but no script can read.
    assert "petful_refresh" not in page.evaluate("document.cookie")
    (cookie,) = [c for c in page.context.cookies() if c["name"] == "petful_refresh"]
    assert cookie["httpOnly"] is True
    assert cookie["secure"] is True
    assert cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/api/v1/auth"

    # A reload forgets the in-memory access token; the cookie signs the page back in.
    page.reload()
    expect(header.get_by_role("button", name="로그아웃")).to_be_visible()
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="내 계정").click()
    expect(page).to_have_url(f"{base_url}/account")
    expect(page.get_by_text(email)).to_be_visible()
    # A deep link straight to a signed-in page works after a reload too.
    page.goto("/account")
    expect(page.get_by_text(email)).to_be_visible()

    header.get_by_role("button", name="로그아웃").click()
    expect(page).to_have_url(f"{base_url}/")
    expect(header.get_by_role("link", name="로그인")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "petful_refresh"]
    # Signed out for good: a reload does not bring the session back, and the account page
    # sends the visitor to the login page.
    page.goto("/account")
    expect(page).to_have_url(f"{base_url}/login?next=%2Faccount")
