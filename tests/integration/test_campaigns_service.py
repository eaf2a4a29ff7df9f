"""The campaigns service over real gRPC servers (campaigns, advertisers and pets), real
PostgreSQL, an injected clock. No mocks of our code.

Pets and advertiser profiles are seeded straight into their services' schemas (the PetStar
workflow and the advertiser approval have their own tests); campaigns only ever reads them
over gRPC (pets GetPet, advertisers GetApproval) with the caller's identity forwarded.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
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
from petful.campaigns import tasks
from petful.campaigns.models import Applicant, Campaign, Submission
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pets import grpc_api as pets_grpc_api
from petful.pets.models import Pet
from petful.platform import outbox
from petful.platform import settings as settings_module
from petful.platform.auth_context import (
    Principal,
    service_principal,
    use_principal,
)
from petful.platform.db import transaction
from petful.platform.errors import from_rpc_error
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import start_server
from petful.platform.jobs import BEAT_SCHEDULE, celery_app
from petful.platform.settings import Settings

T = TypeVar("T")
T0 = datetime(2030, 3, 2, 0, 0, tzinfo=UTC)
DAY = timedelta(days=1)
CODE = grpc.StatusCode


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


# --- the pets dependency -------------------------------------------------------------------


class SeededPets:
    """Pets written straight into the pets schema (owner, species, PetStar status); the real
    pets gRPC server answers campaigns' GetPet calls about them."""

    def __init__(self) -> None:
        self.count = 0

    async def add(
        self, owner: str, *, species: str = "DOG", approved: bool = True, name: str = ""
    ) -> str:
        self.count += 1
        name = name or f"펫{self.count}"
        pet = Pet(
            id=uuid.uuid4(),
            owner_id=uuid.UUID(owner),
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
    adv: Principal = field(default_factory=lambda: user("ADVERTISER"))
    adv2: Principal = field(default_factory=lambda: user("ADVERTISER"))
    pending_adv: Principal = field(default_factory=lambda: user("ADVERTISER"))
    admin: Principal = field(default_factory=lambda: user("ADMIN"))

    @property
    def stub(self) -> campaigns_pb2_grpc.CampaignServiceStub:
        return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))

    async def call(self, who: Principal, method: str, request: Any) -> Any:
        with use_principal(who):
            return await getattr(self.stub, method)(request)

    async def fails(self, who: Principal, method: str, request: Any, code: grpc.StatusCode) -> Any:
        with pytest.raises(grpc.aio.AioRpcError) as info:
            await self.call(who, method, request)
        assert info.value.code() == code, info.value.details()
        return from_rpc_error(info.value)

    async def recruiting(self, at: datetime = T0, **overrides: Any) -> pb.Campaign:
        """A campaign created, submitted and approved; the clock inside its recruitment
        (it is set back to T0 first, so the default dates are in the future)."""
        self.clock.now = at
        c = await self.call(
            self.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields(**overrides))
        )
        await self.call(self.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
        c = await self.call(
            self.admin, "ApproveCampaign", pb.ApproveCampaignRequest(campaign_id=c.id)
        )
        self.clock.now = ts_dt(c.fields.recruit_start) + timedelta(hours=1)
        return c

    async def apply(
        self, campaign_id: str, *, species: str = "DOG"
    ) -> tuple[Principal, pb.Applicant]:
        owner = user("USER")
        pet_id = await self.pets.add(str(owner.user_id), species=species)
        a = await self.call(
            owner,
            "Apply",
            pb.ApplyRequest(campaign_id=campaign_id, pet_id=pet_id, note=f"{pet_id} 지원합니다!"),
        )
        return owner, a

    async def advance(self, at: datetime) -> pb.AdvanceDueResponse:
        self.clock.now = at
        request = pb.AdvanceDueRequest(now=ts(at))
        return await self.call(service_principal("test"), "AdvanceDue", request)


def user(role: str) -> Principal:
    return Principal(user_id=str(uuid.uuid4()), roles=frozenset({role}))


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
        "target_species": [pb.SPECIES_DOG],
        "headcount": 3,
        "reward_description": "져키 3봉",
        "reward_value_krw": 30000,
        **{k: ts(T0 + v * DAY) for k, v in days.items()},
    }
    data.update(overrides)
    return pb.CampaignFields(**data)


@pytest.fixture
async def pets() -> SeededPets:
    return SeededPets()


@pytest.fixture
async def stack(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, pets: SeededPets
) -> AsyncIterator[Stack]:
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
    s = Stack(settings_module.get_settings(), clock, pets)
    async with transaction() as session:
        for who, brn, status, name in (
            (s.adv, "123-45-67891", "APPROVED", "펫풀 푸드"),
            (s.adv2, "220-81-62517", "APPROVED", "다른 회사"),
            (s.pending_adv, "101-81-12341", "PENDING", "대기 회사"),
        ):
            session.add(advertiser_profile(str(who.user_id), brn, status, name))
    try:
        yield s
    finally:
        await campaigns.stop(0)
        await pets_server.stop(0)
        await advertisers.stop(0)
        await close_channels()


