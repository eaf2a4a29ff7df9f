"""The campaigns service over real gRPC servers (campaigns, advertisers and pets), real
PostgreSQL, an injected clock: what the `test_campaigns_*` service tests share. No mocks of
our code.

Pets and advertiser profiles are seeded straight into their services' schemas (the PetStar
workflow and the advertiser approval have their own tests); campaigns only ever reads them
over gRPC (pets GetPet, advertisers GetApproval) with the caller's identity forwarded.

Participants: `advertiser` (approved, 펫풀 푸드), `rival` (another approved advertiser),
`unapproved` (an advertiser still waiting for approval), `admin`, and pet owners named by
their pet (`bori` owns 보리). Calls go through the typed stub: `await bori(rpc.Apply, ...)`.
Each test module binds the stack with

    @pytest.fixture
    async def stack(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Stack]:
        async with running_stack(settings, monkeypatch) as s:
            yield s
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import grpc
import pytest
import sqlalchemy as sa
from google.protobuf.timestamp_pb2 import Timestamp

from petful.advertisers import grpc_api as advertisers_grpc_api
from petful.advertisers.models import Profile
from petful.campaigns import grpc_api as campaigns_grpc_api
from petful.contracts.base import Topic
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pb.common.v1 import species_pb2
from petful.pets import grpc_api as pets_grpc_api
from petful.pets.models import Pet
from petful.platform import outbox
from petful.platform import settings as settings_module
from petful.platform.auth_context import Principal, Role, service_principal, use_principal
from petful.platform.db import transaction
from petful.platform.errors import DomainError, from_rpc_error
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import start_server
from petful.platform.settings import Settings

Req = TypeVar("Req")
Resp = TypeVar("Resp")
T0 = datetime(2030, 3, 2, 0, 0, tzinfo=UTC)
DAY = timedelta(days=1)
CODE = grpc.StatusCode


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# --- participants --------------------------------------------------------------------------


@dataclass(frozen=True)
class Caller:
    """One participant: every stub call made through it carries their identity."""

    principal: Principal

    @property
    def user_id(self) -> str:
        return str(self.principal.user_id)

    async def __call__(self, rpc: Callable[[Req], Awaitable[Resp]], request: Req) -> Resp:
        with use_principal(self.principal):
            return await rpc(request)

    async def fails(
        self, rpc: Callable[[Req], Awaitable[Any]], request: Req, code: grpc.StatusCode
    ) -> DomainError:
        """The call fails with code; the domain error it stands for."""
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await self(rpc, request)
        assert info.value.code() == code, info.value.details()
        return from_rpc_error(info.value)

    async def gather(self, calls: list[Callable[[], Awaitable[Resp]]]) -> list[Any]:
        """Calls at once (answers or the errors they raised, in order)."""
        with use_principal(self.principal):
            return await asyncio.gather(*(c() for c in calls), return_exceptions=True)


def caller(role: Role) -> Caller:
    return Caller(Principal(user_id=str(uuid.uuid4()), roles=frozenset({role})))


ANONYMOUS = Caller(Principal())


# --- the pets dependency -------------------------------------------------------------------


class SeededPets:
    """Pets written straight into the pets schema (owner, species, PetStar status); the real
    pets gRPC server answers campaigns' GetPet calls about them."""

    def __init__(self) -> None:
        self.count = 0

    async def add(
        self, owner: Caller, *, species: str = "DOG", approved: bool = True, name: str = ""
    ) -> str:
        self.count += 1
        name = name or f"펫{self.count}"
        pet = Pet(
            id=uuid.uuid4(),
            owner_id=uuid.UUID(owner.user_id),
            name=name,
            name_key=name.casefold(),
            species=species,
            breed="",
            sex="UNKNOWN",
            neutered=False,
            personality_tags=[],
            intro="",
            instagram_username="",
            petstar_status="APPROVED" if approved else "NONE",
            petstar_since=T0 if approved else None,
            followers_count=0,
            engagement_rate=0.0,
            created_at=T0,
            updated_at=T0,
        )
        async with transaction() as session:
            session.add(pet)
        return str(pet.id)


# --- the stack -----------------------------------------------------------------------------


