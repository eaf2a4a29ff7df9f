"""Linking Instagram through Facebook Login, end to end: /api/v1/sns/link/start, the login
dialog (the sandbox's, driven with httpx like a browser: the page, a button, the redirect
back), /api/v1/sns/link/complete, over real identity and sns gRPC servers, PostgreSQL,
Redis and the Instagram sandbox.

`identity_edge` points `PETFUL_SNS__DIALOG_BASE_URL` at the sandbox, as the devstack does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

from petful.platform.redis import get_redis
from petful.sns import graph
from petful.sns.service.link_states import KEY_PREFIX
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields

LINK = "/api/v1/sns/link"
ACCOUNTS = "/api/v1/sns/accounts"
# The web app's callback page, which Facebook sends the person back to.
CALLBACK = "https://petful.test/instagram/callback"


@dataclass
class Back:
    """The callback page's query: what the dialog sent the browser back with."""

    params: dict[str, str]

    @property
    def state(self) -> str:
        return self.params["state"]

    @property
    def code(self) -> str:
        return self.params["code"]


@pytest.fixture
def client(identity_edge: IdentityEdge) -> httpx.AsyncClient:
    return identity_edge.client


async def start(client: httpx.AsyncClient, h: dict[str, str], redirect_uri: str = CALLBACK) -> str:
    r = await client.post(f"{LINK}/start", headers=h, json={"redirect_uri": redirect_uri})
    assert r.status_code == 200, r.text
    return str(r.json()["authorize_url"])


async def dialog(
    edge: IdentityEdge, authorize_url: str, *, user: str = "", cancel: bool = False
) -> Back:
    """The person's browser: Facebook's login dialog (the sandbox's), continue as user (or
    cancel), and follow the redirect to the web app's callback page."""
    assert edge.sandbox is not None
    url = httpx.URL(authorize_url)
    assert str(url.copy_with(query=None)) == f"{edge.sandbox.url}/v23.0/dialog/oauth"
    landed: list[httpx.URL] = []

    def web_app(request: httpx.Request) -> httpx.Response:
        landed.append(request.url)
        return httpx.Response(200, html="<!doctype html><title>PetFul</title>")

    async with httpx.AsyncClient(
        base_url=edge.sandbox.url,
        follow_redirects=True,
        mounts={"https://petful.test": httpx.MockTransport(web_app)},
    ) as browser:
        page = await browser.get(url.path, params=url.params)
        assert page.status_code == 200, page.text
        assert page.headers["content-type"].startswith("text/html")
        form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))
        assert form["state"] == url.params["state"]
        if cancel:
            choice = {"cancel": "1"}
        else:
            assert f'name="user" value="{user}"' in page.text
            choice = {"user": user}
        answer = await browser.post(url.path, data={**form, **choice})
    assert answer.status_code == 200, answer.text
    assert answer.history[0].status_code == 302
    (back,) = landed
    assert str(back.copy_with(query=None)) == CALLBACK
    return Back(dict(back.params))


async def complete(
    client: httpx.AsyncClient, h: dict[str, str], back: Back, **body: str
) -> httpx.Response:
    sent: dict[str, str] = {"state": back.state, "redirect_uri": CALLBACK}
    if "code" in back.params:
        sent["code"] = back.code
    if "error" in back.params:
        sent["error"] = back.params["error"]
    return await client.post(f"{LINK}/complete", headers=h, json={**sent, **body})


def refused_state(r: httpx.Response) -> None:
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"state"}