async def count(model: type[Any]) -> int:
    async with transaction() as session:
        return int((await session.execute(sa.select(sa.func.count()).select_from(model))).scalar())


async def topics(prefix: str = "campaigns.") -> list[str]:
    table = outbox.outbox_table("campaigns")
    async with transaction() as session:
        rows = await session.execute(
            sa.select(table.c.topic).where(table.c.topic.startswith(prefix))
        )
        return list(rows.scalars())


async def payloads(topic: str) -> list[dict[str, Any]]:
    table = outbox.outbox_table("campaigns")
    async with transaction() as session:
        rows = await session.execute(
            sa.select(table.c.payload).where(table.c.topic == topic).order_by(table.c.created_at)
        )
        return [dict(p) for p in rows.scalars()]


async def gather_as(who: Principal, calls: list[Callable[[], Awaitable[T]]]) -> list[Any]:
    with use_principal(who):
        return await asyncio.gather(*(c() for c in calls), return_exceptions=True)


# --- campaigns ----------------------------------------------------------------------------


async def test_create_submit_approve(stack: Stack) -> None:
    s = stack
    c = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    assert c.phase == pb.PHASE_DRAFT
    assert c.company_name == "펫풀 푸드"
    assert list(c.fields.hashtags) == ["#광고", "#강아지간식"]
    assert c.fields.post_retention_days == 180
    assert c.advertiser_user_id == s.adv.user_id

    # A draft is private: other users and advertisers get NOT_FOUND, the owner sees it.
    for other in (user("USER"), s.adv2, Principal()):
        await s.fails(other, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id), CODE.NOT_FOUND)
    assert (await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))).id == c.id

    c = await s.call(s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_PENDING_REVIEW
    await s.fails(
        s.adv,
        "SubmitCampaign",
        pb.SubmitCampaignRequest(campaign_id=c.id),
        CODE.FAILED_PRECONDITION,
    )
    queue = await s.call(s.admin, "ListReviewQueue", pb.ListReviewQueueRequest())
    assert [i.id for i in queue.items] == [c.id]
    await s.fails(s.adv, "ListReviewQueue", pb.ListReviewQueueRequest(), CODE.PERMISSION_DENIED)
    await s.fails(
        s.adv,
        "ApproveCampaign",
        pb.ApproveCampaignRequest(campaign_id=c.id),
        CODE.PERMISSION_DENIED,
    )

    c = await s.call(s.admin, "ApproveCampaign", pb.ApproveCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_RECRUITING
    # Public now, even without a signed-in user.
    got = await s.call(Principal(), "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_RECRUITING
    mine = await s.call(s.adv, "ListMyCampaigns", pb.ListMyCampaignsRequest())
    assert [i.id for i in mine.items] == [c.id]
    assert (await s.call(s.adv2, "ListMyCampaigns", pb.ListMyCampaignsRequest())).items == []

    assert sorted(await topics()) == [
        "campaigns.campaign.pending_review",
        "campaigns.campaign.recruiting",
    ]
    event = (await payloads("campaigns.campaign.recruiting"))[0]
    assert event["campaign_id"] == c.id
    assert event["title"] == "유기농 강아지 간식 체험단"
    assert event["advertiser_user_id"] == s.adv.user_id


async def test_only_approved_advertisers_create_and_submit(stack: Stack) -> None:
    s = stack
    request = pb.CreateCampaignRequest(fields=fields())
    await s.fails(s.pending_adv, "CreateCampaign", request, CODE.PERMISSION_DENIED)
    await s.fails(user("ADVERTISER"), "CreateCampaign", request, CODE.PERMISSION_DENIED)
    await s.fails(user("USER"), "CreateCampaign", request, CODE.PERMISSION_DENIED)
    await s.fails(Principal(), "CreateCampaign", request, CODE.UNAUTHENTICATED)
    assert await count(Campaign) == 0


async def test_invalid_input_names_the_fields_and_writes_nothing(stack: Stack) -> None:
    s = stack
    bad = fields(
        title="",
        headcount=501,
        reward_value_krw=-1,
        product_url="shop.example",
        target_species=[],
        campaign_type=pb.CAMPAIGN_TYPE_UNSPECIFIED,
        missions=[],
        announce_at=ts(T0 + 7 * DAY),  # before recruit_end
        activity_end=ts(T0 + 10 * DAY),  # not after activity_start
    )
    err = await s.fails(
        s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=bad), CODE.INVALID_ARGUMENT
    )
    assert {f for f, _ in err.field_violations} == {
        "title",
        "headcount",
        "reward_value_krw",
        "product_url",
        "target_species",
        "campaign_type",
        "missions",
        "announce_at",
        "activity_end",
    }
    no_dates = pb.CampaignFields(title="x")
    err = await s.fails(
        s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=no_dates), CODE.INVALID_ARGUMENT
    )
    assert {"recruit_start", "activity_end"} <= {f for f, _ in err.field_violations}
    assert await count(Campaign) == 0

    # Submitting a draft whose dates have passed names each past date; nothing changes.
    c = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    s.clock.now = T0 + 9 * DAY
    err = await s.fails(
        s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id), CODE.INVALID_ARGUMENT
    )
    assert {f for f, _ in err.field_violations} == {"recruit_start", "recruit_end", "announce_at"}
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_DRAFT
    assert await topics() == []
    await s.fails(
        s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id="nope"), CODE.INVALID_ARGUMENT
    )