def advertiser_profile(user_id: str, brn: str, status: str, name: str) -> Profile:
    return Profile(
        user_id=uuid.UUID(user_id),
        company_name=name,
        business_registration_number=brn,
        representative_name="홍길동",
        phone="02-123-4567",
        website="",
        contact_email="ads@example.com",
        description="",
        logo_media_id="",
        business_document_media_id="",
        status=status,
        status_reason=None,
        created_at=T0,
        updated_at=T0,
        submitted_at=T0,
        decided_at=T0,
        decided_by=None,
    )


@dataclass
class Stack:
    settings: Settings
    clock: Clock
    pets: SeededPets
    advertiser: Caller = field(default_factory=lambda: caller(Role.ADVERTISER))
    rival: Caller = field(default_factory=lambda: caller(Role.ADVERTISER))
    unapproved: Caller = field(default_factory=lambda: caller(Role.ADVERTISER))
    admin: Caller = field(default_factory=lambda: caller(Role.ADMIN))
    scheduler: Caller = field(default_factory=lambda: Caller(service_principal("test")))

    @property
    def rpc(self) -> campaigns_pb2_grpc.CampaignServiceStub:
        return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))

    async def draft(self, **overrides: Any) -> pb.Campaign:
        request = pb.CreateCampaignRequest(fields=fields(**overrides))
        return await self.advertiser(self.rpc.CreateCampaign, request)

    async def submitted(self, **overrides: Any) -> pb.Campaign:
        c = await self.draft(**overrides)
        return await self.advertiser(
            self.rpc.SubmitCampaign, pb.SubmitCampaignRequest(campaign_id=c.id)
        )

    async def recruiting(self, at: datetime = T0, **overrides: Any) -> pb.Campaign:
        """A campaign created, submitted and approved; the clock inside its recruitment
        (it is set back to `at` first, so the default dates are in the future)."""
        self.clock.now = at
        c = await self.submitted(**overrides)
        c = await self.admin(self.rpc.ApproveCampaign, pb.ApproveCampaignRequest(campaign_id=c.id))
        self.clock.now = ts_dt(c.fields.recruit_start) + timedelta(hours=1)
        return c

    async def campaign(self, campaign_id: str) -> pb.Campaign:
        """The campaign as its advertiser sees it."""
        return await self.advertiser(
            self.rpc.GetCampaign, pb.GetCampaignRequest(campaign_id=campaign_id)
        )

    async def owner(self, name: str = "", *, species: str = "DOG") -> tuple[Caller, str]:
        """A pet owner and their approved PetStar pet (its id)."""
        owner = caller(Role.USER)
        return owner, await self.pets.add(owner, species=species, name=name)

    async def apply(
        self, campaign_id: str, name: str = "", *, species: str = "DOG"
    ) -> tuple[Caller, pb.Applicant]:
        owner, pet_id = await self.owner(name, species=species)
        note = f"{name or '우리 아이'}가 지원합니다!"
        request = pb.ApplyRequest(campaign_id=campaign_id, pet_id=pet_id, note=note)
        return owner, await owner(self.rpc.Apply, request)

    async def application(self, who: Caller, applicant_id: str) -> pb.Applicant:
        return await who(
            self.rpc.GetApplication, pb.GetApplicationRequest(applicant_id=applicant_id)
        )

    async def select(self, *applicants: pb.Applicant) -> None:
        for a in applicants:
            request = pb.SelectApplicantRequest(applicant_id=a.id)
            await self.advertiser(self.rpc.SelectApplicant, request)

    async def ship(self, a: pb.Applicant, carrier: str = "CJ대한통운") -> pb.Applicant:
        request = pb.ShipApplicantRequest(applicant_id=a.id, carrier=carrier, tracking_number="1")
        return await self.advertiser(self.rpc.ShipApplicant, request)

    async def post(self, owner: Caller, a: pb.Applicant, url: str) -> pb.Applicant:
        request = pb.SubmitContentRequest(applicant_id=a.id, post_url=url)
        return await owner(self.rpc.SubmitContent, request)

    async def approve(self, a: pb.Applicant) -> pb.Applicant:
        request = pb.ReviewContentRequest(applicant_id=a.id, approve=True)
        return await self.advertiser(self.rpc.ReviewContent, request)

    async def advance(self, at: datetime) -> pb.AdvanceDueResponse:
        self.clock.now = at
        request = pb.AdvanceDueRequest(now=ts(at))
        return await self.scheduler(self.rpc.AdvanceDue, request)

    async def announced(
        self, headcount: int, applicants: int, **overrides: Any
    ) -> tuple[pb.Campaign, list[tuple[Caller, pb.Applicant]]]:
        """A campaign whose first `headcount` of `applicants` applicants were selected and
        announced (the clock at the announcement, before the activity starts)."""
        c = await self.recruiting(headcount=headcount, **overrides)
        applied = [await self.apply(c.id, f"펫{i}") for i in range(applicants)]
        await self.advance(T0 + 8 * DAY)
        await self.select(*(a for _, a in applied[:headcount]))
        request = pb.ConfirmSelectionRequest(campaign_id=c.id)
        c = await self.advertiser(self.rpc.ConfirmSelection, request)
        return c, applied


