"""My pets in the browser, as one new owner's story: add a pet with a picture (previewed,
uploaded with progress), add a second one and trip over the API's duplicate-name error
beside the name field, edit and remove a picture, write a portfolio with an activity
history entry and its picture, link the Instagram sandbox (through the API: linking is the
Instagram pages' job) and see the PetStar eligibility preview, apply and withdraw, and
delete a pet. The demo owner's PetStar, which has campaign work, cannot be deleted: the
dialog gives the API's reason. Each page and dialog at 375 and 1280 px: a screenshot, no
horizontal scroll, axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story);
navigation inside the app is client-side where a person would click.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    DEMO_OWNER,
    FIRST_LOAD,
    Member,
    api_token,
    check_layout,
    desktop_page,
    field,
    go,
    png,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

# A sandbox Instagram account no other browser test links (an account has one owner).
SANDBOX_HANDLE = "tiny_hamster"
PET_URL = re.compile(r"/pets/([0-9a-f-]{36})$")


@dataclass
class Owner(Member):
    pets: dict[str, str] = dc_field(default_factory=dict)  # name -> id


def picture_file(name: str, content: bytes | None = None) -> FilePayload:
    """A file as the chooser hands it over: a PNG unless other bytes are given."""
    return {"name": name, "mimeType": "image/png", "buffer": png() if content is None else content}


def open_pet(page: Page, name: str) -> None:
    go(page, "내 반려동물")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.locator("h1")).to_have_text(name)
    settle(page)


def upload_picture(page: Page, button: Locator, name: str) -> None:
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(files=[picture_file(name)])


def media_id(image: Locator) -> str:
    """The media id in a picture's address (/media/public/pets/<media id>/<file>)."""
    src = image.get_attribute("src") or ""
    found = re.search(r"/media/public/pets/([0-9a-f-]{36})/", src)
    assert found, src
    return found.group(1)


def loaded(page: Page, image: Locator) -> None:
    """The picture is on the page and the browser could decode it (served, not broken)."""
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )


@pytest.fixture(scope="module")
def owner() -> Owner:
    return Owner.new("pets", "펫")