async def test_reject_edit_resubmit_and_recruiting_edits(stack: Stack) -> None:
    s = stack
    c = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    await s.call(s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
    await s.fails(
        s.admin,
        "RejectCampaign",
        pb.RejectCampaignRequest(campaign_id=c.id, reason="x"),
        CODE.INVALID_ARGUMENT,
    )
    c = await s.call(
        s.admin,
        "RejectCampaign",
        pb.RejectCampaignRequest(campaign_id=c.id, reason="보상 금액을 명시하세요"),
    )
    assert c.phase == pb.PHASE_REJECTED
    assert c.phase_reason == "보상 금액을 명시하세요"
    rejected = await payloads("campaigns.campaign.rejected")
    assert rejected[0]["reason"] == "보상 금액을 명시하세요"

    # Rejected: anything may change, except removing the last disclosure hashtag.
    await s.fails(
        s.adv,
        "UpdateCampaign",
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields(hashtags=["#강아지"])),
        CODE.INVALID_ARGUMENT,
    )
    c = await s.call(
        s.adv,
        "UpdateCampaign",
        pb.UpdateCampaignRequest(
            campaign_id=c.id, fields=fields(headcount=5, hashtags=["#협찬", "#간식"])
        ),
    )
    assert c.fields.headcount == 5
    assert list(c.fields.hashtags) == ["#협찬", "#간식"]
    # Another advertiser cannot touch it.
    await s.fails(
        s.adv2,
        "UpdateCampaign",
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields()),
        CODE.NOT_FOUND,
    )
    c = await s.call(s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
    assert c.phase == pb.PHASE_PENDING_REVIEW
    assert c.phase_reason == ""
    await s.fails(
        s.adv,
        "UpdateCampaign",
        pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields()),
        CODE.FAILED_PRECONDITION,
    )
    c = await s.call(s.admin, "ApproveCampaign", pb.ApproveCampaignRequest(campaign_id=c.id))

    # Recruiting: wording and presentation only.
    current = dict(headcount=5, hashtags=["#협찬", "#간식"])
    c = await s.call(
        s.adv,
        "UpdateCampaign",
        pb.UpdateCampaignRequest(
            campaign_id=c.id,
            fields=fields(
                **current,
                product_description="설명 보완",
                product_url="https://shop.example/new",
            ),
        ),
    )
    assert c.fields.product_description == "설명 보완"
    for material in (
        {"headcount": 6},
        {"title": "새 제목"},
        {"reward_value_krw": 1},
        {"recruit_end": ts(T0 + 8 * DAY + timedelta(hours=1))},
        {"target_species": [pb.SPECIES_CAT]},
    ):
        err = await s.fails(
            s.adv,
            "UpdateCampaign",
            pb.UpdateCampaignRequest(campaign_id=c.id, fields=fields(**{**current, **material})),
            CODE.FAILED_PRECONDITION,
        )
        assert next(iter(material)) in err.detail


