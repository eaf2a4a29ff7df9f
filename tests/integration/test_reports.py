"""User reports (신고) through the edge: filed by anyone signed in, worked by admins.

The community service owns the reports; identity owns the accounts. Real community and
identity gRPC servers, PostgreSQL and Redis (the `identity_edge` fixture). The cast: `bori`
files reports, `troll` is reported, `judge` works the queue. Reports of posts and comments,
the hiding threshold and actions on content are in test_community_moderation.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import grpc
import httpx
import pytest
import sqlalchemy as sa
from alembic import command

from petful.community.reports.models import Report
from petful.contracts import community as contracts
from petful.contracts import identity as identity_contracts
from petful.contracts.base import Topic
from petful.identity import tasks as identity_tasks  # noqa: F401 - registers the audit subscribers
from petful.pb.community.v1 import reports_pb2, reports_pb2_grpc
from petful.platform import events
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.errors import PermissionDenied, from_rpc_error
from petful.platform.grpc_client import channel
from petful.platform.migrations import alembic_config, upgrade
from petful.platform.settings import Settings
from tests.integration.conftest import (
    PASSWORD,
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    problem_fields,
)

Headers = dict[str, str]
ABUSE = "keeps insulting my dog in the comments"


def report_body(target_type: str, target_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "target_type": target_type,
        "target_id": target_id,
        "category": "ABUSE",
        "text": ABUSE,
        **fields,
    }


@dataclass
class Desk:
    """The report routes, called as one of the cast."""

    edge: IdentityEdge
    bori: Headers
    troll_id: str
    judge: Headers

    def tick(self) -> None:
        """Move the services' clock: what happens one after another sorts that way."""
        self.edge.clock.advance(timedelta(seconds=1))

    async def file(
        self, target_type: str, target_id: str, *, by: Headers | None = None, **fields: Any
    ) -> httpx.Response:
        return await self.send(report_body(target_type, target_id, **fields), by=by)

    async def send(self, body: dict[str, Any], *, by: Headers | None = None) -> httpx.Response:
        self.tick()
        return await self.edge.client.post("/api/v1/reports", json=body, headers=by or self.bori)

    async def filed(self, target_type: str, target_id: str, **fields: Any) -> dict[str, Any]:
        r = await self.file(target_type, target_id, **fields)
        assert r.status_code == 201, r.text
        report: dict[str, Any] = r.json()
        return report

    async def mine(self, by: Headers | None = None, **params: Any) -> dict[str, Any]:
        r = await self.edge.client.get("/api/v1/me/reports", params=params, headers=by or self.bori)
        assert r.status_code == 200, r.text
        page: dict[str, Any] = r.json()
        return page

    async def queue(self, *, by: Headers | None = None, **params: Any) -> httpx.Response:
        return await self.edge.client.get(
            "/api/v1/admin/reports", params=params, headers=by or self.judge
        )

    async def queued(self, **params: Any) -> list[str]:
        r = await self.queue(**params)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["items"]]

    async def decide(
        self, report_id: str, verb: str, *, by: Headers | None = None, **body: Any
    ) -> httpx.Response:
        """Resolve (with no action unless body names one) or dismiss."""
        self.tick()
        defaults = {"reason": "confirmed harassment"}
        if verb == "resolve":
            defaults["action"] = "NONE"
        return await self.edge.client.post(
            f"/api/v1/admin/reports/{report_id}/{verb}",
            json={**defaults, **body},
            headers=by or self.judge,
        )

    async def audit(self, **params: Any) -> list[dict[str, Any]]:
        r = await self.edge.client.get("/api/v1/admin/audit-log", params=params, headers=self.judge)
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items


@pytest.fixture
async def desk(identity_edge: IdentityEdge) -> Desk:
    return Desk(
        edge=identity_edge,
        bori=await headers_for(identity_edge, "bori@example.com"),
        troll_id=await identity_edge.create_user("troll@example.com"),
        judge=await headers_for(identity_edge, "judge@example.com", Role.ADMIN),
    )


async def decisions(topic: Topic[contracts.ReportDecided]) -> list[contracts.ReportDecided]:
    return [topic.parse(p) for p in await outbox_payloads(topic.name, schema="community")]


async def deliver_to_identity(topic: Topic[contracts.ReportDecided]) -> int:
    """Hand community's events of topic to identity's subscriber, as a worker would."""
    [subscription] = [s for s in events.subscribers_of(topic.name) if s.schema == "identity"]
    return await deliver(topic.name, "community", subscription.name)


# --- the happy path ------------------------------------------------------------------------


