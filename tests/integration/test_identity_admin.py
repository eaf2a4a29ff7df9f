"""The admin console end to end: edge routes over a real identity gRPC server, PostgreSQL
and Redis (the `identity_edge` fixture). No mocks of our code."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc
import pytest

import petful.identity.tasks  # noqa: F401  (registers the audit subscribers)
from petful.contracts import Payload, Topic
from petful.contracts import advertisers as advertisers_contract
from petful.contracts import community as community_contract
from petful.contracts import identity as identity_contract
from petful.pb.identity.v1 import admin_pb2, admin_pb2_grpc, identity_pb2
from petful.platform import events
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.errors import PermissionDenied, from_rpc_error
from petful.platform.grpc_client import channel
from petful.platform.outbox import Event
from tests.integration.conftest import (
    PASSWORD,
    IdentityEdge,
    bearer,
    headers_for,
    outbox_payloads,
    problem_fields,
)

ADMIN = "boss@example.com"


async def admin_headers(edge: IdentityEdge) -> dict[str, str]:
    return await headers_for(edge, ADMIN, Role.ADMIN)


async def login_status(edge: IdentityEdge, email: str) -> int:
    r = await edge.client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    return r.status_code


# --- list, search, filter, paging --------------------------------------------------------


async def create_pagers(edge: IdentityEdge) -> list[str]:
    """pager01..pager25@example.com; every fifth one an ADVERTISER."""
    return [
        await edge.create_user(
            f"pager{i:02d}@example.com", Role.ADVERTISER if i % 5 == 0 else Role.USER
        )
        for i in range(1, 26)
    ]


async def list_users(edge: IdentityEdge, **params: Any) -> list[dict[str, Any]]:
    r = await edge.client.get(
        "/api/v1/admin/users", params=params, headers=await admin_headers(edge)
    )
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


async def test_page_through_every_user_newest_first(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    everyone = set(await create_pagers(edge)) | {edge.users[ADMIN]}

    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"page_size": 10}
        if cursor:
            params["cursor"] = cursor
        r = await edge.client.get("/api/v1/admin/users", params=params, headers=h)
        assert r.status_code == 200, r.text
        body = r.json()
        pages += 1
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert [u["id"] for u in seen] == list(dict.fromkeys(u["id"] for u in seen))  # no repeats
    assert {u["id"] for u in seen} == everyone
    created = [u["created_at"] for u in seen]
    assert created == sorted(created, reverse=True)

    # Default page size is 20.
    r = await edge.client.get("/api/v1/admin/users", headers=h)
    assert len(r.json()["items"]) == 20
    assert r.json()["next_cursor"]


async def test_search_matches_email_or_nickname_literally(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    await create_pagers(edge)
    # Case-insensitive substring of email or nickname.
    assert sorted(u["email"] for u in await list_users(edge, q="PAGER1")) == [
        f"pager{i}@example.com" for i in range(10, 20)
    ]
    # pager20-25: their nicknames match too, without duplicates.
    assert len(await list_users(edge, q="ager2")) == 6
    # LIKE wildcards are literal.
    assert await list_users(edge, q="%") == []


async def test_filter_by_role(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    await create_pagers(edge)
    assert {u["email"] for u in await list_users(edge, role="ADVERTISER")} == {
        f"pager{i:02d}@example.com" for i in (5, 10, 15, 20, 25)
    }
    assert [u["id"] for u in await list_users(edge, role="ADMIN", q="boss")] == [edge.users[ADMIN]]


async def test_filter_by_status_and_get_one_user(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    spammer = await edge.create_user("spammer@example.com")
    await edge.create_user("bystander@example.com")
    r = await edge.client.post(
        f"/api/v1/admin/users/{spammer}/suspension", json={"reason": "spam flood"}, headers=h
    )
    assert r.status_code == 200, r.text
    assert [u["id"] for u in await list_users(edge, status="SUSPENDED")] == [spammer]

    r = await edge.client.get(f"/api/v1/admin/users/{spammer}", headers=h)
    assert r.status_code == 200
    assert r.json()["status"] == "SUSPENDED"
    assert r.json()["suspension_reason"] == "spam flood"
    r = await edge.client.get(f"/api/v1/admin/users/{uuid.uuid4()}", headers=h)
    assert r.status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page_size": 0}, "page_size"),
        ({"page_size": 101}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"role": "ROOT"}, "role"),
        ({"status": "HAPPY"}, "status"),
        ({"q": "x" * 101}, "q"),
    ],
)
async def test_list_users_validation(
    identity_edge: IdentityEdge, params: dict[str, Any], field: str
) -> None:
    h = await admin_headers(identity_edge)
    r = await identity_edge.client.get("/api/v1/admin/users", params=params, headers=h)
    assert r.status_code == 422
    assert problem_fields(r) == {field}


# --- the service re-checks the role ------------------------------------------------------


async def test_the_service_refuses_non_admins(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    user_id = await edge.create_user("plain@example.com")
    admin_id = await edge.create_user(ADMIN, Role.ADMIN)
    stub = admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))
    calls = [
        lambda: stub.ListUsers(admin_pb2.ListUsersRequest()),
        lambda: stub.GetUser(admin_pb2.GetUserRequest(user_id=admin_id)),
        lambda: stub.SuspendUser(
            admin_pb2.SuspendUserRequest(user_id=admin_id, reason="coup attempt")
        ),
        lambda: stub.ListSessions(admin_pb2.ListSessionsRequest(user_id=admin_id)),
        lambda: stub.ListAuditLog(admin_pb2.ListAuditLogRequest()),
    ]
    # A USER principal, and a principal that claims ADMIN but whose account is a USER.
    for roles in ({"USER"}, {"ADMIN"}):
        with use_principal(Principal(user_id=user_id, roles=frozenset(roles))):
            for call in calls:
                with pytest.raises(grpc.aio.AioRpcError) as info:
                    await call()
                assert isinstance(from_rpc_error(info.value), PermissionDenied)
    # An anonymous caller.
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.ListUsers(admin_pb2.ListUsersRequest())
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
    # The real admin passes.
    with use_principal(Principal(user_id=admin_id, roles=frozenset({"ADMIN"}))):
        reply = await stub.ListUsers(admin_pb2.ListUsersRequest())
    assert len(reply.items) == 2


# --- suspension, sessions, audit ---------------------------------------------------------


async def test_suspension_revokes_sessions_and_is_audited(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    target = await edge.create_user("victim@example.com")
    first = await edge.tokens("victim@example.com")
    second = await edge.tokens("victim@example.com")
    assert (await edge.client.get("/api/v1/me", headers=bearer(first.access_token))).is_success

    r = await edge.client.get(f"/api/v1/admin/users/{target}/sessions", headers=h)
    assert r.status_code == 200
    sessions = r.json()["items"]
    assert len(sessions) == 2
    assert all(s["active"] and s["revoked_at"] is None for s in sessions)
    assert set(sessions[0]) == {
        "id",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
        "revoked_reason",
        "client_ip",
        "user_agent",
        "active",
    }
    for secret in (first.refresh_token, second.refresh_token, first.access_token):
        assert secret not in r.text
    assert "hash" not in r.text

    until = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0)
    r = await edge.client.post(
        f"/api/v1/admin/users/{target}/suspension",
        json={"reason": "  abusive messages  ", "until": until.isoformat()},
        headers=h,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "SUSPENDED"
    assert r.json()["suspension_reason"] == "abusive messages"
    assert datetime.fromisoformat(r.json()["suspended_until"]) == until

    # Every session ended at once; signing in says why.
    me = await edge.client.get("/api/v1/me", headers=bearer(second.access_token))
    assert me.status_code == 401
    login = await edge.client.post(
        "/api/v1/auth/login", json={"email": "victim@example.com", "password": PASSWORD}
    )
    assert login.status_code == 403
    assert "abusive messages" in login.json()["detail"]
    r = await edge.client.get(f"/api/v1/admin/users/{target}/sessions", headers=h)
    assert all(not s["active"] and s["revoked_reason"] == "suspended" for s in r.json()["items"])

    r = await edge.client.get("/api/v1/admin/audit-log", params={"target_id": target}, headers=h)
    [entry] = r.json()["items"]
    assert entry["action"] == "user.suspend"
    assert entry["actor_id"] == edge.users[ADMIN]
    assert entry["target_type"] == "USER"
    assert entry["reason"] == "abusive messages"
    assert entry["details"]["sessions_revoked"] == 2
    assert datetime.fromisoformat(entry["details"]["until"]) == until

    [event] = await outbox_payloads(identity_contract.ACCOUNT_SUSPENDED.name)
    assert event["user_id"] == target
    assert event["reason"] == "abusive messages"
    assert event["actor_id"] == edge.users[ADMIN]


async def test_admins_cannot_suspend_admins_or_themselves(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    other = await edge.create_user("second-admin@example.com", Role.ADMIN)
    for target in (other, edge.users[ADMIN]):
        r = await edge.client.post(
            f"/api/v1/admin/users/{target}/suspension", json={"reason": "palace coup"}, headers=h
        )
        assert r.status_code == 403, r.text
        assert r.headers["content-type"] == "application/problem+json"
    assert await login_status(edge, "second-admin@example.com") == 200
    r = await edge.client.get("/api/v1/admin/audit-log", headers=h)
    assert r.json()["items"] == []
    assert await outbox_payloads(identity_contract.ACCOUNT_SUSPENDED.name) == []


async def test_unsuspend_lets_the_user_back_in(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    target = await edge.create_user("returning@example.com")
    url = f"/api/v1/admin/users/{target}/suspension"

    r = await edge.client.request("DELETE", url, json={"reason": "not suspended"}, headers=h)
    assert r.status_code == 409
    assert (await edge.client.post(url, json={"reason": "cool off"}, headers=h)).is_success
    assert await login_status(edge, "returning@example.com") == 403

    r = await edge.client.request("DELETE", url, json={"reason": "ok"}, headers=h)
    assert r.status_code == 422
    assert problem_fields(r) == {"reason"}
    r = await edge.client.request("DELETE", url, json={"reason": "appeal accepted"}, headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "ACTIVE"
    assert r.json()["suspension_reason"] is None
    assert await login_status(edge, "returning@example.com") == 200

    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"action": "user.unsuspend"}, headers=h
    )
    [entry] = r.json()["items"]
    assert entry["reason"] == "appeal accepted"
    assert entry["details"]["previous_suspension"]["reason"] == "cool off"
    [event] = await outbox_payloads(identity_contract.ACCOUNT_REINSTATED.name)
    assert event == {
        "user_id": target,
        "reason": "appeal accepted",
        "actor_id": edge.users[ADMIN],
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "reason"),
        ({"reason": "shrt"}, "reason"),
        ({"reason": "x" * 501}, "reason"),
        ({"reason": "long enough", "until": "2001-01-01T00:00:00Z"}, "until"),
        ({"reason": "long enough", "until": "2099-01-01T00:00:00"}, "until"),  # no zone
        ({"reason": "long enough", "until": "tomorrow"}, "until"),
        ({"reason": "long enough", "extra": 1}, "extra"),
    ],
)
async def test_suspension_validation(
    identity_edge: IdentityEdge, body: dict[str, Any], field: str
) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    target = await edge.create_user("subject@example.com")
    r = await edge.client.post(f"/api/v1/admin/users/{target}/suspension", json=body, headers=h)
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {field}
    assert await login_status(edge, "subject@example.com") == 200


async def test_suspension_of_unknown_or_malformed_ids(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    body = {"reason": "long enough"}
    r = await edge.client.post(
        f"/api/v1/admin/users/{uuid.uuid4()}/suspension", json=body, headers=h
    )
    assert r.status_code == 404
    r = await edge.client.post("/api/v1/admin/users/nope/suspension", json=body, headers=h)
    assert r.status_code == 422
    assert problem_fields(r) == {"user_id"}


async def test_the_grpc_api_validates_too(identity_edge: IdentityEdge) -> None:
    """Without the edge in front: past `until` and short reasons are still refused."""
    edge = identity_edge
    admin_id = await edge.create_user(ADMIN, Role.ADMIN)
    target = await edge.create_user("direct@example.com")
    stub = admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))
    req = admin_pb2.SuspendUserRequest(user_id=target, reason="x")
    req.until.FromDatetime(datetime(2001, 1, 1))
    admin = Principal(user_id=admin_id, roles=frozenset({"ADMIN"}))
    with use_principal(admin), pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.SuspendUser(req)
    err = from_rpc_error(info.value)
    assert err.http_status == 422
    assert {f for f, _ in err.field_violations} == {"reason", "until"}


async def test_revoke_sessions(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    target = await edge.create_user("busy@example.com")
    other = await edge.create_user("bystander@example.com")
    tokens = [await edge.tokens("busy@example.com") for _ in range(3)]
    await edge.tokens("bystander@example.com")
    sessions = (await edge.client.get(f"/api/v1/admin/users/{target}/sessions", headers=h)).json()[
        "items"
    ]
    one = sessions[0]["id"]
    base = f"/api/v1/admin/users/{target}/sessions"

    # A session of someone else, or an unknown one, is not found under this user.
    bystander_sid = (
        await edge.client.get(f"/api/v1/admin/users/{other}/sessions", headers=h)
    ).json()["items"][0]["id"]
    r = await edge.client.request(
        "DELETE", f"{base}/{bystander_sid}", json={"reason": "wrong user"}, headers=h
    )
    assert r.status_code == 404
    r = await edge.client.request(
        "DELETE", f"{base}/{uuid.uuid4()}", json={"reason": "unknown"}, headers=h
    )
    assert r.status_code == 404

    r = await edge.client.request(
        "DELETE", f"{base}/{one}", json={"reason": "stolen laptop"}, headers=h
    )
    assert r.status_code == 204, r.text
    r = await edge.client.request(
        "DELETE", f"{base}/{one}", json={"reason": "stolen laptop"}, headers=h
    )
    assert r.status_code == 409
    still = [
        t
        for t in tokens
        if (await edge.client.get("/api/v1/me", headers=bearer(t.access_token))).is_success
    ]
    assert len(still) == 2

    r = await edge.client.post(f"{base}/revoke", json={"reason": "password leaked"}, headers=h)
    assert r.status_code == 200
    assert r.json() == {"revoked": 2}
    for t in tokens:
        me = await edge.client.get("/api/v1/me", headers=bearer(t.access_token))
        assert me.status_code == 401
    # The user can sign in again (revoking sessions is not a suspension).
    assert await login_status(edge, "busy@example.com") == 200

    r = await edge.client.get("/api/v1/admin/audit-log", headers=h)
    actions = [(e["action"], e["target_type"], e["reason"]) for e in r.json()["items"]]
    assert actions == [
        ("sessions.revoke_all", "USER", "password leaked"),
        ("session.revoke", "SESSION", "stolen laptop"),
    ]
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"target_type": "SESSION", "target_id": one}, headers=h
    )
    assert r.json()["items"][0]["details"] == {"user_id": target}


async def test_audit_log_paging_and_filters(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    target = await edge.create_user("yoyo@example.com")
    url = f"/api/v1/admin/users/{target}/suspension"
    for i in range(3):
        assert (await edge.client.post(url, json={"reason": f"round {i} on"}, headers=h)).is_success
        r = await edge.client.request("DELETE", url, json={"reason": f"round {i} off"}, headers=h)
        assert r.is_success
    reasons: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"page_size": 4, "actor_id": edge.users[ADMIN]}
        if cursor:
            params["cursor"] = cursor
        body = (await edge.client.get("/api/v1/admin/audit-log", params=params, headers=h)).json()
        reasons += [e["reason"] for e in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert reasons == [f"round {i} {s}" for i in (2, 1, 0) for s in ("off", "on")]
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"actor_id": str(uuid.uuid4())}, headers=h
    )
    assert r.json() == {"items": [], "next_cursor": None}
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"action": "user.suspend"}, headers=h
    )
    assert len(r.json()["items"]) == 3
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"target_type": "PLANET"}, headers=h
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"target_type"}
    assert json.loads(json.dumps(r.json()))["status"] == 422


async def test_non_admins_get_403_at_the_edge(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    await edge.create_user("nosy@example.com")
    h = bearer((await edge.tokens("nosy@example.com")).access_token)
    r = await edge.client.get("/api/v1/admin/users", headers=h)
    assert r.status_code == 403
    assert identity_pb2.ROLE_ADMIN  # the role the edge demands


# --- other services' admin decisions reach the one audit log -----------------------------


async def consume(topic: Topic[Any], payload: Payload, subscriber: str) -> bool:
    """Hand one event to an identity subscriber, as the relay and a worker would."""
    (subscription,) = [s for s in events.subscribers_of(topic.name) if s.name == subscriber]
    event = Event(
        uuid.uuid4(),
        topic.name,
        topic.producer,
        payload.model_dump(mode="json"),
        datetime.now(UTC),
        {},
    )
    delivered = await events.consume(subscription, event)
    assert await events.consume(subscription, event) is False  # a redelivery is deduped
    return delivered


async def test_report_decisions_are_audited(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    reporter = await edge.create_user("reporter@example.com")
    troll = await edge.create_user("troll@example.com")
    report_id = uuid.uuid4()
    handled_at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    decision = community_contract.ReportDecided(
        report_id=report_id,
        reporter_id=uuid.UUID(reporter),
        target_type="USER",
        target_id=uuid.UUID(troll),
        status="RESOLVED",
        target_suspended=True,
        admin_id=uuid.UUID(edge.users[ADMIN]),
        reason="repeated insults",
        handled_at=handled_at,
    )
    topic = community_contract.REPORT_RESOLVED
    assert await consume(topic, decision, f"identity.audit.{topic.name}")

    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"target_type": "REPORT"}, headers=h
    )
    assert r.status_code == 200, r.text
    [entry] = r.json()["items"]
    assert (entry["action"], entry["target_id"], entry["actor_id"], entry["reason"]) == (
        "report.resolve",
        str(report_id),
        edge.users[ADMIN],
        "repeated insults",
    )
    assert datetime.fromisoformat(entry["at"]) == handled_at
    assert entry["details"] == {
        "source": topic.name,
        "target_type": "USER",
        "target_id": troll,
        "reporter_id": reporter,
        "target_suspended": True,
    }


async def test_advertiser_decisions_are_audited(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await admin_headers(edge)
    brand = await edge.create_user("brand@example.com", Role.ADVERTISER)
    decision = advertisers_contract.AdvertiserDecided(
        user_id=uuid.UUID(brand),
        admin_id=uuid.UUID(edge.users[ADMIN]),
        reason="서류가 흐립니다",
        status="REJECTED",
        company_name="멍멍상사",
    )
    topic = advertisers_contract.ADVERTISER_REJECTED
    assert await consume(topic, decision, f"identity.audit.{topic.name}")

    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"action": "advertiser.reject"}, headers=h
    )
    [entry] = r.json()["items"]
    assert (entry["target_type"], entry["target_id"], entry["reason"]) == (
        "ADVERTISER",
        brand,
        "서류가 흐립니다",
    )
    assert entry["details"]["company_name"] == "멍멍상사"