async def test_approval_is_refused_after_the_recruitment_end(stack: Stack) -> None:
    s = stack
    c = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    await s.call(s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
    s.clock.now = T0 + 8 * DAY
    await s.fails(
        s.admin,
        "ApproveCampaign",
        pb.ApproveCampaignRequest(campaign_id=c.id),
        CODE.FAILED_PRECONDITION,
    )


# --- applications ----------------------------------------------------------------------------


async def test_apply_rules(stack: Stack) -> None:
    s = stack
    c = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    owner = user("USER")
    dog = await s.pets.add(str(owner.user_id), name="몽이")
    note = "저희 몽이가 간식을 정말 좋아해요"

    # Not public yet.
    await s.fails(
        owner, "Apply", pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note), CODE.NOT_FOUND
    )
    await s.call(s.adv, "SubmitCampaign", pb.SubmitCampaignRequest(campaign_id=c.id))
    await s.call(s.admin, "ApproveCampaign", pb.ApproveCampaignRequest(campaign_id=c.id))
    # Approved but recruitment has not started.
    await s.fails(
        owner,
        "Apply",
        pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note),
        CODE.FAILED_PRECONDITION,
    )
    s.clock.now = T0 + 2 * DAY

    err = await s.fails(
        owner,
        "Apply",
        pb.ApplyRequest(campaign_id=c.id, pet_id="x", note="short"),
        CODE.INVALID_ARGUMENT,
    )
    assert {f for f, _ in err.field_violations} == {"pet_id", "note"}
    not_star = await s.pets.add(str(owner.user_id), approved=False)
    cat = await s.pets.add(str(owner.user_id), species="CAT")
    someone_elses = await s.pets.add(str(uuid.uuid4()))
    for pet_id, code in (
        (not_star, CODE.FAILED_PRECONDITION),
        (cat, CODE.FAILED_PRECONDITION),
        (someone_elses, CODE.NOT_FOUND),
        (str(uuid.uuid4()), CODE.NOT_FOUND),
    ):
        await s.fails(
            owner, "Apply", pb.ApplyRequest(campaign_id=c.id, pet_id=pet_id, note=note), code
        )
    # Advertisers do not apply.
    await s.fails(
        s.adv,
        "Apply",
        pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note),
        CODE.PERMISSION_DENIED,
    )

    a = await s.call(owner, "Apply", pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note))
    assert a.status == pb.APPLICANT_STATUS_APPLIED
    assert a.note == note
    assert a.pet_name == "몽이"
    err = await s.fails(
        owner,
        "Apply",
        pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note),
        CODE.ALREADY_EXISTS,
    )
    assert err.field_violations == (("pet_id", "already applied to this campaign"),)
    got = await s.call(s.admin, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.applicant_count == 1

    a = await s.call(
        owner,
        "UpdateApplication",
        pb.UpdateApplicationRequest(applicant_id=a.id, note="메모를 고쳐 씁니다 :)"),
    )
    assert a.note == "메모를 고쳐 씁니다 :)"
    other = user("USER")
    await s.fails(
        other,
        "UpdateApplication",
        pb.UpdateApplicationRequest(applicant_id=a.id, note="남의 지원서 수정 시도"),
        CODE.NOT_FOUND,
    )
    await s.fails(
        other, "GetApplication", pb.GetApplicationRequest(applicant_id=a.id), CODE.NOT_FOUND
    )
    await s.fails(
        s.adv2, "GetApplication", pb.GetApplicationRequest(applicant_id=a.id), CODE.NOT_FOUND
    )
    assert (
        await s.call(s.adv, "GetApplication", pb.GetApplicationRequest(applicant_id=a.id))
    ).id == a.id

    a = await s.call(owner, "CancelApplication", pb.CancelApplicationRequest(applicant_id=a.id))
    assert a.status == pb.APPLICANT_STATUS_CANCELLED
    # A cancelled application may be replaced by a new one.
    s.clock.now += timedelta(minutes=1)
    again = await s.call(owner, "Apply", pb.ApplyRequest(campaign_id=c.id, pet_id=dog, note=note))
    assert again.id != a.id
    mine = await s.call(owner, "ListMyApplications", pb.ListMyApplicationsRequest())
    assert [i.id for i in mine.items] == [again.id, a.id]
    assert (await s.call(other, "ListMyApplications", pb.ListMyApplicationsRequest())).items == []
    one = await s.call(owner, "ListMyApplications", pb.ListMyApplicationsRequest(campaign_id=c.id))
    assert [i.id for i in one.items] == [again.id, a.id]
    paged = await s.call(owner, "ListMyApplications", pb.ListMyApplicationsRequest(page_size=1))
    assert [i.id for i in paged.items] == [again.id]
    rest = await s.call(
        owner,
        "ListMyApplications",
        pb.ListMyApplicationsRequest(page_size=1, cursor=paged.next_cursor),
    )
    assert [i.id for i in rest.items] == [a.id]
    assert rest.next_cursor == ""

    # Once recruitment closes, notes and applications are frozen.
    await s.advance(T0 + 8 * DAY)
    await s.fails(
        owner,
        "UpdateApplication",
        pb.UpdateApplicationRequest(applicant_id=again.id, note="마감 후 수정 시도입니다"),
        CODE.FAILED_PRECONDITION,
    )
    await s.fails(
        owner,
        "CancelApplication",
        pb.CancelApplicationRequest(applicant_id=again.id),
        CODE.FAILED_PRECONDITION,
    )
    late_pet = await s.pets.add(str(owner.user_id), name="콩이")
    await s.fails(
        owner,
        "Apply",
        pb.ApplyRequest(campaign_id=c.id, pet_id=late_pet, note=note),
        CODE.FAILED_PRECONDITION,
    )


async def test_headcount_race(stack: Stack) -> None:
    s = stack
    c = await s.recruiting(headcount=2)
    applicants = [await s.apply(c.id) for _ in range(6)]
    # Not before recruitment closed.
    await s.fails(
        s.adv,
        "SelectApplicant",
        pb.SelectApplicantRequest(applicant_id=applicants[0][1].id),
        CODE.FAILED_PRECONDITION,
    )
    await s.advance(T0 + 8 * DAY)

    stub = s.stub
    results = await gather_as(
        s.adv,
        [
            (lambda a=a: stub.SelectApplicant(pb.SelectApplicantRequest(applicant_id=a.id)))
            for _, a in applicants
        ],
    )
    ok = [r for r in results if isinstance(r, pb.Applicant)]
    failed = [r for r in results if isinstance(r, grpc.aio.AioRpcError)]
    assert len(ok) == 2, results
    assert {e.code() for e in failed} == {CODE.FAILED_PRECONDITION}
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.selected_count == 2
    listed = await s.call(s.adv, "ListApplicants", pb.ListApplicantsRequest(campaign_id=c.id))
    assert sum(i.status == pb.APPLICANT_STATUS_SELECTED for i in listed.items) == 2
    # The notes survived the selection (the original's bug wiped them).
    assert all(i.note.endswith("지원합니다!") for i in listed.items)

    # The refused selections left nothing behind.
    assert (await topics()).count("campaigns.applicant.selected") == 2
    # Unselect frees a seat for another.
    first, waiting = ok[0], next(a for _, a in applicants if a.id not in {o.id for o in ok})
    await s.call(s.adv, "UnselectApplicant", pb.UnselectApplicantRequest(applicant_id=first.id))
    chosen = await s.call(
        s.adv, "SelectApplicant", pb.SelectApplicantRequest(applicant_id=waiting.id)
    )
    assert chosen.status == pb.APPLICANT_STATUS_SELECTED
    async with transaction() as session:
        selected = (
            await session.execute(
                sa.select(sa.func.count())
                .select_from(Applicant)
                .where(Applicant.status == "SELECTED")
            )
        ).scalar()
    assert selected == 2


async def test_full_lifecycle(stack: Stack) -> None:
    s = stack
    c = await s.recruiting(headcount=3)
    (o1, a1), (o2, a2), (o3, a3), (_, a4) = [await s.apply(c.id) for _ in range(4)]
    await s.advance(T0 + 8 * DAY)  # recruitment closes
    for a in (a1, a2, a3):
        await s.call(s.adv, "SelectApplicant", pb.SelectApplicantRequest(applicant_id=a.id))
    # Another advertiser sees nothing of it.
    await s.fails(
        s.adv2, "ListApplicants", pb.ListApplicantsRequest(campaign_id=c.id), CODE.NOT_FOUND
    )
    await s.fails(
        s.adv2, "SelectApplicant", pb.SelectApplicantRequest(applicant_id=a4.id), CODE.NOT_FOUND
    )
    await s.fails(s.adv2, "GetReport", pb.GetReportRequest(campaign_id=c.id), CODE.NOT_FOUND)
    await s.fails(
        s.adv2, "ConfirmSelection", pb.ConfirmSelectionRequest(campaign_id=c.id), CODE.NOT_FOUND
    )
    got = await s.call(s.adv, "ConfirmSelection", pb.ConfirmSelectionRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_ANNOUNCED
    a4 = await s.call(s.adv, "GetApplication", pb.GetApplicationRequest(applicant_id=a4.id))
    assert a4.status == pb.APPLICANT_STATUS_NOT_SELECTED

    # Shipping (delivery campaign), content only during the activity period.
    shipped = await s.call(
        s.adv,
        "ShipApplicant",
        pb.ShipApplicantRequest(applicant_id=a1.id, carrier="CJ대한통운", tracking_number="1234"),
    )
    assert shipped.status == pb.APPLICANT_STATUS_SHIPPED
    assert shipped.shipment.carrier == "CJ대한통운"
    post = "https://instagram.com/p/Cabc123/?igsh=zz"
    await s.fails(
        o1,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a1.id, post_url=post),
        CODE.FAILED_PRECONDITION,
    )
    await s.advance(T0 + 10 * DAY)
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_IN_PROGRESS
    # Not shipped yet: a delivery campaign's applicant cannot post.
    await s.fails(
        o2,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a2.id, post_url=post),
        CODE.FAILED_PRECONDITION,
    )
    err = await s.fails(
        o1,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a1.id, post_url="https://blog.example/x"),
        CODE.INVALID_ARGUMENT,
    )
    assert err.field_violations[0][0] == "post_url"
    await s.fails(
        o2,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a1.id, post_url=post),
        CODE.NOT_FOUND,
    )
    sub = await s.call(
        o1, "SubmitContent", pb.SubmitContentRequest(applicant_id=a1.id, post_url=post)
    )
    assert sub.status == pb.APPLICANT_STATUS_CONTENT_SUBMITTED
    assert sub.post_url == "https://www.instagram.com/p/Cabc123/"
    await s.fails(
        s.adv,
        "ReviewContent",
        pb.ReviewContentRequest(applicant_id=a1.id, approve=False),
        CODE.INVALID_ARGUMENT,
    )
    rev = await s.call(
        s.adv,
        "ReviewContent",
        pb.ReviewContentRequest(
            applicant_id=a1.id, approve=False, reason="#광고 태그를 넣어주세요"
        ),
    )
    assert rev.status == pb.APPLICANT_STATUS_REVISION_REQUESTED
    assert rev.status_reason == "#광고 태그를 넣어주세요"
    s.clock.now += timedelta(hours=1)
    await s.call(
        o1,
        "SubmitContent",
        pb.SubmitContentRequest(
            applicant_id=a1.id, post_url="https://www.instagram.com/reel/Cxyz789/"
        ),
    )
    ok = await s.call(
        s.adv, "ReviewContent", pb.ReviewContentRequest(applicant_id=a1.id, approve=True)
    )
    assert ok.status == pb.APPLICANT_STATUS_APPROVED
    assert [(x.url, x.decision, x.reason) for x in ok.submissions] == [
        (
            "https://www.instagram.com/p/Cabc123/",
            pb.APPLICANT_STATUS_REVISION_REQUESTED,
            "#광고 태그를 넣어주세요",
        ),
        ("https://www.instagram.com/reel/Cxyz789/", pb.APPLICANT_STATUS_APPROVED, ""),
    ]
    assert ok.note.endswith("지원합니다!")

    # The pet has unfinished work: the pets service asks before deleting it.
    work = await s.call(
        service_principal("pets"),
        "ListActiveWorkForPet",
        pb.ListActiveWorkForPetRequest(pet_id=a2.pet_id),
    )
    assert [(w.campaign_id, w.title) for w in work.items] == [(c.id, c.fields.title)]
    mine = await s.call(
        o2, "ListActiveWorkForPet", pb.ListActiveWorkForPetRequest(pet_id=a2.pet_id)
    )
    assert len(mine.items) == 1
    others = await s.call(
        o1, "ListActiveWorkForPet", pb.ListActiveWorkForPetRequest(pet_id=a2.pet_id)
    )
    assert others.items == []

    # Activity ends: approved content completes; a3 (visit-less, delivery) ships late.
    await s.call(
        s.adv,
        "ShipApplicant",
        pb.ShipApplicantRequest(applicant_id=a3.id, carrier="우체국", tracking_number="99"),
    )
    await s.advance(T0 + 24 * DAY)
    a1_now = await s.call(o1, "GetApplication", pb.GetApplicationRequest(applicant_id=a1.id))
    assert a1_now.status == pb.APPLICANT_STATUS_COMPLETED
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_REVIEWING
    # Still within the grace days: a3 posts and is approved (completes at once).
    s.clock.now = T0 + 25 * DAY
    await s.call(
        o3,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a3.id, post_url="https://www.instagram.com/p/Clate1/"),
    )
    done = await s.call(
        s.adv, "ReviewContent", pb.ReviewContentRequest(applicant_id=a3.id, approve=True)
    )
    assert done.status == pb.APPLICANT_STATUS_COMPLETED
    # After the grace days, a2 never posted: NO_SHOW, and the campaign completes.
    result = await s.advance(T0 + 27 * DAY)
    assert (result.campaigns_advanced, result.applicants_changed) == (1, 1)
    a2_now = await s.call(o2, "GetApplication", pb.GetApplicationRequest(applicant_id=a2.id))
    assert a2_now.status == pb.APPLICANT_STATUS_NO_SHOW
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_COMPLETED
    assert (await s.advance(T0 + 28 * DAY)).campaigns_advanced == 0

    report = await s.call(s.adv, "GetReport", pb.GetReportRequest(campaign_id=c.id))
    assert report.totals.applicants == 4
    assert report.totals.selected == 3
    assert report.totals.completed == 2
    assert report.totals.no_show == 1
    assert report.totals.posts == 2
    assert report.totals.total_cost_krw == 90000
    assert not report.totals.HasField("cost_per_engagement_krw")
    assert {r.applicant_id for r in report.rows} == {a1.id, a2.id, a3.id}
    assert report.csv.startswith("applicant_id,pet_id,pet_name")
    admin_report = await s.call(s.admin, "GetReport", pb.GetReportRequest(campaign_id=c.id))
    assert admin_report.totals == report.totals

    names = await topics()
    for topic in (
        "campaigns.campaign.selecting",
        "campaigns.campaign.announced",
        "campaigns.campaign.in_progress",
        "campaigns.campaign.reviewing",
        "campaigns.campaign.completed",
    ):
        assert names.count(topic) == 1, topic
    assert names.count("campaigns.applicant.selected") == 3
    assert names.count("campaigns.applicant.not_selected") == 1
    assert names.count("campaigns.applicant.completed") == 2
    assert names.count("campaigns.applicant.no_show") == 1
    no_show = (await payloads("campaigns.applicant.no_show"))[0]
    assert no_show["applicant_id"] == a2.id
    assert no_show["owner_user_id"] == o2.user_id
    assert no_show["pet_id"] == a2.pet_id
    assert no_show["campaign_title"] == c.fields.title
    assert no_show["advertiser_user_id"] == s.adv.user_id
    assert await count(Submission) == 3


