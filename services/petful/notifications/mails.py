"""Notification mails, rendered from the Jinja2 templates in templates/ (HTML and text,
Korean). Pure: no I/O beyond reading the packaged templates.

Every mail of a category the user can turn off carries that category's unsubscribe link
(and RFC 8058 one-click headers); account mail about security has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from petful.contracts import identity as identity_contract
from petful.notifications.rules import Category

CATEGORY_WORDS = {
    Category.CAMPAIGNS: "캠페인",
    Category.COMMUNITY: "커뮤니티",
    Category.HEALTH: "건강",
    Category.ACCOUNT: "계정",
}
SETTINGS_PATH = "/notifications/settings"
# The web app's page that asks before it unsubscribes (mail scanners open links), and the
# API mail apps' one-click unsubscribe (RFC 8058) POSTs to.
UNSUBSCRIBE_PAGE = "/unsubscribe/"
UNSUBSCRIBE_API = "/api/v1/public/unsubscribe/"


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Item:
    title: str
    body: str
    link: str  # a path of the web app


@cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("petful.notifications", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def unsubscribe_url(origin: str, token: str) -> str:
    return f"{origin}{UNSUBSCRIBE_PAGE}{token}"


def _common(category: Category, origin: str, token: str | None) -> dict[str, str]:
    return {
        "category_word": CATEGORY_WORDS[category],
        "settings_url": origin + SETTINGS_PATH,
        "unsubscribe_url": unsubscribe_url(origin, token) if token else "",
    }


def _headers(origin: str, token: str | None) -> dict[str, str]:
    if not token:
        return {}
    return {
        "List-Unsubscribe": f"<{origin}{UNSUBSCRIBE_API}{token}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _render(name: str, subject: str, values: dict[str, object]) -> tuple[str, str]:
    env = _env()
    context = {"subject": subject, **values}
    return (
        env.get_template(f"{name}.html").render(context),
        env.get_template(f"{name}.txt").render(context),
    )


def notification(
    *, nickname: str, item: Item, category: Category, origin: str, unsubscribe_token: str | None
) -> Mail:
    """One notification as a mail (unsubscribe_token None: a mail nobody opts out of)."""
    subject = f"[PetFul] {item.title}"
    html, text = _render(
        "notification",
        subject,
        {
            "nickname": nickname,
            "title": item.title,
            "body": item.body,
            "url": origin + item.link,
            **_common(category, origin, unsubscribe_token),
        },
    )
    return Mail(subject, text, html, _headers(origin, unsubscribe_token))


def digest(*, nickname: str, items: Sequence[Item], origin: str, unsubscribe_token: str) -> Mail:
    """A day's community notifications in one mail."""
    subject = f"[PetFul] 커뮤니티 소식 {len(items)}건"
    html, text = _render(
        "digest",
        subject,
        {
            "nickname": nickname,
            "items": [{"title": i.title, "body": i.body, "url": origin + i.link} for i in items],
            **_common(Category.COMMUNITY, origin, unsubscribe_token),
        },
    )
    return Mail(subject, text, html, _headers(origin, unsubscribe_token))


# --- account mail (identity asks: codes, resets, notices) -----------------------------------

IGNORE_NOTE = (
    "요청하지 않았다면 이 메일을 무시하세요.\nIf you did not ask for it, ignore this mail."
)


def _account_parts(template: str, params: dict[str, Any], code: str) -> tuple[str, list[str]]:
    """(subject, paragraphs) of an account mail, Korean then English (a sign-up has no
    language chosen yet)."""
    minutes = int(params.get("minutes") or 0)
    if template == identity_contract.MAIL_VERIFICATION_CODE:
        return f"[PetFul] 이메일 인증 코드 {code} / Email verification code {code}", [
            f"PetFul 이메일 인증 코드예요. {minutes}분 동안 유효해요.",
            f"Your PetFul verification code. It is valid for {minutes} minutes.",
            IGNORE_NOTE,
        ]
    if template == identity_contract.MAIL_PASSWORD_RESET_CODE:
        name = str(params.get("name") or "")
        return f"[PetFul] 비밀번호 재설정 코드 {code} / Password reset code {code}", [
            f"{name}님, 비밀번호 재설정 코드예요. {minutes}분 동안 유효해요.",
            f"Your PetFul password reset code. It is valid for {minutes} minutes.",
            IGNORE_NOTE,
        ]
    if template == identity_contract.MAIL_ACCOUNT_EXISTS:
        return "[PetFul] 이미 가입된 계정이 있습니다 / You already have an account", [
            "이 이메일로 이미 PetFul 계정이 있어요. 로그인하거나 비밀번호를 재설정하세요.",
            "You already have a PetFul account with this email. Sign in, or reset your "
            "password if you forgot it.",
            IGNORE_NOTE,
        ]
    if template == identity_contract.MAIL_PASSWORD_CHANGED:
        return "[PetFul] 비밀번호가 변경되었습니다 / Your password was changed", [
            "PetFul 계정의 비밀번호가 변경되었고 다른 기기의 로그인은 모두 종료되었어요.",
            "Your PetFul password was changed and other sessions were signed out. If this "
            "was not you, reset your password now.",
        ]
    raise ValueError(f"unknown account mail {template!r}")


def account(template: str, params: dict[str, Any], *, code: str = "") -> Mail:
    """An account mail; a code mail shows the code in the subject and large in the body."""
    subject, paragraphs = _account_parts(template, params, code)
    html, text = _render(
        "account",
        subject,
        {
            "lead": paragraphs[0],
            "paragraphs": paragraphs[1:],
            "code": code,
            **_common(Category.ACCOUNT, "", None),
        },
    )
    return Mail(subject, text, html, {})
