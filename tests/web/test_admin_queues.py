"""The admin console's review queues in the browser, as the demo admin's working session.

Set up through the API: a member writes a community post and another member reports it,
and two new companies sign up as advertisers, one with a picture of its registration
certificate and one with a PDF, and ask for approval. The admin then opens the queues'
index (what waits in each), the advertiser queue (the picture shown in the viewer and the
company rejected with a reason after a too-short one is refused beside the field; the PDF
offered in a new tab and its company approved; the demo company, which sent no
certificate, approved after a refusal of the API is shown in the dialog), the PetStar
applications (the demo application's Instagram figures, approved, then the PetStar
revoked with a reason), the campaign reviews (the demo campaign shown and approved) and
the report queue, where the journey ends: the reported post's text is shown, the author
is suspended from the report (confirmed, with a reason), the author can no longer sign
in, and the audit log has the suspension (through the API and on the console's audit
page). A member who opens the queues is told they are for admins. Each page at 375 and
1280 px: a screenshot, no horizontal scroll, axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from petful.advertisers.rules import brn_check_digit
from tests.media_support import pdf_bytes
from tests.support import DevStack
from tests.web.conftest import (
    FIRST_LOAD,
    Account,
    Member,
    api_sign_up,
    api_token,
    check_layout,
    desktop_page,
    log_in,
    png,
    settle,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

ADMIN = ("admin@petful.dev", "petful-demo")
PENDING_COMPANY = "승인대기 펫샵"  # services/petful/advertisers/demo.py
PETSTAR_IN_REVIEW = "두부"  # services/petful/pets/demo.py
CAMPAIGN_IN_REVIEW = "강아지 덴탈껌 체험단"  # services/petful/campaigns/demo.py
COMPANY = "큐검토상사"  # sends a picture of its certificate
PDF_COMPANY = "피디에프상사"  # sends a PDF
POST_TITLE = "무료 사료 나눔 이벤트"
POST_BODY = "링크에 들어가서 카드 번호를 입력하면 사료를 무료로 보내 드려요!"
SUSPENSION_REASON = "커뮤니티에서 사기성 광고를 반복해서 올렸습니다."
DONE_WITHIN = 15_000  # ms: a decision goes through the API and the queue is asked again


def call(base_url: str, headers: dict[str, str], method: str, path: str, **kwargs: Any) -> Any:
    answer = httpx.request(method, f"{base_url}{path}", headers=headers, timeout=10, **kwargs)
    assert answer.status_code < 300, answer.text
    return answer.json()


def unique_brn() -> str:
    """A registration number with a valid check digit, new on every run."""
    first_nine = f"{int(uuid.uuid4().hex[:8], 16) % 10**9:09d}"
    digits = first_nine + str(brn_check_digit(first_nine))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def company_waiting(
    base_url: str, platform: DevStack, name: str, document: tuple[str, bytes, str]
) -> None:
    """A new advertiser's company profile with its certificate, sent for approval."""
    advertiser = api_sign_up(
        base_url, platform, Member.new("queue-company", "큐상사"), "ADVERTISER"
    )
    call(
        base_url,
        advertiser.headers,
        "PUT",
        "/api/v1/advertiser/profile",
        json={
            "company_name": name,
            "business_registration_number": unique_brn(),
            "representative_name": "김대표",
            "phone": "02-555-0101",
            "website": "https://example.com",
            "contact_email": advertiser.member.email,
            "description": "반려동물 간식을 만드는 회사예요.",
        },
    )
    call(
        base_url,
        advertiser.headers,
        "PUT",
        "/api/v1/advertiser/profile/document",
        files={"file": document},
    )
    call(base_url, advertiser.headers, "POST", "/api/v1/advertiser/profile/submit")


@dataclass
class Story:
    author: Account
    reporter: Account
    post_id: str
    admin: dict[str, str]


