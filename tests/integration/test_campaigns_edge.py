"""Campaigns through the edge, with the services' clock moved by the test: real PetStars
(linked, verified, approved), posts in the Instagram sandbox, and the sync that checks them.

One campaign from draft to completed first, then one test per rule. Participants: the
`advertiser` (approved), a `rival` advertiser, the `admin`, and PetStar owners named by
their pet: `bori` (보리, a dog), `kongi` (콩이, a cat), `nabi` (나비, a cat), `dubu` (두부).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from petful.campaigns import tasks as campaign_tasks
from petful.contracts import campaigns as contract
from petful.contracts import sns as sns_contract
from petful.platform.auth_context import Role
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    headers_for,
    outbox_payloads,
    problem_fields,
)
from tests.integration.test_pets import png
from tests.integration.test_petstars import make_petstar
from tests.media_support import pdf_bytes

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
Headers = dict[str, str]


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


async def approved_advertiser(edge: IdentityEdge, email: str, brn: str) -> Headers:
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
    r = await edge.client.put(
        "/api/v1/advertiser/profile/document",
        headers=headers,
        files={"file": ("등록증.pdf", pdf_bytes())},
    )
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


async def advance(edge: IdentityEdge, delta: timedelta) -> None:
    """Move time and run the beat's step, as the Celery task would."""
    edge.clock.advance(delta)
    await campaign_tasks.advance_due_now(edge.clock)


# --- the participants ------------------------------------------------------------------------


@dataclass(frozen=True)
class PetStar:
    """An owner (their headers) and their approved PetStar pet on a sandbox account."""

    owner: Headers
    pet: dict[str, Any]
    handle: str

    @property
    def pet_id(self) -> str:
        return str(self.pet["id"])


# handle, pet fields
PETSTARS: dict[str, tuple[str, dict[str, str]]] = {
    "bori": ("bori_maltese", {}),
    "kongi": ("kongi_cat", {"name": "콩이", "species": "CAT"}),
    "nabi": ("nabi_russianblue", {"name": "나비", "species": "CAT"}),
    "dubu": ("dubu_corgi", {"name": "두부"}),
}


async def petstar(edge: IdentityEdge, who: str) -> PetStar:
    owner = await headers_for(edge, f"{who}@example.com")
    handle, pet = PETSTARS[who]
    return PetStar(owner, await make_petstar(edge, owner, handle, **pet), handle)