def ts(value: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(value)
    return t


def ts_dt(value: Timestamp) -> datetime:
    return value.ToDatetime(tzinfo=UTC)


def fields(**overrides: Any) -> pb.CampaignFields:
    days = {
        "recruit_start": 1,
        "recruit_end": 8,
        "announce_at": 9,
        "activity_start": 10,
        "activity_end": 24,
    }
    data: dict[str, Any] = {
        "title": "유기농 강아지 간식 체험단",
        "product_name": "멍멍 져키",
        "product_description": "국내산 닭가슴살로 만든 간식입니다.",
        "image_media_ids": [],
        "objective": "신제품 인지도",
        "missions": ["간식 먹는 영상 촬영", "솔직한 후기"],
        "keywords": ["강아지간식", "져키"],
        "hashtags": ["#강아지간식"],
        "requirements": ["소형견"],
        "product_url": "https://shop.example/jerky",
        "campaign_type": pb.CAMPAIGN_TYPE_DELIVERY,
        "target_species": [species_pb2.SPECIES_DOG],
        "headcount": 3,
        "reward_description": "져키 3봉",
        "reward_value_krw": 30000,
        **{k: ts(T0 + v * DAY) for k, v in days.items()},
    }
    data.update(overrides)
    return pb.CampaignFields(**data)


@asynccontextmanager
async def running_stack(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    """The three services on free ports, found through PETFUL_SERVICE_TARGETS."""
    clock = Clock(T0)
    advertisers = await start_server(
        "advertisers", advertisers_grpc_api.register, settings=settings, port=0
    )
    pets_server = await start_server(
        "pets",
        lambda s: pets_grpc_api.register(s, settings=settings),
        settings=settings,
        port=0,
    )
    campaigns = await start_server(
        "campaigns",
        lambda s: campaigns_grpc_api.register(s, settings=settings, clock=clock),
        settings=settings,
        port=0,
    )
    monkeypatch.setenv(
        "PETFUL_SERVICE_TARGETS",
        json.dumps(
            {
                "advertisers": f"127.0.0.1:{advertisers.port}",
                "pets": f"127.0.0.1:{pets_server.port}",
                "campaigns": f"127.0.0.1:{campaigns.port}",
            }
        ),
    )
    settings_module.get_settings.cache_clear()
    s = Stack(settings_module.get_settings(), clock, SeededPets())
    async with transaction() as session:
        for who, brn, status, name in (
            (s.advertiser, "123-45-67891", "APPROVED", "펫풀 푸드"),
            (s.rival, "220-81-62517", "APPROVED", "다른 회사"),
            (s.unapproved, "101-81-12341", "PENDING", "대기 회사"),
        ):
            session.add(advertiser_profile(who.user_id, brn, status, name))
    try:
        yield s
    finally:
        await campaigns.stop(0)
        await pets_server.stop(0)
        await advertisers.stop(0)
        await close_channels()


async def count(model: type[Any]) -> int:
    async with transaction() as session:
        return int(
            (await session.execute(sa.select(sa.func.count()).select_from(model))).scalar_one()
        )


async def topics(prefix: str = "campaigns.") -> list[str]:
    table = outbox.outbox_table("campaigns")
    async with transaction() as session:
        rows = await session.execute(
            sa.select(table.c.topic).where(table.c.topic.startswith(prefix))
        )
        return list(rows.scalars())


async def payloads(topic: Topic[Any]) -> list[dict[str, Any]]:
    table = outbox.outbox_table("campaigns")
    async with transaction() as session:
        rows = await session.execute(
            sa.select(table.c.payload)
            .where(table.c.topic == topic.name)
            .order_by(table.c.created_at)
        )
        return [dict(p) for p in rows.scalars()]