@pytest.fixture(scope="module")
def page(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, owner: Owner
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner through the sign-up page."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        # The sign-up page's welcome (not this area's notification) closes by itself.
        expect(page.get_by_role("alert")).to_have_count(0, timeout=FIRST_LOAD)
        yield page


def test_add_a_pet_with_a_picture(page: Page, owner: Owner, base_url: str) -> None:
    go(page, "내 반려동물")
    expect(page.locator("h1")).to_have_text("내 반려동물")
    expect(page.get_by_text("아직 등록한 반려동물이 없어요")).to_be_visible()
    check_layout(page, "pets-list-empty")

    page.get_by_role("link", name="반려동물 등록").first.click()
    expect(page).to_have_url(f"{base_url}/pets/new")
    settle(page)
    check_layout(page, "pets-new")

    # The API's required species, checked here before a round trip.
    page.get_by_role("button", name="등록하기").click()
    expect(page.get_by_text("종류를 골라 주세요.")).to_be_visible()
    expect(page.get_by_text("필수 항목입니다.")).to_be_visible()

    field(page, "이름").fill("보리")
    field(page, "종류").select_option(label="강아지")
    # Breed is free text with the API's suggestions for the species.
    breed = page.get_by_role("combobox", name="품종")
    breed.fill("말티")
    page.get_by_role("option", name="말티즈 (Maltese)").click()
    expect(breed).to_have_value("말티즈 (Maltese)")
    page.get_by_role("radio", name="여아").check()
    page.get_by_role("checkbox", name="중성화").check()
    field(page, "생년월일").fill("2021-04-01")
    field(page, "몸무게").fill("3.4")
    tags = page.get_by_role("combobox", name="성격 태그")
    tags.fill("활발함")
    tags.press("Enter")
    tags.fill("간식러버")
    tags.press("Enter")
    field(page, "소개").fill("한강 산책을 제일 좋아하는 말티즈예요.")

    # The picture is previewed from the file itself before anything is sent.
    upload_picture(page, page.get_by_role("button", name="사진 고르기"), "bori.png")
    preview = page.get_by_role("img", name="보리 사진")
    expect(preview).to_have_attribute("src", re.compile(r"^blob:"))
    page.get_by_role("button", name="등록하기").click()

    expect(page).to_have_url(PET_URL, timeout=FIRST_LOAD)
    match = PET_URL.search(page.url)
    assert match
    owner.pets["보리"] = match.group(1)
    expect(page.locator("h1")).to_have_text("보리")
    picture = page.get_by_role("img", name="보리 사진")
    expect(picture).to_have_attribute("src", re.compile(r"^/media/"))
    loaded(page, picture)
    overview = page.get_by_role("tabpanel", name="기본 정보")
    for fact in ("말티즈 (Maltese)", "여아", "2021년 4월 1일", "3.4kg", "#활발함 #간식러버"):
        expect(overview.get_by_text(fact, exact=True)).to_be_visible()
    expect(overview.get_by_text("연결된 인스타그램 계정이 없어요.")).to_be_visible()
    settle(page)
    check_layout(page, "pets-detail")


def test_duplicate_name_error_beside_the_field(page: Page, owner: Owner) -> None:
    go(page, "내 반려동물")
    page.get_by_role("link", name="반려동물 등록").first.click()
    settle(page)
    field(page, "이름").fill("콩이")
    field(page, "종류").select_option(label="고양이")
    page.get_by_role("radio", name="대략적인 나이만 알아요").check()
    field(page, "추정 나이 (개월)").fill("30")
    page.get_by_role("button", name="등록하기").click()
    expect(page).to_have_url(PET_URL, timeout=FIRST_LOAD)
    match = PET_URL.search(page.url)
    assert match
    owner.pets["콩이"] = match.group(1)
    expect(
        page.get_by_role("tabpanel", name="기본 정보").get_by_text("약 2살 6개월")
    ).to_be_visible()

    # Renamed to the first pet's name: the API's 409 names the field, shown beside it (in
    # Korean: a refusal of the name has one reason), and nothing above the form repeats it.
    page.get_by_role("link", name="정보 수정").click()
    settle(page)
    expect(page.locator("h1")).to_have_text("반려동물 정보 수정")
    name = field(page, "이름")
    name.fill("보리")
    page.get_by_role("button", name="저장").click()
    expect(
        page.get_by_text("이미 같은 이름의 반려동물이 있습니다. 다른 이름을 적어 주세요.")
    ).to_be_visible()
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(page.locator("form").get_by_role("alert")).to_have_count(0)
    check_layout(page, "pets-edit-error")

    # A name of its own, a weight and a birth date instead of the estimate: saved.
    name.fill("콩이")
    field(page, "몸무게").fill("4.8")
    page.get_by_role("radio", name="생년월일을 알아요").check()
    field(page, "생년월일").fill("2022-09-12")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("저장했습니다.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("콩이")
    overview = page.get_by_role("tabpanel", name="기본 정보")
    expect(overview.get_by_text("2022년 9월 12일", exact=True)).to_be_visible()
    expect(overview.get_by_text("4.8kg", exact=True)).to_be_visible()


def test_picture_change_and_removal(page: Page, owner: Owner) -> None:
    open_pet(page, "콩이")
    page.get_by_role("link", name="정보 수정").click()
    settle(page)
    choose = page.get_by_role("button", name="사진 고르기")

    # Named .png but no picture: the API (which reads the content) refuses it with 415.
    with page.expect_file_chooser() as chooser:
        choose.click()
    chooser.value.set_files(files=[picture_file("kongi.png", b"not a picture")])
    expect(page.get_by_role("alert").filter(has_text="사진만 올릴 수 있습니다")).to_have_text(
        "JPEG, PNG, WebP, GIF 사진만 올릴 수 있습니다."
    )
    expect(page.locator("main img")).to_have_count(0)

    upload_picture(page, choose, "kongi.png")
    expect(page.get_by_text("사진을 올렸습니다.")).to_be_visible()
    picture = page.get_by_role("img", name="콩이 사진")
    expect(picture).to_have_attribute("src", re.compile(r"^/media/"))
    loaded(page, picture)
    check_layout(page, "pets-edit")

    page.get_by_role("button", name="사진 삭제").click()
    expect(page.get_by_text("사진을 삭제했습니다.")).to_be_visible()
    expect(page.get_by_role("button", name="사진 고르기")).to_be_visible()
    expect(page.locator("main img")).to_have_count(0)

    # The list shows both pets, 보리 with its picture.
    go(page, "내 반려동물")
    expect(page.get_by_role("link", name="콩이", exact=True)).to_be_visible()
    bori = page.get_by_role("article").filter(has=page.get_by_role("link", name="보리"))
    loaded(page, bori.get_by_role("img", name="보리 사진"))
    check_layout(page, "pets-list")


def test_portfolio_and_history(page: Page) -> None:
    open_pet(page, "보리")
    page.get_by_role("tab", name="포트폴리오").click()
    history = page.get_by_role("region", name="활동 이력")
    expect(
        history.get_by_text("포트폴리오를 먼저 저장하면 활동 이력을 추가할 수 있어요.")
    ).to_be_visible()
    check_layout(page, "pets-portfolio-new")

    # Publishing needs an introduction (the API's rule, checked here first).
    portfolio = page.get_by_role("region", name="포트폴리오")
    portfolio.get_by_role("switch", name="포트폴리오 공개").check()
    portfolio.get_by_role("button", name="포트폴리오 저장").click()
    intro = field(page, "한 줄 소개")
    expect(portfolio.get_by_text("공개하려면 한 줄 소개를 적어 주세요.")).to_be_visible()
    expect(intro).to_have_attribute("aria-invalid", "true")

    intro.fill("한강 산책 전문 말티즈, 간식 리뷰를 잘해요.")
    field(page, "성격").fill("활발하고 사람을 좋아해요")
    field(page, "희망 단가").fill("150000")
    field(page, "연락 방법").select_option(label="이메일")
    portfolio.get_by_role("button", name="포트폴리오 저장").click()
    expect(page.get_by_text("포트폴리오를 저장했습니다.")).to_be_visible()
    expect(portfolio.get_by_text("공개 중")).to_be_visible()
    expect(field(page, "희망 단가")).to_have_value("150,000원")

    # An activity with a picture.
    history.get_by_role("button", name="활동 이력 추가").click()
    dialog = page.get_by_role("dialog", name="활동 이력 추가")
    field(page, "활동명").fill("펫푸드 체험단")
    field(page, "시작일").fill("2025-03-01")
    field(page, "종료일").fill("2025-02-01")
    dialog.get_by_role("button", name="저장").click()
    expect(dialog.get_by_text("종료일은 시작일과 같거나 그 뒤여야 합니다.")).to_be_visible()
    check_layout(page, "pets-history-dialog", dialog=True)
    field(page, "종료일").fill("2025-03-14")
    field(page, "내용").fill("사료 2주 체험 후 릴스 1개를 올렸어요.")
    dialog.get_by_role("button", name="저장").click()
    expect(page.get_by_text("활동 이력을 저장했습니다.")).to_be_visible()
    expect(dialog).to_have_count(0)

    entry = history.get_by_role("listitem").filter(has_text="펫푸드 체험단")
    expect(entry.get_by_text("2025년 3월 1일 ~ 2025년 3월 14일")).to_be_visible()
    upload_picture(page, entry.get_by_role("button", name="사진 추가"), "food.png")
    image = entry.get_by_role("img", name="펫푸드 체험단 사진 1")
    expect(image).to_have_attribute("src", re.compile(r"^/media/"))
    loaded(page, image)
    expect(entry.get_by_text("사진 1/10장")).to_be_visible()

    # A second picture, dragged in front of the first (the cover), then moved back with its
    # arrow button (the keyboard's way); the order holds after a reload.
    with page.expect_file_chooser() as chooser:
        entry.get_by_role("button", name="사진 추가").click()
    chooser.value.set_files(files=[picture_file("walk.png", png(colour=(30, 90, 200)))])
    expect(entry.get_by_text("사진 2/10장")).to_be_visible()
    first, second = (entry.get_by_role("img", name=f"펫푸드 체험단 사진 {n}") for n in (1, 2))
    # A picture by its media id (its address changes once its thumbnail is made).
    food, walk = (re.compile(rf"/{re.escape(media_id(image))}/") for image in (first, second))
    entry.get_by_test_id("history-image").nth(1).drag_to(
        entry.get_by_test_id("history-image").nth(0)
    )
    expect(page.get_by_text("사진 순서를 바꿨습니다.")).to_be_visible()
    expect(first).to_have_attribute("src", walk)
    expect(second).to_have_attribute("src", food)
    entry.get_by_role("button", name="펫푸드 체험단 사진 1 뒤로").click()
    expect(first).to_have_attribute("src", food)
    page.reload()
    settle(page)
    expect(first).to_have_attribute("src", food)
    expect(second).to_have_attribute("src", walk)

    # Edited in the same dialog.
    entry.get_by_role("button", name="펫푸드 체험단 수정").click()
    dialog = page.get_by_role("dialog", name="활동 이력 수정")
    expect(field(page, "활동명")).to_have_value("펫푸드 체험단")
    field(page, "활동명").fill("펫푸드 2주 체험단")
    dialog.get_by_role("button", name="저장").click()
    expect(history.get_by_role("heading", name="펫푸드 2주 체험단")).to_be_visible()
    settle(page)
    check_layout(page, "pets-portfolio")


def test_eligibility_preview_apply_and_withdraw(page: Page, owner: Owner, base_url: str) -> None:
    # Before an account is linked: what to do about it.
    open_pet(page, "보리")
    page.get_by_role("tab", name="펫스타").click()
    eligibility = page.get_by_role("region", name="펫스타 기준 미리보기")
    expect(eligibility.get_by_role("link", name="인스타그램 계정 연결하기")).to_have_attribute(
        "href", "/instagram"
    )
    apply = page.get_by_role("region", name="펫스타 신청")
    expect(apply.get_by_text("인스타그램 계정 연결 (미충족)")).to_be_visible()
    expect(apply.get_by_text("포트폴리오 공개 (충족)")).to_be_visible()
    expect(apply.get_by_role("button", name="펫스타 신청하기")).to_be_disabled()

    # Linking is the Instagram pages' job: here through the API, with a sandbox account.
    token = api_token(base_url, owner.email, owner.password)
    with httpx.Client(
        base_url=base_url, timeout=60, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        account = client.post(
            "/api/v1/sns/accounts", json={"access_token": f"sandbox-{SANDBOX_HANDLE}"}
        )
        assert account.status_code == 201, account.text
        linked = client.put(
            f"/api/v1/pets/{owner.pets['보리']}/instagram",
            json={"account_id": account.json()["id"]},
        )
        assert linked.status_code == 200, linked.text

    page.reload()
    settle(page)
    overview = page.get_by_role("tab", name="기본 정보")
    overview.click()
    instagram = page.get_by_role("region", name="인스타그램")
    expect(instagram.get_by_text(f"@{SANDBOX_HANDLE} 계정과 연결되어 있어요.")).to_be_visible()
    expect(instagram.get_by_role("link", name="인스타그램 계정 관리")).to_have_attribute(
        "href", "/instagram"
    )

    # The criteria against the sandbox account's figures (640 followers: below 1,000).
    page.get_by_role("tab", name="펫스타").click()
    expect(eligibility.get_by_text("기준 미달")).to_be_visible(timeout=FIRST_LOAD)
    expect(eligibility.get_by_text("팔로워 1,000명 이상 (미충족)")).to_be_visible()
    expect(eligibility.get_by_text("지금: 640명")).to_be_visible()
    expect(eligibility.get_by_text("최근 90일 동안 좋아요 300개 이상", exact=False)).to_be_visible()
    settle(page)
    check_layout(page, "pets-petstar")

    # Below the criteria one may still apply; then withdraw the open application.
    apply.get_by_role("button", name="펫스타 신청하기").click()
    expect(page.get_by_text("펫스타를 신청했습니다.", exact=False)).to_be_visible()
    application = page.get_by_role("region", name="신청 현황")
    expect(application.get_by_text(re.compile("^(접수됨|수치 확인 중|심사 중)$"))).to_be_visible()
    expect(apply.get_by_text("심사 중인 신청이 있어요.", exact=False)).to_be_visible()
    expect(page.get_by_text("펫스타 심사 중", exact=True)).to_be_visible()
    check_layout(page, "pets-petstar-applied")

    application.get_by_role("button", name="신청 철회").click()
    dialog = page.get_by_role("dialog", name="펫스타 신청 철회")
    check_layout(page, "pets-withdraw-dialog", dialog=True)
    dialog.get_by_role("button", name="철회하기").click()
    expect(page.get_by_text("신청을 철회했습니다.", exact=True)).to_be_visible()
    expect(application.get_by_text("철회함")).to_be_visible()
    expect(apply.get_by_role("button", name="펫스타 신청하기")).to_be_enabled()


def test_delete_a_pet(page: Page, owner: Owner, base_url: str) -> None:
    open_pet(page, "콩이")
    page.get_by_role("button", name="삭제", exact=True).click()
    dialog = page.get_by_role("dialog", name="반려동물 삭제")
    expect(dialog.get_by_text("되돌릴 수 없습니다", exact=False)).to_be_visible()
    check_layout(page, "pets-delete-dialog", dialog=True)
    dialog.get_by_role("button", name="취소").click()
    expect(dialog).to_have_count(0)

    page.get_by_role("button", name="삭제", exact=True).click()
    dialog.get_by_role("button", name="삭제하기").click()
    expect(page).to_have_url(f"{base_url}/pets")
    expect(page.get_by_text("콩이을(를) 삭제했습니다.")).to_be_visible()
    expect(page.get_by_role("link", name="보리", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="콩이", exact=True)).to_have_count(0)

    # Its old address: said plainly, with the way back.
    page.goto(f"/pets/{owner.pets['콩이']}")
    expect(page.get_by_text("반려동물을 찾을 수 없습니다.", exact=False)).to_be_visible(
        timeout=FIRST_LOAD
    )
    page.get_by_role("link", name="내 반려동물 목록").first.click()
    expect(page.locator("h1")).to_have_text("내 반려동물")


# The campaign states in which a pet's work is unfinished (campaigns' ACTIVE_STATUSES).
UNFINISHED = {"APPLIED", "SELECTED", "SHIPPED", "CONTENT_SUBMITTED", "REVISION_REQUESTED"}


def test_a_pet_with_campaign_work_stays(
    browser: Browser, browser_context_args: dict[str, Any], base_url: str
) -> None:
    """The demo PetStar 보리 has campaigns under way: the API refuses and the dialog says why
    (nothing is deleted, so the demo data stays as other tests expect it)."""
    email, password = DEMO_OWNER
    token = api_token(base_url, email, password)
    with httpx.Client(
        base_url=base_url, timeout=10, headers={"Authorization": f"Bearer {token}"}
    ) as client:
        answer = client.get("/api/v1/me/campaign-applications", params={"page_size": 100})
        answer.raise_for_status()
    # Never press delete on the demo PetStar unless the refusal is certain.
    work = [a for a in answer.json()["items"] if a["pet_name"] == "보리"]
    assert {a["status"] for a in work} & UNFINISHED, work

    context = browser.new_context(**browser_context_args, viewport={"width": 375, "height": 812})
    context.set_default_navigation_timeout(FIRST_LOAD)
    try:
        page = context.new_page()
        page.goto("/login?next=%2Fpets")
        field(page, "이메일").fill(email)
        field(page, "비밀번호").fill(password)
        page.get_by_role("button", name="로그인", exact=True).last.click()
        expect(page.locator("h1")).to_have_text("내 반려동물", timeout=FIRST_LOAD)
        page.get_by_role("link", name="보리", exact=True).click()
        expect(page.locator("h1")).to_have_text("보리")
        settle(page)
        page.get_by_role("button", name="삭제", exact=True).click()
        dialog = page.get_by_role("dialog", name="반려동물 삭제")
        dialog.get_by_role("button", name="삭제하기").click()
        refusal = dialog.get_by_role("alert")
        expect(refusal).to_contain_text("진행 중인 체험단이 있는 반려동물은 삭제할 수 없습니다.")
        # The API's reason names the campaigns.
        expect(refusal).to_contain_text("unfinished campaign work: ")
        check_layout(page, "pets-delete-refused")
        dialog.get_by_role("button", name="취소").click()
        expect(page.locator("h1")).to_have_text("보리")
    finally:
        context.close()
