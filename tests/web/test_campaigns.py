"""Campaign pages in the browser: a visitor browses, searches and opens a campaign and is
asked to log in to apply (and comes back after); the demo owner cancels and applies again
with their PetStar, follows an advertiser's invitation, resubmits a post after the
advertiser's revision request (driven through the API) and sees the platform's content
checklist. Every page at phone and desktop width: no horizontal scroll, axe-core clean,
a screenshot in web/test-results/.

Demo data (`petful seed`): the demo advertiser has one campaign in every phase; the demo
owner's PetStar 보리 applied to the recruiting one and submitted a post in the one in
progress (services/petful/campaigns/demo.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.web.conftest import (
    DEMO_OWNER,
    FIRST_LOAD,
    RESULTS,
    WIDTHS,
    axe_violations,
    describe,
    field,
    settle,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

ADVERTISER = ("advertiser@petful.dev", DEMO_OWNER[1])
RECRUITING = "강아지 유산균 2주 체험단"
SELECTING = "캣타워 체험단"
DRAFT = "고양이 스크래처 체험단 (작성 중)"
IN_PROGRESS = "자동 급식기 체험단"
PET = "보리"


# --- the API, for what other people do meanwhile (the advertiser) ------------------------------


class Api:
    def __init__(self, base_url: str, email: str, password: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        r = self.http.post("/api/v1/auth/login", json={"email": email, "password": password})
        r.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"

    def get(self, path: str, **params: Any) -> Any:
        r = self.http.get(path, params=params)
        r.raise_for_status()
        return r.json()

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        r = self.http.post(path, json=body or {})
        r.raise_for_status()
        return r.json()


@pytest.fixture(scope="module")
def advertiser(base_url: str) -> Iterator[Api]:
    api = Api(base_url, *ADVERTISER)
    yield api
    api.http.close()


@pytest.fixture(scope="module")
def owner_api(base_url: str) -> Iterator[Api]:
    api = Api(base_url, *DEMO_OWNER)
    yield api
    api.http.close()


@pytest.fixture(scope="module")
def campaign_ids(advertiser: Api) -> dict[str, str]:
    """The demo advertiser's campaigns by title."""
    items = advertiser.get("/api/v1/advertiser/campaigns", page_size=100)["items"]
    return {c["title"]: c["id"] for c in items}


# --- the browser ---------------------------------------------------------------------------------


def log_in(page: Page, base_url: str, next_path: str) -> None:
    email, password = DEMO_OWNER
    page.goto(f"/login?next={next_path}")
    field(page, "이메일").fill(email)
    field(page, "비밀번호").fill(password)
    page.get_by_role("button", name="로그인", exact=True).last.click()
    expect(page).to_have_url(base_url + next_path, timeout=FIRST_LOAD)