@dataclass
class Scene:
    edge: IdentityEdge
    advertiser: Headers
    rival: Headers
    admin: Headers

    @property
    def client(self) -> httpx.AsyncClient:
        return self.edge.client

    async def draft(self, **over: Any) -> dict[str, Any]:
        r = await self.client.post(
            "/api/v1/advertiser/campaigns",
            json=campaign_body(self.edge.clock.now, **over),
            headers=self.advertiser,
        )
        assert r.status_code == 201, r.text
        campaign: dict[str, Any] = r.json()
        return campaign

    async def recruiting(self, **over: Any) -> str:
        """A campaign submitted and approved, its recruitment open (the clock 2 h on)."""
        cid = str((await self.draft(**over))["id"])
        await self.client.post(
            f"/api/v1/advertiser/campaigns/{cid}/submit", headers=self.advertiser
        )
        r = await self.client.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=self.admin)
        assert r.json()["phase"] == "RECRUITING", r.text
        self.edge.clock.advance(2 * HOUR)
        return cid

    async def apply(self, cid: str, star: PetStar) -> dict[str, Any]:
        r = await self.client.post(
            f"/api/v1/campaigns/{cid}/applications",
            json={
                "pet_id": star.pet_id,
                "note": f"{star.pet['name']}가 꼭 써보고 싶어요! 후기 잘 쓸게요.",
            },
            headers=star.owner,
        )
        assert r.status_code == 201, r.text
        application: dict[str, Any] = r.json()
        return application

    async def select(self, *applications: dict[str, Any]) -> None:
        for a in applications:
            r = await self.client.post(
                f"/api/v1/advertiser/applicants/{a['id']}/select", headers=self.advertiser
            )
            assert r.json()["status"] == "SELECTED", r.text

    async def confirm(self, cid: str) -> None:
        r = await self.client.post(
            f"/api/v1/advertiser/campaigns/{cid}/confirm-selection", headers=self.advertiser
        )
        assert r.json()["phase"] == "ANNOUNCED", r.text

    async def ship(self, *applications: dict[str, Any]) -> None:
        for a in applications:
            r = await self.client.post(
                f"/api/v1/advertiser/applicants/{a['id']}/shipment",
                json={"carrier": "CJ대한통운", "tracking_number": "630012345678"},
                headers=self.advertiser,
            )
            assert r.json()["status"] == "SHIPPED", r.text

    async def in_activity(self, cid: str, *stars: PetStar) -> list[dict[str, Any]]:
        """Every star applies, is selected and shipped to; the activity has started."""
        applications = [await self.apply(cid, star) for star in stars]
        await advance(self.edge, 3 * DAY)  # recruitment closed
        await self.select(*applications)
        await self.confirm(cid)
        await self.ship(*applications)
        await advance(self.edge, 2 * DAY)  # activity started
        return applications

    async def submit(self, star: PetStar, application: dict[str, Any], url: str) -> dict[str, Any]:
        r = await self.client.post(
            f"/api/v1/campaign-applications/{application['id']}/content",
            json={"post_url": url},
            headers=star.owner,
        )
        assert r.json()["status"] == "CONTENT_SUBMITTED", r.text
        submitted: dict[str, Any] = r.json()
        return submitted

    async def sync(self, star: PetStar) -> None:
        """The owner syncs the pet's Instagram account; the campaigns service hears of it."""
        pet = (await self.client.get(f"/api/v1/pets/{star.pet_id}", headers=star.owner)).json()
        r = await self.client.post(
            f"/api/v1/sns/accounts/{pet['instagram_account_id']}/sync", headers=star.owner
        )
        assert r.status_code == 200, r.text
        await deliver(sns_contract.ACCOUNT_SYNCED.name, "sns", "campaigns.recheck_content")

    async def application(self, star: PetStar, application: dict[str, Any]) -> dict[str, Any]:
        r = await self.client.get(
            f"/api/v1/campaign-applications/{application['id']}", headers=star.owner
        )
        found: dict[str, Any] = r.json()
        return found

    async def phase(self, cid: str) -> str:
        r = await self.client.get(f"/api/v1/campaigns/{cid}", headers=self.advertiser)
        return str(r.json()["phase"])


async def scene(edge: IdentityEdge) -> Scene:
    return Scene(
        edge,
        advertiser=await approved_advertiser(edge, "ads@example.com", "123-45-67891"),
        rival=await approved_advertiser(edge, "rival@example.com", "314-86-12340"),
        admin=await headers_for(edge, "admin@example.com", Role.ADMIN),
    )


# --- the happy path ------------------------------------------------------------------------


async def test_a_campaign_from_draft_to_completed(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c, advertiser = s.client, s.advertiser
    campaign = await s.draft(headcount=1)
    assert campaign["phase"] == "DRAFT"
    cid = campaign["id"]
    r = await c.post(f"/api/v1/advertiser/campaigns/{cid}/submit", headers=advertiser)
    assert r.json()["phase"] == "PENDING_REVIEW"
    r = await c.get("/api/v1/admin/campaigns/review-queue", headers=s.admin)
    assert [x["id"] for x in r.json()["items"]] == [cid]
    r = await c.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=s.admin)
    assert r.json()["phase"] == "RECRUITING", r.text
    edge.clock.advance(2 * HOUR)

    bori = await petstar(edge, "bori")
    r = await c.get("/api/v1/campaigns", headers=bori.owner)
    assert [x["id"] for x in r.json()["items"]] == [cid]
    (application,) = await s.in_activity(cid, bori)
    assert await s.phase(cid) == "IN_PROGRESS"
    post = await sandbox_post(
        edge, bori.handle, "보리의 유산균 2주 후기 #광고 #펫풀", kind="reel", likes=842
    )
    await s.submit(bori, application, post)
    await s.sync(bori)
    checked = await s.application(bori, application)
    assert checked["checklist"]["status"] == "PASSED", checked["checklist"]
    assert checked["likes"] == 842
    r = await c.post(
        f"/api/v1/advertiser/applicants/{application['id']}/approve-content", headers=advertiser
    )
    assert r.json()["status"] == "APPROVED", r.text

    await advance(edge, 7 * DAY)  # the activity ends: nobody owes anything, all complete
    assert await s.phase(cid) == "COMPLETED"
    assert (await s.application(bori, application))["status"] == "COMPLETED"
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report", headers=advertiser)
    totals = r.json()["totals"]
    assert (totals["completed"], totals["likes"], totals["total_cost_krw"]) == (1, 842, 30000)
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report.csv", headers=advertiser)
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode())  # so Excel reads the Korean as UTF-8
    assert post in r.text
    completed = await outbox_payloads(contract.CAMPAIGN_COMPLETED.name, "campaigns")
    assert [p["campaign_id"] for p in completed] == [cid]
    # The campaign work is done: the pet may go.
    r = await c.delete(f"/api/v1/pets/{bori.pet_id}", headers=bori.owner)
    assert r.status_code == 204, r.text


