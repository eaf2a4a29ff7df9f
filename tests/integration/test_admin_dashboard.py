"""GET /api/v1/admin/dashboard over every domain service (the `identity_edge` fixture):
accounts, today's sign-ups and active accounts in Korea's days, empty queues, and the
refusal of anyone but an admin. No mocks of our code."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from petful.platform.auth_context import Role
from tests.integration.conftest import IdentityEdge, bearer, headers_for

ADMIN = "chief@example.com"
SEOUL = ZoneInfo("Asia/Seoul")


async def test_the_dashboard_counts_accounts_and_days(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await headers_for(edge, ADMIN, Role.ADMIN)
    for i in range(3):
        await edge.create_user(f"member{i}@example.com")
    await edge.tokens("member0@example.com")  # one member signs in today
    suspended = edge.users["member2@example.com"]
    r = await edge.client.post(
        f"/api/v1/admin/users/{suspended}/suspension",
        json={"reason": "spam in the community"},
        headers=h,
    )
    assert r.status_code == 200, r.text

    r = await edge.client.get("/api/v1/admin/dashboard", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["accounts"] == {
        "total": 4,
        "suspended": 1,
        "active_30_days": 2,  # the admin and member0 signed in; the others never did
        "active_7_days": 2,
        "sign_ups_30_days": 4,
    }
    days = body["days"]
    assert len(days) == 30
    today = datetime.now(UTC).astimezone(SEOUL).date()
    assert days[-1] == {"date": today.isoformat(), "sign_ups": 4, "active": 2}
    assert days[0]["date"] == (today - timedelta(days=29)).isoformat()
    assert all(d["sign_ups"] == 0 and d["active"] == 0 for d in days[:-1])
    assert body["campaigns"] == []
    assert body["queues"] == {
        name: {"waiting": 0, "more": False}
        for name in ("advertisers", "petstars", "campaigns", "reports")
    }


async def test_only_admins_see_the_dashboard(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    for role in (Role.USER, Role.ADVERTISER):
        h = await headers_for(edge, f"{role.value.lower()}@example.com", role)
        r = await edge.client.get("/api/v1/admin/dashboard", headers=h)
        assert r.status_code == 403, r.text
        assert r.headers["content-type"] == "application/problem+json"
    r = await edge.client.get("/api/v1/admin/dashboard", headers=bearer("not-a-token"))
    assert r.status_code == 401