async def test_visit_campaign_skips_shipping(stack: Stack) -> None:
    s = stack
    c = await s.recruiting(campaign_type=pb.CAMPAIGN_TYPE_VISIT, target_species=[pb.SPECIES_CAT])
    owner, a = await s.apply(c.id, species="CAT")
    await s.advance(T0 + 8 * DAY)
    await s.call(s.adv, "SelectApplicant", pb.SelectApplicantRequest(applicant_id=a.id))
    await s.advance(T0 + 10 * DAY)  # announces and starts in one run
    await s.fails(
        s.adv,
        "ShipApplicant",
        pb.ShipApplicantRequest(applicant_id=a.id, carrier="CJ", tracking_number="1"),
        CODE.FAILED_PRECONDITION,
    )
    sub = await s.call(
        owner,
        "SubmitContent",
        pb.SubmitContentRequest(applicant_id=a.id, post_url="https://www.instagram.com/p/Cvisit1/"),
    )
    assert sub.status == pb.APPLICANT_STATUS_CONTENT_SUBMITTED


async def test_cancel_campaign(stack: Stack) -> None:
    s = stack
    c = await s.recruiting()
    owner, a = await s.apply(c.id)
    await s.fails(
        s.adv2,
        "CancelCampaign",
        pb.CancelCampaignRequest(campaign_id=c.id, reason="다른 회사가 취소"),
        CODE.NOT_FOUND,
    )
    got = await s.call(
        s.adv, "CancelCampaign", pb.CancelCampaignRequest(campaign_id=c.id, reason="재고 소진")
    )
    assert got.phase == pb.PHASE_CANCELLED
    assert got.phase_reason == "재고 소진"
    a = await s.call(owner, "GetApplication", pb.GetApplicationRequest(applicant_id=a.id))
    assert a.status == pb.APPLICANT_STATUS_CANCELLED
    event = (await payloads("campaigns.applicant.cancelled"))[0]
    assert event["reason"] == "재고 소진"

    # After the announcement only an admin may cancel.
    c2 = await s.recruiting()
    _, b = await s.apply(c2.id)
    await s.advance(T0 + 8 * DAY)
    await s.call(s.adv, "SelectApplicant", pb.SelectApplicantRequest(applicant_id=b.id))
    await s.call(s.adv, "ConfirmSelection", pb.ConfirmSelectionRequest(campaign_id=c2.id))
    await s.fails(
        s.adv,
        "CancelCampaign",
        pb.CancelCampaignRequest(campaign_id=c2.id, reason="너무 늦은 취소"),
        CODE.FAILED_PRECONDITION,
    )
    got = await s.call(
        s.admin, "CancelCampaign", pb.CancelCampaignRequest(campaign_id=c2.id, reason="정책 위반")
    )
    assert got.phase == pb.PHASE_CANCELLED
    assert got.selected_count == 0