async def test_link_through_the_login_dialog(
    client: httpx.AsyncClient,
    identity_edge: IdentityEdge,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Logging as the platform sets it up (setup_logging): INFO, and httpx, which logs every
    # request URL (the test's browser's too), at WARNING.
    caplog.set_level("INFO")
    caplog.set_level("WARNING", logger="httpx")
    h = await headers_for(identity_edge, "owner@example.com")
    authorize_url = await start(client, h)
    asked = httpx.URL(authorize_url).params
    assert (asked["client_id"], asked["redirect_uri"], asked["response_type"]) == (
        "sandbox-app",
        CALLBACK,
        "code",
    )
    assert set(asked["scope"].split(",")) >= {"instagram_basic", "pages_show_list"}
    assert len(asked["state"]) >= 32

    back = await dialog(identity_edge, authorize_url, user="bori_maltese")
    assert back.state == asked["state"]
    r = await complete(client, h, back)
    assert r.status_code == 201, r.text
    account = r.json()
    assert (account["username"], account["status"], account["source"]) == (
        "bori_maltese",
        "LINKED",
        "sandbox",
    )
    assert account["last_synced_at"]  # the first sync ran before the answer
    listed = (await client.get(ACCOUNTS, headers=h)).json()["items"]
    assert [a["id"] for a in listed] == [account["id"]]

    # The state is spent: the same answer again (a reload of the callback page) is refused.
    refused_state(await complete(client, h, back))
    # Neither the code nor a token reached a log line.
    logged = caplog.text + "".join(capsys.readouterr())
    for secret in (back.code, "sandbox-bori_maltese", "sandbox-long-bori_maltese"):
        assert secret not in logged


async def test_several_accounts_are_chosen_then_linked_without_the_code(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    assert identity_edge.sandbox is not None
    accounts = identity_edge.sandbox.state.accounts
    h = await headers_for(identity_edge, "family@example.com")
    back = await dialog(identity_edge, await start(client, h), user="petful_family")

    r = await complete(client, h, back)
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"ig_user_id"}
    choices = r.json()["choices"]
    assert choices == [
        {"ig_user_id": accounts[handle].ig_user_id, "username": handle}
        for handle in ("coco_poodle", "mandu_bichon")
    ]
    # The exchanged token waits with the state, sealed: Redis never holds it in clear.
    redis = get_redis(identity_edge.settings)
    keys = [k async for k in redis.scan_iter(match=KEY_PREFIX + "*")]
    assert len(keys) == 1
    assert back.state not in keys[0]
    stored = await redis.hgetall(keys[0])
    assert stored["token"]
    assert not any("sandbox-" in value for value in stored.values())

    # Naming an account that is not the family's: asked again (nothing spent).
    r = await complete(client, h, back, ig_user_id=accounts["bori_maltese"].ig_user_id)
    assert r.status_code == 422, r.text
    assert [c["username"] for c in r.json()["choices"]] == ["coco_poodle", "mandu_bichon"]

    # The choice alone finishes it: the code was exchanged once already.
    mandu = accounts["mandu_bichon"].ig_user_id
    r = await client.post(
        f"{LINK}/complete",
        headers=h,
        json={"state": back.state, "redirect_uri": CALLBACK, "ig_user_id": mandu},
    )
    assert r.status_code == 201, r.text
    assert (r.json()["username"], r.json()["ig_user_id"]) == ("mandu_bichon", mandu)
    refused_state(await complete(client, h, back, ig_user_id=mandu))


async def test_a_state_is_its_owners_and_expires(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    stranger = await headers_for(identity_edge, "stranger@example.com")
    back = await dialog(identity_edge, await start(client, owner), user="kongi_cat")

    # Someone else with the owner's state and code: refused, and the owner's link is intact.
    refused_state(await complete(client, stranger, back))
    r = await complete(client, owner, back)
    assert (r.status_code, r.json()["username"]) == (201, "kongi_cat")

    # Ten minutes after the start the state is gone (the services' clock moves).
    back = await dialog(identity_edge, await start(client, owner), user="dubu_corgi")
    identity_edge.clock.advance(timedelta(minutes=10, seconds=1))
    refused_state(await complete(client, owner, back))
    assert [a["username"] for a in (await client.get(ACCOUNTS, headers=owner)).json()["items"]] == [
        "kongi_cat"
    ]


async def test_cancelled_dialog(client: httpx.AsyncClient, identity_edge: IdentityEdge) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    back = await dialog(identity_edge, await start(client, h), cancel=True)
    assert "code" not in back.params
    assert (back.params["error"], back.params["error_reason"]) == ("access_denied", "user_denied")

    r = await complete(client, h, back)
    assert r.status_code == 409, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == "https://petful.dev/problems/instagram-link-cancelled"
    refused_state(await complete(client, h, back))
    assert (await client.get(ACCOUNTS, headers=h)).json()["items"] == []


async def test_refused_code_and_wrong_addresses(
    client: httpx.AsyncClient, identity_edge: IdentityEdge
) -> None:
    h = await headers_for(identity_edge, "owner@example.com")
    back = await dialog(identity_edge, await start(client, h), user="nabi_russianblue")
    r = await complete(client, h, back, code="AQ-not-a-code-facebook-gave")
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"code"}
    # The state went with it: the person starts again.
    refused_state(await complete(client, h, back))

    # Back at another address than the one linking started with.
    back = await dialog(identity_edge, await start(client, h), user="nabi_russianblue")
    r = await complete(client, h, back, redirect_uri="https://elsewhere.test/instagram/callback")
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"redirect_uri"}

    # No code at all, and no choice waiting.
    back = await dialog(identity_edge, await start(client, h), user="nabi_russianblue")
    r = await client.post(
        f"{LINK}/complete", headers=h, json={"state": back.state, "redirect_uri": CALLBACK}
    )
    assert (r.status_code, problem_fields(r)) == (422, {"code"})


