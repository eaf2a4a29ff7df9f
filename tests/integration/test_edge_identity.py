"""Identity behaviour as a browser sees it through the edge (problem+json, headers)."""

from __future__ import annotations

import uuid

from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from petful.identity.service.admin import suspend_account
from petful.identity.service.shared import utc_now
from petful.platform.db import transaction
from petful.platform.telemetry import setup_telemetry
from tests.integration.conftest import IdentityEdge


async def test_login_throttling_answers_429_with_retry_after(identity_edge: IdentityEdge) -> None:
    await identity_edge.create_user("target@example.com")
    statuses = []
    for _ in range(6):
        response = await identity_edge.client.post(
            "/api/v1/auth/login", json={"email": "target@example.com", "password": "wrong-pass-1"}
        )
        statuses.append(response.status_code)
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0


async def test_suspended_login_is_a_403_problem_with_the_reason(
    identity_edge: IdentityEdge,
) -> None:
    user_id = await identity_edge.create_user("bad@example.com")
    async with transaction() as session:
        await suspend_account(
            session, now=utc_now(), user_id=uuid.UUID(user_id), reason="repeated spam"
        )
    response = await identity_edge.client.post(
        "/api/v1/auth/login", json={"email": "bad@example.com", "password": "correct-horse-1"}
    )
    assert response.status_code == 403
    assert "repeated spam" in response.json()["detail"]


async def test_validation_errors_name_their_fields(identity_edge: IdentityEdge) -> None:
    response = await identity_edge.client.post(
        "/api/v1/auth/signup", json={"email": "x@example.com", "role": "ADMIN"}
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"verification_token", "password", "name", "nickname", "phone", "role"} <= fields


async def test_one_trace_spans_the_edge_and_the_service(identity_edge: IdentityEdge) -> None:
    spans = InMemorySpanExporter()
    setup_telemetry("test").add_span_processor(SimpleSpanProcessor(spans))
    user_id = await identity_edge.create_user("traced@example.com")
    response = await identity_edge.client.get(f"/api/v1/users/{user_id}/public")
    assert response.status_code == 200
    finished = spans.get_finished_spans()
    rpc = [s for s in finished if s.name.endswith("IdentityService/GetPublicProfile")]
    server = [s for s in rpc if s.kind == SpanKind.SERVER]
    edge = [s for s in finished if s.kind == SpanKind.SERVER and "/public" in s.name]
    assert server
    assert edge
    assert server[0].context is not None
    assert edge[0].context is not None
    assert server[0].context.trace_id == edge[0].context.trace_id
