"""Issue 18's two console journeys, end to end in the browser, each as one story.

The advertiser's: a new company signs up on the sign-up page as an advertiser, fills in
its company profile with its registration certificate and asks for
approval; the admin approves it in the advertiser queue; the advertiser writes a campaign
with two pictures and sends it for review; the admin approves it in the campaign queue; the
PetStar 두부 (the demo's application, approved by the admin in the PetStar queue) is
applied with by its owner on the campaign's page; once recruitment closes the advertiser
selects 두부 and announces, enters the shipment, and once the activity started and the owner
submitted the post's address, approves the post and downloads the CSV report.

The admin's: a member signs up and writes a community post, a second member signs up and
reports it, the admin suspends the author from the report queue, the author can no longer
sign in, and the admin finds the suspension in the audit log.

Each actor has a browser context of their own; every step is a click in the app. Only time is
not: a running platform's clock is the wall clock (the campaigns beat runs every minute and
nobody can move it from outside the process). test_advertiser_console.py sidesteps time by
using the demo advertiser's campaigns, seeded in every phase, which a new advertiser does not
have; so, as test_owner_journey.py does, the advertiser types a schedule minutes from now into
the editor's date fields (the only thing the story waits for): recruitment opens a minute or
two after the review request, closes a few minutes later (the beat moves the campaign to
selection), and the activity starts a few minutes after that (the beat again). Each page at
375 and 1280 px: a screenshot (web/test-results/journeys-*.png), nothing wider than the
screen, axe-core clean.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from petful.advertisers.rules import brn_check_digit
from tests.support import DevStack
from tests.web.conftest import (
    DONE_WITHIN,
    FIRST_LOAD,
    Member,
    api_token,
    check_layout,
    decide,
    desktop_page,
    field,
    go,
    log_in,
    png,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

ADMIN = ("admin@petful.dev", "petful-demo")
PETSTAR_OWNER = ("owner3@petful.dev", "petful-demo")  # services/petful/identity/demo.py
PETSTAR = "두부"  # owner3's corgi, its PetStar application in review (pets/demo.py)
PETSTAR_HANDLE = "dubu_corgi"  # its sandbox Instagram account (sns/demo.py)
SEOUL = ZoneInfo("Asia/Seoul")
BEAT = 60 + 30  # s: the campaigns beat's minute and a busy worker
# The schedule, in whole minutes (the editor's fields have no seconds) from the minute the
# dates are typed: long enough to send the campaign for review and approve it before
# recruitment opens, to apply while it is open, and to select before the announcement.
OPENS_AFTER = 2
RECRUITING_FOR = 2
SELECTING_FOR = 3


def wait_until(what: str, check: Callable[[], Any], within: float) -> Any:
    """Poll `check` until it is truthy (and return it), or fail naming `what`: for what the
    platform does by itself on the clock (the beat)."""
    deadline = time.monotonic() + within
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {within:.0f} s")
        time.sleep(0.5)


def unique_brn() -> str:
    """A registration number with a valid check digit, new on every run."""
    first_nine = f"{int(uuid.uuid4().hex[:8], 16) % 10**9:09d}"
    digits = first_nine + str(brn_check_digit(first_nine))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def picture(name: str, colour: tuple[int, int, int], size: tuple[int, int]) -> FilePayload:
    return {"name": name, "mimeType": "image/png", "buffer": png(*size, colour=colour)}


def pick_file(page: Page, button: str, payload: FilePayload) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button).click()
    chooser.value.set_files(payload)


def card(page: Page, heading: str) -> Locator:
    """A queue item (an article) named by its heading."""
    return page.get_by_role("article", name=heading, exact=True)


def admin_menu(admin: Page, link: str) -> None:
    admin.get_by_role("navigation", name="관리자 메뉴").get_by_role("link", name=link).click()


def seoul_minute(at: datetime) -> str:
    """A moment as the editor's datetime-local fields take it (Seoul time, to the minute)."""
    return at.astimezone(SEOUL).strftime("%Y-%m-%dT%H:%M")