async def test_a_report_is_filed_seen_and_resolved(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id)
    assert report["status"] == "OPEN"
    assert report["target_id"] == desk.troll_id  # the exact id, never a nickname
    assert report["reporter_id"] == desk.edge.users["bori@example.com"]

    assert [x["id"] for x in (await desk.mine())["items"]] == [report["id"]]
    assert await desk.queued(status="OPEN") == [report["id"]]

    r = await desk.decide(report["id"], "resolve", reason="talked to them")
    assert r.status_code == 200, r.text
    resolved = r.json()
    assert resolved["status"] == "RESOLVED"
    assert (resolved["action"], resolved["target_suspended"]) == ("NONE", False)
    assert resolved["handled_by"] == desk.edge.users["judge@example.com"]
    assert resolved["resolution_reason"] == "talked to them"
    assert [x["status"] for x in (await desk.mine())["items"]] == ["RESOLVED"]
    assert await desk.queued(status="OPEN") == []

    # The decision is an event carrying what identity's audit log and the reporter need.
    [event] = await decisions(contracts.REPORT_RESOLVED)
    assert str(event.report_id) == report["id"]
    assert str(event.reporter_id) == report["reporter_id"]
    assert str(event.admin_id) == desk.edge.users["judge@example.com"]
    assert (event.status, event.reason, event.target_suspended) == (
        "RESOLVED",
        "talked to them",
        False,
    )
    assert event.handled_at == desk.edge.clock.now


# --- filing --------------------------------------------------------------------------------


async def test_one_open_report_per_target(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id, category="SPAM", text="selling fake food")
    r = await desk.file("USER", desk.troll_id, category="FRAUD")
    assert r.status_code == 409
    assert problem_fields(r) == {"target_id"}
    # Once handled, the same target may be reported again.
    assert (await desk.decide(report["id"], "dismiss", reason="a real shop")).status_code == 200
    r = await desk.file("USER", desk.troll_id, text="still selling fake pet food")
    assert r.status_code == 201


async def test_nobody_can_report_themselves(desk: Desk) -> None:
    r = await desk.file("USER", desk.edge.users["bori@example.com"])
    assert r.status_code == 422
    assert problem_fields(r) == {"target_id"}


async def test_a_reported_user_must_exist(desk: Desk) -> None:
    assert (await desk.file("USER", str(uuid.uuid4()))).status_code == 404
    gone = await headers_for(desk.edge, "gone@example.com")
    r = await desk.edge.client.request(
        "DELETE",
        "/api/v1/me",
        json={"password": PASSWORD, "reason": "moving to another app"},
        headers=gone,
    )
    assert r.status_code == 204, r.text
    assert (await desk.file("USER", desk.edge.users["gone@example.com"])).status_code == 404
    assert (await desk.mine())["items"] == []


async def test_reports_are_private_to_their_reporter(desk: Desk) -> None:
    await desk.filed("USER", desk.troll_id)
    bystander = await headers_for(desk.edge, "bystander@example.com")
    assert (await desk.mine(bystander))["items"] == []


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
async def test_a_malformed_report_names_its_field(
    desk: Desk, patch: dict[str, Any], field: str
) -> None:
    r = await desk.send({**report_body("COMMENT", str(uuid.uuid4())), **patch})
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {field}
    assert (await desk.mine())["items"] == []


# --- the admin queue -----------------------------------------------------------------------


async def test_only_admins_work_the_queue(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id)
    assert (await desk.queue(by=desk.bori)).status_code == 403
    for verb in ("resolve", "dismiss"):
        assert (await desk.decide(report["id"], verb, by=desk.bori)).status_code == 403
    assert await desk.queued(status="OPEN") == [report["id"]]


