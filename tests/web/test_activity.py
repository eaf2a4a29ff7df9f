"""The health log in the browser, as one new owner's story: the health home with its pet
chooser and month calendar, today's record written through the form (a meal added, the
required checks, the computed calories shown after saving), yesterday's record, the
calendar's markers, an edit that removes a meal, the report with its scores and charts (a
custom range over 92 days refused beside the field), and deleting a day behind a
confirmation. Each page and the dialog at 375 and 1280 px: a screenshot, no horizontal
scroll, axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    FIRST_LOAD,
    Member,
    add_pet,
    check_layout,
    desktop_page,
    field,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

TODAY = datetime.now(ZoneInfo("Asia/Seoul")).date()
YESTERDAY = TODAY - timedelta(days=1)


def korean(day: date) -> str:
    """A day as the pages write it: "2025년 3월 6일"."""
    return f"{day.year}년 {day.month}월 {day.day}일"


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("health", "건강")


@pytest.fixture(scope="module")
def page(
    browser: Browser, browser_context_args: dict[str, Any], platform: DevStack, owner: Member
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner through the sign-up page."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        expect(page.get_by_role("alert")).to_have_count(0, timeout=FIRST_LOAD)
        yield page


@pytest.fixture(scope="module")
def pet_id(base_url: str, owner: Member, page: Page) -> str:
    """The owner's pet (made after signing up: the page fixture signs up)."""
    return add_pet(base_url, owner, "호두", 4.2)


def calendar(page: Page) -> Locator:
    return page.get_by_role("region", name="기록 달력")


def choose_day(page: Page, day: date) -> None:
    """Click a day in the calendar, moving back a month when it is in the previous one."""
    if day.month != TODAY.month:
        calendar(page).get_by_role("button", name="이전 달").click()
    # A day's name: its number, the date, and whether it has a record.
    calendar(page).get_by_role("button", name=re.compile(rf"^{day.day} \({korean(day)}\)")).click()
    expect(page.get_by_role("heading", name=korean(day), exact=True)).to_be_visible()
    settle(page)


def write_day(page: Page, *, walk: str, sleep: str, poop: str, pee: str) -> None:
    field(page, "산책 거리 (km)").fill(walk)
    field(page, "활동량").select_option(label="자주 뛰어놀아요")
    field(page, "수면 시간 (시간)").fill(sleep)
    field(page, "대변 횟수").fill(poop)
    field(page, "소변 횟수").fill(pee)


def add_meal(page: Page, n: int, *, kind: str, package_g: str, kcal: str, eaten: str) -> None:
    page.get_by_role("button", name="식사 추가").click()
    meal = page.get_by_role("group", name=f"{n}번째 식사")
    field(meal, "식사 종류").select_option(label=kind)
    field(meal, "먹은 것").fill("사료")
    field(meal, "기준 중량 (g)").fill(package_g)
    field(meal, "기준 열량 (kcal)").fill(kcal)
    field(meal, "먹은 양 (g)").fill(eaten)


def saved(page: Page) -> None:
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.get_by_text("기록을 저장했어요.")).to_be_visible(timeout=FIRST_LOAD)
    expect(page.locator("h1")).to_have_text(re.compile("기록 수정$"))
    settle(page)


def test_the_health_home_offers_todays_record(page: Page, pet_id: str) -> None:
    page.goto("/health")
    settle(page)
    expect(page.locator("h1")).to_have_text("건강 기록")
    expect(field(page, "반려동물 선택")).to_have_value(pet_id)
    expect(page.get_by_role("heading", name=korean(TODAY), exact=True)).to_be_visible()
    expect(page.get_by_text(f"{korean(TODAY)}의 기록이 없어요.")).to_be_visible()
    expect(calendar(page).get_by_text("이번 달 0일 기록")).to_be_visible()
    check_layout(page, "health-home-empty")


def test_write_todays_record_and_see_its_calories(page: Page, pet_id: str, base_url: str) -> None:
    page.get_by_role("link", name="기록하기").click()
    expect(page).to_have_url(f"{base_url}/health/{pet_id}/{TODAY.isoformat()}")
    expect(page.locator("h1")).to_have_text(f"{korean(TODAY)} 기록하기")
    settle(page)
    # The weight starts from the pet's; the rest is required before a round trip.
    expect(field(page, "몸무게 (kg)")).to_have_value("4.2")
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.get_by_text("입력해 주세요.").first).to_be_visible()
    check_layout(page, "health-day-new")

    write_day(page, walk="3", sleep="13", poop="2", pee="4")
    field(page, "메모").fill("공원에서 친구를 만났어요.")
    add_meal(page, 1, kind="아침", package_g="100", kcal="360", eaten="45")
    add_meal(page, 2, kind="저녁", package_g="100", kcal="360", eaten="50")
    saved(page)

    # Computed by the service: 4.2 x 1.7 x 70 = 500, 3 x 1.7 x 5 = 26, 162 + 180 = 342.
    calories = page.get_by_role("region", name="계산된 칼로리")
    for text in ("26kcal", "500kcal", "342kcal", "714kcal"):
        expect(calories.get_by_text(text, exact=True)).to_be_visible()
    check_layout(page, "health-day-saved")


