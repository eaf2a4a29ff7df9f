"""Every edge route x every kind of caller, generated from the route table.

A route added later is covered without touching this file: its access level is read from
its dependencies (CurrentUser, PetOwner, AdvertiserUser, ApprovedAdvertiser, AdminUser or
none).

Advertiser callers come in two kinds: ADVERTISER_PENDING (profile submitted, not yet
approved) and ADVERTISER_APPROVED. `advertiser` routes (the own company profile) admit
both; `approved_advertiser` routes admit only the approved one. Admins are not advertisers:
they are refused on both and act on advertisers through /api/v1/admin/advertisers.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.routing import APIRoute

from petful.advertisers import demo as advertisers_demo
from petful.edge import auth
from petful.edge.app import create_app
from petful.identity.service import suspend_account, utc_now
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge


def _calls(dependant: Any) -> set[Any]:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def _access(route: APIRoute) -> str:
    calls = _calls(route.dependant)
    if auth.approved_advertiser in calls:
        return "approved_advertiser"
    if auth.advertiser_user in calls:
        return "advertiser"
    if auth.admin_user in calls:
        return "admin"
    if auth.pet_owner in calls:
        return "owner"
    if auth.current_user in calls:
        return "user"
    return "public"


def _api_routes(routes: list[Any]) -> list[APIRoute]:
    """Flatten the app's routes; included routers keep theirs on `original_router`."""
    flat: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            flat.append(route)
        elif hasattr(route, "original_router"):
            flat += _api_routes(route.original_router.routes)
    return flat


ROUTES = [
    (method, route.path, _access(route))
    for route in _api_routes(create_app().routes)
    if route.path.startswith("/api/")
    for method in sorted(route.methods)
]
CALLERS = ["anonymous", "USER", "ADVERTISER_PENDING", "ADVERTISER_APPROVED", "ADMIN", "SUSPENDED"]


def _allowed(access: str, caller: str) -> bool:
    if access == "public":
        return True
    if caller in ("anonymous", "SUSPENDED"):
        return False
    if access == "approved_advertiser":
        return caller == "ADVERTISER_APPROVED"
    if access == "advertiser":
        return caller.startswith("ADVERTISER_")
    if access == "owner":
        return caller == "USER"
    return access == "user" or caller == "ADMIN"


def test_the_route_table_is_not_empty() -> None:
    assert {a for _, _, a in ROUTES} >= {
        "public",
        "user",
        "admin",
        "advertiser",
        "approved_advertiser",
        "owner",
    }


async def test_every_route_for_every_caller(identity_edge: IdentityEdge) -> None:
    tokens: dict[str, str | None] = {"anonymous": None}
    ids: dict[str, str] = {}
    for caller, role in [
        ("USER", Role.USER),
        ("ADVERTISER_PENDING", Role.ADVERTISER),
        ("ADVERTISER_APPROVED", Role.ADVERTISER),
        ("ADMIN", Role.ADMIN),
    ]:
        email = f"{caller.lower().replace('_', '-')}@example.com"
        ids[caller] = await identity_edge.create_user(email, role)
        tokens[caller] = (await identity_edge.tokens(email)).access_token
    async with transaction() as session:
        await advertisers_demo.seed_for(
            session,
            approved_user_id=ids["ADVERTISER_APPROVED"],
            pending_user_id=ids["ADVERTISER_PENDING"],
        )
    suspended = await identity_edge.create_user("suspended@example.com")
    tokens["SUSPENDED"] = (await identity_edge.tokens("suspended@example.com")).access_token
    async with transaction() as session:
        await suspend_account(
            session, now=utc_now(), user_id=uuid.UUID(suspended), reason="spam reports"
        )

    failures = []
    for method, path, access in ROUTES:
        url = path.replace("{user_id}", str(uuid.uuid4()))
        for caller in CALLERS:
            token = tokens[caller]
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            # An empty JSON body: access is decided before the body is looked at.
            response = await identity_edge.client.request(method, url, headers=headers, json={})
            refused = response.status_code in (401, 403)
            # Health answers 503 here: only identity runs, and it says so.
            degraded = path == "/api/v1/health" and response.status_code == 503
            if refused == _allowed(access, caller) or (
                response.status_code >= 500 and not degraded
            ):
                failures.append(f"{method} {path} [{access}] as {caller}: {response.status_code}")
            if refused:
                assert response.headers["content-type"] == "application/problem+json"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("method", "path", "access"), ROUTES)
def test_route_is_classified(method: str, path: str, access: str) -> None:
    # Public routes must be exactly Envoy's public list (or auth routes Envoy lets through).
    if access == "public":
        assert any(
            (kind == "prefix" and path.startswith(value))
            or (kind == "path" and path == value)
            or (kind == "safe_regex" and value.startswith("^/api/v1/users/"))
            for kind, value in auth.PUBLIC_ROUTES
        ), f"{path} is public at the edge but Envoy would demand a token"
