"""Schedules in the browser, as one new owner's story: the empty week, a medication
schedule made through the form (a field error beside its field first), the week and month
views with filters, one occurrence moved and another skipped, "this and following"
edited, the calendar feed turned on, fetched without a session and revoked, the reminders
page, and the whole series deleted. Each page and dialog at 375 and 1280 px: a screenshot,
no horizontal scroll, axe-core clean.

The pet is made through the API (the pets pages have their own tests). The platform runs
on the wall clock, so dates are today's and later, in Korea's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
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

SEOUL = ZoneInfo("Asia/Seoul")


def today() -> datetime:
    return datetime.now(SEOUL)


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("schedules", "일정")


@pytest.fixture(scope="module")
def page(
    browser: Browser,
    browser_context_args: dict[str, Any],
    platform: DevStack,
    owner: Member,
    base_url: str,
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner, who has a pet named 보리."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        add_pet(base_url, owner)
        yield page


def open_schedules(page: Page, query: str = "") -> None:
    page.goto(f"/schedules{query}")
    expect(page.locator("h1")).to_have_text("일정", timeout=FIRST_LOAD)
    settle(page)


def labelled(scope: Locator, label: str) -> Locator:
    """The field labelled `label` inside scope (a required one's label ends in " *")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def choose(page: Page, item: str) -> None:
    """Pick an item of the open menu; the menu has closed when this returns."""
    page.get_by_role("menuitem", name=item).click()
    expect(page.get_by_role("menu")).to_have_count(0)


def occurrences(page: Page) -> Any:
    return page.get_by_test_id("occurrence")


def test_an_empty_week(page: Page) -> None:
    open_schedules(page)
    expect(page.get_by_text("이 기간에는 일정이 없어요")).to_be_visible()
    expect(page.get_by_role("region", name="캘린더 연동")).to_be_visible()
    check_layout(page, "schedules-empty")


def test_a_medication_schedule_through_the_form(page: Page) -> None:
    open_schedules(page)
    page.get_by_role("link", name="일정 추가").click()
    expect(page.locator("h1")).to_have_text("일정 추가")
    settle(page)
    field(page, "종류").select_option(label="투약")
    expect(field(page, "세부 종류")).to_have_value("PILL")
    field(page, "제목").fill("피부염 약")
    # Nothing but the medicine's name missing: said beside the field, nothing sent.
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("약 이름을 입력해 주세요.")).to_be_visible()
    field(page, "약 이름").fill("아목시실린")
    field(page, "용량").fill("1정")
    # A start in the past: the API's reason, beside the start date.
    yesterday = (today() - timedelta(days=1)).strftime("%Y-%m-%d")
    field(page, "시작일").fill(yesterday)
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("시작일은 오늘이거나 그 뒤여야 해요.")).to_be_visible()
    field(page, "시작일").fill(today().strftime("%Y-%m-%d"))
    page.get_by_role("button", name="시간 추가").click()
    field(page, "2번째 시간").fill("21:00")
    field(page, "반복").select_option(label="매일")
    field(page, "복용 기간 (일)").fill("10")
    field(page, "언제 알려 드릴까요?").select_option(label="10분 전")
    check_layout(page, "schedules-new")
    page.get_by_role("button", name="저장").click()
    expect(page.locator("h1")).to_have_text("일정")
    settle(page)
    expect(page.get_by_text("'피부염 약' 일정을 추가했어요.")).to_be_visible()
    first_day = page.get_by_role("region").filter(has=page.get_by_text("오늘", exact=True)).first
    expect(first_day.get_by_test_id("occurrence").first).to_contain_text("피부염 약")
    expect(first_day.get_by_text("알림 10분 전").first).to_be_visible()
    check_layout(page, "schedules-week")


def test_month_view_and_filters(page: Page) -> None:
    open_schedules(page)
    week = occurrences(page).count()
    page.get_by_text("월", exact=True).click()
    settle(page)
    expect(occurrences(page)).not_to_have_count(0)
    assert occurrences(page).count() >= min(week, 2)
    check_layout(page, "schedules-month")
    kinds = page.get_by_role("group", name="종류로 거르기")
    kinds.get_by_text("운동", exact=True).click()
    settle(page)
    expect(page.get_by_text("이 기간에는 일정이 없어요")).to_be_visible()
    kinds.get_by_text("투약", exact=True).click()
    settle(page)
    expect(occurrences(page).first).to_contain_text("피부염 약")
    page.get_by_text("주", exact=True).click()
    settle(page)


