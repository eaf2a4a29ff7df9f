"""Browsing campaigns over gRPC: the public tabs, sorts, search and paging."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.common.v1 import species_pb2
from petful.platform.auth_context import Role
from petful.platform.settings import Settings
from tests.integration.campaigns_support import (
    ANONYMOUS,
    CODE,
    DAY,
    T0,
    Caller,
    Stack,
    caller,
    running_stack,
    ts,
)


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


# --- browsing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    """Three recruiting campaigns a minute apart and a draft; bori applied to `harness`."""

    litter: pb.Campaign  # the oldest, for cats
    harness: pb.Campaign  # the earliest deadline, the only one about walks, two applicants
    seeds: pb.Campaign  # the newest, for birds
    draft: pb.Campaign
    bori: Caller


@pytest.fixture
async def catalog(stack: Stack) -> Catalog:
    litter = await stack.recruiting(
        T0, title="고양이 모래 체험단", target_species=[species_pb2.SPECIES_CAT]
    )
    harness = await stack.recruiting(
        T0 + timedelta(minutes=1),
        title="강아지 하네스",
        recruit_end=ts(T0 + 6 * DAY),
        announce_at=ts(T0 + 7 * DAY),
        keywords=["산책"],
    )
    seeds = await stack.recruiting(
        T0 + timedelta(minutes=2), title="새 모이", target_species=[species_pb2.SPECIES_BIRD]
    )
    draft = await stack.draft()
    bori, _ = await stack.apply(harness.id, "보리")
    await stack.apply(harness.id, "콩이")
    return Catalog(litter, harness, seeds, draft, bori)


async def browse(who: Caller, stack: Stack, **request: Any) -> list[str]:
    page = await who(stack.rpc.ListCampaigns, pb.ListCampaignsRequest(**request))
    return [i.id for i in page.items]


async def test_browsing_lists_the_public_campaigns_by_each_sort(
    stack: Stack, catalog: Catalog
) -> None:
    anyone = caller(Role.USER)
    newest = await browse(anyone, stack)
    assert newest == [catalog.seeds.id, catalog.harness.id, catalog.litter.id]
    assert catalog.draft.id not in newest
    assert (await browse(anyone, stack, sort=pb.SORT_DEADLINE))[0] == catalog.harness.id
    assert (await browse(anyone, stack, sort=pb.SORT_POPULAR))[0] == catalog.harness.id


async def test_every_sort_pages_through_every_campaign(stack: Stack, catalog: Catalog) -> None:
    anyone = caller(Role.USER)
    for sort in (pb.SORT_NEWEST, pb.SORT_DEADLINE, pb.SORT_POPULAR):
        seen: list[str] = []
        cursor = ""
        while True:
            request = pb.ListCampaignsRequest(sort=sort, page_size=2, cursor=cursor)
            page = await anyone(stack.rpc.ListCampaigns, request)
            seen += [i.id for i in page.items]
            cursor = page.next_cursor
            if not cursor:
                break
        assert sorted(seen) == sorted([catalog.litter.id, catalog.harness.id, catalog.seeds.id])


async def test_search_by_words_company_and_species(stack: Stack, catalog: Catalog) -> None:
    anyone = caller(Role.USER)
    assert await browse(anyone, stack, query="산책") == [catalog.harness.id]
    assert len(await browse(anyone, stack, query="펫풀")) == 3  # company name snapshot
    assert await browse(anyone, stack, species=species_pb2.SPECIES_CAT) == [catalog.litter.id]


async def test_the_applied_tab_lists_the_callers_campaigns(stack: Stack, catalog: Catalog) -> None:
    assert await browse(catalog.bori, stack, tab=pb.TAB_APPLIED) == [catalog.harness.id]
    assert await browse(caller(Role.USER), stack, tab=pb.TAB_APPLIED) == []
    await ANONYMOUS.fails(
        stack.rpc.ListCampaigns, pb.ListCampaignsRequest(tab=pb.TAB_APPLIED), CODE.UNAUTHENTICATED
    )


async def test_the_ended_tab_lists_closed_recruitments(stack: Stack, catalog: Catalog) -> None:
    await stack.advance(T0 + 6 * DAY)
    assert await browse(caller(Role.USER), stack, tab=pb.TAB_ENDED) == [catalog.harness.id]


async def test_bad_paging_names_the_fields(stack: Stack) -> None:
    err = await caller(Role.USER).fails(
        stack.rpc.ListCampaigns,
        pb.ListCampaignsRequest(cursor="garbage!", page_size=1000),
        CODE.INVALID_ARGUMENT,
    )
    assert {f for f, _ in err.field_violations} == {"cursor", "page_size"}
