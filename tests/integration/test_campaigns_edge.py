"""One campaign from DRAFT to COMPLETED through the edge, with the services' clock moved by
the test: real PetStars (linked, verified, approved), a revision, a no-show, the report."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import httpx

from petful.campaigns import tasks as campaign_tasks
from petful.identity.rules import Role
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    problem_fields,
)
from tests.integration.test_pets import png
from tests.integration.test_petstars import make_petstar

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def campaign_body(now: datetime, **over: Any) -> dict[str, Any]:
    body = {
        "title": "강아지 유산균 2주 체험단",
        "product_name": "펫 유산균",
        "product_description": "장 건강 유산균 14포",
        "objective": "실사용 후기",
        "missions": ["개봉 사진 1장", "2주 후기 피드 1개"],
        "keywords": ["유산균"],
        "hashtags": ["#펫풀"],
        "product_url": "https://petful.dev/shop/probiotics",
        "campaign_type": "DELIVERY",
        "target_species": ["DOG", "CAT"],
        "headcount": 3,
        "reward_description": "유산균 1박스",
        "reward_value_krw": 30000,
        "recruit_start": (now + HOUR).isoformat(),
        "recruit_end": (now + 3 * DAY).isoformat(),
        "announce_at": (now + 4 * DAY).isoformat(),
        "activity_start": (now + 5 * DAY).isoformat(),
        "activity_end": (now + 12 * DAY).isoformat(),
    }
    body.update(over)
    return body


async def approved_advertiser(edge: IdentityEdge, email: str, brn: str) -> dict[str, str]:
    """An advertiser whose company profile an admin approved, all through the edge."""
    headers = await headers_for(edge, email, Role.ADVERTISER)
    profile = {
        "company_name": f"{email.split('@')[0]} 컴퍼니",
        "business_registration_number": brn,
        "representative_name": "홍길동",
        "phone": "02-123-4567",
        "contact_email": email,
    }
    r = await edge.client.put("/api/v1/advertiser/profile", json=profile, headers=headers)
    assert r.status_code == 200, r.text
    await edge.client.post("/api/v1/advertiser/profile/submit", headers=headers)
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)
    r = await edge.client.post(
        f"/api/v1/admin/advertisers/{edge.users[email]}/approve", headers=admin
    )
    assert r.json()["status"] == "APPROVED", r.text
    return headers


async def sandbox_post(
    edge: IdentityEdge, handle: str, caption: str, *, kind: str = "p", likes: int = 100
) -> str:
    """A new Instagram post in the sandbox, posted now by the services' clock: its URL."""
    assert edge.sandbox is not None
    async with httpx.AsyncClient(base_url=edge.sandbox.url) as sandbox:
        r = await sandbox.post(
            "/__sandbox__/media",
            json={
                "handle": handle,
                "caption": caption,
                "kind": kind,
                "like_count": likes,
                "posted_at": edge.clock.now.isoformat(),
            },
        )
    assert r.status_code in (200, 201), r.text
    permalink: str = r.json()["permalink"]
    return permalink


async def sync(edge: IdentityEdge, owner: dict[str, str], pet_id: str) -> None:
    """The owner syncs the pet's Instagram account; the campaigns service hears of it."""
    pet = (await edge.client.get(f"/api/v1/pets/{pet_id}", headers=owner)).json()
    r = await edge.client.post(
        f"/api/v1/sns/accounts/{pet['instagram_account_id']}/sync", headers=owner
    )
    assert r.status_code == 200, r.text
    await deliver("sns.account.synced", "sns", "campaigns.recheck_content")


async def advance(edge: IdentityEdge, delta: timedelta) -> None:
    """Move time and run the beat's step, as the Celery task would."""
    edge.clock.advance(delta)
    await campaign_tasks.advance_due_now(edge.clock)


