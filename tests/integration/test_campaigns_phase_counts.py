"""CountCampaignsByPhase (the admin dashboard's campaigns by phase) over the real campaigns
service: every phase that has campaigns with its count, in the phases' order; admins only."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.platform.auth_context import Role
from petful.platform.errors import PermissionDenied
from petful.platform.settings import Settings
from tests.integration.campaigns_support import CODE, Stack, caller, running_stack


@pytest.fixture
async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
    async with running_stack(settings, monkeypatch) as s:
        yield s


async def counts(stack: Stack) -> list[tuple[str, int]]:
    reply = await stack.admin(stack.rpc.CountCampaignsByPhase, pb.CountCampaignsByPhaseRequest())
    return [(pb.Phase.Name(item.phase), item.count) for item in reply.items]


async def test_counts_each_phase_in_order(stack: Stack) -> None:
    assert await counts(stack) == []
    await stack.draft()
    await stack.draft()
    await stack.submitted()
    await stack.recruiting()
    assert await counts(stack) == [
        ("PHASE_DRAFT", 2),
        ("PHASE_PENDING_REVIEW", 1),
        ("PHASE_RECRUITING", 1),
    ]


async def test_only_admins_may_count(stack: Stack) -> None:
    request = pb.CountCampaignsByPhaseRequest()
    for who in (stack.advertiser, caller(Role.USER)):
        error = await who.fails(stack.rpc.CountCampaignsByPhase, request, CODE.PERMISSION_DENIED)
        assert isinstance(error, PermissionDenied)