@pytest.fixture(scope="module")
def owner(
    browser: Browser, browser_context_args: dict[str, Any], base_url: str
) -> Iterator[BrowserContext]:
    """One browser signed in as the demo owner for the module (the refresh cookie keeps it
    signed in across page loads)."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    log_in(page, base_url, "/campaigns")
    page.close()
    yield context
    context.close()


def application(page: Page, title: str, status: str) -> Locator:
    """The card of my application to `title` that shows `status`."""
    return (
        page.get_by_role("article")
        .filter(has=page.get_by_role("heading", name=title))
        .filter(has_text=status)
    )


def resize(page: Page, width: str) -> None:
    px, height = WIDTHS[width]
    page.set_viewport_size({"width": px, "height": height})


def check_page(page: Page, name: str) -> None:
    """One h1, fits the screen, axe-clean; a screenshot kept."""
    settle(page)
    expect(page.locator("h1")).to_have_count(1)
    width = page.viewport_size["width"] if page.viewport_size else 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / f"campaigns-{name}-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    violations = axe_violations(page)
    assert not violations, describe(violations)


# --- a visitor ---------------------------------------------------------------------------------


def test_visitor_browses_searches_and_is_asked_to_log_in(
    page: Page, base_url: str, campaign_ids: dict[str, str]
) -> None:
    page.goto("/campaigns")
    expect(page.locator("h1")).to_have_text("체험단", timeout=FIRST_LOAD)
    tabs = page.get_by_role("tablist", name="체험단 구분")
    expect(tabs.get_by_role("tab")).to_have_text(["모집 중", "모집 마감"])  # no "applied"
    card = page.get_by_test_id("campaign-card").filter(has_text=RECRUITING)
    expect(card).to_contain_text("제공 가치 39,000원")
    expect(card).to_contain_text(re.compile(r"D-(\d+|Day)"))
    expect(card).to_contain_text("마감")
    expect(card).to_contain_text("신청 1명 / 모집 3명")

    # Search, then the closed tab; both live in the address.
    field(page, "검색어").fill("캣타워")
    page.get_by_role("button", name="검색", exact=True).click()
    expect(page.get_by_text("조건에 맞는 체험단이 없습니다.")).to_be_visible()
    tabs.get_by_role("tab", name="모집 마감").click()
    expect(page.get_by_test_id("campaign-card").filter(has_text=SELECTING)).to_be_visible()
    expect(page).to_have_url(re.compile(r"tab=ended.*q=%EC%BA%A3"))
    page.get_by_label("반려동물", exact=True).select_option("BIRD")
    expect(page.get_by_text("조건에 맞는 체험단이 없습니다.")).to_be_visible()
    page.go_back()
    expect(page.get_by_test_id("campaign-card").filter(has_text=SELECTING)).to_be_visible()

    # A draft is nobody's business but its advertiser's.
    page.goto(f"/campaigns/{campaign_ids[DRAFT]}")
    expect(page.locator("h1")).to_have_text("체험단을 찾을 수 없습니다", timeout=FIRST_LOAD)

    # The recruiting campaign in full.
    page.goto("/campaigns")
    page.get_by_test_id("campaign-card").filter(has_text=RECRUITING).click()
    campaign_id = campaign_ids[RECRUITING]
    expect(page).to_have_url(f"{base_url}/campaigns/{campaign_id}")
    expect(page.locator("h1")).to_have_text(RECRUITING)
    for heading in ("요약", "일정", "제품", "미션", "게시물 안내", "참여 조건", "신청하기"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    schedule = page.get_by_role("region", name="일정")
    expect(schedule.get_by_role("listitem")).to_have_count(3)
    expect(schedule).to_contain_text("모집 기간")
    expect(schedule).to_contain_text("진행 중")
    expect(page.get_by_text("#광고", exact=True).first).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="공정거래위원회")).to_be_visible()

    # Log in to apply, and come back here.
    page.get_by_role("link", name="로그인하고 신청하기").click()
    expect(page).to_have_url(f"{base_url}/login?next=%2Fcampaigns%2F{campaign_id}")
    email, password = DEMO_OWNER
    field(page, "이메일").fill(email)
    field(page, "비밀번호").fill(password)
    page.get_by_role("button", name="로그인", exact=True).last.click()
    expect(page).to_have_url(f"{base_url}/campaigns/{campaign_id}")
    apply = page.get_by_role("region", name="신청하기")
    expect(apply).to_contain_text("내 신청")
    expect(apply).to_contain_text(PET)


# --- the demo owner ------------------------------------------------------------------------------


def test_owner_cancels_follows_an_invitation_and_applies_again(
    owner: BrowserContext,
    base_url: str,
    advertiser: Api,
    owner_api: Api,
    campaign_ids: dict[str, str],
) -> None:
    pets = {p["name"]: p["id"] for p in owner_api.get("/api/v1/pets")["items"]}
    campaign_id = campaign_ids[RECRUITING]
    advertiser.post(
        f"/api/v1/advertiser/campaigns/{campaign_id}/invitations",
        {"pet_id": pets[PET], "message": "보리와 꼭 함께하고 싶어요!"},
    )

    page = owner.new_page()
    page.goto("/campaigns")
    expect(page.locator("h1")).to_have_text("체험단", timeout=FIRST_LOAD)
    page.get_by_role("link", name="내 신청 내역").click()
    expect(page).to_have_url(f"{base_url}/campaigns/applications")

    # Cancel the application the demo seeded, after a confirmation.
    applied = application(page, RECRUITING, "신청 완료")
    applied.get_by_role("button", name="신청 취소").click()
    dialog = page.get_by_role("dialog", name="신청을 취소할까요?")
    dialog.get_by_role("button", name="신청 취소").click()
    expect(dialog).to_be_hidden()
    expect(application(page, RECRUITING, "취소됨")).to_be_visible()
    expect(application(page, RECRUITING, "신청 완료")).to_have_count(0)

    # The invitation leads to the campaign, where the form checks its fields first.
    invitation = page.get_by_test_id("invitation").filter(has_text=RECRUITING)
    expect(invitation).to_contain_text("보리와 꼭 함께하고 싶어요!")
    invitation.get_by_role("link", name=re.compile("신청하러 가기")).click()
    expect(page).to_have_url(f"{base_url}/campaigns/{campaign_id}")
    apply = page.get_by_role("region", name="신청하기")
    expect(apply.get_by_role("radio", name=re.compile(PET))).to_be_checked()
    apply.get_by_role("button", name="신청하기").click()
    note = field(page, "신청 메시지")
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(apply.get_by_text("10자 이상 1,000자 이하로 적어 주세요.")).to_be_visible()
    note.fill("보리는 장이 예민해서 유산균을 꾸준히 챙겨 먹어요. 2주 동안 변화를 기록할게요!")
    apply.get_by_role("button", name="신청하기").click()
    # Told so, though the form itself is gone (its pet has applied).
    expect(
        page.get_by_role("alert").filter(
            has_text="신청했습니다. 선정 결과는 발표일에 알려 드립니다."
        )
    ).to_be_visible()
    expect(apply).to_contain_text("내 신청")
    expect(apply).to_contain_text("신청 완료")
    expect(apply.get_by_text("신청할 수 있는 펫스타가 모두 신청했습니다.")).to_be_visible()

    apply.get_by_role("link", name="내 신청 내역 보기").click()
    expect(page).to_have_url(f"{base_url}/campaigns/applications")
    expect(application(page, RECRUITING, "신청 완료")).to_be_visible()
    # The invitation is answered now: its status instead of the way to apply.
    expect(invitation).to_contain_text("신청 완료")
    expect(invitation.get_by_role("link")).to_have_count(0)
    page.close()


def test_owner_resubmits_a_post_and_sees_the_checklist(
    owner: BrowserContext,
    base_url: str,
    advertiser: Api,
    owner_api: Api,
    campaign_ids: dict[str, str],
) -> None:
    # The advertiser asks 보리 to change the post (through the API).
    campaign_id = campaign_ids[IN_PROGRESS]
    applicants = advertiser.get(f"/api/v1/advertiser/campaigns/{campaign_id}/applicants")
    (bori,) = [a for a in applicants["items"] if a["pet_name"] == PET]
    reason = "제품 로고가 보이도록 한 장 더 올려 주세요."
    advertiser.post(
        f"/api/v1/advertiser/applicants/{bori['id']}/request-revision", {"reason": reason}
    )
    # A post of 보리's linked (sandbox) Instagram account, which the platform can check.
    accounts = owner_api.get("/api/v1/sns/accounts")["items"]
    (account,) = [a for a in accounts if a["username"] == "bori_maltese"]
    analytics = owner_api.get(f"/api/v1/sns/accounts/{account['id']}/analytics")
    permalink = analytics["top_posts"][0]["permalink"]

    page = owner.new_page()
    page.goto("/campaigns/applications")
    expect(page.locator("h1")).to_have_text("내 체험단 신청", timeout=FIRST_LOAD)
    card = application(page, IN_PROGRESS, "수정 요청")
    expect(card).to_contain_text("광고주의 수정 요청")
    expect(card).to_contain_text(reason)
    expect(card).to_contain_text("CJ대한통운")  # the shipment of the demo seed
    check_page(page, "revision")

    # The API's refusal of a link lands beside the field.
    url = card.get_by_label(re.compile("^인스타그램 게시물 주소"))
    url.fill("https://example.com/p/not-instagram/")
    card.get_by_role("button", name="다시 제출하기").click()
    expect(url).to_have_attribute("aria-invalid", "true")
    expect(card.get_by_text(re.compile("Instagram post or reel link"))).to_be_visible()

    url.fill(permalink)
    card.get_by_role("button", name="다시 제출하기").click()
    submitted = application(page, IN_PROGRESS, "게시물 검토 중")
    checklist = submitted.get_by_role("region", name="게시물 자동 점검")
    expect(checklist).to_be_visible()
    expect(checklist).to_contain_text(re.compile("통과|보완 필요|확인 대기"))
    items = checklist.get_by_test_id("checklist-items")
    expect(items).to_contain_text("광고 표시")
    expect(items).to_contain_text("해시태그 #펫풀체험단")
    expect(items).to_contain_text("활동 기간 안에 게시")
    expect(submitted).to_contain_text("제출 기록")
    page.close()


# --- every page, phone and desktop ------------------------------------------------------------


@pytest.mark.parametrize("width", list(WIDTHS))
def test_visitor_pages(width: str, page: Page, campaign_ids: dict[str, str]) -> None:
    resize(page, width)
    page.goto("/campaigns")
    expect(page.get_by_test_id("campaign-card").first).to_be_visible(timeout=FIRST_LOAD)
    check_page(page, "list")
    page.goto(f"/campaigns/{campaign_ids[RECRUITING]}")
    expect(page.get_by_role("link", name="로그인하고 신청하기")).to_be_visible(timeout=FIRST_LOAD)
    check_page(page, "detail")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_owner_pages(width: str, owner: BrowserContext, campaign_ids: dict[str, str]) -> None:
    page = owner.new_page()
    resize(page, width)
    page.goto("/campaigns?tab=applied")
    expect(page.get_by_test_id("campaign-card").first).to_be_visible(timeout=FIRST_LOAD)
    expect(page.get_by_role("tab", name="신청한 체험단")).to_have_attribute("aria-selected", "true")
    check_page(page, "applied")
    page.goto(f"/campaigns/{campaign_ids[RECRUITING]}")
    expect(page.get_by_role("region", name="신청하기")).to_contain_text(PET, timeout=FIRST_LOAD)
    check_page(page, "detail-signed-in")
    page.goto("/campaigns/applications")
    expect(page.get_by_role("article").first).to_be_visible(timeout=FIRST_LOAD)
    check_page(page, "applications")
    page.close()