async def test_the_report_service_checks_roles_itself(desk: Desk) -> None:
    """Behind the edge too: the queue needs ADMIN in the caller's roles."""
    stub = reports_pb2_grpc.ReportServiceStub(channel("community"))
    bori = Principal(user_id=desk.edge.users["bori@example.com"], roles=frozenset({Role.USER}))
    unknown = str(uuid.uuid4())
    with use_principal(bori):
        for rpc in (
            stub.ListReports(reports_pb2.ListReportsRequest()),
            stub.ResolveReport(reports_pb2.ResolveReportRequest(report_id=unknown, reason="mine")),
            stub.DismissReport(reports_pb2.DismissReportRequest(report_id=unknown, reason="mine")),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as info:
                await rpc
            assert isinstance(from_rpc_error(info.value), PermissionDenied)
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.CreateReport(reports_pb2.CreateReportRequest())
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED
    # The role is trusted as the edge verified it: identity's accounts are not read again.
    judge = Principal(user_id=desk.edge.users["judge@example.com"], roles=frozenset({Role.ADMIN}))
    with use_principal(judge):
        queue = await stub.ListReports(reports_pb2.ListReportsRequest())
    assert list(queue.items) == []


async def test_resolving_a_user_report_can_suspend_the_user(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id)
    assert (await desk.edge.tokens("troll@example.com")).access_token

    r = await desk.decide(report["id"], "resolve", action="SUSPEND_AUTHOR")
    assert r.status_code == 200, r.text
    assert (r.json()["action"], r.json()["target_suspended"]) == ("SUSPEND_AUTHOR", True)

    # Identity suspended the account: no sign-in, no live session.
    login = await desk.edge.client.post(
        "/api/v1/auth/login", json={"email": "troll@example.com", "password": PASSWORD}
    )
    assert login.status_code == 403
    r = await desk.edge.client.get(
        f"/api/v1/admin/users/{desk.troll_id}/sessions", headers=desk.judge
    )
    assert r.json()["items"]
    assert all(not s["active"] for s in r.json()["items"])
    [suspension] = await desk.audit(target_id=desk.troll_id)
    assert (suspension["action"], suspension["reason"]) == ("user.suspend", "confirmed harassment")
    assert suspension["actor_id"] == desk.edge.users["judge@example.com"]
    [suspended] = await outbox_payloads(identity_contracts.ACCOUNT_SUSPENDED.name)
    assert suspended["user_id"] == desk.troll_id
    [event] = await decisions(contracts.REPORT_RESOLVED)
    assert event.target_suspended is True


@pytest.mark.parametrize("action", ["HIDE_CONTENT", "DELETE_CONTENT", "WARN_AUTHOR"])
async def test_content_actions_are_not_for_user_reports(desk: Desk, action: str) -> None:
    report = await desk.filed("USER", desk.troll_id)
    r = await desk.decide(report["id"], "resolve", action=action)
    assert r.status_code == 422
    assert problem_fields(r) == {"action"}
    assert await desk.queued(status="OPEN") == [report["id"]]


async def test_a_refused_suspension_leaves_the_report_open(desk: Desk) -> None:
    """Identity never suspends an admin: the report stays OPEN and nothing is recorded."""
    other_admin = await desk.edge.create_user("mod@example.com", Role.ADMIN)
    report = await desk.filed("USER", other_admin)
    r = await desk.decide(report["id"], "resolve", reason="abuse of power", action="SUSPEND_AUTHOR")
    assert r.status_code == 403
    assert await desk.queued(status="OPEN") == [report["id"]]
    assert await desk.audit() == []
    assert await decisions(contracts.REPORT_RESOLVED) == []
    # Resolving without the suspension works.
    r = await desk.decide(report["id"], "resolve", reason="talked to them")
    assert r.status_code == 200
    assert r.json()["target_suspended"] is False


async def test_dismissing_a_report(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id)
    r = await desk.decide(report["id"], "dismiss", reason="not spam, a real shop")
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["action"], r.json()["target_suspended"]) == (
        "DISMISSED",
        None,
        False,
    )
    assert await desk.queued(status="DISMISSED") == [report["id"]]
    assert await desk.queued(status="RESOLVED") == []
    [event] = await decisions(contracts.REPORT_DISMISSED)
    assert (event.target_id, event.status) == (uuid.UUID(desk.troll_id), "DISMISSED")


async def test_a_decision_decides_every_open_report_about_the_target(desk: Desk) -> None:
    """Each reporter is told: one event per report."""
    others = [await headers_for(desk.edge, f"witness{i}@example.com") for i in range(2)]
    first = await desk.filed("USER", desk.troll_id)
    rest = [(await desk.file("USER", desk.troll_id, by=h)).json()["id"] for h in others]
    unrelated = await desk.filed("USER", await desk.edge.create_user("bystander@example.com"))
    [queued] = [x for x in (await desk.queue()).json()["items"] if x["id"] == first["id"]]
    assert queued["open_reports"] == 3

    r = await desk.decide(rest[0], "dismiss", reason="just a heated argument")
    assert r.status_code == 200, r.text
    assert set(await desk.queued(status="DISMISSED")) == {first["id"], *rest}
    assert await desk.queued(status="OPEN") == [unrelated["id"]]
    events = await decisions(contracts.REPORT_DISMISSED)
    assert {str(e.report_id) for e in events} == {first["id"], *rest}
    assert {str(e.reporter_id) for e in events} == {
        desk.edge.users[e]
        for e in ("bori@example.com", "witness0@example.com", "witness1@example.com")
    }
    # Every one of them is decided now: a second decision is a conflict, whichever is named.
    assert (await desk.decide(first["id"], "resolve")).status_code == 409


async def test_a_handled_report_is_final(desk: Desk) -> None:
    report = await desk.filed("USER", desk.troll_id)
    assert (await desk.decide(report["id"], "resolve")).status_code == 200
    for verb in ("resolve", "dismiss"):
        r = await desk.decide(report["id"], verb, reason="second look")
        assert r.status_code == 409