async def test_validation_and_auth(client: httpx.AsyncClient, identity_edge: IdentityEdge) -> None:
    body = {"redirect_uri": CALLBACK}
    assert (await client.post(f"{LINK}/start", json=body)).status_code == 401
    assert (
        await client.post(f"{LINK}/complete", json={**body, "state": "x" * 43})
    ).status_code == 401
    h = await headers_for(identity_edge, "owner@example.com")
    for wrong in (
        "ftp://petful.test/instagram/callback",
        "https://petful.test/somewhere/else",
        "/instagram/callback",
        "https://petful.test/instagram/callback?next=/",
    ):
        r = await client.post(f"{LINK}/start", headers=h, json={"redirect_uri": wrong})
        assert r.status_code == 422, wrong
        assert problem_fields(r) == {"redirect_uri"}, wrong
    r = await client.post(
        f"{LINK}/complete",
        headers=h,
        json={"state": "not a state!", "redirect_uri": CALLBACK, "ig_user_id": "x"},
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"state", "ig_user_id"}
    # A well-formed state nobody handed out.
    r = await client.post(
        f"{LINK}/complete",
        headers=h,
        json={"state": "A" * 43, "code": "AQxyz", "redirect_uri": CALLBACK},
    )
    refused_state(r)


async def test_the_sandbox_checks_codes_like_facebook(identity_edge: IdentityEdge) -> None:
    """The Graph client's code exchange against the sandbox: a code is good once, for its
    app and its redirect_uri (Facebook's OAuthException answers otherwise)."""
    settings = identity_edge.settings
    other_app = settings.model_copy(
        update={"sns": settings.sns.model_copy(update={"app_id": "another-app"})}
    )

    async def code_for(user: str) -> str:
        back = await dialog(
            identity_edge,
            graph.login_dialog_url(settings, redirect_uri=CALLBACK, state="s" * 43),
            user=user,
        )
        return back.code

    async with graph.GraphClient(settings) as client, graph.GraphClient(other_app) as other:
        code = await code_for("tiny_hamster")
        with pytest.raises(graph.GraphError) as wrong_app:
            await other.exchange_code(code, CALLBACK)
        assert (wrong_app.value.type, wrong_app.value.code) == ("OAuthException", 101)
        with pytest.raises(graph.GraphError) as wrong_uri:
            await client.exchange_code(code, "https://elsewhere.test/instagram/callback")
        assert (wrong_uri.value.code, wrong_uri.value.subcode) == (100, 36008)
        token = await client.exchange_code(code, CALLBACK)
        assert token.access_token == "sandbox-tiny_hamster"
        assert 0 < (token.expires_in or 0) <= 2 * 3600
        assert (await client.exchange_token(token.access_token)).access_token == (
            "sandbox-long-tiny_hamster"
        )
        with pytest.raises(graph.GraphError) as used:
            await client.exchange_code(code, CALLBACK)
        assert (used.value.code, used.value.subcode) == (100, 36009)
        with pytest.raises(graph.GraphError) as unknown:
            await client.exchange_code("AQ-never-issued", CALLBACK)
        assert (unknown.value.code, unknown.value.subcode) == (100, 36007)