@pytest.fixture(scope="module")
def story(base_url: str, platform: DevStack) -> Story:
    """The reported post and the new companies waiting for approval."""
    author = api_sign_up(base_url, platform, Member.new("queue-author", "사료나눔"))
    reporter = api_sign_up(base_url, platform, Member.new("queue-reporter", "신고자"))
    post = call(
        base_url,
        author.headers,
        "POST",
        "/api/v1/community/posts",
        json={
            "board": "INFORMATION",
            "title": POST_TITLE,
            "body": POST_BODY,
            "image_media_ids": [],
            "pet_ids": [],
        },
    )
    call(
        base_url,
        reporter.headers,
        "POST",
        "/api/v1/reports",
        json={
            "target_type": "POST",
            "target_id": post["id"],
            "category": "FRAUD",
            "text": "카드 번호를 요구하는 사기 글이에요.",
        },
    )

    company_waiting(
        base_url,
        platform,
        COMPANY,
        ("certificate.png", png(320, 200, colour=(250, 250, 245)), "image/png"),
    )
    company_waiting(
        base_url, platform, PDF_COMPANY, ("certificate.pdf", pdf_bytes(), "application/pdf")
    )
    admin = {"Authorization": f"Bearer {api_token(base_url, *ADMIN)}"}
    return Story(author, reporter, str(post["id"]), admin)


@pytest.fixture(scope="module")
def page(browser: Browser, browser_context_args: dict[str, Any], story: Story) -> Iterator[Page]:
    """One desktop browser, signed in as the demo admin."""
    with desktop_page(browser, browser_context_args) as page:
        log_in(page, ADMIN)
        yield page


def card(page: Page, heading: str) -> Locator:
    """The queue item (an article) named by its heading."""
    return page.get_by_role("article", name=heading, exact=True)


def choose(page: Page, group: str, label: str) -> None:
    """Pick `label` in the segmented control named `group` (its radios are drawn as labels)."""
    page.get_by_role("radiogroup", name=group, exact=True).get_by_text(label, exact=True).click()
    expect(page.get_by_role("radio", name=label, exact=True)).to_be_checked()


def dialog(page: Page) -> Locator:
    return page.get_by_role("dialog")


def confirm(page: Page, button: str, reason: str | None = None) -> None:
    """Confirm the open decision dialog (with a reason where it asks one)."""
    if reason is not None:
        dialog(page).get_by_label(re.compile("^사유")).fill(reason)
    dialog(page).get_by_role("button", name=button, exact=True).click()
    expect(dialog(page)).to_have_count(0, timeout=DONE_WITHIN)


def test_the_index_counts_what_waits(page: Page) -> None:
    page.goto("/admin/queues")
    expect(page.locator("h1")).to_have_text("검토 대기열")
    settle(page)
    # The demo's pending company and the two new ones; the demo's application and campaign in
    # review; the demo's open report and the new one.
    expect(page.get_by_test_id("queue-advertisers")).to_contain_text("대기 3건")
    expect(page.get_by_test_id("queue-petstars")).to_contain_text("대기 1건")
    expect(page.get_by_test_id("queue-campaigns")).to_contain_text("대기 1건")
    expect(page.get_by_test_id("queue-reports")).to_contain_text("대기 2건")
    check_layout(page, "admin-queues")
    page.get_by_test_id("queue-advertisers").click()
    expect(page).to_have_url(re.compile(r"/admin/queues/advertisers$"))


def test_an_advertiser_is_rejected_from_its_document(page: Page, story: Story) -> None:
    expect(page.locator("h1")).to_have_text("광고주 승인")
    settle(page)
    company = card(page, COMPANY)
    company.get_by_role("button", name="사업자등록증 보기").click()
    viewer = company.get_by_test_id("document-viewer")
    picture = viewer.get_by_role("img", name=f"{COMPANY}의 사업자등록증")
    expect(picture).to_be_visible()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth === 320", arg=picture.element_handle()
    )
    expect(viewer.get_by_role("link", name="내려받기")).to_have_attribute(
        "href", re.compile("^blob:")
    )
    # The demo company sent no certificate: the viewer says so.
    expect(card(page, PENDING_COMPANY).get_by_test_id("document-viewer")).to_have_text(
        "제출된 사업자등록증이 없어요."
    )
    check_layout(page, "admin-queues-advertisers")

    company.get_by_role("button", name="반려", exact=True).click()
    expect(dialog(page)).to_contain_text(f"{COMPANY}의 신청을 반려할까요?")
    reason = dialog(page).get_by_label(re.compile("^사유"))
    reason.fill("흐림")
    dialog(page).get_by_role("button", name="반려", exact=True).click()
    expect(dialog(page).get_by_text("사유를 5자 이상 적어 주세요.")).to_be_visible()
    expect(reason).to_have_attribute("aria-invalid", "true")
    check_layout(page, "admin-queues-advertiser-reject", dialog=True)
    confirm(page, "반려", "사업자등록증 사본이 흐려 확인할 수 없습니다.")
    expect(company).to_have_count(0, timeout=DONE_WITHIN)


