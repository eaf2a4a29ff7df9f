"""User reports (신고) end to end through the edge: file, list, and the admin queue.

Real identity gRPC server, PostgreSQL and Redis (the `identity_edge` fixture).
"""

from __future__ import annotations

import uuid
from typing import Any

import grpc
import pytest

from petful.identity.rules import Role
from petful.pb.identity.v1 import reports_pb2, reports_pb2_grpc
from petful.platform.auth_context import Principal, use_principal
from petful.platform.errors import PermissionDenied, from_rpc_error
from petful.platform.grpc_client import channel
from tests.integration.conftest import (
    PASSWORD,
    IdentityEdge,
    headers_for,
    outbox_payloads,
    problem_fields,
)

ADMIN = "judge@example.com"


def report_body(target_type: str, target_id: str, **kw: Any) -> dict[str, Any]:
    return {
        "target_type": target_type,
        "target_id": target_id,
        "category": kw.pop("category", "ABUSE"),
        "text": kw.pop("text", "keeps insulting my dog in the comments"),
        **kw,
    }


async def test_report_flow_end_to_end(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    reporter_h = await headers_for(edge, "reporter@example.com")
    admin_h = await headers_for(edge, ADMIN, Role.ADMIN)
    target = await edge.create_user("troll@example.com")
    reporter = edge.users["reporter@example.com"]
    post_id = str(uuid.uuid4())

    # File a report about a user and one about a post.
    r = await edge.client.post(
        "/api/v1/reports", json=report_body("USER", target), headers=reporter_h
    )
    assert r.status_code == 201, r.text
    user_report = r.json()
    assert user_report["status"] == "OPEN"
    assert user_report["target_id"] == target  # the exact id, never a nickname
    assert user_report["reporter_id"] == reporter
    r = await edge.client.post(
        "/api/v1/reports",
        json=report_body("POST", post_id, category="SPAM", text="selling fake pet food here"),
        headers=reporter_h,
    )
    assert r.status_code == 201, r.text
    post_report = r.json()

    # A second open report about the same target is a conflict.
    r = await edge.client.post(
        "/api/v1/reports", json=report_body("USER", target, category="FRAUD"), headers=reporter_h
    )
    assert r.status_code == 409
    # Nobody can report themselves.
    r = await edge.client.post(
        "/api/v1/reports", json=report_body("USER", reporter), headers=reporter_h
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"target_id"}
    # A user that does not exist.
    r = await edge.client.post(
        "/api/v1/reports", json=report_body("USER", str(uuid.uuid4())), headers=reporter_h
    )
    assert r.status_code == 404

    # One's own reports, with status.
    r = await edge.client.get("/api/v1/me/reports", headers=reporter_h)
    assert [(x["id"], x["status"]) for x in r.json()["items"]] == [
        (post_report["id"], "OPEN"),
        (user_report["id"], "OPEN"),
    ]
    # Other users do not see them.
    other_h = await headers_for(edge, "other@example.com")
    assert (await edge.client.get("/api/v1/me/reports", headers=other_h)).json()["items"] == []

    # The admin queue.
    r = await edge.client.get("/api/v1/admin/reports", params={"status": "OPEN"}, headers=admin_h)
    assert {x["id"] for x in r.json()["items"]} == {user_report["id"], post_report["id"]}
    # Non-admins cannot work it.
    r = await edge.client.get("/api/v1/admin/reports", headers=reporter_h)
    assert r.status_code == 403
    r = await edge.client.post(
        f"/api/v1/admin/reports/{user_report['id']}/resolve",
        json={"reason": "self-service"},
        headers=reporter_h,
    )
    assert r.status_code == 403

    # suspend_target is only for USER reports; nothing is written when refused.
    r = await edge.client.post(
        f"/api/v1/admin/reports/{post_report['id']}/resolve",
        json={"reason": "confirmed spam", "suspend_target": True},
        headers=admin_h,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"suspend_target"}

    # Resolve the user report with a suspension: the target can no longer sign in.
    assert (await edge.tokens("troll@example.com")).access_token
    r = await edge.client.post(
        f"/api/v1/admin/reports/{user_report['id']}/resolve",
        json={"reason": "confirmed harassment", "suspend_target": True},
        headers=admin_h,
    )
    assert r.status_code == 200, r.text
    resolved = r.json()
    assert resolved["status"] == "RESOLVED"
    assert resolved["target_suspended"] is True
    assert resolved["handled_by"] == edge.users[ADMIN]
    assert resolved["resolution_reason"] == "confirmed harassment"
    login = await edge.client.post(
        "/api/v1/auth/login", json={"email": "troll@example.com", "password": PASSWORD}
    )
    assert login.status_code == 403
    r = await edge.client.get(f"/api/v1/admin/users/{target}/sessions", headers=admin_h)
    assert all(not s["active"] for s in r.json()["items"])

    # Handled is terminal.
    for action in ("resolve", "dismiss"):
        r = await edge.client.post(
            f"/api/v1/admin/reports/{user_report['id']}/{action}",
            json={"reason": "second look"},
            headers=admin_h,
        )
        assert r.status_code == 409

    # Dismiss the post report.
    r = await edge.client.post(
        f"/api/v1/admin/reports/{post_report['id']}/dismiss",
        json={"reason": "not spam, a real shop"},
        headers=admin_h,
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "DISMISSED"
    assert r.json()["target_suspended"] is False

    r = await edge.client.get("/api/v1/me/reports", headers=reporter_h)
    assert {x["id"]: x["status"] for x in r.json()["items"]} == {
        user_report["id"]: "RESOLVED",
        post_report["id"]: "DISMISSED",
    }
    r = await edge.client.get("/api/v1/admin/reports", params={"status": "OPEN"}, headers=admin_h)
    assert r.json()["items"] == []
    r = await edge.client.get(
        "/api/v1/admin/reports", params={"status": "DISMISSED"}, headers=admin_h
    )
    assert [x["id"] for x in r.json()["items"]] == [post_report["id"]]

    # Once handled, the same target may be reported again.
    r = await edge.client.post(
        "/api/v1/reports",
        json=report_body("POST", post_id, text="still selling fake pet food"),
        headers=reporter_h,
    )
    assert r.status_code == 201

    # Events for the notifications service carry the reporter.
    [resolved_event] = await outbox_payloads("identity.report_resolved")
    assert resolved_event["report_id"] == user_report["id"]
    assert resolved_event["reporter_id"] == reporter
    assert resolved_event["target_suspended"] is True
    [dismissed_event] = await outbox_payloads("identity.report_dismissed")
    assert dismissed_event["reporter_id"] == reporter
    assert dismissed_event["target_id"] == post_id
    [suspended] = await outbox_payloads("identity.account_suspended")
    assert suspended["user_id"] == target

    # And the audit log.
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"target_type": "REPORT"}, headers=admin_h
    )
    assert [(e["action"], e["target_id"]) for e in r.json()["items"]] == [
        ("report.dismiss", post_report["id"]),
        ("report.resolve", user_report["id"]),
    ]
    r = await edge.client.get(
        "/api/v1/admin/audit-log", params={"target_id": target}, headers=admin_h
    )
    [suspension] = r.json()["items"]
    assert suspension["action"] == "user.suspend"
    assert suspension["details"]["report_id"] == user_report["id"]


