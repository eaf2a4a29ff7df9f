"""My account in the browser, as one new member's story: sign up with the emailed code, put
up a profile picture (after the API refused a file that is no picture and one too large),
change the password and log in with the new one, report a demo member and follow the
report, then leave PetFul and find the old credentials refused. Each page and dialog at
375 and 1280 px: a screenshot, no horizontal scroll, axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story);
navigation inside the app is client-side where a person would click.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    DEMO_OWNER,
    FIRST_LOAD,
    Member,
    api_sign_up,
    check_layout,
    desktop_page,
    field,
    go,
    inbox_code,
    png,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# The many-address lock after 4 failed sign-ins to one account (50 in production), so the
# last test reaches it without 50 requests; the member above fails twice, below that.
PLATFORM_ENV = {"PETFUL_IDENTITY__LOGIN_MAX_FAILURES_PER_ACCOUNT": "4"}


def png_file(content: bytes) -> FilePayload:
    """A file named like a PNG picture, whatever its content."""
    return {"name": "picture.png", "mimeType": "image/png", "buffer": content}


@contextmanager
def slow_upload(page: Page, bytes_per_second: int) -> Iterator[None]:
    """Chromium sends request bodies at this rate (DevTools network throttling)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": 0, "downloadThroughput": -1}
    cdp.send(
        "Network.emulateNetworkConditions", {**conditions, "uploadThroughput": bytes_per_second}
    )
    try:
        yield
    finally:
        cdp.send("Network.emulateNetworkConditions", {**conditions, "uploadThroughput": -1})
        cdp.detach()


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    field(page, "이메일").fill(email)
    field(page, "비밀번호").fill(password)
    page.get_by_role("button", name="로그인", exact=True).last.click()


@pytest.fixture(scope="module")
def member() -> Member:
    return Member.new("account", "계정")


@pytest.fixture(scope="module")
def page(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, member: Member
) -> Iterator[Page]:
    """One desktop browser, signed up as the new member through the sign-up page."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, member)
        yield page


@pytest.fixture(scope="module")
def demo_owner_id(base_url: str) -> str:
    """The demo pet owner's account id (what a PetStar card names as owner_user_id)."""
    email, password = DEMO_OWNER
    with httpx.Client(base_url=base_url, timeout=10) as client:
        tokens = client.post("/api/v1/auth/login", json={"email": email, "password": password})
        tokens.raise_for_status()
        return str(tokens.json()["user"]["id"])


def test_profile_picture(page: Page, member: Member) -> None:
    go(page, "내 계정")
    expect(page.locator("h1")).to_have_text("내 계정")
    picture = page.get_by_role("region", name="프로필 사진")
    picker = picture.locator("input[type=file]")

    # Not a picture: the API (which checks the content, not the name) refuses it with 415.
    picker.set_input_files(png_file(b"not a picture at all"))
    picture.get_by_role("button", name="이 사진으로 올리기").click()
    expect(picture.get_by_role("alert")).to_have_text(
        "JPEG, PNG, WebP, GIF 사진만 올릴 수 있습니다."
    )

    # Over the limit (10 MB): the API refuses the body with 413.
    picker.set_input_files(png_file(b"\0" * (11 * 2**20)))
    picture.get_by_role("button", name="이 사진으로 올리기").click()
    expect(picture.get_by_role("alert")).to_have_text(
        "사진이 너무 큽니다. 10MB 이하의 파일을 골라 주세요."
    )

    # A real picture: previewed (a blob: URL the CSP allows), uploaded with its progress
    # shown (sent slowly enough to see it), then served by us.
    photo = png(400, 300, noise=True)  # about 360 kB
    picker.set_input_files(png_file(photo))
    preview = picture.get_by_role("img", name="새 프로필 사진 미리 보기")
    expect(preview).to_have_attribute("src", re.compile(r"^blob:"))
    expect(picture.get_by_role("alert")).to_have_count(0)
    with slow_upload(page, bytes_per_second=len(photo) // 3):
        picture.get_by_role("button", name="이 사진으로 올리기").click()
        progress = picture.get_by_role("progressbar", name="사진 올리는 중")
        expect(progress).to_be_visible()
        page.wait_for_function(
            "bar => Number(bar.getAttribute('aria-valuenow')) > 0", arg=progress.element_handle()
        )
        expect(page.get_by_text("프로필 사진을 바꿨습니다.")).to_be_visible(timeout=FIRST_LOAD)
    expect(progress).to_have_count(0)
    avatar = picture.get_by_role("img", name=f"{member.nickname}님의 프로필 사진")
    expect(avatar).to_have_attribute("src", re.compile(r"^/media/"))
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=avatar.element_handle()
    )

    # Removed, then put back (the rest of the story has a picture).
    picture.get_by_role("button", name="사진 삭제").click()
    expect(page.get_by_text("프로필 사진을 삭제했습니다.")).to_be_visible()
    expect(picture.get_by_role("img")).to_have_count(0)
    picker.set_input_files(png_file(png()))
    picture.get_by_role("button", name="이 사진으로 올리기").click()
    expect(avatar).to_have_attribute("src", re.compile(r"^/media/"))
    settle(page)
    check_layout(page, "account-page")


