"""The community in the browser, as one new owner's story with a second member beside it:
the owner writes a 자랑 post with two pictures (reordered before posting) and their pet
tagged, finds it on the board and under "my posts"; the second member (through the API)
likes it and comments, the owner likes the post and replies, and the reply shows under the
comment; a search for 산책 finds the post whose text says 산책했어요, the term highlighted;
the owner edits the post (수정됨), deletes a comment of theirs that has a reply (삭제된
댓글입니다), reports the other member's post, and deletes their own post, which leaves the
board and answers 404. Each page and dialog at 375 and 1280 px: a screenshot, no
horizontal scroll, axe-core clean.

The tests share one signed-in browser page and run in order (each continues the story).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Locator, Page, expect

from tests.support import DevStack
from tests.web.conftest import (
    FIRST_LOAD,
    Account,
    Member,
    add_pet,
    api_sign_up,
    check_layout,
    desktop_page,
    field,
    go,
    png,
    settle,
    sign_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("devstack")]

TITLE = "한강 산책 다녀왔어요"
EDITED_TITLE = "한강 산책 다녀왔어요 (사진 추가)"
BODY = "오늘 보리랑 한강에서 산책했어요.\n코스 정보: https://example.com/walk 참고하세요."
FRIEND_POST = "사료 바꾸는 방법 질문드려요"


@pytest.fixture(scope="module")
def owner() -> Member:
    return Member.new("community", "산책왕")


@pytest.fixture(scope="module")
def page(
    browser: Browser,
    browser_context_args: dict[str, Any],
    platform: DevStack,
    owner: Member,
    base_url: str,
) -> Iterator[Page]:
    """One desktop browser, signed up as the new owner, who has a dog named 보리."""
    with desktop_page(browser, browser_context_args) as page:
        sign_up(page, platform, owner)
        add_pet(base_url, owner, "보리")
        yield page


@pytest.fixture(scope="module")
def friend(platform: DevStack, base_url: str, page: Page) -> Account:
    """The second member (after the owner: the page fixture signs up first)."""
    return api_sign_up(base_url, platform, Member.new("community-friend", "이웃"))


@pytest.fixture(scope="module")
def state() -> dict[str, str]:
    """What the story learns on the way (the post's id)."""
    return {}


def call(base_url: str, friend: Account, method: str, path: str, **kwargs: Any) -> Any:
    answer = httpx.request(
        method, f"{base_url}{path}", headers=friend.headers, timeout=10, **kwargs
    )
    assert answer.status_code < 300, answer.text
    return answer.json() if answer.content else None


def picture(name: str, colour: tuple[int, int, int]) -> FilePayload:
    return {"name": name, "mimeType": "image/png", "buffer": png(240, 160, colour=colour)}


def open_post(page: Page, post_id: str) -> None:
    page.goto(f"/community/posts/{post_id}")
    settle(page)


def threads(page: Page) -> Locator:
    return page.get_by_test_id("thread")


def test_my_posts_start_empty(page: Page) -> None:
    go(page, "커뮤니티")
    expect(page.locator("h1")).to_have_text("커뮤니티")
    check_layout(page, "community-boards")
    page.get_by_role("link", name="내 글").click()
    expect(page.locator("h1")).to_have_text("내 커뮤니티 글")
    expect(page.get_by_text("아직 쓴 글이 없어요")).to_be_visible()
    page.get_by_role("radiogroup", name="보기").get_by_text("좋아요한 글").click()
    expect(page).to_have_url(re.compile(r"/community/me\?tab=liked$"))
    expect(page.get_by_text("아직 좋아요한 글이 없어요")).to_be_visible()
    check_layout(page, "community-me-empty")


def test_write_a_show_off_post(page: Page, state: dict[str, str]) -> None:
    page.goto("/community?board=SHOW_OFF")
    settle(page)
    # The header's (an empty board offers one more).
    page.get_by_role("link", name="글쓰기").first.click()
    expect(page.locator("h1")).to_have_text("글쓰기")
    expect(page).to_have_url(re.compile(r"/community/write\?board=SHOW_OFF$"))
    expect(page.get_by_text("자랑 게시판에는 사진이 한 장 이상 있어야 해요.")).to_be_visible()

    # No picture yet: the 자랑 board refuses, beside the pictures.
    field(page, "제목").fill(TITLE)
    field(page, "내용").fill(BODY)
    page.get_by_role("button", name="올리기").click()
    expect(
        page.get_by_text("자랑 게시판에 올리려면 사진을 한 장 이상 넣어 주세요.")
    ).to_be_visible()

    # Two pictures at once, each uploaded as it is picked; the second moved to the front.
    page.locator("input[type=file]").set_input_files(
        [picture("first.png", (234, 88, 12)), picture("second.png", (30, 120, 200))]
    )
    images = page.get_by_test_id("draft-image")
    expect(images).to_have_count(2)
    expect(page.get_by_role("progressbar")).to_have_count(0, timeout=FIRST_LOAD)
    expect(page.get_by_text("2/10장")).to_be_visible()
    second = images.nth(1).get_by_role("img").get_attribute("src")
    page.get_by_role("button", name="사진 2 앞으로 옮기기").click()
    expect(page.get_by_role("img", name="사진 1 (대표 사진)")).to_have_attribute(
        "src", second or ""
    )

    page.get_by_role("group", name=re.compile("함께한 반려동물")).get_by_text("보리").click()
    expect(page.get_by_role("checkbox", name="보리")).to_be_checked()
    check_layout(page, "community-write")

    page.get_by_role("button", name="올리기").click()
    expect(page.locator("h1")).to_have_text(TITLE, timeout=FIRST_LOAD)
    found = re.search(r"/community/posts/([0-9a-f-]{36})$", page.url)
    assert found, page.url
    state["post_id"] = found.group(1)
    expect(page.get_by_text("글을 올렸어요.")).to_be_visible()

    # The text as written, its address a link that opens apart from the app.
    expect(page.get_by_text("오늘 보리랑 한강에서 산책했어요.", exact=False)).to_be_visible()
    link = page.get_by_role("link", name="https://example.com/walk")
    expect(link).to_have_attribute("href", "https://example.com/walk")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer nofollow ugc")
    # Two pictures in the gallery, the moved one first; the tagged pet.
    gallery = page.get_by_test_id("gallery")
    expect(gallery.get_by_role("button", name=re.compile(r"^사진 \d\/2 보기$"))).to_have_count(2)
    expect(page.get_by_role("group", name="함께한 반려동물").get_by_text("보리")).to_be_visible()
    expect(page.get_by_role("button", name="좋아요 0")).to_have_attribute("aria-pressed", "false")
    check_layout(page, "community-post")


def test_the_post_on_the_board_and_mine(page: Page, state: dict[str, str]) -> None:
    page.get_by_role("link", name="← 자랑").click()
    expect(page).to_have_url(re.compile(r"/community\?board=SHOW_OFF$"))
    settle(page)
    card = page.get_by_test_id("post-card").filter(has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card.get_by_text("사진 2장")).to_be_visible()
    check_layout(page, "community-show-off")

    page.goto("/community/me")
    settle(page)
    expect(page.get_by_test_id("post-card").filter(has_text=TITLE)).to_have_count(1)
    check_layout(page, "community-me")
    page.get_by_test_id("post-card").filter(has_text=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)


def test_likes_comments_and_a_reply(
    page: Page, state: dict[str, str], friend: Account, base_url: str
) -> None:
    post = state["post_id"]
    call(base_url, friend, "PUT", f"/api/v1/community/posts/{post}/like")
    call(
        base_url,
        friend,
        "POST",
        f"/api/v1/community/posts/{post}/comments",
        json={"body": "보리 너무 귀여워요! 어느 코스로 가셨어요?"},
    )
    open_post(page, post)
    expect(page.get_by_role("heading", name="댓글 1")).to_be_visible()
    # The owner's like shows at once (and stays: the API agrees).
    page.get_by_role("button", name="좋아요 1").click()
    like = page.get_by_role("button", name="좋아요 2")
    expect(like).to_have_attribute("aria-pressed", "true")

    thread = threads(page).filter(has_text="보리 너무 귀여워요!")
    expect(thread.get_by_text(friend.member.nickname)).to_be_visible()
    thread.get_by_role("button", name="답글").click()
    reply_field = page.get_by_label(f"{friend.member.nickname}님에게 답글")
    expect(reply_field).to_be_focused()
    reply_field.fill("반포 쪽 코스로 다녀왔어요 🙂")
    thread.get_by_role("button", name="답글 등록").click()
    replies = thread.get_by_test_id("replies")
    expect(replies.get_by_text("반포 쪽 코스로 다녀왔어요 🙂")).to_be_visible()
    expect(page.get_by_role("heading", name="댓글 2")).to_be_visible()
    # The owner corrects their reply: the new words, marked as edited.
    reply = replies.get_by_test_id("comment").filter(has_text="반포 쪽 코스로")
    reply.get_by_role("button", name="수정").click()
    edit_field = page.get_by_label("댓글 수정")
    edit_field.fill("반포 쪽 코스로 다녀왔어요 🙂 (잠수교 건너서)")
    reply.get_by_role("button", name="저장").click()
    expect(replies.get_by_text("반포 쪽 코스로 다녀왔어요 🙂 (잠수교 건너서)")).to_be_visible()
    expect(replies.get_by_test_id("edited")).to_have_text("수정됨")
    check_layout(page, "community-comments")

    page.reload()
    settle(page)
    expect(page.get_by_role("button", name="좋아요 2")).to_have_attribute("aria-pressed", "true")
    expect(
        threads(page).filter(has_text="보리 너무 귀여워요!").get_by_test_id("replies")
    ).to_contain_text("잠수교 건너서")

    # The liked post is among "좋아요한 글".
    page.goto("/community/me?tab=liked")
    settle(page)
    expect(page.get_by_test_id("post-card").filter(has_text=TITLE)).to_have_count(1)


def test_search_finds_the_post_with_the_term_marked(page: Page) -> None:
    page.goto("/community")
    settle(page)
    page.get_by_role("searchbox", name="커뮤니티 검색").fill("산책")
    page.get_by_role("button", name="검색").click()
    expect(page).to_have_url(re.compile(r"/community/search\?q=%EC%82%B0%EC%B1%85$"))
    expect(page.locator("h1")).to_have_text("커뮤니티 검색")
    hit = page.get_by_test_id("post-card").filter(has_text="산책했어요")
    expect(hit).to_have_count(1)
    expect(hit.locator("mark").filter(has_text="산책").first).to_be_visible()
    check_layout(page, "community-search")

    page.get_by_role("searchbox", name="커뮤니티 검색").fill("없는검색어하마")
    page.get_by_role("button", name="검색").click()
    expect(page.get_by_text("검색 결과가 없어요")).to_be_visible()
    check_layout(page, "community-search-empty")
    page.go_back()
    expect(page.get_by_test_id("post-card").filter(has_text="산책했어요")).to_have_count(1)


def test_edit_the_post(page: Page, state: dict[str, str]) -> None:
    open_post(page, state["post_id"])
    expect(page.get_by_test_id("edited")).to_have_count(1)  # the reply edited above
    page.get_by_role("button", name="글 메뉴").click()
    page.get_by_role("menuitem", name="수정").click()
    expect(page.locator("h1")).to_have_text("글 수정")
    expect(page.get_by_test_id("draft-image")).to_have_count(2)
    expect(page.get_by_role("checkbox", name="보리")).to_be_checked()
    field(page, "제목").fill(EDITED_TITLE)
    check_layout(page, "community-edit")
    # Leaving with the change unsaved asks first; staying keeps it.
    page.get_by_role("link", name="취소").click()
    leave = page.get_by_role("dialog", name="작성 중인 글이 있어요")
    expect(leave).to_be_visible()
    leave.get_by_role("button", name="취소").click()
    expect(leave).to_have_count(0)
    expect(field(page, "제목")).to_have_value(EDITED_TITLE)
    page.get_by_role("button", name="저장").click()
    expect(page.locator("h1")).to_have_text(EDITED_TITLE)
    expect(page.get_by_text("글을 고쳤어요.")).to_be_visible()
    expect(page.get_by_test_id("edited")).to_have_count(2)
    expect(page.get_by_test_id("edited").first).to_have_text("수정됨")


def test_delete_a_comment_with_a_reply(
    page: Page, state: dict[str, str], friend: Account, base_url: str
) -> None:
    post = state["post_id"]
    open_post(page, post)
    field(page, "댓글 쓰기").fill("다음 주에 같이 산책하실 분 계신가요?")
    page.get_by_role("button", name="등록", exact=True).click()
    mine = threads(page).filter(has_text="같이 산책하실 분")
    expect(mine).to_have_count(1)
    root_id = call(base_url, friend, "GET", f"/api/v1/community/posts/{post}/comments")["items"][0][
        "id"
    ]
    call(
        base_url,
        friend,
        "POST",
        f"/api/v1/community/posts/{post}/comments",
        json={"body": "저요! 토요일 어떠세요?", "parent_id": root_id},
    )
    page.reload()
    settle(page)
    mine = threads(page).filter(has_text="같이 산책하실 분")
    expect(mine.get_by_test_id("replies")).to_contain_text("저요! 토요일 어떠세요?")

    mine.get_by_test_id("comment").first.get_by_role("button", name="삭제").click()
    dialog = page.get_by_role("dialog", name="댓글을 삭제할까요?")
    expect(dialog).to_be_visible()
    check_layout(page, "community-comment-delete", dialog=True)
    dialog.get_by_role("button", name="삭제").click()
    expect(dialog).to_have_count(0)
    expect(page.get_by_text("삭제된 댓글입니다")).to_be_visible()
    expect(page.get_by_text("다음 주에 같이 산책하실 분 계신가요?")).to_have_count(0)
    expect(page.get_by_text("저요! 토요일 어떠세요?")).to_be_visible()


def test_report_the_other_members_post(page: Page, friend: Account, base_url: str) -> None:
    made = call(
        base_url,
        friend,
        "POST",
        "/api/v1/community/posts",
        json={
            "board": "QUESTION",
            "title": FRIEND_POST,
            "body": "사료를 바꿀 때 며칠에 걸쳐 섞어야 하나요?",
            "image_media_ids": [],
            "pet_ids": [],
        },
    )
    open_post(page, made["id"])
    expect(page.locator("h1")).to_have_text(FRIEND_POST)
    page.get_by_role("button", name="글 메뉴").click()
    expect(page.get_by_role("menuitem", name="수정")).to_have_count(0)
    page.get_by_role("menuitem", name="신고").click()
    dialog = page.get_by_role("dialog", name="신고하기")
    expect(dialog).to_be_visible()
    check_layout(page, "community-report", dialog=True)
    field(page, "신고 분류").select_option(index=1)
    field(page, "신고 내용").fill("같은 질문 글을 여러 번 올려서 신고합니다.")
    dialog.get_by_role("button", name="신고 접수").click()
    expect(dialog.get_by_text("신고가 접수되었습니다")).to_be_visible()
    dialog.get_by_role("button", name="닫기").last.click()
    expect(dialog).to_have_count(0)

    # The author's name leads to their profile, which lists their posts.
    page.get_by_role("link", name=friend.member.nickname).first.click()
    expect(page.locator("h1")).to_have_text(friend.member.nickname)
    settle(page)
    expect(page.get_by_test_id("post-card").filter(has_text=FRIEND_POST)).to_have_count(1)
    check_layout(page, "community-user")


def test_delete_the_post(page: Page, state: dict[str, str]) -> None:
    open_post(page, state["post_id"])
    page.get_by_role("button", name="글 메뉴").click()
    page.get_by_role("menuitem", name="삭제").click()
    dialog = page.get_by_role("dialog", name="글을 삭제할까요?")
    expect(dialog).to_be_visible()
    check_layout(page, "community-post-delete", dialog=True)
    dialog.get_by_role("button", name="삭제").click()
    expect(page.get_by_text("글을 삭제했어요.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/community\?board=SHOW_OFF$"))
    settle(page)
    expect(page.get_by_test_id("post-card").filter(has_text=EDITED_TITLE)).to_have_count(0)

    open_post(page, state["post_id"])
    expect(page.locator("h1")).to_have_text("글을 찾을 수 없어요")
    check_layout(page, "community-not-found")
    page.get_by_role("link", name="커뮤니티로 돌아가기").click()
    expect(page.locator("h1")).to_have_text("커뮤니티")