async def test_a_refused_resolution_writes_nothing(identity_edge: IdentityEdge) -> None:
    """Resolving with a suspension of an admin is refused, and the report stays OPEN."""
    edge = identity_edge
    reporter_h = await headers_for(edge, "whistle@example.com")
    admin_h = await headers_for(edge, ADMIN, Role.ADMIN)
    other_admin = await edge.create_user("mod@example.com", Role.ADMIN)
    r = await edge.client.post(
        "/api/v1/reports", json=report_body("USER", other_admin), headers=reporter_h
    )
    report_id = r.json()["id"]
    r = await edge.client.post(
        f"/api/v1/admin/reports/{report_id}/resolve",
        json={"reason": "abuse of power", "suspend_target": True},
        headers=admin_h,
    )
    assert r.status_code == 403
    r = await edge.client.get("/api/v1/admin/reports", params={"status": "OPEN"}, headers=admin_h)
    assert [x["id"] for x in r.json()["items"]] == [report_id]
    assert (await edge.client.get("/api/v1/admin/audit-log", headers=admin_h)).json()["items"] == []
    assert await outbox_payloads("identity.report_resolved") == []
    # Resolving without the suspension works.
    r = await edge.client.post(
        f"/api/v1/admin/reports/{report_id}/resolve",
        json={"reason": "talked to them"},
        headers=admin_h,
    )
    assert r.status_code == 200
    assert r.json()["target_suspended"] is False


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"target_type": "PET"}, "target_type"),
        ({"target_id": "troll"}, "target_id"),  # a nickname is not a target
        ({"category": "BORING"}, "category"),
        ({"text": "too short"}, "text"),
        ({"text": "x" * 501}, "text"),
        ({"extra": True}, "extra"),
    ],
)
async def test_report_validation(
    identity_edge: IdentityEdge, patch: dict[str, Any], field: str
) -> None:
    edge = identity_edge
    h = await headers_for(edge, "picky@example.com")
    body = {**report_body("COMMENT", str(uuid.uuid4())), **patch}
    r = await edge.client.post("/api/v1/reports", json=body, headers=h)
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {field}
    assert (await edge.client.get("/api/v1/me/reports", headers=h)).json()["items"] == []