async def test_a_campaign_from_draft_to_completed(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    c = edge.client
    ads = await approved_advertiser(edge, "ads@example.com", "123-45-67891")
    rival = await approved_advertiser(edge, "rival@example.com", "314-86-12340")
    admin = await headers_for(edge, "admin@example.com", Role.ADMIN)

    r = await c.post(
        "/api/v1/advertiser/campaigns",
        json=campaign_body(edge.clock.now, recruit_end=(edge.clock.now - DAY).isoformat()),
        headers=ads,
    )
    assert r.status_code == 422
    assert "recruit_end" in problem_fields(r)
    keyed = {**ads, "Idempotency-Key": "create-1"}
    r = await c.post(
        "/api/v1/advertiser/campaigns", json=campaign_body(edge.clock.now), headers=keyed
    )
    assert r.status_code == 201, r.text
    campaign = r.json()
    again = await c.post(
        "/api/v1/advertiser/campaigns", json=campaign_body(edge.clock.now), headers=keyed
    )
    assert again.json()["id"] == campaign["id"]
    cid = campaign["id"]
    assert campaign["phase"] == "DRAFT"
    assert "#광고" in campaign["hashtags"]  # the disclosure tag is always there
    assert (await c.get(f"/api/v1/advertiser/campaigns/{cid}", headers=rival)).status_code == 404

    # Product images: uploaded, listed with URLs; an unknown id cannot be slipped in.
    r = await c.post(
        f"/api/v1/advertiser/campaigns/{cid}/images",
        files={"file": ("product.png", png((400, 300)))},
        headers=ads,
    )
    assert r.status_code == 200, r.text
    (image,) = r.json()["images"]
    assert image["url"].startswith("/media/public/")
    assert r.json()["image_media_ids"] == [image["media_id"]]
    r = await c.post(
        f"/api/v1/advertiser/campaigns/{cid}/images",
        files={"file": ("x.png", b"GIF89a-not-really")},
        headers=ads,
    )
    assert r.status_code in (415, 422)
    forged = campaign_body(
        edge.clock.now, hashtags=campaign["hashtags"], image_media_ids=[str(uuid.uuid4())]
    )
    r = await c.put(f"/api/v1/advertiser/campaigns/{cid}", json=forged, headers=ads)
    assert r.status_code == 422
    assert problem_fields(r) == {"image_media_ids"}
    r = await c.post(
        f"/api/v1/advertiser/campaigns/{cid}/images",
        files={"file": ("product.png", png((400, 300)))},
        headers=rival,
    )
    assert r.status_code == 404

    r = await c.post(f"/api/v1/advertiser/campaigns/{cid}/submit", headers=ads)
    assert r.json()["phase"] == "PENDING_REVIEW"
    r = await c.get("/api/v1/admin/campaigns/review-queue", headers=admin)
    assert [x["id"] for x in r.json()["items"]] == [cid]
    r = await c.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=admin)
    assert r.json()["phase"] == "RECRUITING", r.text

    owners = [await headers_for(edge, f"star{i}@example.com") for i in range(4)]
    pets = [
        await make_petstar(edge, owners[0], "bori_maltese"),
        await make_petstar(edge, owners[1], "kongi_cat", name="콩이", species="CAT"),
        await make_petstar(edge, owners[2], "nabi_russianblue", name="나비", species="CAT"),
        await make_petstar(edge, owners[3], "dubu_corgi", name="두부"),
    ]
    r = await c.post(
        f"/api/v1/campaigns/{cid}/applications",
        json={"pet_id": pets[0]["id"], "note": "아직 모집 전이에요 지원합니다"},
        headers=owners[0],
    )
    assert r.status_code == 409  # recruitment opens in an hour
    edge.clock.advance(2 * HOUR)
    # The advertiser invites 두부; the owner sees it, and the event carries the notification.
    body = {"pet_id": pets[3]["id"], "message": "두부와 함께하고 싶어요"}
    r = await c.post(f"/api/v1/advertiser/campaigns/{cid}/invitations", json=body, headers=ads)
    assert r.status_code == 201, r.text
    again = await c.post(f"/api/v1/advertiser/campaigns/{cid}/invitations", json=body, headers=ads)
    assert again.json()["id"] == r.json()["id"]
    r = await c.post(f"/api/v1/advertiser/campaigns/{cid}/invitations", json=body, headers=rival)
    assert r.status_code == 404
    r = await c.get("/api/v1/me/campaign-invitations", headers=owners[3])
    assert [(i["campaign_id"], i["message"]) for i in r.json()["items"]] == [
        (cid, "두부와 함께하고 싶어요")
    ]
    assert (await c.get("/api/v1/me/campaign-invitations", headers=owners[0])).json() == {
        "items": []
    }
    sent = await outbox_payloads("campaigns.invitation.sent", "campaigns")
    assert [(p["pet_name"], p["owner_user_id"]) for p in sent] == [
        ("두부", edge.users["star3@example.com"])
    ]
    r = await c.get("/api/v1/campaigns", headers=owners[0])
    assert [x["id"] for x in r.json()["items"]] == [cid]
    applicants = []
    for owner, pet in zip(owners, pets, strict=True):
        r = await c.post(
            f"/api/v1/campaigns/{cid}/applications",
            json={
                "pet_id": pet["id"],
                "note": f"{pet['name']}가 꼭 써보고 싶어요! 후기 잘 쓸게요.",
            },
            headers=owner,
        )
        assert r.status_code == 201, r.text
        applicants.append(r.json())
    r = await c.post(
        f"/api/v1/campaigns/{cid}/applications",
        json={"pet_id": pets[1]["id"], "note": "내 펫이 아닌데 지원해 봅니다"},
        headers=owners[0],
    )
    assert r.status_code == 404

    # Each PetStar sees only their own applications; the rival sees no applicants.
    r = await c.get("/api/v1/me/campaign-applications", headers=owners[1])
    assert [a["id"] for a in r.json()["items"]] == [applicants[1]["id"]]
    r = await c.get(f"/api/v1/campaign-applications/{applicants[0]['id']}", headers=owners[1])
    assert r.status_code == 404
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=rival)
    assert r.status_code == 404

    # A pet with campaign work cannot be deleted; the problem names the campaign.
    r = await c.delete(f"/api/v1/pets/{pets[0]['id']}", headers=owners[0])
    assert r.status_code == 409
    assert "강아지 유산균 2주 체험단" in r.json()["detail"]

    await advance(edge, 3 * DAY)  # recruitment closed
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=ads)
    listed = r.json()["items"]
    assert len(listed) == 4
    assert {a["petstar"]["pet"]["name"] for a in listed} == {"보리", "콩이", "나비", "두부"}
    assert all(a["petstar"]["followers_count"] > 0 for a in listed)
    assert all(a["petstar"]["price_krw"] == 120000 for a in listed)
    for a in applicants[:3]:
        r = await c.post(f"/api/v1/advertiser/applicants/{a['id']}/select", headers=ads)
        assert r.json()["status"] == "SELECTED", r.text
    r = await c.post(f"/api/v1/advertiser/applicants/{applicants[3]['id']}/select", headers=ads)
    assert r.status_code == 409  # headcount 3
    r = await c.post(f"/api/v1/advertiser/campaigns/{cid}/confirm-selection", headers=ads)
    assert r.json()["phase"] == "ANNOUNCED", r.text
    r = await c.get(f"/api/v1/campaign-applications/{applicants[3]['id']}", headers=owners[3])
    assert r.json()["status"] == "NOT_SELECTED"
    assert r.json()["note"].startswith("두부")  # the note survives every change

    for a in applicants[:3]:
        r = await c.post(
            f"/api/v1/advertiser/applicants/{a['id']}/shipment",
            json={"carrier": "CJ대한통운", "tracking_number": "630012345678"},
            headers=ads,
        )
        assert r.json()["status"] == "SHIPPED", r.text

    await advance(edge, 2 * DAY)  # activity started
    assert (await c.get(f"/api/v1/campaigns/{cid}", headers=owners[0])).json()[
        "phase"
    ] == "IN_PROGRESS"
    star = applicants[0]["id"]
    r = await c.post(
        f"/api/v1/campaign-applications/{star}/content",
        json={"post_url": "https://example.com/not-instagram"},
        headers=owners[0],
    )
    assert r.status_code == 422
    # The first post forgets the disclosure and the keyword; the checklist says so, to both
    # sides, once Instagram has shown the post (it is PENDING until the account syncs).
    first = await sandbox_post(edge, "bori_maltese", "우리 보리 산책 #펫풀")
    r = await c.post(
        f"/api/v1/campaign-applications/{star}/content",
        json={"post_url": first + "?igsh=abc"},
        headers=owners[0],
    )
    assert r.json()["status"] == "CONTENT_SUBMITTED", r.text
    assert r.json()["checklist"]["status"] == "PENDING"
    await sync(edge, owners[0], pets[0]["id"])
    r = await c.get(f"/api/v1/campaign-applications/{star}", headers=owners[0])
    checklist = r.json()["checklist"]
    assert checklist["status"] == "FAILED"
    failed = {i["name"] for i in checklist["items"] if not i["passed"]}
    assert failed == {"disclosure", "keyword 유산균"}
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=ads)
    seen = next(a for a in r.json()["items"] if a["id"] == star)
    assert seen["checklist"] == checklist
    r = await c.post(
        f"/api/v1/advertiser/applicants/{star}/request-revision",
        json={"reason": "광고 표시와 유산균 키워드를 넣어 주세요"},
        headers=ads,
    )
    assert (r.json()["status"], r.json()["status_reason"]) == (
        "REVISION_REQUESTED",
        "광고 표시와 유산균 키워드를 넣어 주세요",
    )
    edge.clock.advance(DAY)  # the PetStar reshoots the next day
    second = await sandbox_post(
        edge, "bori_maltese", "보리의 유산균 2주 후기 #광고 #펫풀", kind="reel", likes=842
    )
    r = await c.post(
        f"/api/v1/campaign-applications/{star}/content",
        json={"post_url": second},
        headers=owners[0],
    )
    assert r.json()["status"] == "CONTENT_SUBMITTED"
    await sync(edge, owners[0], pets[0]["id"])
    r = await c.get(f"/api/v1/campaign-applications/{star}", headers=owners[0])
    assert r.json()["checklist"]["status"] == "PASSED", r.json()["checklist"]
    assert r.json()["likes"] == 842
    r = await c.post(f"/api/v1/advertiser/applicants/{star}/approve-content", headers=ads)
    assert r.json()["status"] == "APPROVED", r.text
    assert [s["decision"] for s in r.json()["submissions"]] == ["REVISION_REQUESTED", "APPROVED"]

    # 나비 posts in time, but the advertiser never reviews it.
    unreviewed = await sandbox_post(edge, "nabi_russianblue", "나비 유산균 후기 #광고 #펫풀")
    r = await c.post(
        f"/api/v1/campaign-applications/{applicants[2]['id']}/content",
        json={"post_url": unreviewed},
        headers=owners[2],
    )
    assert r.json()["status"] == "CONTENT_SUBMITTED", r.text
    await sync(edge, owners[2], pets[2]["id"])

    await advance(edge, 7 * DAY)  # activity ended: the approved post completes
    r = await c.get(f"/api/v1/campaigns/{cid}", headers=owners[0])
    assert r.json()["phase"] == "REVIEWING"
    await advance(edge, 4 * DAY)  # past the grace days: the silent one is a no-show
    r = await c.get(f"/api/v1/campaigns/{cid}", headers=owners[0])
    assert r.json()["phase"] == "COMPLETED"
    r = await c.get(f"/api/v1/campaign-applications/{applicants[1]['id']}", headers=owners[1])
    assert r.json()["status"] == "NO_SHOW"
    # An unreviewed post counts as delivered: the review window lapsed, not the PetStar.
    r = await c.get(f"/api/v1/campaign-applications/{applicants[2]['id']}", headers=owners[2])
    assert r.json()["status"] == "COMPLETED"
    assert r.json()["submissions"][-1]["reason"].startswith("approved automatically")

    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report", headers=ads)
    report = r.json()
    assert report["totals"]["completed"] == 2
    assert report["totals"]["no_show"] == 1
    assert report["totals"]["total_cost_krw"] == 90000
    assert {row["status"] for row in report["rows"]} == {"COMPLETED", "NO_SHOW"}
    assert report["totals"]["likes"] == 842 + 100
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report.csv", headers=ads)
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode())  # so Excel reads the Korean as UTF-8
    assert second in r.text
    assert (
        await c.get(f"/api/v1/advertiser/campaigns/{cid}/report", headers=rival)
    ).status_code == 404

    completed = await outbox_payloads("campaigns.campaign.completed", "campaigns")
    assert [p["campaign_id"] for p in completed] == [cid]
    # Now the pet may go.
    r = await c.delete(f"/api/v1/pets/{pets[0]['id']}", headers=owners[0])
    assert r.status_code == 204, r.text