def notice(page: Page, text: str) -> None:
    expect(page.get_by_role("alert").filter(has_text=text).first).to_be_visible()


@pytest.fixture(scope="module")
def context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """Downloads kept (the CSV report), as the shared desktop pages otherwise are."""
    return {**browser_context_args, "accept_downloads": True}


@pytest.fixture(scope="module")
def admin(browser: Browser, context_args: dict[str, Any]) -> Iterator[Page]:
    """The demo admin's browser (a context of its own), shared by both journeys."""
    with desktop_page(browser, context_args) as page:
        log_in(page, ADMIN)
        yield page


# --- the advertiser's journey ------------------------------------------------------------------


@dataclass
class Campaign:
    title: str
    id: str = ""
    recruit_start: datetime | None = None
    recruit_end: datetime | None = None
    activity_start: datetime | None = None


def company_profile(page: Page, company: str, email: str) -> None:
    page.goto("/advertiser/profile")
    settle(page)
    expect(page.get_by_text("작성 전")).to_be_visible()
    check_layout(page, "journeys-advertiser-profile-new")
    field(page, "회사명").fill(company)
    field(page, "사업자등록번호").fill(unique_brn())
    expect(page.get_by_text("올바른 사업자등록번호예요.")).to_be_visible()
    field(page, "대표자명").fill("정대표")
    field(page, "대표 전화번호").fill("02-765-4321")
    field(page, "담당자 이메일").fill(email)
    field(page, "웹사이트").fill("https://example.com")
    field(page, "회사 소개").fill("강아지 산책용품을 만드는 회사예요.")
    page.get_by_role("button", name="회사 정보 저장").click()
    expect(page.get_by_text("회사 정보를 저장했어요.")).to_be_visible()
    pick_file(
        page,
        "사업자등록증 올리기",
        picture("등록증.png", (250, 250, 245), (320, 440)),
    )
    expect(page.get_by_role("img", name="올린 사업자등록증")).to_be_visible()
    check_layout(page, "journeys-advertiser-profile-draft")
    page.get_by_role("button", name="승인 요청 보내기").click()
    expect(page.get_by_text("심사 중", exact=True)).to_be_visible()


def admin_approves_company(admin: Page, company: str) -> None:
    admin_menu(admin, "광고주 승인")
    expect(admin.locator("h1")).to_have_text("광고주 승인")
    settle(admin)
    waiting = card(admin, company)
    waiting.get_by_role("button", name="사업자등록증 보기").click()
    expect(waiting.get_by_role("img", name=f"{company}의 사업자등록증")).to_be_visible()
    check_layout(admin, "journeys-admin-advertisers")
    waiting.get_by_role("button", name="승인", exact=True).click()
    expect(admin.get_by_role("dialog")).to_contain_text(f"{company}을(를) 승인할까요?")
    decide(admin, "승인", shot="journeys-admin-advertiser-approve")
    expect(waiting).to_have_count(0, timeout=DONE_WITHIN)


def admin_approves_petstar(admin: Page) -> None:
    admin_menu(admin, "펫스타 신청")
    expect(admin.locator("h1")).to_have_text("펫스타 신청")
    settle(admin)
    dubu = card(admin, PETSTAR)
    expect(dubu.get_by_test_id("instagram-figures")).to_contain_text("팔로워")
    check_layout(admin, "journeys-admin-petstars")
    dubu.get_by_role("button", name="승인", exact=True).click()
    decide(admin, "승인")
    expect(dubu).to_have_count(0, timeout=DONE_WITHIN)


