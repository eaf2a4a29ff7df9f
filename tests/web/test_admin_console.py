"""The admin console's general pages in the browser, as the demo admin's working session.

A new member signs up through the sign-up page; at /admin they get the refusal page (the
app refuses non-admins before any request). The demo admin then opens the dashboard (the
accounts' figures, what waits in each queue with a link to it, campaigns by phase, the 30
days' charts), finds the member in the user search, suspends them until a day next week
(a too-short reason is refused beside the field; the confirmation names the member and
the day), sees the member's sessions ended, reinstates them, signs them out everywhere once
they have signed in again, and finds the three decisions in the audit log (from the member's
page, then filtered by action). Then they make the member an advertiser (a role is chosen and
a reason given; the confirmation names both roles; the member's token stops working and the
audit log records it), and their own page does not offer their own role. On the
notifications page the dead-letter list shows (empty is fine), an announcement to the admins
is previewed with its recipient count (the one the API gives; a link the form lets through
but the API refuses is marked beside its field), confirmed with that count, and listed with
its progress. Each page at 375 and 1280 px: a screenshot, no horizontal scroll, axe-core
clean.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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
    field,
    log_in,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

ADMIN = ("admin@petful.dev", "petful-demo")
SUSPENSION_REASON = "커뮤니티에 같은 홍보 글을 반복해서 올렸습니다."
REINSTATE_REASON = "소명을 확인해 정지를 풀어 드립니다."
SIGN_OUT_REASON = "분실한 휴대폰에서 로그인된 기록이 있어요."
ROLE_REASON = "사업자 회원으로 전환을 요청하셨어요."
ANNOUNCEMENT = "관리자 콘솔 점검 안내"
DONE_WITHIN = 15_000  # ms: an action goes through the API and the page is asked again


@pytest.fixture(scope="module")
def member(browser: Browser, browser_context_args: dict[str, Any], platform: DevStack) -> Member:
    """A new member, signed up through the sign-up page; at /admin they are refused."""
    member = Member.new("admin-console", "정지대상")
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, member)
        page.goto("/admin")
        expect(page.get_by_role("heading", level=1)).to_have_text("볼 수 없는 페이지입니다")
        expect(page.get_by_text("관리자만 볼 수 있는 페이지예요.")).to_be_visible()
        check_layout(page, "admin-refused")
    return member


@pytest.fixture(scope="module")
def page(browser: Browser, browser_context_args: dict[str, Any], member: Member) -> Iterator[Page]:
    """One desktop browser, signed in as the demo admin."""
    with desktop_page(browser, browser_context_args) as page:
        log_in(page, ADMIN)
        yield page


@pytest.fixture(scope="module")
def admin_headers(base_url: str, page: Page) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token(base_url, *ADMIN)}"}


def section(page: Page, name: str) -> Locator:
    """A titled card of the page (a region named by its heading)."""
    return page.get_by_role("region", name=name, exact=True)


def confirm(page: Page, button: str, name: str) -> None:
    """The open confirmation dialog checked, then confirmed with its `button`."""
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    check_layout(page, name, dialog=True)
    dialog.get_by_role("button", name=button, exact=True).click()
    expect(dialog).to_be_hidden(timeout=DONE_WITHIN)


def test_dashboard(page: Page, admin_headers: dict[str, str], base_url: str) -> None:
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="관리자").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("관리자 대시보드")
    settle(page)
    menu = page.get_by_role("navigation", name="관리자 메뉴")
    expect(menu.get_by_role("link", name="대시보드")).to_have_attribute("aria-current", "page")
    queues = section(page, "처리를 기다리는 일")
    for name, path in (
        ("advertisers", "/admin/queues/advertisers"),
        ("petstars", "/admin/queues/petstars"),
        ("campaigns", "/admin/queues/campaigns"),
        ("reports", "/admin/queues/reports"),
    ):
        expect(queues.get_by_test_id(f"queue-{name}")).to_have_attribute("href", path)
    # The figures are the API's: the members' total as the dashboard route counts it.
    figures = httpx.get(f"{base_url}/api/v1/admin/dashboard", headers=admin_headers, timeout=10)
    assert figures.status_code == 200, figures.text
    total = figures.json()["accounts"]["total"]
    expect(section(page, "회원")).to_contain_text(f"{total:,}명")
    expect(section(page, "일별 가입")).to_be_visible()
    expect(section(page, "일별 활동 회원")).to_be_visible()
    check_layout(page, "admin-dashboard")


def test_find_and_suspend(page: Page, member: Member) -> None:
    page.get_by_role("navigation", name="관리자 메뉴").get_by_role("link", name="회원").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("회원 관리")
    settle(page)
    check_layout(page, "admin-users")
    field(page, "이메일 또는 닉네임").fill(member.email)
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/users\?q="))
    page.get_by_role("link", name=member.nickname).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(member.nickname)
    settle(page)
    expect(section(page, "회원 정보")).to_contain_text(member.email)
    check_layout(page, "admin-user")

    suspension = section(page, "이용 정지")
    field(suspension, "사유").fill("도배")
    suspension.get_by_role("button", name="정지하기").click()
    expect(suspension.get_by_text("사유를 5자 이상 적어 주세요.")).to_be_visible()
    field(suspension, "사유").fill(SUSPENSION_REASON)
    last_day = (datetime.now(UTC).astimezone(ZoneInfo("Asia/Seoul")) + timedelta(days=7)).date()
    field(suspension, "정지 종료일").fill(last_day.isoformat())
    suspension.get_by_role("button", name="정지하기").click()
    expect(page.get_by_role("dialog")).to_contain_text(
        f"{member.nickname} 님을 {last_day.year}년 {last_day.month}월 {last_day.day}일까지"
    )
    confirm(page, "정지하기", "admin-suspend-confirm")
    expect(page.get_by_role("alert").filter(has_text="정지했어요")).to_be_visible()
    expect(section(page, "회원 정보")).to_contain_text("정지")
    reinstatement = section(page, "정지 해제")
    expect(reinstatement.get_by_test_id("suspension-state")).to_contain_text(
        f"{last_day.month}월 {last_day.day}일"
    )
    expect(reinstatement).to_contain_text(SUSPENSION_REASON)
    # Suspension signed the member out of the browser they signed up in.
    devices = section(page, "로그인한 기기")
    expect(devices.get_by_text("종료됨").first).to_be_visible()
    expect(devices.get_by_text("사용 중")).to_have_count(0)


def test_reinstate_and_sign_out(page: Page, member: Member, base_url: str) -> None:
    reinstatement = section(page, "정지 해제")
    field(reinstatement, "사유").fill(REINSTATE_REASON)
    reinstatement.get_by_role("button", name="정지 해제하기").click()
    confirm(page, "정지 해제하기", "admin-reinstate-confirm")
    expect(page.get_by_role("alert").filter(has_text="정지를 해제했어요")).to_be_visible()
    expect(section(page, "이용 정지").get_by_role("button", name="정지하기")).to_be_visible()

    # Reinstated, the member can sign in again: a device in use, which the admin ends.
    api_token(base_url, member.email, member.password)
    page.reload()
    settle(page)
    devices = section(page, "로그인한 기기")
    expect(devices.get_by_text("사용 중")).to_have_count(1)
    field(devices, "사유").fill(SIGN_OUT_REASON)
    devices.get_by_role("button", name="모든 기기 로그아웃").click()
    confirm(page, "모든 기기 로그아웃", "admin-sessions-confirm")
    expect(page.get_by_role("alert").filter(has_text="1개 기기에서 로그아웃")).to_be_visible()
    expect(devices.get_by_text("사용 중")).to_have_count(0, timeout=DONE_WITHIN)


def test_audit_log(page: Page) -> None:
    page.get_by_role("link", name="이 회원의 감사 로그").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("감사 로그")
    settle(page)
    entries = page.get_by_test_id("audit-entry")
    # Newest first: the sign-out, the reinstatement, the suspension.
    expect(entries).to_have_count(3)
    expect(entries.nth(0)).to_contain_text(SIGN_OUT_REASON)
    expect(entries.nth(1)).to_contain_text("정지 해제")
    expect(entries.nth(1)).to_contain_text(REINSTATE_REASON)
    expect(entries.nth(2)).to_contain_text("이용 정지")
    expect(entries.nth(2)).to_contain_text(SUSPENSION_REASON)
    check_layout(page, "admin-audit")

    page.get_by_role("combobox", name="조치").click()
    page.get_by_role("option", name="이용 정지", exact=True).click()
    page.get_by_role("button", name="적용").click()
    expect(page).to_have_url(re.compile(r"action=user\.suspend"))
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text(SUSPENSION_REASON)
    # A malformed id is refused beside its field, before anything is asked.
    field(page, "관리자 ID").fill("not-an-id")
    page.get_by_role("button", name="적용").click()
    expect(page.get_by_text("UUID 형식으로 적어 주세요.")).to_be_visible()


def test_change_role(
    page: Page, member: Member, admin_headers: dict[str, str], base_url: str
) -> None:
    # The member signs in (a token carrying the role USER), then the admin makes them an
    # advertiser: the token stops working at once, and the audit log says who and why.
    old_token = api_token(base_url, member.email, member.password)
    page.get_by_role("navigation", name="관리자 메뉴").get_by_role("link", name="회원").click()
    field(page, "이메일 또는 닉네임").fill(member.email)
    page.get_by_role("button", name="검색", exact=True).click()
    page.get_by_role("link", name=member.nickname).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(member.nickname)
    settle(page)
    role = section(page, "역할 변경")
    expect(role.get_by_test_id("role-current")).to_have_text("지금 역할: 일반 회원")
    role.get_by_role("button", name="역할 바꾸기").click()
    expect(role.get_by_text("바꿀 역할을 골라 주세요.").last).to_be_visible()
    role.get_by_role("combobox", name="새 역할").click()
    page.get_by_role("option", name="광고주", exact=True).click()
    field(role, "사유").fill("짧음")
    role.get_by_role("button", name="역할 바꾸기").click()
    expect(role.get_by_text("사유를 5자 이상 적어 주세요.")).to_be_visible()
    field(role, "사유").fill(ROLE_REASON)
    role.get_by_role("button", name="역할 바꾸기").click()
    expect(page.get_by_role("dialog")).to_contain_text(
        f"{member.nickname} 님의 역할을 일반 회원에서 광고주(으)로"
    )
    confirm(page, "역할 바꾸기", "admin-role-confirm")
    expect(page.get_by_role("alert").filter(has_text="광고주(으)로 바꿨어요")).to_be_visible()
    expect(role.get_by_test_id("role-current")).to_have_text("지금 역할: 광고주")
    expect(section(page, "회원 정보")).to_contain_text("광고주")
    me = httpx.get(
        f"{base_url}/api/v1/me", headers={"Authorization": f"Bearer {old_token}"}, timeout=10
    )
    assert me.status_code == 401, me.text
    devices = section(page, "로그인한 기기")
    expect(devices.get_by_text("사용 중")).to_have_count(0)
    check_layout(page, "admin-user-role")

    page.get_by_role("link", name="이 회원의 감사 로그").click()
    entries = page.get_by_test_id("audit-entry")
    expect(entries.first).to_contain_text("역할 변경")
    expect(entries.first).to_contain_text(ROLE_REASON)

    # An admin's own role is not offered.
    own = httpx.get(f"{base_url}/api/v1/me", headers=admin_headers, timeout=10).json()
    page.goto(f"/admin/users/{own['id']}")
    settle(page)
    expect(section(page, "역할 변경")).to_contain_text("내 계정의 역할은 바꿀 수 없어요.")


def test_notifications(page: Page, admin_headers: dict[str, str], base_url: str) -> None:
    page.get_by_role("navigation", name="관리자 메뉴").get_by_role("link", name="알림").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("알림 관리")
    settle(page)
    dead = section(page, "처리하지 못한 이벤트")
    expect(
        dead.get_by_test_id("dead-letters-empty").or_(dead.get_by_test_id("dead-letter").first)
    ).to_be_visible()
    expect(section(page, "전달 통계")).to_be_visible()
    check_layout(page, "admin-notifications")

    draft = {"audience": "ADMIN", "title": ANNOUNCEMENT, "body": "오늘 밤 콘솔을 점검해요."}
    answer = httpx.post(
        f"{base_url}/api/v1/admin/notifications/broadcasts/preview",
        json=draft,
        headers=admin_headers,
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    recipients = answer.json()["recipients"]

    broadcast = section(page, "공지 보내기")
    broadcast.get_by_role("combobox", name="받는 사람").click()
    page.get_by_role("option", name="관리자", exact=True).click()
    field(broadcast, "제목").fill(ANNOUNCEMENT)
    field(broadcast, "내용").fill(draft["body"])
    field(broadcast, "연결할 페이지").fill("notifications")
    broadcast.get_by_role("button", name="미리보기").click()
    expect(broadcast.get_by_text("/로 시작하는 앱 안의 주소를 적어 주세요.")).to_be_visible()
    # A space passes the form's check; the API refuses it, and says so beside the field.
    link = field(broadcast, "연결할 페이지")
    link.fill("/공지 안내")
    broadcast.get_by_role("button", name="미리보기").click()
    expect(
        broadcast.get_by_text("띄어쓰기 없이 /로 시작하는 앱 안의 주소를 적어 주세요.")
    ).to_be_visible()
    expect(link).to_have_attribute("aria-invalid", "true")
    expect(broadcast.get_by_test_id("broadcast-preview")).to_have_count(0)
    link.fill("")
    broadcast.get_by_role("button", name="미리보기").click()
    preview = broadcast.get_by_test_id("broadcast-preview")
    expect(preview).to_contain_text(f"받는 회원 {recipients:,}명")
    expect(preview).to_contain_text(ANNOUNCEMENT)
    check_layout(page, "admin-broadcast-preview")

    broadcast.get_by_role("button", name="보내기", exact=True).click()
    expect(page.get_by_role("dialog")).to_contain_text(f"관리자 {recipients:,}명에게")
    confirm(page, "보내기", "admin-broadcast-confirm")
    expect(page.get_by_role("alert").filter(has_text="공지를 보냈어요")).to_be_visible()
    sent = broadcast.get_by_test_id("broadcast").filter(has_text=ANNOUNCEMENT).first
    expect(sent).to_contain_text(f"/{recipients:,}명 전달")
    expect(sent).to_contain_text("완료", timeout=FIRST_LOAD)
