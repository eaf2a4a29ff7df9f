"""The web app's session: its refresh token lives in a cookie script cannot read.

A request that says it comes from the web app (`X-Petful-Client: web`) gets the refresh
token of login and refresh as an httpOnly, Secure, SameSite=Strict cookie scoped to
/api/v1/auth, never in the JSON body; refresh and logout read it from there when the body
carries none. The access token stays in the app's memory only, so an injected script finds
no credential to steal that outlives the page.

CSRF cannot ride on it: the cookie reaches only /api/v1/auth (nothing there acts on an
account with it but refresh and logout), SameSite=Strict keeps it off every cross-site
request, and it is read only together with the custom header, which a cross-origin page
cannot send without a CORS preflight the edge never allows. API clients keep the JSON form.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import Request, Response

CLIENT_HEADER = "X-Petful-Client"
WEB_CLIENT = "web"
REFRESH_COOKIE = "petful_refresh"
COOKIE_PATH = "/api/v1/auth"


def is_web_app(request: Request) -> bool:
    return request.headers.get(CLIENT_HEADER, "").strip().lower() == WEB_CLIENT


def refresh_token_from(request: Request, body_token: str | None) -> str:
    """The body's token; for the web app, the cookie's when the body has none."""
    if body_token:
        return body_token
    if is_web_app(request):
        return request.cookies.get(REFRESH_COOKIE, "")
    return ""


def set_refresh_cookie(response: Response, token: str, expires_at: datetime | None) -> None:
    max_age = None
    if expires_at is not None:
        max_age = max(0, int((expires_at - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=max_age,
        path=COOKIE_PATH,
        secure=True,
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Response) -> None:
    response.delete_cookie(
        REFRESH_COOKIE, path=COOKIE_PATH, secure=True, httponly=True, samesite="strict"
    )
