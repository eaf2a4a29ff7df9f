"""The web app's session through the edge: its refresh token only ever travels in an
httpOnly, Secure, SameSite=Strict cookie scoped to /api/v1/auth; API clients keep the JSON
form."""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx

from tests.integration.conftest import PASSWORD, IdentityEdge, bearer

WEB = {"X-Petful-Client": "web"}
COOKIE = "petful_refresh"


def refresh_cookie(response: httpx.Response) -> SimpleCookie:
    """The Set-Cookie of the refresh cookie (exactly one)."""
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{COOKIE}=")]
    assert len(headers) == 1, response.headers.get_list("set-cookie")
    jar = SimpleCookie()
    jar.load(headers[0])
    return jar


async def web_login(edge: IdentityEdge, email: str) -> httpx.Response:
    await edge.create_user(email)
    response = await edge.client.post(
        "/api/v1/auth/login", json={"email": email, "password": PASSWORD}, headers=WEB
    )
    assert response.status_code == 200, response.text
    return response


async def test_web_login_sets_the_cookie_and_keeps_the_token_out_of_the_body(
    identity_edge: IdentityEdge,
) -> None:
    response = await web_login(identity_edge, "web@example.com")
    body = response.json()
    assert "refresh_token" not in body
    assert body["access_token"]
    assert body["user"]["email"] == "web@example.com"

    morsel = refresh_cookie(response)[COOKIE]
    assert morsel.value
    assert morsel["httponly"] is True
    assert morsel["secure"] is True
    assert morsel["samesite"] == "strict"
    assert morsel["path"] == "/api/v1/auth"
    assert not morsel["domain"]  # this host only
    # Lives as long as the refresh token (14 days by default), not the browser session.
    assert 13 * 86400 < int(morsel["max-age"]) <= 14 * 86400


async def test_api_clients_keep_the_json_form(identity_edge: IdentityEdge) -> None:
    await identity_edge.create_user("api@example.com")
    login = await identity_edge.client.post(
        "/api/v1/auth/login", json={"email": "api@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200
    assert login.json()["refresh_token"]
    assert "set-cookie" not in login.headers

    refresh = await identity_edge.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}
    )
    assert refresh.status_code == 200
    assert refresh.json()["refresh_token"]
    assert "set-cookie" not in refresh.headers

    # Without a token in the body (and not the web app) it is a field error, as before.
    missing = await identity_edge.client.post("/api/v1/auth/refresh")
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["refresh_token"]


async def test_refresh_reads_and_rotates_the_cookie(identity_edge: IdentityEdge) -> None:
    first = refresh_cookie(await web_login(identity_edge, "rotate@example.com"))[COOKIE].value
    refresh = await identity_edge.client.post(
        "/api/v1/auth/refresh", headers={**WEB, "Cookie": f"{COOKIE}={first}"}
    )
    assert refresh.status_code == 200, refresh.text
    assert "refresh_token" not in refresh.json()
    second = refresh_cookie(refresh)[COOKIE].value
    assert second != first
    me = await identity_edge.client.get(
        "/api/v1/me", headers=bearer(refresh.json()["access_token"])
    )
    assert me.json()["email"] == "rotate@example.com"

    # The cookie is read only for the web app: another client's cookie counts for nothing.
    foreign = await identity_edge.client.post(
        "/api/v1/auth/refresh", headers={"Cookie": f"{COOKIE}={second}"}
    )
    assert foreign.status_code == 422
    # Without a cookie the web app is simply signed out.
    none = await identity_edge.client.post("/api/v1/auth/refresh", headers=WEB)
    assert none.status_code == 401


async def test_logout_ends_the_session_and_clears_the_cookie(identity_edge: IdentityEdge) -> None:
    login = await web_login(identity_edge, "bye@example.com")
    token = refresh_cookie(login)[COOKIE].value
    access = login.json()["access_token"]

    logout = await identity_edge.client.post(
        "/api/v1/auth/logout", headers={**WEB, "Cookie": f"{COOKIE}={token}"}
    )
    assert logout.status_code == 204
    cleared = refresh_cookie(logout)[COOKIE]
    assert cleared.value == ""
    assert int(cleared["max-age"]) == 0
    assert cleared["path"] == "/api/v1/auth"

    # The session is over: neither the old cookie nor the access token works any more.
    again = await identity_edge.client.post(
        "/api/v1/auth/refresh", headers={**WEB, "Cookie": f"{COOKIE}={token}"}
    )
    assert again.status_code == 401
    assert (await identity_edge.client.get("/api/v1/me", headers=bearer(access))).status_code == 401