# --- the clock ------------------------------------------------------------------------------


async def test_advance_due_is_idempotent_concurrent_and_catches_up(stack: Stack) -> None:
    s = stack
    campaigns = [await s.recruiting() for _ in range(3)]
    for c in campaigns:
        for _ in range(2):
            await s.apply(c.id)
    await s.fails(
        user("USER"), "AdvanceDue", pb.AdvanceDueRequest(now=ts(T0)), CODE.PERMISSION_DENIED
    )
    await s.fails(s.adv, "AdvanceDue", pb.AdvanceDueRequest(), CODE.PERMISSION_DENIED)
    # Nothing is due yet.
    assert (await s.advance(T0 + 3 * DAY)).campaigns_advanced == 0

    # Very late, several runs at once: every campaign goes from RECRUITING to COMPLETED
    # (nobody selected, so nobody owes content) exactly once.
    late = T0 + 100 * DAY
    stub = s.stub
    request = pb.AdvanceDueRequest(now=ts(late))
    results = await gather_as(
        service_principal("beat"), [lambda: stub.AdvanceDue(request) for _ in range(4)]
    )
    assert all(isinstance(r, pb.AdvanceDueResponse) for r in results), results
    assert sum(r.campaigns_advanced for r in results) == 3
    assert sum(r.applicants_changed for r in results) == 6
    for c in campaigns:
        got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
        assert got.phase == pb.PHASE_COMPLETED
    before = sorted(await topics())
    assert before.count("campaigns.campaign.completed") == 3
    assert before.count("campaigns.campaign.selecting") == 3
    assert before.count("campaigns.applicant.not_selected") == 6
    # Again, and later still: nothing more happens.
    assert (await s.advance(late)).campaigns_advanced == 0
    assert (await s.advance(late + 30 * DAY)).campaigns_advanced == 0
    assert sorted(await topics()) == before