async def test_identity_audits_every_decision(desk: Desk) -> None:
    """Identity keeps the one audit log: it records community's decisions from their events,
    once each however often they are delivered."""
    resolved = await desk.filed("USER", desk.troll_id)
    dismissed = await desk.filed("USER", await desk.edge.create_user("shop@example.com"))
    assert (await desk.decide(resolved["id"], "resolve")).status_code == 200
    assert (await desk.decide(dismissed["id"], "dismiss", reason="a real shop")).status_code == 200

    for topic in (contracts.REPORT_RESOLVED, contracts.REPORT_DISMISSED):
        assert await deliver_to_identity(topic) == 1
        assert await deliver_to_identity(topic) == 0  # a redelivery changes nothing

    entries = await desk.audit(target_type="REPORT")
    assert [(e["action"], e["target_id"], e["reason"]) for e in entries] == [
        ("report.dismiss", dismissed["id"], "a real shop"),
        ("report.resolve", resolved["id"], "confirmed harassment"),
    ]
    assert {e["actor_id"] for e in entries} == {desk.edge.users["judge@example.com"]}


async def test_malformed_decisions_and_unknown_reports(desk: Desk) -> None:
    unknown = str(uuid.uuid4())
    assert (await desk.decide(unknown, "resolve")).status_code == 404
    assert (await desk.decide(unknown, "dismiss")).status_code == 404
    r = await desk.decide(unknown, "dismiss", reason="no")
    assert (r.status_code, problem_fields(r)) == (422, {"reason"})
    r = await desk.decide(
        unknown, "resolve", action="SUSPEND_AUTHOR", suspend_until="2001-01-01T00:00:00Z"
    )
    assert (r.status_code, problem_fields(r)) == (422, {"suspend_until"})
    r = await desk.decide(unknown, "resolve", suspend_until="2999-01-01T00:00:00Z")
    assert (r.status_code, problem_fields(r)) == (422, {"suspend_until"})
    for action in ("BAN", None):
        r = await desk.decide(unknown, "resolve", action=action)
        assert (r.status_code, problem_fields(r)) == (422, {"action"})
    r = await desk.decide(unknown, "resolve", suspend_target=True)  # the old flag is gone
    assert (r.status_code, problem_fields(r)) == (422, {"suspend_target"})
    for params, field in (
        ({"status": "LOST"}, "status"),
        ({"target_type": "PET"}, "target_type"),
        ({"cursor": "zzz"}, "cursor"),
        ({"page_size": 0}, "page_size"),
    ):
        r = await desk.queue(**params)
        assert (r.status_code, problem_fields(r)) == (422, {field})


async def test_the_queue_pages_newest_first(desk: Desk) -> None:
    targets = [await desk.edge.create_user(f"target{i}@example.com") for i in range(7)]
    created = [(await desk.filed("USER", target))["id"] for target in targets]
    seen: list[str] = []
    cursor = ""
    while True:
        params: dict[str, Any] = {"page_size": 3, **({"cursor": cursor} if cursor else {})}
        page = (await desk.queue(**params)).json()
        seen += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(created))
    mine = await desk.mine(page_size=5)
    assert len(mine["items"]) == 5
    assert mine["next_cursor"]


# --- the move from identity ----------------------------------------------------------------


def test_migrating_copies_the_reports_identity_holds(settings: Settings) -> None:
    """A deployment upgraded from identity-owned reports keeps every one of them."""
    reporter_id, target_id = uuid.uuid4(), uuid.uuid4()
    config = alembic_config("community", settings)
    command.downgrade(config, "community_0001")  # as before the move
    engine = sa.create_engine(settings.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO identity.accounts (id, email, password_hash, name, nickname, "
                    "nickname_key, phone, role, status, password_changed_at, created_at, "
                    "updated_at) VALUES (:id, 'old@example.com', '!', '', 'old', 'old', '', "
                    "'USER', 'ACTIVE', now(), now(), now())"
                ),
                {"id": reporter_id},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO identity.reports (id, reporter_id, target_type, target_id, "
                    "category, text, status, created_at, handled_at, resolution_reason) "
                    "VALUES (:id, :reporter, 'USER', :target, 'SPAM', 'spam every day', "
                    "'DISMISSED', now(), now(), 'not spam')"
                ),
                {"id": uuid.uuid4(), "reporter": reporter_id, "target": target_id},
            )
        upgrade("community", settings)
        with engine.begin() as conn:
            rows = conn.execute(sa.select(Report.__table__)).all()
    finally:
        engine.dispose()
    assert [(r.reporter_id, r.target_id, r.status, r.resolution_reason) for r in rows] == [
        (reporter_id, target_id, "DISMISSED", "not spam")
    ]