def test_password_change(page: Page, member: Member, base_url: str) -> None:
    section = page.get_by_role("region", name="비밀번호 변경")
    new_password = "petful-Changed-2026"

    # Checked here first: the confirmation must match.
    field(page, "현재 비밀번호").fill("not-my-password-1")
    field(page, "새 비밀번호").fill(new_password)
    field(page, "새 비밀번호 확인").fill(new_password + "x")
    section.get_by_role("button", name="비밀번호 바꾸기").click()
    expect(field(page, "새 비밀번호 확인")).to_have_accessible_description(
        "비밀번호가 일치하지 않습니다."
    )

    # The API's refusal of the current password, beside that field.
    field(page, "새 비밀번호 확인").fill(new_password)
    section.get_by_role("button", name="비밀번호 바꾸기").click()
    current = field(page, "현재 비밀번호")
    expect(current).to_have_accessible_description("현재 비밀번호가 맞지 않습니다.")

    current.fill(member.password)
    section.get_by_role("button", name="비밀번호 바꾸기").click()
    expect(page.get_by_text("비밀번호를 바꿨습니다.", exact=False)).to_be_visible()
    expect(current).to_have_value("")

    # Log out and back in with the new password; the old one no longer works.
    page.get_by_role("banner").get_by_role("button", name="로그아웃").click()
    expect(page).to_have_url(f"{base_url}/")
    log_in(page, member.email, member.password)
    expect(
        page.get_by_role("alert").filter(has_text="이메일 또는 비밀번호가 틀렸습니다.")
    ).to_be_visible()
    member.password = new_password
    log_in(page, member.email, member.password)
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("banner").get_by_role("button", name="로그아웃")).to_be_visible()


def test_report_a_member(page: Page, demo_owner_id: str, base_url: str) -> None:
    page.goto(f"/users/{demo_owner_id}")
    settle(page)
    expect(page.locator("h1")).to_have_text("owner")
    check_layout(page, "account-user")

    page.get_by_role("button", name="신고하기").click()
    dialog = page.get_by_role("dialog", name="신고하기")
    expect(dialog.get_by_text("신고 대상: owner (회원)")).to_be_visible()
    check_layout(page, "account-report-dialog", dialog=True)

    # Nothing chosen, too little said: errors beside the fields, nothing sent.
    dialog.get_by_role("button", name="신고 접수").click()
    expect(dialog.get_by_text("필수 항목입니다.")).to_be_visible()
    expect(dialog.get_by_text("신고 내용을 10자 이상 500자 이하로 적어 주세요.")).to_be_visible()

    field(page, "신고 분류").select_option(label="사기·사칭")
    expect(dialog.get_by_text("사기, 다른 사람이나 브랜드 사칭, 가짜 체험단")).to_be_visible()
    field(page, "신고 내용").fill("체험단 당첨을 미끼로 개인 정보를 요구하는 메시지를 받았습니다.")
    dialog.get_by_role("button", name="신고 접수").click()
    expect(dialog.get_by_text("신고가 접수되었습니다")).to_be_visible()
    dialog.get_by_role("link", name="내 신고 내역 보기").click()

    expect(page).to_have_url(f"{base_url}/account/reports")
    settle(page)
    report = page.get_by_role("listitem").filter(has_text="사기·사칭")
    expect(report).to_have_count(1)
    expect(report.get_by_text("검토 중")).to_be_visible()
    expect(report.get_by_role("link", name="owner")).to_have_attribute(
        "href", f"/users/{demo_owner_id}"
    )
    check_layout(page, "account-reports")

    # A second report about the same member while the first is open: the API's 409.
    report.get_by_role("link", name="owner").click()
    settle(page)
    page.get_by_role("button", name="신고하기").click()
    field(page, "신고 분류").select_option(label="스팸·광고")
    field(page, "신고 내용").fill("같은 광고 메시지를 여러 번 보냈습니다.")
    dialog.get_by_role("button", name="신고 접수").click()
    expect(dialog.get_by_role("alert")).to_have_text(
        "이미 접수한 신고가 검토 중입니다. 처리 결과를 기다려 주세요."
    )
    dialog.get_by_role("button", name="취소").click()
    expect(dialog).to_have_count(0)


