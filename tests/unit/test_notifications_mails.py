"""Notification and account mails rendered from the Jinja2 templates: Korean HTML and text,
escaped, with the unsubscribe link only where the user may opt out."""

from __future__ import annotations

import pytest

from petful.contracts import identity as identity_contract
from petful.notifications import mails
from petful.notifications.rules import Category

ORIGIN = "https://petful.test"


def test_a_notification_mail_links_back_and_lets_the_reader_unsubscribe() -> None:
    mail = mails.notification(
        nickname="콩이맘",
        item=mails.Item("캠페인에 선정되었어요", "<보리> & 친구들", "/campaigns/applications"),
        category=Category.CAMPAIGNS,
        origin=ORIGIN,
        unsubscribe_token="tok_1234567890abcdef",
    )
    assert mail.subject == "[PetFul] 캠페인에 선정되었어요"
    assert "&lt;보리&gt; &amp; 친구들" in mail.html  # escaped in HTML
    assert "<보리> & 친구들" in mail.text  # as written in text
    for part in (mail.html, mail.text):
        assert "콩이맘님," in part
        assert f"{ORIGIN}/campaigns/applications" in part
        assert f"{ORIGIN}/unsubscribe/tok_1234567890abcdef" in part
        assert "캠페인 알림 메일 수신 거부" in part
        assert f"{ORIGIN}/notifications/settings" in part
    assert mail.headers == {
        "List-Unsubscribe": f"<{ORIGIN}/api/v1/public/unsubscribe/tok_1234567890abcdef>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def test_a_digest_lists_every_item() -> None:
    items = [mails.Item(f"댓글 {i}", "좋아요", f"/community/posts/{i}") for i in range(3)]
    mail = mails.digest(nickname="콩이맘", items=items, origin=ORIGIN, unsubscribe_token="t" * 24)
    assert mail.subject == "[PetFul] 커뮤니티 소식 3건"
    for i in range(3):
        assert f"{ORIGIN}/community/posts/{i}" in mail.text
        assert f"{ORIGIN}/community/posts/{i}" in mail.html
    assert "커뮤니티 알림 메일 수신 거부" in mail.text


@pytest.mark.parametrize(
    ("template", "params", "code", "subject_part"),
    [
        (identity_contract.MAIL_VERIFICATION_CODE, {"minutes": 5}, "123456", "인증 코드 123456"),
        (
            identity_contract.MAIL_PASSWORD_RESET_CODE,
            {"minutes": 10, "name": "김보리"},
            "654321",
            "재설정 코드 654321",
        ),
        (identity_contract.MAIL_ACCOUNT_EXISTS, {}, "", "이미 가입된 계정"),
        (identity_contract.MAIL_PASSWORD_CHANGED, {}, "", "비밀번호가 변경"),
    ],
)
def test_account_mails(
    template: str, params: dict[str, object], code: str, subject_part: str
) -> None:
    mail = mails.account(template, dict(params), code=code)
    assert subject_part in mail.subject
    if code:
        assert code in mail.text
        assert code in mail.html
    # Security mail: nobody opts out of it, so it carries no unsubscribe link.
    assert mail.headers == {}
    assert "수신 거부" not in mail.text
    assert "계정 보안을 위해" in mail.text


def test_the_reset_mail_greets_by_name_and_says_how_long() -> None:
    mail = mails.account(
        identity_contract.MAIL_PASSWORD_RESET_CODE, {"minutes": 10, "name": "김보리"}, code="1"
    )
    assert "김보리님" in mail.text
    assert "10분" in mail.text


def test_an_unknown_account_mail_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown account mail"):
        mails.account("nope", {})