# --- drafts ------------------------------------------------------------------------------------


async def test_visitors_read_approved_campaigns_without_a_token(
    identity_edge: IdentityEdge,
) -> None:
    s = await scene(identity_edge)
    draft = await s.draft(title="아직 심사 전인 체험단")
    cid = await s.recruiting(title="누구나 보는 체험단")
    r = await s.client.get("/api/v1/public/campaigns")
    assert r.status_code == 200, r.text
    (listed,) = r.json()["items"]
    assert listed["id"] == cid
    assert listed["title"] == "누구나 보는 체험단"
    # The advertisement only: nothing of who runs it internally or of its review.
    for private in ("advertiser_user_id", "phase_reason", "selected_count", "approved_at"):
        assert private not in listed
    r = await s.client.get(f"/api/v1/public/campaigns/{cid}")
    assert r.status_code == 200, r.text
    assert r.json()["missions"] == campaign_body(s.edge.clock.now)["missions"]
    assert (await s.client.get(f"/api/v1/public/campaigns/{draft['id']}")).status_code == 404
    # Only recruiting and ended: a visitor has no applications.
    r = await s.client.get("/api/v1/public/campaigns", params={"tab": "applied"})
    assert r.status_code == 422
    assert problem_fields(r) == {"tab"}


async def test_a_draft_is_checked_idempotent_and_private(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c, now = s.client, edge.clock.now
    past = campaign_body(now, recruit_end=(now - DAY).isoformat())
    r = await c.post("/api/v1/advertiser/campaigns", json=past, headers=s.advertiser)
    assert r.status_code == 422
    assert "recruit_end" in problem_fields(r)

    keyed = {**s.advertiser, "Idempotency-Key": "create-1"}
    r = await c.post("/api/v1/advertiser/campaigns", json=campaign_body(now), headers=keyed)
    assert r.status_code == 201, r.text
    campaign = r.json()
    again = await c.post("/api/v1/advertiser/campaigns", json=campaign_body(now), headers=keyed)
    assert again.json()["id"] == campaign["id"]
    assert campaign["phase"] == "DRAFT"
    assert "#광고" in campaign["hashtags"]  # the disclosure tag is always there
    r = await c.get(f"/api/v1/advertiser/campaigns/{campaign['id']}", headers=s.rival)
    assert r.status_code == 404


async def test_product_images_are_the_advertisers_own_uploads(
    identity_edge: IdentityEdge,
) -> None:
    s = await scene(identity_edge)
    c = s.client
    campaign = await s.draft()
    images = f"/api/v1/advertiser/campaigns/{campaign['id']}/images"
    r = await c.post(images, files={"file": ("product.png", png((400, 300)))}, headers=s.advertiser)
    assert r.status_code == 200, r.text
    (image,) = r.json()["images"]
    assert image["url"].startswith("/media/public/")
    assert r.json()["image_media_ids"] == [image["media_id"]]
    r = await c.post(images, files={"file": ("x.png", b"GIF89a-not-really")}, headers=s.advertiser)
    assert r.status_code in (415, 422)
    # An id that is not one of this advertiser's uploads cannot be slipped in.
    forged = campaign_body(
        identity_edge.clock.now,
        hashtags=campaign["hashtags"],
        image_media_ids=[str(uuid.uuid4())],
    )
    r = await c.put(
        f"/api/v1/advertiser/campaigns/{campaign['id']}", json=forged, headers=s.advertiser
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"image_media_ids"}
    r = await c.post(images, files={"file": ("product.png", png((400, 300)))}, headers=s.rival)
    assert r.status_code == 404


# --- invitations and applications --------------------------------------------------------------


async def test_an_invitation_reaches_its_petstar_once(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = await s.recruiting()
    dubu = await petstar(edge, "dubu")
    invitations = f"/api/v1/advertiser/campaigns/{cid}/invitations"
    body = {"pet_id": dubu.pet_id, "message": "두부와 함께하고 싶어요"}
    r = await c.post(invitations, json=body, headers=s.advertiser)
    assert r.status_code == 201, r.text
    again = await c.post(invitations, json=body, headers=s.advertiser)
    assert again.json()["id"] == r.json()["id"]
    assert (await c.post(invitations, json=body, headers=s.rival)).status_code == 404

    r = await c.get("/api/v1/me/campaign-invitations", headers=dubu.owner)
    assert [(i["campaign_id"], i["message"]) for i in r.json()["items"]] == [
        (cid, "두부와 함께하고 싶어요")
    ]
    bori = await headers_for(edge, "bori@example.com")
    assert (await c.get("/api/v1/me/campaign-invitations", headers=bori)).json() == {"items": []}
    # The event carries what the notification shows.
    sent = await outbox_payloads(contract.INVITATION_SENT.name, "campaigns")
    assert [(p["pet_name"], p["owner_user_id"]) for p in sent] == [
        ("두부", edge.users["dubu@example.com"])
    ]


async def test_applications_open_with_recruitment_for_your_own_pets(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = str((await s.draft())["id"])  # recruitment opens in an hour
    await c.post(f"/api/v1/advertiser/campaigns/{cid}/submit", headers=s.advertiser)
    await c.post(f"/api/v1/admin/campaigns/{cid}/approve", headers=s.admin)
    bori, kongi = await petstar(edge, "bori"), await petstar(edge, "kongi")
    applications = f"/api/v1/campaigns/{cid}/applications"
    early = {"pet_id": bori.pet_id, "note": "아직 모집 전이에요 지원합니다"}
    assert (await c.post(applications, json=early, headers=bori.owner)).status_code == 409
    edge.clock.advance(2 * HOUR)
    not_mine = {"pet_id": bori.pet_id, "note": "내 펫이 아닌데 지원해 봅니다"}
    assert (await c.post(applications, json=not_mine, headers=kongi.owner)).status_code == 404
    await s.apply(cid, bori)


async def test_each_side_sees_only_its_own_applications(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = await s.recruiting()
    bori, kongi = await petstar(edge, "bori"), await petstar(edge, "kongi")
    boris = await s.apply(cid, bori)
    kongis = await s.apply(cid, kongi)
    r = await c.get("/api/v1/me/campaign-applications", headers=kongi.owner)
    assert [a["id"] for a in r.json()["items"]] == [kongis["id"]]
    r = await c.get(f"/api/v1/campaign-applications/{boris['id']}", headers=kongi.owner)
    assert r.status_code == 404
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=s.rival)
    assert r.status_code == 404


async def test_a_pet_with_campaign_work_cannot_be_deleted(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    cid = await s.recruiting()
    bori = await petstar(edge, "bori")
    await s.apply(cid, bori)
    r = await s.client.delete(f"/api/v1/pets/{bori.pet_id}", headers=bori.owner)
    assert r.status_code == 409
    assert "강아지 유산균 2주 체험단" in r.json()["detail"]  # the problem names the campaign


async def test_the_advertiser_selects_up_to_the_headcount(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = await s.recruiting(headcount=1)
    bori, kongi = await petstar(edge, "bori"), await petstar(edge, "kongi")
    boris, kongis = await s.apply(cid, bori), await s.apply(cid, kongi)
    await advance(edge, 3 * DAY)  # recruitment closed

    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=s.advertiser)
    listed = r.json()["items"]
    assert len(listed) == 2
    # Each applicant comes with their PetStar profile.
    assert {a["petstar"]["pet"]["name"] for a in listed} == {"보리", "콩이"}
    assert all(a["petstar"]["followers_count"] > 0 for a in listed)
    assert all(a["petstar"]["price_krw"] == 120000 for a in listed)
    await s.select(boris)
    r = await c.post(f"/api/v1/advertiser/applicants/{kongis['id']}/select", headers=s.advertiser)
    assert r.status_code == 409  # the headcount is 1
    await s.confirm(cid)
    passed_over = await s.application(kongi, kongis)
    assert passed_over["status"] == "NOT_SELECTED"
    assert passed_over["note"].startswith("콩이")  # the note survives every change


# --- content ---------------------------------------------------------------------------------


async def test_the_checklist_says_what_a_post_misses(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = await s.recruiting()
    bori = await petstar(edge, "bori")
    (application,) = await s.in_activity(cid, bori)
    content = f"/api/v1/campaign-applications/{application['id']}/content"
    not_instagram = {"post_url": "https://example.com/not-instagram"}
    assert (await c.post(content, json=not_instagram, headers=bori.owner)).status_code == 422

    # The first post forgets the disclosure and the keyword; the checklist says so, to both
    # sides, once Instagram has shown the post (it is PENDING until the account syncs).
    first = await sandbox_post(edge, bori.handle, "우리 보리 산책 #펫풀")
    submitted = await s.submit(bori, application, first + "?igsh=abc")
    assert submitted["checklist"]["status"] == "PENDING"
    await s.sync(bori)
    checklist = (await s.application(bori, application))["checklist"]
    assert checklist["status"] == "FAILED"
    failed = {i["name"] for i in checklist["items"] if not i["passed"]}
    assert failed == {"disclosure", "keyword 유산균"}
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=s.advertiser)
    seen = next(a for a in r.json()["items"] if a["id"] == application["id"])
    assert seen["checklist"] == checklist

    r = await c.post(
        f"/api/v1/advertiser/applicants/{application['id']}/request-revision",
        json={"reason": "광고 표시와 유산균 키워드를 넣어 주세요"},
        headers=s.advertiser,
    )
    assert (r.json()["status"], r.json()["status_reason"]) == (
        "REVISION_REQUESTED",
        "광고 표시와 유산균 키워드를 넣어 주세요",
    )
    edge.clock.advance(DAY)  # the PetStar reshoots the next day
    second = await sandbox_post(
        edge, bori.handle, "보리의 유산균 2주 후기 #광고 #펫풀", kind="reel", likes=842
    )
    await s.submit(bori, application, second)
    await s.sync(bori)
    checked = await s.application(bori, application)
    assert checked["checklist"]["status"] == "PASSED", checked["checklist"]
    assert checked["likes"] == 842
    r = await c.post(
        f"/api/v1/advertiser/applicants/{application['id']}/approve-content",
        headers=s.advertiser,
    )
    assert r.json()["status"] == "APPROVED", r.text
    assert [x["decision"] for x in r.json()["submissions"]] == ["REVISION_REQUESTED", "APPROVED"]


async def test_the_content_deadline_settles_every_petstar(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    c = s.client
    cid = await s.recruiting()
    bori, kongi, nabi = [await petstar(edge, who) for who in ("bori", "kongi", "nabi")]
    boris, kongis, nabis = await s.in_activity(cid, bori, kongi, nabi)
    approved = await sandbox_post(
        edge, bori.handle, "보리의 유산균 2주 후기 #광고 #펫풀", kind="reel", likes=842
    )
    await s.submit(bori, boris, approved)
    await s.sync(bori)
    r = await c.post(
        f"/api/v1/advertiser/applicants/{boris['id']}/approve-content", headers=s.advertiser
    )
    assert r.json()["status"] == "APPROVED", r.text
    # 나비 posts in time, but the advertiser never reviews it; 콩이 never posts.
    unreviewed = await sandbox_post(edge, nabi.handle, "나비 유산균 후기 #광고 #펫풀")
    await s.submit(nabi, nabis, unreviewed)
    await s.sync(nabi)

    await advance(edge, 7 * DAY)  # activity ended: the approved post completes
    assert await s.phase(cid) == "REVIEWING"
    await advance(edge, 4 * DAY)  # past the grace days: the silent one is a no-show
    assert await s.phase(cid) == "COMPLETED"
    assert (await s.application(kongi, kongis))["status"] == "NO_SHOW"
    # An unreviewed post counts as delivered: the review window lapsed, not the PetStar.
    delivered = await s.application(nabi, nabis)
    assert delivered["status"] == "COMPLETED"
    assert delivered["submissions"][-1]["reason"].startswith("approved automatically")

    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report", headers=s.advertiser)
    results = r.json()
    assert results["totals"]["completed"] == 2
    assert results["totals"]["no_show"] == 1
    assert results["totals"]["total_cost_krw"] == 90000
    assert {row["status"] for row in results["rows"]} == {"COMPLETED", "NO_SHOW"}
    assert results["totals"]["likes"] == 842 + 100
    r = await c.get(f"/api/v1/advertiser/campaigns/{cid}/report", headers=s.rival)
    assert r.status_code == 404