async def test_admin_report_validation_and_unknown_ids(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    admin_h = await headers_for(edge, ADMIN, Role.ADMIN)
    unknown = f"/api/v1/admin/reports/{uuid.uuid4()}"
    r = await edge.client.post(
        f"{unknown}/resolve", json={"reason": "long enough"}, headers=admin_h
    )
    assert r.status_code == 404
    r = await edge.client.post(
        f"{unknown}/dismiss", json={"reason": "long enough"}, headers=admin_h
    )
    assert r.status_code == 404
    r = await edge.client.post(f"{unknown}/dismiss", json={"reason": "no"}, headers=admin_h)
    assert r.status_code == 422
    assert problem_fields(r) == {"reason"}
    r = await edge.client.post(
        f"{unknown}/resolve",
        json={
            "reason": "long enough",
            "suspend_until": "2001-01-01T00:00:00Z",
            "suspend_target": True,
        },
        headers=admin_h,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"suspend_until"}
    r = await edge.client.get("/api/v1/admin/reports", params={"status": "LOST"}, headers=admin_h)
    assert r.status_code == 422
    assert problem_fields(r) == {"status"}
    r = await edge.client.get("/api/v1/admin/reports", params={"cursor": "zzz"}, headers=admin_h)
    assert r.status_code == 422
    assert problem_fields(r) == {"cursor"}


async def test_report_queue_paging(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    admin_h = await headers_for(edge, ADMIN, Role.ADMIN)
    h = await headers_for(edge, "busybody@example.com")
    created = []
    for _ in range(7):
        r = await edge.client.post(
            "/api/v1/reports", json=report_body("COMMENT", str(uuid.uuid4())), headers=h
        )
        created.append(r.json()["id"])
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"page_size": 3}
        if cursor:
            params["cursor"] = cursor
        body = (
            await edge.client.get("/api/v1/admin/reports", params=params, headers=admin_h)
        ).json()
        seen += [x["id"] for x in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(created))
    mine = (await edge.client.get("/api/v1/me/reports", params={"page_size": 5}, headers=h)).json()
    assert len(mine["items"]) == 5
    assert mine["next_cursor"]


async def test_the_report_service_rechecks_the_admin_role(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    user_id = await edge.create_user("sneaky@example.com")
    stub = reports_pb2_grpc.ReportServiceStub(channel("identity"))
    calls = [
        lambda: stub.ListReports(reports_pb2.ListReportsRequest()),
        lambda: stub.ResolveReport(
            reports_pb2.ResolveReportRequest(report_id=str(uuid.uuid4()), reason="i decide")
        ),
        lambda: stub.DismissReport(
            reports_pb2.DismissReportRequest(report_id=str(uuid.uuid4()), reason="i decide")
        ),
    ]
    for roles in ({"USER"}, {"ADMIN"}):  # claiming ADMIN does not make the account one
        with use_principal(Principal(user_id=user_id, roles=frozenset(roles))):
            for call in calls:
                with pytest.raises(grpc.aio.AioRpcError) as info:
                    await call()
                assert isinstance(from_rpc_error(info.value), PermissionDenied)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.CreateReport(reports_pb2.CreateReportRequest())
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
