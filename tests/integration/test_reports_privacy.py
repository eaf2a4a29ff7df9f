"""User reports (신고) when accounts leave: a withdrawal changes nothing (reports by and about
the person stay for moderation); identity's erasure after the retention period takes the
reporter's name and words off the reports they filed.

Real identity, community and edge (the `identity_edge` fixture), PostgreSQL and Redis; the
events go from identity's outbox to the community subscriber as a worker hands them.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from petful.community import tasks as community_tasks  # noqa: F401 - registers subscribers
from petful.community.reports import service
from petful.community.reports.models import Report
from petful.community.reports.rules import ERASED_REPORTER
from petful.contracts import community as contracts
from petful.contracts import identity as identity_events
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from tests.integration.conftest import (
    IdentityEdge,
    deliver,
    erase_after_retention,
    headers_for,
    outbox_payloads,
    withdraw_via_edge,
)

Headers = dict[str, str]
ERASED = identity_events.ACCOUNT_ERASED.name
FORGET = "community.forget_reporter"
BORI, TROLL, IMP, JUDGE = (f"{n}@example.com" for n in ("bori", "troll", "imp", "judge"))


async def file(edge: IdentityEdge, by: Headers, target_type: str, target_id: str) -> str:
    r = await edge.client.post(
        "/api/v1/reports",
        headers=by,
        json={
            "target_type": target_type,
            "target_id": target_id,
            "category": "ABUSE",
            "text": "keeps insulting my dog in the comments",
        },
    )
    assert r.status_code == 201, r.text
    report_id: str = r.json()["id"]
    return report_id


async def decide(edge: IdentityEdge, report_id: str, verb: str, **body: Any) -> Any:
    return await edge.client.post(
        f"/api/v1/admin/reports/{report_id}/{verb}",
        json={"reason": "confirmed harassment", **body},
        headers=await headers_for(edge, JUDGE, Role.ADMIN),
    )


async def reports() -> dict[str, Report]:
    async with transaction() as session:
        return {str(r.id): r for r in (await session.scalars(sa.select(Report))).all()}


async def test_reports_by_and_about_a_withdrawn_user_stay_for_moderation(
    identity_edge: IdentityEdge,
) -> None:
    edge = identity_edge
    bori, troll = await headers_for(edge, BORI), await headers_for(edge, TROLL)
    about_troll = await file(edge, bori, "USER", edge.users[TROLL])
    by_troll = await file(edge, troll, "USER", edge.users[BORI])

    await withdraw_via_edge(edge, await headers_for(edge, TROLL))

    kept = await reports()
    assert (kept[about_troll].target_id, kept[by_troll].reporter_id) == (
        uuid.UUID(edge.users[TROLL]),
        uuid.UUID(edge.users[TROLL]),
    )
    assert kept[by_troll].text
    # Identity cannot suspend a withdrawn account: the report stays open for a decision...
    r = await decide(edge, about_troll, "resolve", action="SUSPEND_AUTHOR")
    assert r.status_code == 409, r.text
    assert (await reports())[about_troll].status == "OPEN"
    # ...which the admin takes without the suspension, as for the report the leaver filed.
    r = await decide(edge, about_troll, "resolve", action="NONE", reason="account already closed")
    assert (r.status_code, r.json()["status"]) == (200, "RESOLVED")
    assert (await decide(edge, by_troll, "dismiss")).status_code == 200


async def test_erasure_forgets_the_reporter_and_their_words(identity_edge: IdentityEdge) -> None:
    edge = identity_edge
    bori = await headers_for(edge, BORI)
    r = await edge.client.post(
        "/api/v1/community/posts",
        headers=bori,
        json={"board": "INFORMATION", "title": "산책 코스 추천", "body": "한강 산책로가 좋아요"},
    )
    assert r.status_code == 201, r.text
    post = r.json()["id"]
    # troll and imp each report the same post and bori: once both are erased, their open
    # reports about bori must not clash.
    theirs: list[str] = []
    for email in (TROLL, IMP):
        h = await headers_for(edge, email)
        theirs += [await file(edge, h, "POST", post), await file(edge, h, "USER", edge.users[BORI])]
    handled = theirs[0]
    assert (await decide(edge, handled, "dismiss")).status_code == 200
    about_troll = await file(edge, bori, "USER", edge.users[TROLL])
    for email in (TROLL, IMP):
        await withdraw_via_edge(edge, await headers_for(edge, email))
    assert (await reports())[theirs[1]].reporter_id == uuid.UUID(edge.users[TROLL])

    await erase_after_retention(edge.settings)
    assert await deliver(ERASED, "identity", FORGET) == 2

    after = await reports()
    for report_id in theirs:
        # Kept for moderation, in the status it had, naming nobody and saying nothing.
        assert (after[report_id].reporter_id, after[report_id].text) == (ERASED_REPORTER, "")
    # Dismissing troll's report about the post decided imp's about it too.
    assert [after[r].status for r in theirs] == ["DISMISSED", "OPEN", "DISMISSED", "OPEN"]
    assert after[handled].resolution_reason == "confirmed harassment"
    # Reports about an erased person hold only the account id: nothing else to forget.
    assert after[about_troll].reporter_id == uuid.UUID(edge.users[BORI])
    assert after[about_troll].text == "keeps insulting my dog in the comments"

    # A redelivery is skipped, and the work itself finds nothing left to do.
    assert await deliver(ERASED, "identity", FORGET) == 0
    async with transaction() as session:
        assert await service.forget_reporter(session, user_id=uuid.UUID(edge.users[TROLL])) == 0

    # The anonymised reports are still worked; the decision names no reporter.
    r = await decide(edge, theirs[1], "resolve", action="NONE")
    assert r.status_code == 200, r.text
    assert r.json()["reporter_id"] == str(ERASED_REPORTER)
    events = await outbox_payloads(contracts.REPORT_RESOLVED.name, schema="community")
    # imp's report about bori was decided with it: each names no reporter.
    assert {e["report_id"]: e["reporter_id"] for e in events} == {
        theirs[1]: str(ERASED_REPORTER),
        theirs[3]: str(ERASED_REPORTER),
    }
