"""An admin changes an account's role: edge route over the real identity gRPC server,
PostgreSQL and Redis (the `identity_edge` fixture), as tests/integration/test_identity_admin.py."""

from __future__ import annotations

import pytest

from petful.platform.auth_context import Role
from tests.integration.conftest import PASSWORD, IdentityEdge, bearer, headers_for

ADMIN = "boss@example.com"


def role_url(user_id: str) -> str:
    return f"/api/v1/admin/users/{user_id}/role"


async def test_role_change_revokes_sessions_and_is_audited(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await headers_for(edge, ADMIN, Role.ADMIN)
    target = await edge.create_user("shop@example.com")
    old = await edge.tokens("shop@example.com")
    assert (await edge.client.get("/api/v1/me", headers=bearer(old.access_token))).is_success

    r = await edge.client.put(
        role_url(target), json={"role": "ADVERTISER", "reason": "  opened a pet shop  "}, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["roles"] == ["ADVERTISER"]

    # The old token (role USER) stops working at once, and so does its refresh token.
    assert (
        await edge.client.get("/api/v1/me", headers=bearer(old.access_token))
    ).status_code == 401
    refresh = await edge.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": old.refresh_token}
    )
    assert refresh.status_code == 401
    r = await edge.client.get(f"/api/v1/admin/users/{target}/sessions", headers=h)
    assert all(not s["active"] and s["revoked_reason"] == "role_changed" for s in r.json()["items"])

    # Signing in again gives a token with the new role.
    login = await edge.client.post(
        "/api/v1/auth/login", json={"email": "shop@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200, login.text
    me = await edge.client.get("/api/v1/me", headers=bearer(login.json()["access_token"]))
    assert me.json()["roles"] == ["ADVERTISER"]

    r = await edge.client.get("/api/v1/admin/audit-log", params={"target_id": target}, headers=h)
    [entry] = r.json()["items"]
    assert entry["action"] == "user.role_change"
    assert entry["actor_id"] == edge.users[ADMIN]
    assert entry["reason"] == "opened a pet shop"
    assert entry["details"] == {"from": "USER", "to": "ADVERTISER", "sessions_revoked": 1}

    # And back, to ADMIN: every role is reachable.
    r = await edge.client.put(
        role_url(target), json={"role": "ADMIN", "reason": "new hire"}, headers=h
    )
    assert r.status_code == 200, r.text
    assert r.json()["roles"] == ["ADMIN"]


async def test_an_admin_cannot_change_their_own_role(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await headers_for(edge, ADMIN, Role.ADMIN)
    r = await edge.client.put(
        role_url(edge.users[ADMIN]), json={"role": "USER", "reason": "stepping down"}, headers=h
    )
    assert r.status_code == 403, r.text
    assert r.headers["content-type"] == "application/problem+json"
    # Still an admin, with a live session, and nothing audited.
    r = await edge.client.get("/api/v1/admin/audit-log", headers=h)
    assert r.status_code == 200
    assert r.json()["items"] == []


async def test_the_same_role_is_a_conflict(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await headers_for(edge, ADMIN, Role.ADMIN)
    target = await edge.create_user("same@example.com", Role.ADVERTISER)
    r = await edge.client.put(
        role_url(target), json={"role": "ADVERTISER", "reason": "no change"}, headers=h
    )
    assert r.status_code == 409, r.text


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "SERVICE", "reason": "promote the robot"}, "role"),
        ({"role": "USER", "reason": "no"}, "reason"),
        ({"reason": "missing role"}, "role"),
    ],
)
async def test_role_change_validation(
    identity_edge: IdentityEdge, body: dict[str, str], field: str
) -> None:
    edge = identity_edge
    h = await headers_for(edge, ADMIN, Role.ADMIN)
    target = await edge.create_user("valid@example.com")
    r = await edge.client.put(role_url(target), json=body, headers=h)
    assert r.status_code == 422, r.text
    assert field in r.text


async def test_only_admins_change_roles(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    target = await edge.create_user("quiet@example.com")
    await edge.create_user("climber@example.com", Role.ADVERTISER)
    h = bearer((await edge.tokens("climber@example.com")).access_token)
    r = await edge.client.put(
        role_url(target), json={"role": "ADMIN", "reason": "let me in"}, headers=h
    )
    assert r.status_code == 403
