"""Web push: browsers subscribe through the edge, `push.deliver` sends a message to every
browser of a user with pywebpush, and a real RFC 8030 push service on this machine
(tests/push_service.py) checks the VAPID signature, decrypts each push with the
subscription's private key and records it. Gone subscriptions (404/410) are removed; a
push service that fails (5xx, 429, no answer) makes deliver raise PushError and keeps them.

Real identity, notifications and edge servers on PostgreSQL and Redis (`identity_edge`),
with endpoints on 127.0.0.1 allowed (PETFUL_NOTIFICATIONS__PUSH_ALLOW_LOCAL_ENDPOINTS).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from petful.notifications import push
from petful.notifications.push import PushError, PushMessage
from petful.notifications.push_models import PushSubscription
from petful.platform.auth_context import Principal, Role
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.push_service import PushService, Subscription
from tests.support import free_port

Headers = dict[str, str]
BASE = "/api/v1/notifications/push"
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
MESSAGE = PushMessage(
    title="보리 · 심장사상충 약",
    body="3월 7일 (금) 오전 9:00 일정이에요.",
    link="/schedules",
    tag="HEALTH_REMINDER:0b5c9a4e",
)


@pytest.fixture(autouse=True)
def local_endpoints(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before the servers start (identity_edge reads the settings then).
    monkeypatch.setenv("PETFUL_NOTIFICATIONS__PUSH_ALLOW_LOCAL_ENDPOINTS", "true")


@pytest.fixture
async def push_service() -> AsyncIterator[PushService]:
    async with PushService(free_port()) as service:
        yield service


async def user(edge: IdentityEdge, name: str) -> tuple[uuid.UUID, Headers]:
    headers = await headers_for(edge, f"{name}@example.com", Role.USER)
    return uuid.UUID(edge.users[f"{name}@example.com"]), headers


async def server_key(edge: IdentityEdge, headers: Headers) -> str:
    r = await edge.client.get(f"{BASE}/key", headers=headers)
    assert r.status_code == 200, r.text
    key: str = r.json()["public_key"]
    return key


async def subscribed(
    edge: IdentityEdge, service: PushService, headers: Headers, device: str = ""
) -> Subscription:
    """A browser of the caller's, subscribed with the install's key, stored via the edge."""
    sub = service.subscribe(server_key=await server_key(edge, headers))
    body = {**sub.to_json(), **({"device": device} if device else {})}
    r = await edge.client.put(
        f"{BASE}/subscriptions", json=body, headers={**headers, "User-Agent": ANDROID_CHROME}
    )
    assert r.status_code == 200, r.text
    return sub


async def mine(edge: IdentityEdge, headers: Headers) -> list[dict[str, Any]]:
    r = await edge.client.get(f"{BASE}/subscriptions", headers=headers)
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def deliver(user_id: uuid.UUID, message: PushMessage = MESSAGE) -> int:
    """As the dispatcher calls it: in its transaction, committed."""
    async with transaction() as session:
        return await push.deliver(session, user_id=user_id, message=message)


async def deliver_failing(user_id: uuid.UUID, message: PushMessage = MESSAGE) -> PushError:
    """deliver that raises PushError; the session's bookkeeping is committed as the
    dispatcher does (it catches the error and records the retry)."""
    async with transaction() as session:
        with pytest.raises(PushError) as info:
            await push.deliver(session, user_id=user_id, message=message)
    return info.value


async def rows(user_id: uuid.UUID | None = None) -> list[PushSubscription]:
    async with transaction() as session:
        stmt = sa.select(PushSubscription).order_by(PushSubscription.created_at)
        if user_id is not None:
            stmt = stmt.where(PushSubscription.user_id == user_id)
        return list(await session.scalars(stmt))


def messages(sub: Subscription) -> list[dict[str, Any]]:
    return [p.message for p in sub.received]


# --- subscribing and receiving -------------------------------------------------------------------


async def test_a_subscribed_browser_receives_exactly_the_message(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    edge = identity_edge
    owner_id, owner = await user(edge, "boriowner")
    phone = await subscribed(edge, push_service, owner, device="내 폰")
    laptop = await subscribed(edge, push_service, owner)

    listed = await mine(edge, owner)
    assert {s["endpoint"] for s in listed} == {phone.endpoint, laptop.endpoint}
    assert {s["device"] for s in listed} == {"내 폰", "Chrome on Android"}
    assert all(s["last_success_at"] is None for s in listed)
    assert "keys" not in json.dumps(listed)
    assert phone.p256dh not in json.dumps(listed)

    assert await deliver(owner_id) == 2
    expected = {
        "title": MESSAGE.title,
        "body": MESSAGE.body,
        "link": MESSAGE.link,
        "tag": MESSAGE.tag,
    }
    for browser in (phone, laptop):
        assert messages(browser) == [expected]
        (received,) = browser.received
        assert received.ttl == 24 * 3600
        assert received.urgency == "normal"
        assert received.topic
        assert len(received.topic) <= 32
    assert push_service.refused == []
    assert all(s["last_success_at"] for s in await mine(edge, owner))
    assert all(r.failures == 0 for r in await rows(owner_id))


async def test_only_the_users_own_browsers_are_pushed_to(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    edge = identity_edge
    owner_id, owner = await user(edge, "boriowner")
    other_id, other = await user(edge, "kongimom")
    mine_ = await subscribed(edge, push_service, owner)
    theirs = await subscribed(edge, push_service, other)
    nobody = uuid.uuid4()

    assert await deliver(owner_id) == 1
    assert await deliver(nobody) == 0
    assert len(mine_.received) == 1
    assert theirs.received == []
    assert other_id != owner_id


async def test_a_long_message_arrives_shortened_to_fit_one_push(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    browser = await subscribed(identity_edge, push_service, owner)
    long = PushMessage(title="긴 글", body="산책 " * 2000, link="/community/posts/1", tag="P:1")

    assert await deliver(owner_id, long) == 1
    (got,) = messages(browser)
    assert got["body"].endswith("…")
    assert long.body.startswith(got["body"][:-1])
    assert (got["title"], got["link"], got["tag"]) == ("긴 글", "/community/posts/1", "P:1")


# --- what push services answer -------------------------------------------------------------------


@pytest.mark.parametrize("status", [410, 404])
async def test_an_expired_subscription_is_removed(
    identity_edge: IdentityEdge, push_service: PushService, status: int
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    alive = await subscribed(identity_edge, push_service, owner)
    expired = await subscribed(identity_edge, push_service, owner)
    push_service.answer(expired, status)

    assert await deliver(owner_id) == 1
    assert [r.endpoint for r in await rows(owner_id)] == [alive.endpoint]
    assert expired.attempts == 1
    # Not tried again: the row is gone.
    assert await deliver(owner_id, PushMessage("다음", "알림", "/", "T:2")) == 1
    assert expired.attempts == 1
    assert len(alive.received) == 2


async def test_a_server_error_raises_and_a_retry_reaches_only_the_failed_browser(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    fine = await subscribed(identity_edge, push_service, owner)
    failing = await subscribed(identity_edge, push_service, owner)
    push_service.answer(failing, 500)

    error = await deliver_failing(owner_id)
    assert (error.accepted, error.failed, error.retry_after) == (1, 1, None)
    by_endpoint = {r.endpoint: r for r in await rows(owner_id)}
    assert set(by_endpoint) == {fine.endpoint, failing.endpoint}  # kept
    assert by_endpoint[failing.endpoint].failures == 1
    assert by_endpoint[failing.endpoint].last_success_at is None
    assert by_endpoint[fine.endpoint].last_success_at is not None

    # Still failing: counted again; the browser that has it is not pushed to again.
    await deliver_failing(owner_id)
    assert {r.endpoint: r.failures for r in await rows(owner_id)}[failing.endpoint] == 2

    push_service.answer(failing, None)
    assert await deliver(owner_id) == 2
    assert len(fine.received) == 1
    assert len(failing.received) == 1
    assert all(r.failures == 0 for r in await rows(owner_id))
    # A new message goes to both.
    assert await deliver(owner_id, PushMessage("새 글", "본문", "/", "T:2")) == 2
    assert (len(fine.received), len(failing.received)) == (2, 2)


async def test_too_many_requests_asks_to_retry_after_the_services_delay(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    browser = await subscribed(identity_edge, push_service, owner)
    push_service.answer(browser, 429, **{"Retry-After": "120"})

    error = await deliver_failing(owner_id)
    assert (error.accepted, error.failed, error.retry_after) == (0, 1, 120)
    assert len(await rows(owner_id)) == 1


async def test_an_unreachable_push_service_raises_and_keeps_the_subscription(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    # A browser whose push service is down: nothing listens on its port.
    down = PushService(free_port())
    gone_dark = down.subscribe(server_key=await server_key(identity_edge, owner))
    r = await identity_edge.client.put(
        f"{BASE}/subscriptions", json=gone_dark.to_json(), headers=owner
    )
    assert r.status_code == 200, r.text

    error = await deliver_failing(owner_id)
    assert (error.accepted, error.failed) == (0, 1)
    (row,) = await rows(owner_id)
    assert row.failures == 1


async def test_a_push_service_refusing_the_key_is_not_retried(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    # Subscribed with another application server key (an earlier install's): the push
    # service refuses our VAPID signature for it (403), now and on every retry.
    stranger = push_service.subscribe(server_key="BOther-Key")
    r = await identity_edge.client.put(
        f"{BASE}/subscriptions", json=stranger.to_json(), headers=owner
    )
    assert r.status_code == 200, r.text

    assert await deliver(owner_id) == 0
    assert push_service.refused == [(403, "not the key the subscription was made for")]
    (row,) = await rows(owner_id)
    assert row.failures == 1


async def test_a_redirect_is_not_followed(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    browser = await subscribed(identity_edge, push_service, owner)
    elsewhere = push_service.subscribe()  # a URL nobody validated as this user's endpoint
    push_service.answer(browser, 307, Location=elsewhere.endpoint)

    assert await deliver(owner_id) == 0
    assert (browser.received, elsewhere.attempts) == ([], 0)
    (row,) = await rows(owner_id)
    assert row.failures == 1


async def test_the_push_service_checks_our_vapid_signature(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    owner_id, owner = await user(identity_edge, "boriowner")
    browser = await subscribed(identity_edge, push_service, owner)
    assert await deliver(owner_id) == 1
    # The same key the edge hands browsers signs the pushes.
    assert browser.server_key == await server_key(identity_edge, owner)
    assert push_service.refused == []


# --- subscribing, moving, unsubscribing ----------------------------------------------------------


async def test_subscribing_again_updates_and_another_account_takes_the_browser(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    edge = identity_edge
    owner_id, owner = await user(edge, "boriowner")
    other_id, other = await user(edge, "kongimom")
    browser = await subscribed(edge, push_service, owner, device="거실 PC")
    (first,) = await mine(edge, owner)
    assert await deliver(owner_id) == 1

    # The same browser again (each visit): one row, its id and history kept.
    await subscribed_again(edge, browser, owner, device="거실 PC")
    (again,) = await mine(edge, owner)
    assert again["id"] == first["id"]
    assert again["last_success_at"] is not None

    # Signed in as someone else, the browser moves: it is theirs now, with no history.
    await subscribed_again(edge, browser, other)
    assert await mine(edge, owner) == []
    (moved,) = await mine(edge, other)
    assert moved["endpoint"] == browser.endpoint
    assert moved["last_success_at"] is None
    assert moved["device"] == "Chrome on Android"
    assert await deliver(owner_id, PushMessage("a", "b", "/", "T:9")) == 0
    assert await deliver(other_id, PushMessage("a", "b", "/", "T:9")) == 1


async def subscribed_again(
    edge: IdentityEdge, browser: Subscription, headers: Headers, device: str = ""
) -> None:
    body = {**browser.to_json(), "device": device}
    r = await edge.client.put(
        f"{BASE}/subscriptions", json=body, headers={**headers, "User-Agent": ANDROID_CHROME}
    )
    assert r.status_code == 200, r.text


async def test_unsubscribe_by_body_or_query_and_only_ones_own(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    edge = identity_edge
    owner_id, owner = await user(edge, "boriowner")
    _, other = await user(edge, "kongimom")
    phone = await subscribed(edge, push_service, owner)
    laptop = await subscribed(edge, push_service, owner)

    # Someone else's browser is not found, and stays.
    r = await edge.client.request(
        "DELETE", f"{BASE}/subscriptions", json={"endpoint": phone.endpoint}, headers=other
    )
    assert r.status_code == 404, r.text
    assert problem_fields(r) == {"endpoint"}
    assert len(await mine(edge, owner)) == 2

    r = await edge.client.request(
        "DELETE", f"{BASE}/subscriptions", json={"endpoint": phone.endpoint}, headers=owner
    )
    assert r.status_code == 204, r.text
    r = await edge.client.delete(
        f"{BASE}/subscriptions", params={"endpoint": laptop.endpoint}, headers=owner
    )
    assert r.status_code == 204, r.text
    assert await mine(edge, owner) == []
    assert await deliver(owner_id) == 0
    assert (phone.received, laptop.received) == ([], [])

    # Again: not found; without an endpoint: invalid.
    r = await edge.client.delete(
        f"{BASE}/subscriptions", params={"endpoint": laptop.endpoint}, headers=owner
    )
    assert r.status_code == 404
    r = await edge.client.delete(f"{BASE}/subscriptions", headers=owner)
    assert r.status_code == 422
    assert problem_fields(r) == {"endpoint"}


async def test_a_user_keeps_their_newest_browsers(settings: Any, push_service: PushService) -> None:
    actor_id = uuid.uuid4()
    actor = Principal(user_id=str(actor_id), roles=frozenset({Role.USER}))
    policy = push.Policy(allow_local=True, max_subscriptions=3)
    start = datetime(2026, 3, 6, 6, 0, tzinfo=UTC)
    browsers = [push_service.subscribe() for _ in range(4)]
    for minute, browser in enumerate([*browsers[:3], browsers[0], browsers[3]]):
        async with transaction() as session:
            await push.subscribe(
                session,
                actor=actor,
                endpoint=browser.endpoint,
                p256dh=browser.p256dh,
                auth=browser.to_json()["keys"]["auth"],
                now=start + timedelta(minutes=minute),
                policy=policy,
            )
    # browsers[0] subscribed again (minute 3), so browsers[1] was the least recent.
    kept = {r.endpoint for r in await rows(actor_id)}
    assert kept == {browsers[0].endpoint, browsers[2].endpoint, browsers[3].endpoint}

    async with transaction() as session:
        assert await push.forget_user(session, user_id=actor_id) == 3
    assert await rows(actor_id) == []


# --- bad input ----------------------------------------------------------------------------------


async def test_invalid_subscriptions_are_422_naming_each_field(
    identity_edge: IdentityEdge, push_service: PushService
) -> None:
    edge = identity_edge
    _, owner = await user(edge, "boriowner")
    good = push_service.subscribe().to_json()

    async def fields(**change: Any) -> set[str]:
        body = {**good, **change}
        r = await edge.client.put(f"{BASE}/subscriptions", json=body, headers=owner)
        assert r.status_code == 422, r.text
        return problem_fields(r)

    assert await fields(endpoint="http://push.example.com/p") == {"endpoint"}
    assert await fields(endpoint="https://10.0.0.7/p") == {"endpoint"}
    assert await fields(keys={"p256dh": "AAAA", "auth": good["keys"]["auth"]}) == {"keys.p256dh"}
    assert await fields(keys={"p256dh": good["keys"]["p256dh"], "auth": "AAAA"}) == {"keys.auth"}
    assert await fields(
        endpoint="https://intranet/p", keys={"p256dh": "", "auth": ""}, device="a\x07b"
    ) == {"endpoint", "keys.p256dh", "keys.auth", "device"}
    # The edge's own checks: shape and sizes.
    assert await fields(keys={"p256dh": good["keys"]["p256dh"]}) == {"keys.auth"}
    assert await fields(extra=1) == {"extra"}
    assert await fields(endpoint="https://x.com/" + "a" * 2048) == {"endpoint"}
    assert await mine(edge, owner) == []


async def test_local_endpoints_are_refused_without_the_setting(settings: Any) -> None:
    actor = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.USER}))
    browser = PushService(free_port()).subscribe()
    async with transaction() as session:
        with pytest.raises(InvalidArgument) as info:
            await push.subscribe(
                session,
                actor=actor,
                endpoint=browser.endpoint,
                p256dh=browser.p256dh,
                auth=browser.to_json()["keys"]["auth"],
                now=datetime.now(UTC),
                policy=push.Policy(allow_local=False, max_subscriptions=20),
            )
    assert info.value.field_violations == (("endpoint", "must not point at this machine"),)


async def test_signed_in_users_only(identity_edge: IdentityEdge) -> None:
    for method, path in [
        ("GET", f"{BASE}/key"),
        ("GET", f"{BASE}/subscriptions"),
        ("PUT", f"{BASE}/subscriptions"),
        ("DELETE", f"{BASE}/subscriptions"),
    ]:
        r = await identity_edge.client.request(method, path)
        assert r.status_code == 401, (method, path, r.text)
