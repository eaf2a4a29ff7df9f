"""An advertiser's account leaves: identity's withdrawal closes the company profile (the
registration number free again, contact data and logo gone, the certificate kept as the
business record), identity's erasure after the retention period deletes the rest.

Real identity, advertisers and edge (the `identity_edge` fixture), PostgreSQL and Redis;
the events go from identity's outbox to the advertisers subscribers as a worker hands them.
"""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from petful.advertisers import tasks as advertisers_tasks  # noqa: F401 - registers subscribers
from petful.advertisers.models import Profile
from petful.contracts import identity as identity_events
from petful.platform import events, media, outbox
from petful.platform.db import transaction
from petful.platform.outbox import Event
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    erase_after_retention,
    headers_for,
    withdraw_via_edge,
)
from tests.integration.test_advertisers import (
    ADMIN,
    ADV,
    PROFILE,
    admin,
    advertiser,
    approved,
    body,
    decide,
    submitted,
    with_document,
)
from tests.integration.test_pets import png

WITHDRAWN = identity_events.ACCOUNT_WITHDRAWN.name
ERASED = identity_events.ACCOUNT_ERASED.name
WITHDRAW_SUB = "advertisers.withdraw_profile"
ERASE_SUB = "advertisers.erase_profile"
RIVAL = "rival@example.com"
BRN = "123-45-67891"  # body()'s number, normalised


async def replay_as_new(topic: str, subscriber: str) -> int:
    """Hand identity's events of topic to the subscriber again under fresh event ids, so
    the inbox does not dedupe them: the handler itself must change nothing."""
    (subscription,) = [s for s in events.subscribers_of(topic) if s.name == subscriber]
    table = outbox.outbox_table("identity")
    async with transaction() as session:
        rows = (await session.execute(sa.select(table).where(table.c.topic == topic))).all()
    for row in rows:
        event = Event(uuid.uuid4(), row.topic, "identity", row.payload, row.created_at, row.headers)
        assert await events.consume(subscription, event) is True
    return len(rows)


async def profile_of(user_id: str) -> Profile | None:
    async with transaction() as session:
        return await session.get(Profile, uuid.UUID(user_id))


async def media_row(media_id: str) -> media.MediaRecord:
    async with transaction() as session:
        record = await media.get_media(session, schema="advertisers", media_id=uuid.UUID(media_id))
    assert record is not None
    return record


async def stored(edge: IdentityEdge, key: str) -> bool:
    try:
        await media.get_storage(edge.settings).get(key)
    except media.ObjectNotFound:
        return False
    return True


async def approved_with_logo(edge: IdentityEdge) -> tuple[dict[str, str], Profile]:
    shop = await advertiser(edge)
    await approved(edge, shop)
    r = await edge.client.put(f"{PROFILE}/logo", headers=shop, files={"file": ("l.png", png())})
    assert r.status_code == 200, r.text
    profile = await profile_of(edge.users[ADV])
    assert profile is not None
    assert profile.logo_media_id
    assert profile.business_document_media_id
    return shop, profile


