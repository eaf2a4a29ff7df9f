"""Mail templates of the identity service (Korean + English). Pure: no I/O.

The service puts a template name and its parameters in an `identity.mail.requested`
outbox event (`service/mail.py`); the subscriber in tasks.py renders it here and hands it to
the Mailer port.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

VERIFICATION_CODE = "verification_code"
ACCOUNT_EXISTS = "account_exists"
PASSWORD_RESET_CODE = "password_reset_code"
PASSWORD_CHANGED = "password_changed"
INSTAGRAM_REAUTH = "instagram_reauth"

IGNORE_NOTE = (
    "요청하지 않았다면 이 메일을 무시하세요.\nIf you did not ask for it, ignore this mail."
)


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def _html(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<!doctype html><html><body>{body}</body></html>"


def render(template: str, params: dict[str, Any]) -> RenderedMail:
    if template == VERIFICATION_CODE:
        code, minutes = str(params["code"]), int(params["minutes"])
        subject = f"[PetFul] 이메일 인증 코드 {code} / Email verification code {code}"
        parts = [
            f"PetFul 이메일 인증 코드: {code}\n{minutes}분 동안 유효합니다.",
            f"Your PetFul verification code is {code}. It is valid for {minutes} minutes.",
            IGNORE_NOTE,
        ]
    elif template == ACCOUNT_EXISTS:
        subject = "[PetFul] 이미 가입된 계정이 있습니다 / You already have an account"
        parts = [
            "이 이메일로 이미 PetFul 계정이 있습니다. 로그인하거나 비밀번호를 재설정하세요.",
            "You already have a PetFul account with this email. Sign in, or reset your "
            "password if you forgot it.",
            IGNORE_NOTE,
        ]
    elif template == PASSWORD_RESET_CODE:
        code, minutes = str(params["code"]), int(params["minutes"])
        name = str(params.get("name") or "")
        subject = f"[PetFul] 비밀번호 재설정 코드 {code} / Password reset code {code}"
        parts = [
            f"{name}님, 비밀번호 재설정 코드: {code}\n{minutes}분 동안 유효합니다.",
            f"Your PetFul password reset code is {code}. It is valid for {minutes} minutes.",
            IGNORE_NOTE,
        ]
    elif template == PASSWORD_CHANGED:
        subject = "[PetFul] 비밀번호가 변경되었습니다 / Your password was changed"
        parts = [
            "PetFul 계정의 비밀번호가 변경되었고 다른 기기의 로그인은 모두 종료되었습니다.",
            "Your PetFul password was changed and other sessions were signed out. If this "
            "was not you, reset your password now.",
        ]
    elif template == INSTAGRAM_REAUTH:
        username = str(params["username"])
        subject = f"[PetFul] 인스타그램 @{username} 다시 연결이 필요합니다 / Reconnect @{username}"
        parts = [
            f"인스타그램 계정 @{username}의 연결이 만료되었거나 해제되어 게시물과 통계를 "
            "가져올 수 없습니다. PetFul에서 계정을 다시 연결해 주세요.",
            f"PetFul can no longer read @{username} on Instagram: the connection expired or "
            "was revoked. Connect the account again in PetFul to resume syncing.",
        ]
    else:
        raise ValueError(f"unknown mail template {template!r}")
    return RenderedMail(subject=subject, text="\n\n".join(parts) + "\n", html=_html(parts))