async def test_celery_task_uses_the_injected_clock(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = stack
    c = await s.recruiting()
    assert tasks.ADVANCE_TASK in celery_app.tasks
    entry = BEAT_SCHEDULE["campaigns-advance-due"]
    assert entry["task"] == "campaigns.advance_due"
    assert entry["schedule"] == timedelta(minutes=1)
    assert await tasks.advance_due_now(lambda: T0 + 3 * DAY) == {"campaigns": 0, "applicants": 0}
    counts = await tasks.advance_due_now(lambda: T0 + 8 * DAY)
    assert counts == {"campaigns": 1, "applicants": 0}
    got = await s.call(s.adv, "GetCampaign", pb.GetCampaignRequest(campaign_id=c.id))
    assert got.phase == pb.PHASE_SELECTING
    assert await tasks.advance_due_now(lambda: T0 + 8 * DAY) == {"campaigns": 0, "applicants": 0}


# --- browsing -------------------------------------------------------------------------------


async def test_list_campaigns_tabs_search_sort_and_paging(stack: Stack) -> None:
    s = stack
    early = await s.recruiting(T0, title="고양이 모래 체험단", target_species=[pb.SPECIES_CAT])
    late = await s.recruiting(
        T0 + timedelta(minutes=1),
        title="강아지 하네스",
        recruit_end=ts(T0 + 6 * DAY),
        announce_at=ts(T0 + 7 * DAY),
        keywords=["산책"],
    )
    third = await s.recruiting(
        T0 + timedelta(minutes=2), title="새 모이", target_species=[pb.SPECIES_BIRD]
    )
    draft = await s.call(s.adv, "CreateCampaign", pb.CreateCampaignRequest(fields=fields()))
    owner, _ = await s.apply(late.id)
    await s.apply(late.id)

    anyone = user("USER")
    newest = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest())
    assert [i.id for i in newest.items] == [third.id, late.id, early.id]
    assert draft.id not in [i.id for i in newest.items]

    deadline = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(sort=pb.SORT_DEADLINE))
    assert deadline.items[0].id == late.id
    popular = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(sort=pb.SORT_POPULAR))
    assert popular.items[0].id == late.id

    for sort in (pb.SORT_NEWEST, pb.SORT_DEADLINE, pb.SORT_POPULAR):
        seen: list[str] = []
        cursor = ""
        while True:
            page = await s.call(
                anyone,
                "ListCampaigns",
                pb.ListCampaignsRequest(sort=sort, page_size=2, cursor=cursor),
            )
            seen += [i.id for i in page.items]
            cursor = page.next_cursor
            if not cursor:
                break
        assert sorted(seen) == sorted([early.id, late.id, third.id]), sort

    found = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(query="산책"))
    assert [i.id for i in found.items] == [late.id]
    found = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(query="펫풀"))
    assert len(found.items) == 3  # company name snapshot
    found = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(species=pb.SPECIES_CAT))
    assert [i.id for i in found.items] == [early.id]

    applied = await s.call(owner, "ListCampaigns", pb.ListCampaignsRequest(tab=pb.TAB_APPLIED))
    assert [i.id for i in applied.items] == [late.id]
    assert (
        await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(tab=pb.TAB_APPLIED))
    ).items == []
    await s.fails(
        Principal(),
        "ListCampaigns",
        pb.ListCampaignsRequest(tab=pb.TAB_APPLIED),
        CODE.UNAUTHENTICATED,
    )
    await s.advance(T0 + 6 * DAY)
    ended = await s.call(anyone, "ListCampaigns", pb.ListCampaignsRequest(tab=pb.TAB_ENDED))
    assert [i.id for i in ended.items] == [late.id]
    err = await s.fails(
        anyone,
        "ListCampaigns",
        pb.ListCampaignsRequest(cursor="garbage!", page_size=1000),
        CODE.INVALID_ARGUMENT,
    )
    assert {f for f, _ in err.field_violations} == {"cursor", "page_size"}
