"""Prescription OCR in the browser, as one new owner's story: the empty list, a photo of a
prescription uploaded for their pet, the waiting page while the worker reads it (real
Tesseract in the platform's worker), the draft reviewed beside the photo (a medication
removed, a missing field refused beside it), confirmed into schedules with reminders; then
an unreadable photo, its notice, and its deletion. Each page and dialog at 375 and 1280 px:
a screenshot, no horizontal scroll, axe-core clean.

The pet is made through the API (the pets pages have their own tests); the photos are made
by tests/prescription_support.py with known contents.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from tests import prescription_support as samples
from tests.support import DevStack
from tests.web.conftest import (
    FIRST_LOAD,
    Member,
    add_pet,
    api_token,
    check_layout,
    desktop_page,
    settle,
    sign_up,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("devstack"),
    pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr is missing"),
]

# The worker reads a photo in about a second; the outbox relay and a busy machine add some.
READ_WITHIN = 60_000


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("prescriptions", "처방")


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


def auth(base_url: str, owner: Member) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token(base_url, owner.email, owner.password)}"}


def photo(content: bytes) -> FilePayload:
    return {"name": "prescription.jpg", "mimeType": "image/jpeg", "buffer": content}


def open_list(page: Page) -> None:
    page.goto("/prescriptions")
    expect(page.locator("h1")).to_have_text("처방전", timeout=FIRST_LOAD)
    settle(page)


def upload(page: Page, content: bytes) -> None:
    """Upload from the list page; the new prescription's page opens and is read."""
    open_list(page)
    # The only pet is chosen already.
    expect(page.get_by_role("combobox", name="반려동물")).to_have_value("보리")
    page.locator("input[type=file]").set_input_files(photo(content))
    expect(page.locator("h1")).to_have_text("처방전 확인", timeout=FIRST_LOAD)
    expect(page.get_by_test_id("status")).not_to_have_text("읽는 중", timeout=READ_WITHIN)
    settle(page)


def medications(page: Page) -> Locator:
    return page.get_by_test_id("medication")


def test_an_empty_list_with_the_upload(page: Page) -> None:
    open_list(page)
    expect(page.get_by_text("아직 올린 처방전이 없어요")).to_be_visible()
    expect(page.get_by_role("button", name="처방전 사진 선택")).to_be_visible()
    check_layout(page, "prescriptions-empty")


def test_a_prescription_read_reviewed_and_confirmed(
    page: Page, base_url: str, owner: Member
) -> None:
    sample = samples.SAMPLES[0]  # 아목시실린정, 메트로니다졸정, 파모티딘정
    upload(page, samples.render(sample))
    expect(page.get_by_test_id("status")).to_have_text("검토 대기")
    # The private photo, fetched with the token and shown from memory.
    expect(page.get_by_role("img", name="보리의 처방전 사진")).to_have_attribute(
        "src", re.compile(r"^blob:")
    )
    expect(medications(page)).to_have_count(len(sample.drugs))
    first = medications(page).first
    expect(first.get_by_label("약 이름")).to_have_value("아목시실린정")
    # Each field says the line it was read from.
    expect(first.get_by_text("읽은 줄: 1. 아목시실린정", exact=False).first).to_be_visible()
    expect(first.get_by_label("약 1의 2번째 복용 시간")).to_have_value("19:00")
    check_layout(page, "prescription-draft")

    # The third drug is not wanted; the second loses its days: refused beside the field.
    page.get_by_role("button", name="약 3 빼기").click()
    expect(medications(page)).to_have_count(2)
    second = medications(page).nth(1)
    second.get_by_label("복용 일수").fill("")
    page.get_by_role("combobox", name="알림").click()
    page.get_by_role("option", name="30분 전").click()
    page.get_by_role("button", name="일정으로 등록").click()
    expect(second.get_by_text("복용 일수를 1~365 사이로 입력해 주세요.")).to_be_visible()
    second.get_by_label("복용 일수").fill("5")
    page.get_by_role("button", name="일정으로 등록").click()
    expect(page.get_by_text("투약 일정 2개를 만들었어요.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("등록 완료")
    expect(page.get_by_text("알림: 30분 전", exact=False)).to_be_visible()
    settle(page)
    check_layout(page, "prescription-confirmed")

    # The schedules exist: two medication courses with reminders 30 minutes ahead.
    r = httpx.get(f"{base_url}/api/v1/pets", headers=auth(base_url, owner), timeout=10)
    pet_id = r.json()["items"][0]["id"]
    r = httpx.get(
        f"{base_url}/api/v1/pets/{pet_id}/schedules", headers=auth(base_url, owner), timeout=10
    )
    made = [s for s in r.json()["items"] if s["from_prescription"]]
    assert sorted(s["medication_name"] for s in made) == ["메트로니다졸정", "아목시실린정"]
    assert {s["reminder_lead_minutes"] for s in made} == {30}
    assert {s["duration_days"] for s in made} == {7, 5}


def test_the_list_shows_what_was_confirmed(page: Page) -> None:
    open_list(page)
    card = page.get_by_test_id("prescription").first
    expect(card).to_contain_text("등록 완료")
    expect(card).to_contain_text("약 2개")
    check_layout(page, "prescriptions-list")
    card.click()
    expect(page.locator("h1")).to_have_text("처방전 확인")


def test_an_unreadable_photo_is_said_so_and_deleted(page: Page) -> None:
    upload(page, samples.blank_photo())
    expect(page.get_by_test_id("status")).to_have_text("검토 대기")
    expect(page.get_by_role("status")).to_contain_text("읽지 못했어요")
    expect(medications(page)).to_have_count(0)
    check_layout(page, "prescription-unreadable")

    page.get_by_role("button", name="처방전 삭제").click()
    dialog = page.get_by_role("dialog", name="처방전을 삭제할까요?")
    expect(dialog).to_be_visible()
    check_layout(page, "prescription-delete-dialog", dialog=True)
    dialog.get_by_role("button", name="삭제").click()
    expect(page.get_by_text("처방전을 삭제했어요.")).to_be_visible()
    expect(page.locator("h1")).to_have_text("처방전")
    settle(page)
    expect(page.get_by_test_id("prescription")).to_have_count(1)