def test_one_occurrence_moved_and_another_skipped(page: Page) -> None:
    open_schedules(page)
    before = occurrences(page).count()
    first = occurrences(page).first
    first.get_by_role("button", name="관리").click()
    choose(page, "날짜·시간 바꾸기")
    dialog = page.get_by_role("dialog", name="이 일정만 바꾸기")
    expect(dialog).to_be_visible()
    check_layout(page, "schedules-move-dialog", dialog=True)
    labelled(dialog, "시간").fill("23:30")
    labelled(dialog, "제목").fill("피부염 약 (늦게)")
    dialog.get_by_role("button", name="저장").click()
    expect(page.get_by_text("이 일정만 바꿨어요.")).to_be_visible()
    moved = occurrences(page).filter(has_text="피부염 약 (늦게)")
    expect(moved).to_contain_text("23:30")
    expect(moved.get_by_text("이번만 변경됨")).to_be_visible()

    second = occurrences(page).filter(has_text="21:00").first
    second.get_by_role("button", name="관리").click()
    choose(page, "이번만 건너뛰기")
    dialog = page.get_by_role("dialog", name="이번만 건너뛰기")
    check_layout(page, "schedules-skip-dialog", dialog=True)
    dialog.get_by_role("button", name="이번만 건너뛰기").click()
    expect(page.get_by_text("이번 일정을 건너뛰었어요.")).to_be_visible()
    expect(occurrences(page)).to_have_count(before - 1)


def test_this_and_following(page: Page) -> None:
    open_schedules(page)
    # Next week always has some of the ten days' course.
    page.get_by_role("button", name="다음 주").click()
    settle(page)
    later = occurrences(page).filter(has_text="09:00").first
    later.get_by_role("button", name="관리").click()
    choose(page, "이후 일정 모두 수정")
    expect(page.locator("h1")).to_have_text("이후 일정 모두 수정")
    settle(page)
    expect(page.get_by_text("일정부터 바뀌어요", exact=False)).to_be_visible()
    expect(field(page, "시작일")).to_be_disabled()
    check_layout(page, "schedules-edit-following")
    field(page, "제목").fill("피부염 약 2주차")
    page.get_by_role("button", name="저장").click()
    expect(page.locator("h1")).to_have_text("일정")
    settle(page)
    expect(occurrences(page).filter(has_text="피부염 약 2주차").first).to_be_visible()
    page.get_by_role("button", name="오늘").click()
    settle(page)
    expect(occurrences(page).filter(has_text="피부염 약 (늦게)")).to_have_count(1)


def test_the_calendar_feed(page: Page, base_url: str) -> None:
    open_schedules(page)
    feed = page.get_by_role("region", name="캘린더 연동")
    feed.get_by_role("button", name="캘린더 주소 만들기").click()
    address = feed.get_by_label("캘린더 주소")
    expect(address).to_have_value(re.compile(r"/api/v1/public/calendar/[^/]+\.ics$"))
    url = address.input_value()
    expect(feed.get_by_role("button", name="주소 복사")).to_be_visible()
    check_layout(page, "schedules-feed-on")
    # A calendar app has no session: the address alone opens it.
    answer = httpx.get(url, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/calendar")
    assert "피부염 약" in answer.text
    assert "BEGIN:VALARM" in answer.text
    feed.get_by_role("button", name="캘린더 연동 끄기").click()
    dialog = page.get_by_role("dialog", name="캘린더 연동 끄기")
    check_layout(page, "schedules-feed-revoke-dialog", dialog=True)
    dialog.get_by_role("button", name="캘린더 연동 끄기").click()
    expect(page.get_by_text("캘린더 연동을 껐어요.")).to_be_visible()
    assert httpx.get(url, timeout=10).status_code == 404
    assert base_url in url


def test_the_reminders_page(page: Page) -> None:
    open_schedules(page)
    page.get_by_role("link", name="알림 보기").click()
    expect(page.locator("h1")).to_have_text("알림")
    settle(page)
    expect(page.get_by_text("아직 받은 알림이 없어요")).to_be_visible()
    check_layout(page, "schedules-reminders")


def test_delete_the_whole_series(page: Page) -> None:
    open_schedules(page, "?view=month")
    for title in ("피부염 약 2주차", "피부염 약"):
        item = occurrences(page).filter(has_text=title).first
        item.get_by_role("button", name="관리").click()
        choose(page, "전체 삭제")
        dialog = page.get_by_role("dialog", name="전체 삭제")
        expect(dialog.get_by_text("되돌릴 수 없어요", exact=False)).to_be_visible()
        dialog.get_by_role("button", name="전체 삭제").click()
        expect(page.get_by_text("일정을 삭제했어요.").first).to_be_visible()
        settle(page)
    expect(page.get_by_text("이 기간에는 일정이 없어요")).to_be_visible()