def test_write_yesterday_and_see_both_days_marked(page: Page, pet_id: str) -> None:
    page.get_by_role("link", name="건강 기록으로").click()
    settle(page)
    expect(page.get_by_role("heading", name=korean(TODAY), exact=True)).to_be_visible()
    expect(page.get_by_text("공원에서 친구를 만났어요.")).to_be_visible()

    choose_day(page, YESTERDAY)
    page.get_by_role("link", name="기록하기").click()
    expect(page.locator("h1")).to_have_text(f"{korean(YESTERDAY)} 기록하기")
    settle(page)
    write_day(page, walk="1.5", sleep="12", poop="1", pee="3")
    add_meal(page, 1, kind="아침", package_g="100", kcal="360", eaten="40")
    saved(page)

    page.get_by_role("link", name="건강 기록으로").click()
    settle(page)
    # Yesterday is the selected day; the month shown is its month.
    expect(page.get_by_role("heading", name=korean(YESTERDAY), exact=True)).to_be_visible()
    marked = 2 if YESTERDAY.month == TODAY.month else 1
    expect(calendar(page).locator("[data-marked]")).to_have_count(marked)
    expect(calendar(page).get_by_text(f"이번 달 {marked}일 기록")).to_be_visible()
    expect(
        calendar(page).get_by_role(
            "button", name=f"{YESTERDAY.day} ({korean(YESTERDAY)}), 기록 있음", exact=True
        )
    ).to_be_visible()
    check_layout(page, "health-home")


def test_an_edit_removes_a_meal(page: Page, pet_id: str) -> None:
    page.goto(f"/health/{pet_id}/{TODAY.isoformat()}")
    settle(page)
    expect(page.locator("h1")).to_have_text(f"{korean(TODAY)} 기록 수정")
    page.get_by_role("button", name="2번째 식사 삭제").click()
    expect(page.get_by_role("group", name="2번째 식사")).to_have_count(0)
    saved(page)
    calories = page.get_by_role("region", name="계산된 칼로리")
    expect(calories.get_by_text("162kcal", exact=True)).to_be_visible()


def test_the_report_scores_and_charts(page: Page, pet_id: str) -> None:
    page.goto(f"/health?pet={pet_id}")
    settle(page)
    page.get_by_role("link", name="리포트 보기").click()
    expect(page.locator("h1")).to_have_text("호두의 건강 리포트")
    settle(page)
    expect(page.get_by_text(re.compile("기록한 날 2일$"))).to_be_visible()
    scores = page.get_by_role("region", name="건강 점수")
    for title in ("산책 달성률", "섭취 균형", "배변 점수", "수면 질"):
        expect(scores.get_by_role("heading", name=title)).to_be_visible()
    # Two days of 3-4 pees and 1-2 poops: 100.
    expect(
        scores.get_by_role("article").filter(has_text="배변 점수").get_by_text("100점", exact=True)
    ).to_be_visible()
    for chart in ("산책 거리", "칼로리", "몸무게 변화", "수면"):
        expect(page.get_by_role("region", name=chart, exact=True)).to_be_visible()
    check_layout(page, "health-report")

    page.get_by_text("30일", exact=True).click()
    settle(page)
    expect(page.get_by_text(re.compile("기록한 날 2일$"))).to_be_visible()

    page.get_by_text("직접 선택", exact=True).click()
    field(page, "시작일").fill((TODAY - timedelta(days=92)).isoformat())
    expect(page.get_by_text("최대 92일까지 볼 수 있어요.")).to_be_visible()
    expect(page.get_by_role("button", name="적용")).to_be_disabled()
    field(page, "시작일").fill(YESTERDAY.isoformat())
    page.get_by_role("button", name="적용").click()
    settle(page)
    expect(
        page.get_by_text(f"{korean(YESTERDAY)} ~ {korean(TODAY)} · 기록한 날 2일")
    ).to_be_visible()


def test_delete_a_day_behind_a_confirmation(page: Page, pet_id: str) -> None:
    page.goto(f"/health/{pet_id}/{YESTERDAY.isoformat()}")
    settle(page)
    page.get_by_role("button", name="기록 삭제").click()
    dialog = page.get_by_role("dialog", name="이 날의 기록을 삭제할까요?")
    expect(dialog).to_be_visible()
    check_layout(page, "health-day-delete", dialog=True)
    dialog.get_by_role("button", name="기록 삭제").click()
    expect(page.get_by_text("기록을 삭제했어요.")).to_be_visible(timeout=FIRST_LOAD)
    expect(page.locator("h1")).to_have_text("건강 기록")
    settle(page)
    expect(page.get_by_text(f"{korean(YESTERDAY)}의 기록이 없어요.")).to_be_visible()