def test_withdraw(page: Page, member: Member, base_url: str) -> None:
    go(page, "내 계정")
    page.get_by_role("region", name="회원 탈퇴").get_by_role("button", name="탈퇴하기").click()
    dialog = page.get_by_role("dialog", name="정말 탈퇴하시겠어요?")
    # What happens is said before anything is asked.
    for consequence in (
        "반려동물이 모두 삭제",
        "인스타그램 계정의 접근 권한을 해제",
        "체험단 신청은 취소",
    ):
        expect(dialog.get_by_text(consequence, exact=False)).to_be_visible()
    expect(dialog.get_by_text("탈퇴는 되돌릴 수 없습니다.")).to_be_visible()
    check_layout(page, "account-withdraw-dialog", dialog=True)

    dialog.get_by_role("button", name="탈퇴하기").click()
    expect(dialog.get_by_text("탈퇴 사유를 10자 이상 500자 이하로 적어 주세요.")).to_be_visible()
    expect(dialog.get_by_text("내용을 확인했다면 체크해 주세요.")).to_be_visible()

    # A wrong password: the API's refusal beside the password field; still signed in.
    field(page, "비밀번호").fill("not-my-password-1")
    field(page, "탈퇴 사유").fill("반려동물 계정을 정리하게 되어 탈퇴합니다.")
    dialog.get_by_label("위 내용을 확인했고, 탈퇴에 동의합니다.").check()
    dialog.get_by_role("button", name="탈퇴하기").click()
    expect(field(page, "비밀번호")).to_have_accessible_description("비밀번호가 맞지 않습니다.")

    field(page, "비밀번호").fill(member.password)
    dialog.get_by_role("button", name="탈퇴하기").click()

    # Signed out, on the home page, told what happened.
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_text("탈퇴가 완료되었습니다")).to_be_visible()
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="로그인")).to_be_visible()
    assert not [c for c in page.context.cookies() if c["name"] == "petful_refresh"]
    page.goto("/account")
    expect(page).to_have_url(f"{base_url}/login?next=%2Faccount")

    # The old credentials open nothing any more.
    log_in(page, member.email, member.password)
    expect(
        page.get_by_role("alert").filter(has_text="이메일 또는 비밀번호가 틀렸습니다.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login"))


def test_a_locked_account_is_unlocked_by_the_mailed_code(
    page: Page, base_url: str, platform: DevStack
) -> None:
    owner = Member.new("locked", "잠김")
    api_sign_up(base_url, platform, owner)
    with httpx.Client(base_url=base_url, timeout=10) as client:
        for _ in range(4):
            wrong = {"email": owner.email, "password": "not-my-password-1"}
            assert client.post("/api/v1/auth/login", json=wrong).status_code == 401

    # Even the right password is refused now, and the page says how to lift the lock.
    log_in(page, owner.email, owner.password)
    notice = page.get_by_role("alert").filter(has_text="계정이 잠겼습니다")
    expect(notice).to_be_visible()
    check_layout(page, "login-locked")
    notice.get_by_role("link", name="비밀번호 재설정으로 잠금 풀기").click()
    expect(page).to_have_url(re.compile(r"/password-reset\?email="))
    expect(field(page, "이메일")).to_have_value(owner.email)
    page.get_by_role("button", name="인증번호 보내기").click()
    field(page, "인증번호").fill(inbox_code(platform, owner.email, "비밀번호 재설정"))
    owner.password = "petful-Unlocked-2026"
    field(page, "새 비밀번호").fill(owner.password)
    field(page, "비밀번호 확인").fill(owner.password)
    page.get_by_role("button", name="비밀번호 바꾸기").click()
    expect(page.get_by_text("비밀번호를 바꿨습니다.", exact=False)).to_be_visible()

    log_in(page, owner.email, owner.password)
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("banner").get_by_role("button", name="로그아웃")).to_be_visible()