async def test_withdrawal_closes_the_profile_and_frees_the_number(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    shop, before = await approved_with_logo(edge)
    logo_url = (await media_row(before.logo_media_id)).url
    assert (await edge.client.get(logo_url)).status_code == 200

    await withdraw_via_edge(edge, shop)
    assert await deliver(WITHDRAWN, "identity", WITHDRAW_SUB) == 1

    closed = await profile_of(edge.users[ADV])
    assert closed is not None
    assert closed.status == "WITHDRAWN"
    # Contact data and what only the public profile needed: gone at once.
    assert (closed.representative_name, closed.phone, closed.contact_email) == ("", "", "")
    assert (closed.website, closed.description, closed.logo_media_id) == ("", "", "")
    # The business record: company, number, certificate and the admin's decision.
    assert (closed.company_name, closed.business_registration_number) == ("펫풀 주식회사", BRN)
    assert closed.business_document_media_id == before.business_document_media_id
    assert (closed.decided_by, closed.decided_at) == (before.decided_by, before.decided_at)

    assert (await media_row(before.logo_media_id)).status is media.Status.DELETED
    assert (await edge.client.get(logo_url)).status_code == 404
    document = await media_row(before.business_document_media_id)
    assert document.status is not media.Status.DELETED
    assert await stored(edge, document.key)

    # Admins see the closed record and can still read the certificate, but not approve it.
    admin_headers = await admin(edge)
    r = await edge.client.get(
        "/api/v1/admin/advertisers", headers=admin_headers, params={"status": "WITHDRAWN"}
    )
    assert r.status_code == 200, r.text
    (listed,) = r.json()["items"]
    assert (listed["user_id"], listed["contact_email"], listed["logo_url"]) == (
        edge.users[ADV],
        "",
        None,
    )
    r = await edge.client.get(
        f"/api/v1/admin/advertisers/{edge.users[ADV]}/document", headers=admin_headers
    )
    assert r.status_code == 200
    assert r.content.startswith(b"%PDF-")
    for verb in ("approve", "reinstate"):
        assert (await decide(edge, edge.users[ADV], verb)).status_code == 409

    # The same business registers again under another account, up to approval.
    rival = await advertiser(edge, RIVAL)
    await submitted(edge, rival)
    r = await decide(edge, edge.users[RIVAL], "approve")
    assert r.status_code == 200, r.text
    assert r.json()["business_registration_number"] == BRN


async def test_withdrawal_is_a_no_op_the_second_time(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop, _ = await approved_with_logo(edge)
    # A pet owner leaving too: an advertisers subscriber finds no profile and does nothing.
    await withdraw_via_edge(edge, await headers_for(edge, "owner@example.com"))
    await withdraw_via_edge(edge, shop)
    assert await deliver(WITHDRAWN, "identity", WITHDRAW_SUB) == 2
    closed = await profile_of(edge.users[ADV])

    assert await deliver(WITHDRAWN, "identity", WITHDRAW_SUB) == 0  # the inbox dedupes
    assert await replay_as_new(WITHDRAWN, WITHDRAW_SUB) == 2  # and the handler is idempotent
    again = await profile_of(edge.users[ADV])
    assert closed is not None
    assert again is not None
    assert (again.status, again.updated_at) == ("WITHDRAWN", closed.updated_at)
    assert again.business_document_media_id == closed.business_document_media_id
    assert await profile_of(edge.users["owner@example.com"]) is None


async def test_erasure_deletes_the_kept_record(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    shop, before = await approved_with_logo(edge)
    await withdraw_via_edge(edge, shop)
    await deliver(WITHDRAWN, "identity", WITHDRAW_SUB)
    rival = await advertiser(edge, RIVAL)
    assert (await edge.client.put(PROFILE, headers=rival, json=body())).status_code == 200
    document = await media_row(before.business_document_media_id)

    assert await erase_after_retention(edge.settings) >= 1
    assert await deliver(ERASED, "identity", ERASE_SUB) == 1

    assert await profile_of(edge.users[ADV]) is None
    assert (await media_row(before.business_document_media_id)).status is media.Status.DELETED
    assert not await stored(edge, document.key)
    r = await edge.client.get(
        f"/api/v1/admin/advertisers/{edge.users[ADV]}/document", headers=await admin(edge)
    )
    assert r.status_code == 404
    # The business that registered the freed number is not touched.
    rival_profile = await profile_of(edge.users[RIVAL])
    assert rival_profile is not None
    assert rival_profile.business_registration_number == BRN

    assert await deliver(ERASED, "identity", ERASE_SUB) == 0
    assert await replay_as_new(ERASED, ERASE_SUB) == 1
    assert await profile_of(edge.users[RIVAL]) is not None


async def test_a_profile_never_submitted_goes_at_withdrawal(identity_edge: IdentityEdge) -> None:
    """Never reviewed, never approved: no business relationship, no record to keep."""
    edge = identity_edge
    shop = await advertiser(edge)
    assert (await edge.client.put(PROFILE, headers=shop, json=body())).status_code == 200
    await with_document(edge, shop)
    r = await edge.client.put(f"{PROFILE}/logo", headers=shop, files={"file": ("l.png", png())})
    assert r.status_code == 200, r.text
    draft = await profile_of(edge.users[ADV])
    assert draft is not None
    assert draft.status == "DRAFT"

    await withdraw_via_edge(edge, shop)
    assert await deliver(WITHDRAWN, "identity", WITHDRAW_SUB) == 1

    assert await profile_of(edge.users[ADV]) is None
    for media_id in (draft.logo_media_id, draft.business_document_media_id):
        record = await media_row(media_id)
        assert record.status is media.Status.DELETED
        assert not await stored(edge, record.key)
    rival = await advertiser(edge, RIVAL)
    assert (await edge.client.put(PROFILE, headers=rival, json=body())).status_code == 200


@pytest.mark.parametrize("status", ["PENDING", "REJECTED", "RESTRICTED"])
async def test_every_reviewed_status_closes_the_same_way(
    identity_edge: IdentityEdge, status: str
) -> None:
    edge = identity_edge
    shop = await advertiser(edge)
    await submitted(edge, shop)
    shop_id = edge.users[ADV]
    if status == "REJECTED":
        assert (await decide(edge, shop_id, "reject", "서류가 흐립니다")).status_code == 200
    if status == "RESTRICTED":
        assert (await decide(edge, shop_id, "approve")).status_code == 200
        assert (await decide(edge, shop_id, "restrict", "허위 광고 신고 누적")).status_code == 200

    await withdraw_via_edge(edge, shop)
    await deliver(WITHDRAWN, "identity", WITHDRAW_SUB)

    closed = await profile_of(shop_id)
    assert closed is not None
    assert (closed.status, closed.contact_email) == ("WITHDRAWN", "")
    assert closed.decided_by == (None if status == "PENDING" else uuid.UUID(edge.users[ADMIN]))
