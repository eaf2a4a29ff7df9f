"""Advertiser company profiles end to end: edge routes over real identity and advertisers
gRPC servers, PostgreSQL and Redis (the `identity_edge` fixture). No mocks of our code."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy as sa

from petful.advertisers import demo
from petful.advertisers.models import Profile
from petful.contracts import advertisers as advertisers_events
from petful.identity import tasks as identity_tasks  # noqa: F401 - registers the audit subscribers
from petful.pb.advertisers.v1 import advertisers_pb2, advertisers_pb2_grpc
from petful.platform import events, media, outbox
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.db import transaction
from petful.platform.errors import PermissionDenied
from petful.platform.grpc_client import call, channel
from petful.platform.outbox import Event
from tests.integration.conftest import IdentityEdge, headers_for, outbox_payloads, problem_fields
from tests.integration.test_pets import png
from tests.media_support import pdf_bytes

ADMIN = "boss@example.com"
ADV = "shop@example.com"
PROFILE = "/api/v1/advertiser/profile"
DASHBOARD = "/api/v1/advertiser/dashboard"
APPROVED_TOPIC = advertisers_events.ADVERTISER_APPROVED.name


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "company_name": "펫풀 주식회사",
        "business_registration_number": "1234567891",
        "representative_name": "홍길동",
        "phone": "0212345678",
        "website": "https://petful.dev",
        "contact_email": "Ads@Petful.Dev",
        "description": "반려동물 용품",
    }
    data.update(overrides)
    return data


async def admin(edge: IdentityEdge) -> dict[str, str]:
    return await headers_for(edge, ADMIN, Role.ADMIN)


async def advertiser(edge: IdentityEdge, email: str = ADV) -> dict[str, str]:
    return await headers_for(edge, email, Role.ADVERTISER)


async def decide(edge: IdentityEdge, user_id: str, verb: str, reason: str | None = None) -> Any:
    return await edge.client.post(
        f"/api/v1/admin/advertisers/{user_id}/{verb}",
        headers=await admin(edge),
        json={"reason": reason} if reason is not None else None,
    )


async def profile_rows() -> int:
    async with transaction() as session:
        return int(
            (await session.execute(sa.select(sa.func.count()).select_from(Profile))).scalar()
        )


async def with_document(edge: IdentityEdge, shop: dict[str, str]) -> None:
    r = await edge.client.put(
        f"{PROFILE}/document", headers=shop, files={"file": ("등록증.pdf", pdf_bytes())}
    )
    assert r.status_code == 200, r.text


async def submitted(edge: IdentityEdge, shop: dict[str, str], **overrides: Any) -> None:
    """A profile written, its registration certificate attached, and sent for review."""
    r = await edge.client.put(PROFILE, headers=shop, json=body(**overrides))
    assert r.status_code == 200, r.text
    await with_document(edge, shop)
    r = await edge.client.post(f"{PROFILE}/submit", headers=shop)
    assert r.status_code == 200, r.text


async def approved(edge: IdentityEdge, shop: dict[str, str]) -> None:
    await submitted(edge, shop)
    assert (await decide(edge, edge.users[ADV], "approve")).status_code == 200


async def test_draft_submit_approve_opens_the_dashboard(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    shop_id = edge.users[ADV]

    r = await edge.client.put(PROFILE, headers=shop, json=body())
    assert r.status_code == 200, r.text
    draft = r.json()
    assert draft["status"] == "DRAFT"
    assert draft["user_id"] == shop_id
    await with_document(edge, shop)
    r = await edge.client.post(f"{PROFILE}/submit", headers=shop)
    assert (r.json()["status"], bool(r.json()["submitted_at"])) == ("PENDING", True)
    r = await decide(edge, shop_id, "approve")
    assert r.status_code == 200
    assert r.json()["status"] == "APPROVED"

    r = await edge.client.get(DASHBOARD, headers=shop)
    assert r.status_code == 200, r.text
    assert r.json() == {
        "user_id": shop_id,
        "company_name": "펫풀 주식회사",
        "status": "APPROVED",
        # No campaigns yet: nothing waits and nothing is due.
        "campaigns_by_phase": {},
        "applications_waiting": 0,
        "posts_waiting": 0,
        "deadlines": [],
    }
    (event,) = await outbox_payloads(advertisers_events.ADVERTISER_APPROVED.name, "advertisers")
    assert event["user_id"] == shop_id
    assert event["admin_id"] == edge.users[ADMIN]
    assert event["company_name"] == "펫풀 주식회사"
    assert (event["status"], event["reason"]) == ("APPROVED", "")


async def test_fields_are_normalised(identity_edge: IdentityEdge) -> None:
    shop = await advertiser(identity_edge)
    r = await identity_edge.client.put(PROFILE, headers=shop, json=body())
    p = r.json()
    assert p["business_registration_number"] == "123-45-67891"
    assert p["phone"] == "02-1234-5678"
    assert p["contact_email"] == "ads@petful.dev"


async def test_a_draft_is_editable_but_not_yet_approved(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    assert (await edge.client.get(PROFILE, headers=shop)).status_code == 404
    await edge.client.put(PROFILE, headers=shop, json=body())
    r = await edge.client.put(PROFILE, headers=shop, json=body(company_name="펫풀 코리아"))
    assert r.status_code == 200
    assert r.json()["company_name"] == "펫풀 코리아"
    assert (await edge.client.get(PROFILE, headers=shop)).json()["company_name"] == "펫풀 코리아"
    r = await edge.client.get(DASHBOARD, headers=shop)
    assert r.status_code == 403
    assert "awaiting approval" in r.json()["detail"]


async def test_a_profile_under_review_is_locked(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    await submitted(edge, shop)
    assert (await edge.client.put(PROFILE, headers=shop, json=body())).status_code == 409
    assert (await edge.client.post(f"{PROFILE}/submit", headers=shop)).status_code == 409
    r = await edge.client.get(DASHBOARD, headers=shop)
    assert r.status_code == 403
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "Your advertiser account is awaiting approval."
    r = await edge.client.get(
        "/api/v1/admin/advertisers", headers=await admin(edge), params={"status": "PENDING"}
    )
    assert r.status_code == 200
    assert [i["user_id"] for i in r.json()["items"]] == [edge.users[ADV]]


async def test_approving_twice_is_409(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    await approved(edge, await advertiser(edge))
    assert (await decide(edge, edge.users[ADV], "approve")).status_code == 409
    assert len(await outbox_payloads(APPROVED_TOPIC, "advertisers")) == 1


async def test_only_renaming_an_approved_company_needs_a_new_review(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    await approved(edge, shop)
    r = await edge.client.put(PROFILE, headers=shop, json=body(description="new"))
    assert r.json()["status"] == "APPROVED"
    r = await edge.client.put(PROFILE, headers=shop, json=body(company_name="다른 회사"))
    assert r.json()["status"] == "PENDING"
    assert (await edge.client.get(DASHBOARD, headers=shop)).status_code == 403


async def test_a_rejection_needs_a_reason_the_advertiser_sees(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    await submitted(edge, shop)
    # Reason required (5-500): 422 naming it, nothing changes.
    r = await decide(edge, edge.users[ADV], "reject", "no")
    assert r.status_code == 422
    assert problem_fields(r) == {"reason"}
    r = await decide(edge, edge.users[ADV], "reject", "사업자등록증이 흐립니다")
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["status_reason"]) == (
        "REJECTED",
        "사업자등록증이 흐립니다",
    )
    mine = (await edge.client.get(PROFILE, headers=shop)).json()
    assert mine["status_reason"] == "사업자등록증이 흐립니다"
    assert (await edge.client.get(DASHBOARD, headers=shop)).status_code == 403


async def test_submission_needs_the_registration_certificate(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    r = await edge.client.put(PROFILE, headers=shop, json=body())
    assert r.status_code == 200, r.text
    r = await edge.client.post(f"{PROFILE}/submit", headers=shop)
    assert r.status_code == 409
    assert problem_fields(r) == {"business_document"}
    assert (await edge.client.get(PROFILE, headers=shop)).json()["status"] == "DRAFT"


async def test_a_rejected_profile_is_fixed_and_resubmitted(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    await submitted(edge, shop)
    await decide(edge, edge.users[ADV], "reject", "사업자등록증이 흐립니다")
    r = await edge.client.put(PROFILE, headers=shop, json=body(description="사업자등록증 재첨부"))
    assert r.status_code == 200
    assert r.json()["status"] == "REJECTED"
    r = await edge.client.post(f"{PROFILE}/submit", headers=shop)
    assert r.json()["status"] == "PENDING"
    assert r.json()["status_reason"] is None
    assert (await decide(edge, edge.users[ADV], "approve")).status_code == 200
    assert (await edge.client.get(DASHBOARD, headers=shop)).status_code == 200


async def test_restrict_and_reinstate(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    shop_id = edge.users[ADV]
    await submitted(edge, shop)
    # Only an approved profile can be restricted, only a restricted one reinstated.
    assert (await decide(edge, shop_id, "restrict", "허위 광고 신고 누적")).status_code == 409
    assert (await decide(edge, shop_id, "approve")).status_code == 200
    assert (await decide(edge, shop_id, "reinstate")).status_code == 409
    r = await decide(edge, shop_id, "restrict", "허위 광고 신고 누적")
    assert r.status_code == 200
    assert r.json()["status"] == "RESTRICTED"
    r = await edge.client.get(DASHBOARD, headers=shop)
    assert r.status_code == 403
    assert "restricted" in r.json()["detail"]
    assert "허위 광고 신고 누적" in r.json()["detail"]
    assert (await edge.client.put(PROFILE, headers=shop, json=body())).status_code == 409

    r = await decide(edge, shop_id, "reinstate")
    assert r.status_code == 200
    assert r.json()["status"] == "APPROVED"
    assert (await edge.client.get(DASHBOARD, headers=shop)).status_code == 200


async def test_every_decision_writes_its_event(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    shop_id = edge.users[ADV]
    await submitted(edge, shop)
    await decide(edge, shop_id, "reject", "사업자등록증이 흐립니다")
    await edge.client.post(f"{PROFILE}/submit", headers=shop)
    await decide(edge, shop_id, "approve")
    await decide(edge, shop_id, "restrict", "허위 광고 신고 누적")
    await decide(edge, shop_id, "reinstate")
    expected = {
        advertisers_events.ADVERTISER_REJECTED: ("REJECTED", "사업자등록증이 흐립니다"),
        advertisers_events.ADVERTISER_APPROVED: ("APPROVED", ""),
        advertisers_events.ADVERTISER_RESTRICTED: ("RESTRICTED", "허위 광고 신고 누적"),
        advertisers_events.ADVERTISER_REINSTATED: ("APPROVED", ""),
    }
    for topic, (status, reason) in expected.items():
        (event,) = await outbox_payloads(topic.name, "advertisers")
        assert event["user_id"] == shop_id, topic.name
        assert (event["status"], event["reason"]) == (status, reason), topic.name


async def test_non_advertisers_are_refused(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    for h in [
        await headers_for(edge, "owner@example.com", Role.USER),
        await admin(edge),  # admins are not advertisers
    ]:
        for method, path in [
            ("GET", PROFILE),
            ("PUT", PROFILE),
            ("POST", f"{PROFILE}/submit"),
            ("GET", DASHBOARD),
        ]:
            r = await edge.client.request(method, path, headers=h, json=body())
            assert r.status_code == 403, (method, path, r.text)
            assert r.headers["content-type"] == "application/problem+json"
    adv = await advertiser(edge)
    assert (await edge.client.get("/api/v1/admin/advertisers", headers=adv)).status_code == 403
    r = await edge.client.post(f"/api/v1/admin/advertisers/{edge.users[ADV]}/approve", headers=adv)
    assert r.status_code == 403
    assert await profile_rows() == 0


async def test_bad_input_is_422_naming_the_field(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await advertiser(edge)
    # A well-formed number with a wrong check digit: the service's checksum refuses it.
    r = await edge.client.put(
        PROFILE, headers=h, json=body(business_registration_number="123-45-67890")
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"business_registration_number"}
    # Several bad fields at once are all named.
    r = await edge.client.put(
        PROFILE,
        headers=h,
        json=body(
            business_registration_number="12345",
            phone="12345",
            website="ftp://x.dev",
            contact_email="nope",
        ),
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"business_registration_number"}  # edge shape check first
    r = await edge.client.put(
        PROFILE, headers=h, json=body(phone="12345", website="ftp://x.dev", contact_email="nope")
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"phone", "website", "contact_email"}
    r = await edge.client.put(PROFILE, headers=h, json=body(description="x" * 2001))
    assert r.status_code == 422
    assert problem_fields(r) == {"description"}
    r = await edge.client.put(PROFILE, headers=h, json=body(surprise=1))
    assert r.status_code == 422
    assert problem_fields(r) == {"surprise"}
    assert await profile_rows() == 0  # nothing half-written
    assert (await edge.client.post(f"{PROFILE}/submit", headers=h)).status_code == 404

    r = await edge.client.get(
        "/api/v1/admin/advertisers", headers=await admin(edge), params={"status": "NOPE"}
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"status"}
    r = await decide(edge, "7c0b3a52-3a5f-4bd5-a1f5-2b3f4a5b6c7d", "approve")
    assert r.status_code == 404


async def test_duplicate_registration_number_is_409(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    first = await advertiser(edge)
    second = await advertiser(edge, "other@example.com")
    assert (await edge.client.put(PROFILE, headers=first, json=body())).status_code == 200

    r = await edge.client.put(
        PROFILE, headers=second, json=body(business_registration_number="123-45-67891")
    )
    assert r.status_code == 409
    assert problem_fields(r) == {"business_registration_number"}
    assert await profile_rows() == 1

    # Once the first is rejected its number is free again...
    await with_document(edge, first)
    await edge.client.post(f"{PROFILE}/submit", headers=first)
    assert (await decide(edge, edge.users[ADV], "reject", "duplicate company")).status_code == 200
    r = await edge.client.put(PROFILE, headers=second, json=body())
    assert r.status_code == 200, r.text
    # ...and the rejected one cannot come back with it while the other holds it.
    r = await edge.client.post(f"{PROFILE}/submit", headers=first)
    assert r.status_code == 409
    assert problem_fields(r) == {"business_registration_number"}
    assert (await edge.client.get(PROFILE, headers=first)).json()["status"] == "REJECTED"


async def test_admin_list_pages_and_filters(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    numbers = ["123-45-67891", "220-81-62517", "101-81-12341"]
    for i, brn in enumerate(numbers):
        h = await advertiser(edge, f"shop{i}@example.com")
        await edge.client.put(PROFILE, headers=h, json=body(business_registration_number=brn))
        if i:
            await with_document(edge, h)
            await edge.client.post(f"{PROFILE}/submit", headers=h)
    ah = await admin(edge)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"page_size": 2}
        if cursor:
            params["cursor"] = cursor
        r = await edge.client.get("/api/v1/admin/advertisers", headers=ah, params=params)
        assert r.status_code == 200
        seen += [i["business_registration_number"] for i in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(numbers)
    r = await edge.client.get("/api/v1/admin/advertisers", headers=ah, params={"status": "DRAFT"})
    assert [i["business_registration_number"] for i in r.json()["items"]] == [numbers[0]]
    r = await edge.client.get("/api/v1/admin/advertisers", headers=ah, params={"cursor": "garbage"})
    assert r.status_code == 422
    assert problem_fields(r) == {"cursor"}


async def test_demo_seed_for_is_idempotent(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    approved = await advertiser(edge, "approved@example.com")
    pending = await advertiser(edge, "pending@example.com")
    async with transaction() as session:
        assert await demo.seed(session, {}) == "nothing to seed without identity ids"
    for _ in range(2):
        async with transaction() as session:
            await demo.seed_for(
                session,
                approved_user_id=edge.users["approved@example.com"],
                pending_user_id=edge.users["pending@example.com"],
            )
    assert await profile_rows() == 2
    assert (await edge.client.get(DASHBOARD, headers=approved)).status_code == 200
    assert (await edge.client.get(DASHBOARD, headers=pending)).status_code == 403


async def test_service_rechecks_roles_without_the_edge(identity_edge: IdentityEdge) -> None:
    """Called directly over gRPC, the service itself refuses callers without the role."""
    edge = identity_edge
    await advertiser(edge)
    await advertiser(edge, "other@example.com")
    stub = advertisers_pb2_grpc.AdvertiserServiceStub(channel("advertisers"))
    shop = Principal(user_id=edge.users[ADV], roles=frozenset({Role.ADVERTISER}))
    rival_id = edge.users["other@example.com"]
    admin_only: list[Callable[[], Awaitable[Any]]] = [
        lambda: call(stub.Approve(advertisers_pb2.ApproveRequest(user_id=edge.users[ADV]))),
        lambda: call(stub.ListProfiles(advertisers_pb2.ListProfilesRequest())),
        lambda: call(stub.GetApproval(advertisers_pb2.GetApprovalRequest(user_id=rival_id))),
    ]
    for rpc in admin_only:
        with use_principal(shop), pytest.raises(PermissionDenied):
            await rpc()
    plain_user = Principal(user_id=edge.users[ADV], roles=frozenset({Role.USER}))
    with use_principal(plain_user), pytest.raises(PermissionDenied):
        await call(stub.UpsertMyProfile(advertisers_pb2.UpsertMyProfileRequest()))
    with use_principal(shop):
        request = advertisers_pb2.GetApprovalRequest(user_id=shop.user_id)
        approval = await call(stub.GetApproval(request))
    assert not approval.has_profile
    assert approval.status == advertisers_pb2.PROFILE_STATUS_UNSPECIFIED


async def test_admin_decisions_reach_the_one_audit_log(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    await submitted(edge, await advertiser(edge))
    shop_id = edge.users[ADV]
    assert (await decide(edge, shop_id, "reject", "서류가 흐립니다")).status_code == 200

    # Deliver the advertisers outbox row to identity's subscriber, twice (a redelivery).
    rejected = advertisers_events.ADVERTISER_REJECTED.name
    table = outbox.outbox_table("advertisers")
    async with transaction() as session:
        row = (await session.execute(sa.select(table).where(table.c.topic == rejected))).one()
    event = Event(row.id, row.topic, "advertisers", row.payload, row.created_at, row.headers)
    (subscription,) = [s for s in events.subscribers_of(rejected) if s.schema == "identity"]
    assert await events.consume(subscription, event) is True
    assert await events.consume(subscription, event) is False

    log = await edge.client.get(
        "/api/v1/admin/audit-log", headers=await admin(edge), params={"action": "advertiser.reject"}
    )
    assert log.status_code == 200, log.text
    (entry,) = log.json()["items"]
    assert entry["target_id"] == shop_id
    assert entry["reason"] == "서류가 흐립니다"
    assert entry["actor_id"] == edge.users[ADMIN]


async def test_logo_is_public_and_the_document_private(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    h = await advertiser(edge)
    r = await edge.client.put(f"{PROFILE}/logo", headers=h, files={"file": ("l.png", png())})
    assert r.status_code == 404  # no profile yet
    assert (await edge.client.put(PROFILE, headers=h, json=body())).status_code == 200
    r = await edge.client.put(f"{PROFILE}/logo", headers=h, files={"file": ("l.png", png())})
    assert r.status_code == 200, r.text
    logo = r.json()["logo_url"]
    assert logo.startswith("/media/public/")
    assert (await edge.client.get(logo)).status_code == 200

    r = await edge.client.put(
        f"{PROFILE}/document", headers=h, files={"file": ("doc.html", b"<html>x</html>")}
    )
    assert r.status_code == 415
    assert problem_fields(r) == {"file"}
    document = {"file": ("d.pdf", pdf_bytes())}
    r = await edge.client.put(f"{PROFILE}/document", headers=h, files=document)
    assert r.status_code == 200, r.text
    assert r.json()["has_business_document"] is True
    doc = await edge.client.get(f"{PROFILE}/document", headers=h)
    assert doc.headers["content-type"] == "application/pdf"
    assert doc.headers["cache-control"] == "private, no-store"
    assert doc.content.startswith(b"%PDF-")
    # Never under the public media path.
    async with transaction() as session:
        key = (
            await session.execute(
                sa.select(media.media_table("advertisers").c.key).where(
                    media.media_table("advertisers").c.purpose == "advertiser.document"
                )
            )
        ).scalar_one()
    assert key.startswith("private/")
    assert (await edge.client.get(f"/media/{key}")).status_code == 404

    user_id = edge.users[ADV]
    r = await edge.client.get(
        f"/api/v1/admin/advertisers/{user_id}/document", headers=await admin(edge)
    )
    assert r.status_code == 200
    assert r.content == doc.content
    other = await advertiser(edge, "other-shop@example.com")
    r = await edge.client.get(f"/api/v1/admin/advertisers/{user_id}/document", headers=other)
    assert r.status_code == 403
    r = await edge.client.get(f"{PROFILE}/document", headers=other)
    assert r.status_code == 404