def test_a_pdf_certificate_opens_in_a_new_tab_and_is_approved(page: Page) -> None:
    company = card(page, PDF_COMPANY)
    company.get_by_role("button", name="사업자등록증 보기").click()
    viewer = company.get_by_test_id("document-viewer")
    expect(viewer).to_contain_text("PDF 문서예요. 새 탭에서 열어 확인해 주세요.")
    opens = viewer.get_by_role("link", name="새 탭에서 열기")
    expect(opens).to_have_attribute("href", re.compile("^blob:"))
    expect(opens).to_have_attribute("target", "_blank")
    check_layout(page, "admin-queues-advertiser-pdf")
    company.get_by_role("button", name="승인", exact=True).click()
    expect(dialog(page)).to_contain_text(f"{PDF_COMPANY}을(를) 승인할까요?")
    confirm(page, "승인")
    expect(company).to_have_count(0, timeout=DONE_WITHIN)


def test_the_demo_advertiser_is_approved_after_a_refusal(
    page: Page, base_url: str, story: Story
) -> None:
    company = card(page, PENDING_COMPANY)
    detail = "이미 다른 관리자가 처리한 광고주예요."
    problem = {"type": "about:blank", "title": "Conflict", "status": 409, "detail": detail}

    def refuse(route: Route) -> None:
        route.fulfill(status=409, content_type="application/problem+json", body=json.dumps(problem))

    approve = "**/api/v1/admin/advertisers/*/approve"
    page.route(approve, refuse)
    try:
        company.get_by_role("button", name="승인", exact=True).click()
        expect(dialog(page)).to_contain_text(f"{PENDING_COMPANY}을(를) 승인할까요?")
        dialog(page).get_by_role("button", name="승인", exact=True).click()
        expect(dialog(page).get_by_role("alert")).to_have_text(detail)
    finally:
        page.unroute(approve)
    confirm(page, "승인")
    expect(company).to_have_count(0, timeout=DONE_WITHIN)
    expect(page.get_by_text("승인을 기다리는 광고주가 없어요.")).to_be_visible()

    choose(page, "상태", "승인됨")
    expect(card(page, PDF_COMPANY)).to_be_visible()
    expect(card(page, PENDING_COMPANY)).to_be_visible()
    expect(card(page, PENDING_COMPANY).get_by_role("button", name="이용 제한")).to_be_visible()
    choose(page, "상태", "반려됨")
    expect(card(page, COMPANY)).to_contain_text("사업자등록증 사본이 흐려 확인할 수 없습니다.")
    expect(page).to_have_url(re.compile(r"\?status=REJECTED$"))

    profiles = call(
        base_url, story.admin, "GET", "/api/v1/admin/advertisers", params={"status": "REJECTED"}
    )
    [rejected] = [p for p in profiles["items"] if p["company_name"] == COMPANY]
    assert rejected["status_reason"] == "사업자등록증 사본이 흐려 확인할 수 없습니다."


def test_a_petstar_application_is_approved_then_revoked(page: Page, story: Story) -> None:
    page.goto("/admin/queues/petstars")
    expect(page.locator("h1")).to_have_text("펫스타 신청")
    settle(page)
    dubu = card(page, PETSTAR_IN_REVIEW)
    figures = dubu.get_by_test_id("instagram-figures")
    expect(figures).to_contain_text("팔로워")
    expect(figures).to_contain_text("참여율")
    expect(dubu).to_contain_text("보호자")
    check_layout(page, "admin-queues-petstars")

    dubu.get_by_role("button", name="승인", exact=True).click()
    confirm(page, "승인")
    expect(dubu).to_have_count(0, timeout=DONE_WITHIN)
    expect(page.get_by_text("심사를 기다리는 펫스타 신청이 없어요.")).to_be_visible()

    choose(page, "상태", "승인됨")
    approved = card(page, PETSTAR_IN_REVIEW)
    approved.get_by_role("button", name="펫스타 자격 취소").click()
    confirm(page, "펫스타 자격 취소", "최근 게시물에 광고 표기가 없었습니다.")
    expect(approved).to_have_count(0, timeout=DONE_WITHIN)
    choose(page, "상태", "자격 취소")
    expect(card(page, PETSTAR_IN_REVIEW)).to_contain_text("최근 게시물에 광고 표기가 없었습니다.")