def write_campaign(page: Page, campaign: Campaign) -> None:
    page.get_by_role("link", name="광고주 센터로 가기").click()
    settle(page)
    check_layout(page, "journeys-advertiser-dashboard")
    page.goto("/advertiser/campaigns")
    settle(page)
    check_layout(page, "journeys-advertiser-campaigns-empty")
    page.get_by_role("button", name="새 체험단 만들기").or_(
        page.get_by_role("link", name="새 체험단 만들기")
    ).first.click()
    settle(page)
    check_layout(page, "journeys-advertiser-campaign-new")
    field(page, "체험단 제목").fill(campaign.title)
    field(page, "상품명").fill("반사 산책 리드줄")
    field(page, "상품 링크").fill("https://example.com/leash")
    field(page, "상품 설명").fill("밤 산책에도 잘 보이는 반사 소재 리드줄이에요.")
    field(page, "캠페인 목표").fill("밤 산책 안전용품으로서의 인지도")
    field(page, "미션").fill("밤 산책 사진 1장\n사용 후기 피드 1개")
    field(page, "필수 키워드").fill("리드줄")
    field(page, "필수 해시태그").fill("#광고 #펫풀체험단")
    page.get_by_role("checkbox", name="강아지").check()
    field(page, "모집 인원").fill("2")
    field(page, "제공 내용").fill("반사 리드줄 1개")
    field(page, "1인당 제공 가치").fill("32000")
    # The schedule minutes from now (see the module's docstring), typed into its fields.
    now = datetime.now(SEOUL).replace(second=0, microsecond=0)
    campaign.recruit_start = now + timedelta(minutes=OPENS_AFTER)
    campaign.recruit_end = campaign.recruit_start + timedelta(minutes=RECRUITING_FOR)
    campaign.activity_start = campaign.recruit_end + timedelta(minutes=SELECTING_FOR)
    for label, at in (
        ("모집 시작", campaign.recruit_start),
        ("모집 마감", campaign.recruit_end),
        ("선정 발표", campaign.activity_start),
        ("활동 시작", campaign.activity_start),
        ("활동 종료", campaign.activity_start + timedelta(days=14)),
    ):
        field(page, label).fill(seoul_minute(at))
    expect(page.get_by_text("앞 일정보다")).to_have_count(0)

    page.get_by_role("button", name="임시 저장").click()
    page.wait_for_url(re.compile(r"/advertiser/campaigns/[0-9a-f-]+/edit$"))
    settle(page)
    campaign.id = page.url.rsplit("/", 2)[-2]
    for n, colour in ((1, (40, 90, 160)), (2, (230, 190, 40))):
        pick_file(page, "사진 추가", picture(f"leash-{n}.png", colour, (240, 160)))
        expect(page.get_by_text(f"{n}/10장")).to_be_visible()
    page.get_by_role("button", name="임시 저장").click()
    expect(page.get_by_text("저장했어요.", exact=True)).to_be_visible()
    check_layout(page, "journeys-advertiser-campaign-edit")
    page.get_by_role("button", name="검토 요청").click()
    page.wait_for_url(f"**/advertiser/campaigns/{campaign.id}")
    settle(page)
    expect(page.get_by_text("검토 중", exact=True).first).to_be_visible()
    check_layout(page, "journeys-advertiser-campaign-review")


def admin_approves_campaign(admin: Page, campaign: Campaign) -> None:
    admin_menu(admin, "캠페인 검토")
    expect(admin.locator("h1")).to_have_text("체험단 검토")
    settle(admin)
    review = card(admin, campaign.title)
    expect(review).to_contain_text("반사 산책 리드줄")
    expect(review.get_by_role("img", name="체험단 사진 1")).to_be_visible()
    check_layout(admin, "journeys-admin-campaigns")
    review.get_by_role("button", name="승인", exact=True).click()
    expect(admin.get_by_role("dialog")).to_contain_text("바로 모집이 시작돼요")
    decide(admin, "승인")
    expect(review).to_have_count(0, timeout=DONE_WITHIN)


