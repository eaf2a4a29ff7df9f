"""Facebook Login as the sandbox plays it: the login dialog and the code exchange.

`GET /{v}/dialog/oauth?client_id&redirect_uri&state&scope&response_type=code` answers a
small page on the sandbox's own origin (Korean or English: `locale=ko_KR|en_US`, else the
browser's Accept-Language) listing the sandbox's Facebook users. Continuing as one (the
page posts back to the same address) redirects (302) to `redirect_uri?code=<code>&state=`;
cancelling to `redirect_uri?error=access_denied&error_reason=user_denied&
error_description=Permissions+error&state=`, the parameters Facebook documents. A request
the real dialog would refuse (no client_id, a redirect_uri that is not an absolute http(s)
URL, a response_type other than code) gets an error page and no redirect, as there.

`GET /{v}/oauth/access_token?client_id&redirect_uri&client_secret&code` exchanges a code
once, for the client_id and redirect_uri the dialog saw, within ten minutes, for
`{access_token, token_type, expires_in}`: the short-lived user token `sandbox-<user>`,
which the `fb_exchange_token` grant then takes like any other. Failures are Facebook's
OAuthException error objects (code 100 with subcodes 36007 invalid or expired, 36008
redirect_uri mismatch, 36009 used; code 101 for another app's code).
"""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from petful.devstack.instagram_sandbox.state import CODE_TTL, SandboxState
from petful.devstack.instagram_sandbox.wire import GraphFault
from petful.sns.sandbox_catalog import short_token

# Facebook's short-lived user tokens from a web login last an hour or two.
SHORT_LIVED_SECONDS = 2 * 3600
DIALOG_FIELDS = ("client_id", "redirect_uri", "state", "scope", "response_type", "locale")

TEXT: dict[str, dict[str, str]] = {
    "ko": {
        "title": "Facebook으로 로그인",
        "sandbox": "PetFul 개발용 인스타그램 샌드박스입니다. 실제 Facebook이 아닙니다.",
        "asks": "앱 {app}이(가) 다음 권한을 요청합니다.",
        "users": "계속할 Facebook 사용자",
        "continue": "{user} 계정으로 계속",
        "pages": "페이지의 인스타그램 계정: {handles}",
        "no_pages": "인스타그램 비즈니스 계정이 연결된 페이지가 없습니다.",
        "cancel": "취소",
        "other": "English",
        "error_title": "로그인할 수 없습니다",
    },
    "en": {
        "title": "Log in with Facebook",
        "sandbox": "This is PetFul's Instagram sandbox for development, not Facebook.",
        "asks": "{app} is asking for these permissions.",
        "users": "Facebook user to continue as",
        "continue": "Continue as {user}",
        "pages": "Instagram accounts of the pages: {handles}",
        "no_pages": "No page with an Instagram business account.",
        "cancel": "Cancel",
        "other": "한국어",
        "error_title": "Cannot log in",
    },
}