def test_a_campaign_is_approved(page: Page) -> None:
    page.goto("/admin/queues/campaigns")
    expect(page.locator("h1")).to_have_text("체험단 검토")
    settle(page)
    campaign = card(page, CAMPAIGN_IN_REVIEW)
    expect(campaign).to_contain_text("덴탈껌 30개입")
    expect(campaign).to_contain_text("#펫풀체험단")
    check_layout(page, "admin-queues-campaigns")
    campaign.get_by_role("button", name="승인", exact=True).click()
    expect(dialog(page)).to_contain_text("바로 모집이 시작돼요")
    confirm(page, "승인")
    expect(page.get_by_text("검토를 기다리는 체험단이 없어요.")).to_be_visible(timeout=DONE_WITHIN)


def test_an_admin_suspends_a_user_from_a_report(page: Page, base_url: str, story: Story) -> None:
    page.goto("/admin/queues/reports")
    expect(page.locator("h1")).to_have_text("신고 처리")
    settle(page)
    # Open reports by default, the reported post itself in each.
    expect(page.get_by_role("radio", name="처리 대기")).to_be_checked()
    report = page.get_by_role("article").filter(has_text=POST_TITLE)
    content = report.get_by_test_id("reported-content")
    expect(content).to_contain_text(POST_BODY)
    expect(content).to_contain_text(story.author.member.nickname)
    expect(report).to_contain_text("카드 번호를 요구하는 사기 글이에요.")
    check_layout(page, "admin-queues-reports")

    # The filter by what was reported: no comment is reported.
    choose(page, "신고 대상", "댓글")
    expect(page).to_have_url(re.compile(r"\?target=COMMENT$"))
    expect(page.get_by_text("처리할 신고가 없어요.")).to_be_visible()
    choose(page, "신고 대상", "게시글")
    expect(report).to_be_visible()

    report.get_by_role("button", name="작성자 정지").click()
    expect(dialog(page)).to_contain_text("정지된 회원은 로그인할 수 없어요.")
    dialog(page).get_by_role("radio", name="30일").check()
    dialog(page).get_by_label(re.compile("^사유")).fill(SUSPENSION_REASON)
    check_layout(page, "admin-queues-report-suspend", dialog=True)
    confirm(page, "작성자 정지")
    expect(report).to_have_count(0, timeout=DONE_WITHIN)

    choose(page, "처리 상태", "처리됨")
    resolved = page.get_by_role("article").filter(has_text=POST_TITLE)
    expect(resolved.get_by_test_id("report-decision")).to_have_text(
        f"처리: 작성자 정지 · 사유: {SUSPENSION_REASON}"
    )
    expect(resolved.get_by_role("button")).to_have_count(0)

    # The author is suspended: signing in is refused.
    login = httpx.post(
        f"{base_url}/api/v1/auth/login",
        json={"email": story.author.member.email, "password": story.author.member.password},
        timeout=10,
    )
    assert login.status_code == 403, login.text

    # And the audit log has the suspension, by the demo admin, with the reason.
    audit = call(
        base_url,
        story.admin,
        "GET",
        "/api/v1/admin/audit-log",
        params={"target_id": story.author.id},
    )
    [entry] = [e for e in audit["items"] if e["action"] == "user.suspend"]
    assert entry["reason"] == SUSPENSION_REASON
    me = call(base_url, story.admin, "GET", "/api/v1/me")
    assert entry["actor_id"] == me["id"]
    # The console's audit page shows it too, filtered to the author.
    page.goto(f"/admin/audit?target_id={story.author.id}")
    settle(page)
    shown = page.get_by_test_id("audit-entry").filter(has_text=SUSPENSION_REASON)
    expect(shown).to_contain_text("이용 정지")


def test_the_queues_refuse_a_member(
    browser: Browser, browser_context_args: dict[str, Any], story: Story
) -> None:
    with desktop_page(browser, browser_context_args) as member:
        log_in(member, (story.reporter.member.email, story.reporter.member.password))
        for path in ("/admin/queues", "/admin/queues/reports"):
            member.goto(path)
            expect(member.locator("h1")).to_have_text("볼 수 없는 페이지입니다", timeout=FIRST_LOAD)
            expect(member.get_by_text("관리자만 볼 수 있는 페이지예요.")).to_be_visible()
            expect(member.get_by_role("article")).to_have_count(0)