def petstar_applies(owner: Page, campaign: Campaign) -> None:
    assert campaign.recruit_start is not None
    opens = campaign.recruit_start
    # Applications open at recruit_start (the page says when before): the one time waited.
    wait_until("recruitment opens", lambda: datetime.now(SEOUL) >= opens, within=OPENS_AFTER * 60)
    owner.goto(f"/campaigns/{campaign.id}")
    expect(owner.locator("h1")).to_have_text(campaign.title, timeout=FIRST_LOAD)
    settle(owner)
    apply = owner.get_by_role("region", name="신청하기")
    dubu = apply.get_by_role("radio", name=re.compile(PETSTAR))
    if not dubu.is_checked():
        dubu.check()
    field(owner, "신청 메시지").fill(
        "두부는 밤마다 산책해요. 리드줄이 잘 보이는지 사진으로 남길게요!"
    )
    check_layout(owner, "journeys-petstar-campaign")
    apply.get_by_role("button", name="신청하기").click()
    expect(apply).to_contain_text("내 신청")
    expect(apply).to_contain_text("신청 완료")


def own_phase(base_url: str, email: str, password: str, campaign_id: str) -> str:
    token = api_token(base_url, email, password)
    answer = httpx.get(
        f"{base_url}/api/v1/advertiser/campaigns/{campaign_id}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["phase"])


def wait_for_phase(
    base_url: str, advertiser: Member, campaign: Campaign, phase: str, after: datetime
) -> None:
    """The beat moved the campaign on at `after` (its first minute afterwards)."""
    remaining = max(0.0, (after - datetime.now(SEOUL)).total_seconds())
    wait_until(
        f"the campaign {phase}",
        lambda: own_phase(base_url, advertiser.email, advertiser.password, campaign.id) == phase,
        within=remaining + BEAT,
    )


def campaign_view(page: Page, view: str) -> None:
    page.get_by_role("navigation", name="체험단 메뉴").get_by_role("link", name=view).click()
    settle(page)


def select_and_announce(page: Page, campaign: Campaign) -> None:
    page.goto(f"/advertiser/campaigns/{campaign.id}")
    settle(page)
    expect(page.get_by_text("선정 중", exact=True).first).to_be_visible()
    campaign_view(page, "지원자")
    check_layout(page, "journeys-advertiser-applicants")
    page.get_by_role("button", name=f"{PETSTAR} 선정").click()
    expect(page.get_by_role("button", name=f"{PETSTAR} 선정 취소")).to_be_visible()
    page.get_by_role("button", name="선정 확정하고 발표").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("선정한 1명")
    check_layout(page, "journeys-advertiser-announce", dialog=True)
    dialog.get_by_role("button", name="선정 확정하고 발표").click()
    expect(page.get_by_text("발표 완료", exact=True)).to_be_visible()


def ship(page: Page) -> None:
    campaign_view(page, "진행 관리")
    shipment = page.get_by_role("form", name=f"{PETSTAR} 배송 정보")
    check_layout(page, "journeys-advertiser-running")
    field(shipment, "택배사").fill("한진택배")
    field(shipment, "송장번호").fill("508812345678")
    shipment.get_by_role("button", name="발송 완료").click()
    expect(page.get_by_text(re.compile("발송: 한진택배 508812345678"))).to_be_visible()
    expect(shipment).to_have_count(0)


def petstar_submits_the_post(owner: Page, campaign: Campaign, sandbox_url: str) -> None:
    # The post on Instagram (the sandbox), as the campaign asks.
    posted = httpx.post(
        f"{sandbox_url}/__sandbox__/media",
        json={
            "handle": PETSTAR_HANDLE,
            "caption": "#광고 밤 산책도 안전하게, 두부의 반사 리드줄 #펫풀체험단 #리드줄",
            "like_count": 150,
        },
        timeout=10,
    )
    assert posted.status_code == 201, posted.text
    owner.goto("/campaigns/applications")
    settle(owner)
    mine = owner.get_by_role("article").filter(
        has=owner.get_by_role("heading", name=campaign.title)
    )
    expect(mine).to_contain_text("한진택배")
    check_layout(owner, "journeys-petstar-applications")
    mine.get_by_label(re.compile("^인스타그램 게시물 주소")).fill(posted.json()["permalink"])
    mine.get_by_role("button", name="제출하기").click()
    expect(mine).to_contain_text("게시물 검토 중")


def approve_the_post(page: Page) -> None:
    page.reload()
    settle(page)
    dubu = page.get_by_role("article", name=PETSTAR)
    expect(dubu.get_by_role("link", name=f"{PETSTAR}의 게시물 보기")).to_be_visible()
    check_layout(page, "journeys-advertiser-post")
    dubu.get_by_role("button", name="게시물 승인").click()
    expect(dubu.get_by_role("button", name="게시물 승인")).to_have_count(0)
    expect(dubu.get_by_text("게시물 승인", exact=True)).to_be_visible()


def download_the_report(page: Page) -> None:
    campaign_view(page, "결과 보고서")
    expect(page.get_by_role("heading", name="참여 현황")).to_be_visible()
    check_layout(page, "journeys-advertiser-report")
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV 내려받기").click()
    saved = download.value
    assert saved.suggested_filename.endswith(".csv")
    text = Path(saved.path()).read_bytes().decode("utf-8-sig")
    assert PETSTAR in text, text[:300]


# The story waits on the clock for about eight minutes (see the module's docstring), longer
# than the suite's five-minute limit per test.
@pytest.mark.timeout(1200)
def test_the_advertisers_journey(
    browser: Browser,
    context_args: dict[str, Any],
    admin: Page,
    platform: DevStack,
    base_url: str,
) -> None:
    advertiser = Member.new("journey-advertiser", "리드줄상사")
    company = f"밤산책상사 {advertiser.nickname[-6:]}"
    campaign = Campaign(f"반사 리드줄 체험단 {uuid.uuid4().hex[:4]}")
    sandbox_url = f"http://127.0.0.1:{platform.ports['instagram_sandbox']}"
    with (
        desktop_page(browser, context_args) as page,
        desktop_page(browser, context_args) as owner,
    ):
        # Signed up as an advertiser, the app opens the company profile the review needs.
        sign_up(page, platform, advertiser, advertiser=True)
        expect(page).to_have_url(f"{base_url}/advertiser/profile")
        company_profile(page, company, advertiser.email)

        go(admin, "관리자")
        admin_approves_company(admin, company)
        page.reload()
        settle(page)
        expect(page.get_by_text("승인됨", exact=True)).to_be_visible()
        # The PetStar who will apply: the demo's application, approved in its queue.
        admin_approves_petstar(admin)

        write_campaign(page, campaign)
        admin_approves_campaign(admin, campaign)
        page.reload()
        settle(page)
        expect(page.get_by_text("모집 중", exact=True).first).to_be_visible()

        log_in(owner, PETSTAR_OWNER)
        petstar_applies(owner, campaign)

        assert campaign.recruit_end
        assert campaign.activity_start
        wait_for_phase(base_url, advertiser, campaign, "SELECTING", campaign.recruit_end)
        select_and_announce(page, campaign)
        ship(page)

        wait_for_phase(base_url, advertiser, campaign, "IN_PROGRESS", campaign.activity_start)
        petstar_submits_the_post(owner, campaign, sandbox_url)
        approve_the_post(page)
        download_the_report(page)


# --- the admin's journey -----------------------------------------------------------------------

POST_TITLE = "사료 공동구매 모집합니다"
POST_BODY = "아래 계좌로 먼저 입금해 주시면 사료를 반값에 보내 드려요. 선착순 10명!"
REPORT_TEXT = "선입금을 요구하는 사기 의심 글이에요."
SUSPENSION_REASON = "선입금을 요구하는 사기성 글을 올렸습니다."


def write_post(page: Page) -> str:
    page.goto("/community/write?board=INFORMATION")
    expect(page.locator("h1")).to_have_text("글쓰기", timeout=FIRST_LOAD)
    settle(page)
    field(page, "제목").fill(POST_TITLE)
    field(page, "내용").fill(POST_BODY)
    check_layout(page, "journeys-member-write")
    page.get_by_role("button", name="올리기").click()
    expect(page.locator("h1")).to_have_text(POST_TITLE, timeout=FIRST_LOAD)
    return page.url


def report_post(page: Page, post_url: str) -> None:
    page.goto(post_url)
    expect(page.locator("h1")).to_have_text(POST_TITLE, timeout=FIRST_LOAD)
    settle(page)
    check_layout(page, "journeys-member-post")
    page.get_by_role("button", name="글 메뉴").click()
    page.get_by_role("menuitem", name="신고").click()
    dialog = page.get_by_role("dialog", name="신고하기")
    expect(dialog).to_be_visible()
    field(page, "신고 분류").select_option(label="사기·사칭")
    field(page, "신고 내용").fill(REPORT_TEXT)
    check_layout(page, "journeys-member-report", dialog=True)
    dialog.get_by_role("button", name="신고 접수").click()
    expect(dialog.get_by_text("신고가 접수되었습니다")).to_be_visible()


def test_the_admins_journey(
    browser: Browser, context_args: dict[str, Any], admin: Page, platform: DevStack
) -> None:
    author = Member.new("journey-author", "공구왕")
    reporter = Member.new("journey-reporter", "신고인")
    with desktop_page(browser, context_args) as page:
        sign_up(page, platform, author)
        post_url = write_post(page)
    with desktop_page(browser, context_args) as page:
        sign_up(page, platform, reporter)
        report_post(page, post_url)

    admin.goto("/admin")
    settle(admin)
    check_layout(admin, "journeys-admin-dashboard")
    admin.get_by_role("region", name="처리를 기다리는 일").get_by_test_id("queue-reports").click()
    expect(admin.locator("h1")).to_have_text("신고 처리")
    settle(admin)
    report = admin.get_by_role("article").filter(has_text=POST_TITLE)
    expect(report.get_by_test_id("reported-content")).to_contain_text(POST_BODY)
    expect(report.get_by_test_id("reported-content")).to_contain_text(author.nickname)
    expect(report).to_contain_text(REPORT_TEXT)
    check_layout(admin, "journeys-admin-reports")
    report.get_by_role("button", name="작성자 정지").click()
    admin.get_by_role("dialog").get_by_role("radio", name="7일").check()
    decide(admin, "작성자 정지", SUSPENSION_REASON, shot="journeys-admin-report-suspend")
    expect(report).to_have_count(0, timeout=DONE_WITHIN)
    notice(admin, "신고를 처리했어요.")

    # The author can no longer sign in.
    with desktop_page(browser, context_args) as page:
        page.goto("/login")
        field(page, "이메일").fill(author.email)
        field(page, "비밀번호").fill(author.password)
        page.get_by_role("button", name="로그인", exact=True).last.click()
        expect(page.get_by_role("alert").first).to_be_visible(timeout=FIRST_LOAD)
        expect(page).to_have_url(re.compile(r"/login$"))
        expect(page.get_by_role("banner").get_by_role("button", name="로그아웃")).to_have_count(0)

    # The audit log has the suspension, newest first, with the reason.
    admin_menu(admin, "감사 로그")
    expect(admin.locator("h1")).to_have_text("감사 로그")
    settle(admin)
    admin.get_by_role("combobox", name="조치").click()
    admin.get_by_role("option", name="이용 정지", exact=True).click()
    admin.get_by_role("button", name="적용").click()
    expect(admin).to_have_url(re.compile(r"action=user\.suspend"))
    entry = admin.get_by_test_id("audit-entry").first
    expect(entry).to_contain_text(SUSPENSION_REASON)
    expect(entry).to_contain_text("이용 정지")
    check_layout(admin, "journeys-admin-audit")
