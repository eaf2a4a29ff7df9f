"""Leaving reaches every service (docs/security.md, "Leaving").

One PetStar owner and one advertiser with data in every service: the owner has an approved
PetStar on a linked Instagram account, an application to the advertiser's recruiting
campaign and a report; the advertiser an approved company profile. Each withdraws through
the edge, the events run through every subscriber as the worker would, and each service is
checked through the API (and, where the API no longer shows anything, its tables). Then the
records period ends and identity's erasure reaches the records kept.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from petful.advertisers.models import Profile
from petful.campaigns.models import Applicant
from petful.community.reports.models import Report
from petful.community.reports.rules import ERASED_REPORTER
from petful.matching.models import PetStarDoc
from petful.platform.db import transaction
from petful.sns.models import Account as SnsAccount
from tests.integration.conftest import (
    IdentityEdge,
    drain,
    erase_after_retention,
    outbox_ids,
    withdraw_via_edge,
)
from tests.integration.test_campaigns_edge import approved_advertiser, petstar, scene

SCHEMAS = ("identity", "pets", "sns", "campaigns", "advertisers", "matching", "community")
# Mail needs an SMTP server these tests do not run; what is mailed is tested elsewhere.
NO_MAIL = frozenset({"identity.send_mail"})
BRN = "123-45-67891"  # the scene advertiser's number


async def _rows(model: Any, *where: Any) -> int:
    async with transaction() as session:
        count = await session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))
    return int(count or 0)


async def test_leaving_reaches_every_service(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    s = await scene(edge)
    bori = await petstar(edge, "bori")
    owner_id = uuid.UUID(edge.users["bori@example.com"])
    advertiser_id = uuid.UUID(edge.users["ads@example.com"])
    pet = (await s.client.get(f"/api/v1/pets/{bori.pet_id}", headers=bori.owner)).json()
    assert pet["instagram_account_id"]
    cid = await s.recruiting()
    application = await s.apply(cid, bori)
    r = await s.client.post(
        "/api/v1/reports",
        headers=bori.owner,
        json={
            "target_type": "USER",
            "target_id": str(advertiser_id),
            "category": "ABUSE",
            "text": "sent me rude messages about my dog",
        },
    )
    assert r.status_code == 201, r.text
    report_id = uuid.UUID(r.json()["id"])
    await drain(SCHEMAS, before=set(), skip=NO_MAIL)  # a worker that kept up all along
    assert await _rows(PetStarDoc, PetStarDoc.owner_id == owner_id) == 1

    # --- the PetStar owner leaves --------------------------------------------------------
    before = await outbox_ids(SCHEMAS)
    await withdraw_via_edge(edge, bori.owner)
    await drain(SCHEMAS, before=before, skip=NO_MAIL)

    # pets: the pet is gone for everyone, the directory does not list it.
    assert (await s.client.get(f"/api/v1/pets/{bori.pet_id}", headers=s.admin)).status_code == 404
    assert (await s.client.get(f"/api/v1/petstars/{bori.pet_id}")).status_code == 404
    listed = (await s.client.get("/api/v1/petstars")).json()["items"]
    assert bori.pet_id not in {card["pet_id"] for card in listed}
    # matching: no recommendation can return it.
    assert await _rows(PetStarDoc, PetStarDoc.owner_id == owner_id) == 0
    # sns: the app's access was revoked at Instagram and nothing synced is kept.
    assert edge.sandbox is not None
    assert edge.sandbox.state.deauthorizations
    assert await _rows(SnsAccount, SnsAccount.owner_user_id == owner_id) == 0
    # campaigns: the application ended with a reason the advertiser sees; its note is gone.
    r = await s.client.get(f"/api/v1/advertiser/campaigns/{cid}/applicants", headers=s.advertiser)
    (seen,) = [a for a in r.json()["items"] if a["id"] == application["id"]]
    assert seen["status"] == "CANCELLED"
    assert "탈퇴" in seen["status_reason"]
    assert seen["note"] == ""
    # community: the report stays for moderation until the records period ends.
    async with transaction() as session:
        report = await session.get(Report, report_id)
        assert report is not None
        assert report.reporter_id == owner_id

    # --- the advertiser leaves -----------------------------------------------------------
    before = await outbox_ids(SCHEMAS)
    await withdraw_via_edge(edge, s.advertiser, "closing the business")
    await drain(SCHEMAS, before=before, skip=NO_MAIL)

    # campaigns: the recruiting campaign is cancelled with its reason.
    r = await s.client.get(f"/api/v1/campaigns/{cid}", headers=s.admin)
    assert r.json()["phase"] == "CANCELLED", r.text
    assert "탈퇴" in r.json()["phase_reason"]
    # advertisers: the profile is closed, its contact data cleared, the number free again.
    async with transaction() as session:
        profile = await session.get(Profile, advertiser_id)
        assert profile is not None
        assert profile.status == "WITHDRAWN"
        assert (profile.representative_name, profile.phone, profile.contact_email) == ("", "", "")
    await approved_advertiser(edge, "newco@example.com", BRN)

    # --- the records period ends -----------------------------------------------------------
    before = await outbox_ids(SCHEMAS)
    assert await erase_after_retention(edge.settings) == 2
    await drain(SCHEMAS, before=before, skip=NO_MAIL)

    async with transaction() as session:
        assert await session.get(Profile, advertiser_id) is None
        applicant = await session.get(Applicant, uuid.UUID(application["id"]))
        assert applicant is not None
        assert applicant.pet_name == "탈퇴한 회원"
        assert applicant.status == "CANCELLED"  # the record stays, about no one
        report = await session.get(Report, report_id)
        assert report is not None
        assert report.reporter_id == ERASED_REPORTER
        assert report.text == ""