# Plain, self-contained styles: the page loads nothing from anywhere. Colours meet WCAG AA
# (white on #0b57d0 is 6.6:1; #1c1e21 on white 16:1) and nothing is wider than 375 px.
STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1c1e21; background: #f0f2f5; }
main { max-width: 32rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
.note { background: #fff4d6; border-radius: .5rem; padding: .5rem .75rem; }
fieldset { border: 0; margin: 1rem 0; padding: 0; }
legend { font-weight: 700; margin-bottom: .5rem; }
ul.users { list-style: none; margin: 0; padding: 0; display: grid; gap: .75rem; }
ul.users li { background: #fff; border-radius: .5rem; padding: .75rem; }
button { font: inherit; border-radius: .375rem; padding: .5rem 1rem; cursor: pointer;
  max-width: 100%; overflow-wrap: anywhere; }
button.go { background: #0b57d0; color: #fff; border: 0; width: 100%; }
button.cancel { background: #fff; color: #1c1e21; border: 1px solid #5f6368; }
.pages { display: block; font-size: .875rem; margin-top: .25rem; overflow-wrap: anywhere; }
a { color: #0b57d0; }
"""


def _lang(request: Request, params: Mapping[str, str]) -> str:
    locale = params.get("locale", "")
    if locale:
        return "en" if locale.lower().startswith("en") else "ko"
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "ko"


def _page(lang: str, title: str, body: str, *, status: int = 200) -> HTMLResponse:
    document = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} · Instagram sandbox</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    # Facebook's dialog refuses to be framed (clickjacking); so does this one.
    headers = {"X-Frame-Options": "DENY", "Cache-Control": "no-store"}
    return HTMLResponse(document, status_code=status, headers=headers)


def _problem(params: Mapping[str, str]) -> str | None:
    """Why the real dialog would refuse to start (it shows an error, redirects nowhere)."""
    if not params.get("client_id"):
        return "Invalid App ID: the client_id parameter is missing."
    uri = urlsplit(params.get("redirect_uri", ""))
    if uri.scheme not in ("http", "https") or not uri.netloc or uri.fragment:
        return (
            "URL blocked: this redirect failed because the redirect_uri is not an absolute "
            "http(s) address."
        )
    if params.get("response_type", "code") != "code":
        return "Unsupported response_type: this sandbox issues codes only (response_type=code)."
    return None


def with_query(url: str, extra: Mapping[str, str]) -> str:
    """url with extra query parameters added (any it had are kept, as Facebook does)."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(extra.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def _login_page(request: Request, state: SandboxState, params: Mapping[str, str]) -> Response:
    lang = _lang(request, params)
    t = TEXT[lang]
    problem = _problem(params)
    if problem is not None:
        body = f'<h1>{html.escape(t["error_title"])}</h1><p lang="en">{html.escape(problem)}</p>'
        return _page(lang, t["error_title"], body, status=400)
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{html.escape(params.get(name, ""))}">'
        for name in DIALOG_FIELDS
    )
    scopes = [s for s in params.get("scope", "").replace(" ", ",").split(",") if s]
    users = []
    for i, (user, handles) in enumerate(state.users.items()):
        named = [f"@{h}" for h in handles if h]
        pages = t["pages"].format(handles=", ".join(named)) if named else t["no_pages"]
        users.append(
            f'<li><button class="go" type="submit" name="user" value="{html.escape(user)}" '
            f'aria-describedby="pages-{i}">{html.escape(t["continue"].format(user=user))}'
            f'</button><span class="pages" id="pages-{i}">{html.escape(pages)}</span></li>'
        )
    other_lang = "en_US" if lang == "ko" else "ko_KR"
    switch = with_query(str(request.url.replace(query="")), {**params, "locale": other_lang})
    app = html.escape(params["client_id"])
    body = (
        f"<h1>{html.escape(t['title'])}</h1>"
        f'<p class="note">{html.escape(t["sandbox"])}</p>'
        f"<p>{t['asks'].format(app=f'<strong>{app}</strong>')}</p>"
        + (
            "<ul>" + "".join(f"<li><code>{html.escape(s)}</code></li>" for s in scopes) + "</ul>"
            if scopes
            else ""
        )
        + f'<form method="post" action="{html.escape(request.url.path)}">{hidden}'
        f"<fieldset><legend>{html.escape(t['users'])}</legend>"
        f'<ul class="users">{"".join(users)}</ul></fieldset>'
        f'<button class="cancel" type="submit" name="cancel" value="1">'
        f"{html.escape(t['cancel'])}</button></form>"
        f'<p><a href="{html.escape(switch)}" lang="{other_lang[:2]}">'
        f"{html.escape(t['other'])}</a></p>"
    )
    return _page(lang, t["title"], body)


def create_dialog(state: SandboxState) -> Callable[[Request], Awaitable[Response]]:
    """The dialog's endpoint (GET shows the page, POST continues or cancels)."""

    async def dialog(request: Request) -> Response:
        if request.method == "GET":
            return _login_page(request, state, request.query_params)
        form = await request.form()
        params = {k: str(v) for k, v in form.items()}
        problem = _problem(params)
        if problem is not None:
            return _login_page(request, state, params)
        redirect_uri = params["redirect_uri"]
        echo = {"state": params["state"]} if params.get("state") else {}
        if params.get("cancel"):
            denied = {
                "error": "access_denied",
                "error_code": "200",
                "error_description": "Permissions error",
                "error_reason": "user_denied",
            }
            return RedirectResponse(with_query(redirect_uri, {**denied, **echo}), 302)
        user = params.get("user", "")
        if user not in state.users:
            return _login_page(request, state, params)
        code = state.issue_code(user, client_id=params["client_id"], redirect_uri=redirect_uri)
        return RedirectResponse(with_query(redirect_uri, {"code": code, **echo}), 302)

    return dialog


def _code_fault(message: str, subcode: int) -> GraphFault:
    return GraphFault(400, message, "OAuthException", 100, subcode)


def exchange_code(state: SandboxState, params: Mapping[str, str]) -> dict[str, Any]:
    """The code grant of `/oauth/access_token`: a code from the dialog -> a short-lived
    user token (client_id and client_secret are checked by the caller)."""
    issued = state.codes.get(params.get("code", ""))
    if issued is None:
        raise _code_fault("Invalid verification code format.", 36007)
    if issued.client_id != params.get("client_id"):
        raise GraphFault(
            400, "Error validating application. Invalid application ID.", "OAuthException", 101
        )
    if issued.used:
        raise _code_fault("This authorization code has been used.", 36009)
    if datetime.now(UTC) - issued.issued_at > CODE_TTL:
        raise _code_fault("This authorization code has expired.", 36007)
    if issued.redirect_uri != params.get("redirect_uri"):
        raise _code_fault(
            "Error validating verification code. Please make sure your redirect_uri is "
            "identical to the one you used in the OAuth dialog request",
            36008,
        )
    issued.used = True
    # A new login grants the app again (like Facebook after the user removed it).
    state.deauthorized.discard(issued.user)
    return {
        "access_token": short_token(issued.user),
        "token_type": "bearer",
        "expires_in": SHORT_LIVED_SECONDS,
    }
