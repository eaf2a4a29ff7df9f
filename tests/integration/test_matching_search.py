"""Matching on real PostgreSQL + pgvector with the real embedding model (loaded once per
process), the other services replaced by in-memory ports: ranking sanity, idempotent
re-embedding, hard filters, iterative-scan recall, explanations and authorization."""

from __future__ import annotations

import dataclasses
import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from petful.matching import repository
from petful.matching.embeddings import get_embedder
from petful.matching.models import PetStarDoc
from petful.matching.repository import PetStarFilters
from petful.matching.rules.documents import (
    APPROVED,
    RECRUITING,
    AccountSnapshot,
    CampaignProfile,
    Caption,
    PetProfile,
)
from petful.matching.service import indexing, ranking
from petful.platform.auth_context import Principal, Role
from petful.platform.db import transaction
from petful.platform.errors import InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from petful.platform.settings import Settings

NOW = datetime(2026, 11, 1, tzinfo=UTC)
ADVERTISER = str(uuid.uuid4())
RIVAL = str(uuid.uuid4())


def advertiser(user_id: str = ADVERTISER) -> Principal:
    return Principal(user_id=user_id, roles=frozenset({Role.ADVERTISER}))


class FakePets:
    def __init__(self) -> None:
        self.pets: dict[uuid.UUID, PetProfile] = {}

    async def petstar_profile(self, pet_id: uuid.UUID) -> PetProfile | None:
        return self.pets.get(pet_id)

    async def approved_pet_ids(self) -> list[uuid.UUID]:
        return [k for k, p in self.pets.items() if p.petstar_status == APPROVED]


class FakeSns:
    def __init__(self) -> None:
        self.captions_by_account: dict[uuid.UUID, list[Caption]] = {}
        self.calls = 0

    async def captions(self, account_id: uuid.UUID) -> list[Caption]:
        self.calls += 1
        return self.captions_by_account.get(account_id, [])


class FakeCampaigns:
    def __init__(self) -> None:
        self.campaigns: dict[uuid.UUID, CampaignProfile] = {}
        self.applied: dict[uuid.UUID, set[uuid.UUID]] = {}
        self.mine: set[uuid.UUID] = set()

    async def campaign(self, campaign_id: uuid.UUID) -> CampaignProfile | None:
        return self.campaigns.get(campaign_id)

    async def applied_pet_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        return self.applied.get(campaign_id, set())

    async def my_applied_campaign_ids(self) -> set[uuid.UUID]:
        return self.mine

    async def recruiting_campaign_ids(self) -> list[uuid.UUID]:
        return [k for k, c in self.campaigns.items() if c.phase == RECRUITING]


@dataclasses.dataclass
class World:
    settings: Settings
    pets: FakePets
    sns: FakeSns
    campaigns: FakeCampaigns
    ids: dict[str, uuid.UUID]

    async def index(
        self, pet_id: uuid.UUID, *, force: bool = False, account: AccountSnapshot | None = None
    ) -> str:
        async with transaction(self.settings) as session:
            return await indexing.index_pet(
                session,
                pet_id=pet_id,
                pets=self.pets,
                sns=self.sns,
                embedder=get_embedder(self.settings),
                now=NOW,
                force=force,
                account=account,
            )

    async def recommend(self, campaign_id: uuid.UUID, **kw: object) -> list[ranking.PetStarMatch]:
        args: dict[str, object] = {
            "actor": advertiser(),
            "limit": 10,
            "min_followers": None,
            "max_followers": None,
            "max_price_krw": None,
        }
        args.update(kw)
        async with transaction(self.settings) as session:
            return await ranking.recommend_petstars(
                session,
                campaign_id=str(campaign_id),
                campaigns=self.campaigns,
                embedder=get_embedder(self.settings),
                settings=self.settings,
                now=NOW,
                **args,  # type: ignore[arg-type]
            )


CORPUS: list[dict[str, object]] = [
    {
        "name": "나비",
        "species": "CAT",
        "breed": "코리안숏헤어",
        "intro": "창가에서 낮잠 자는 고양이",
        "followers_count": 30_000,
        "engagement_rate": 0.05,
        "price_krw": 200_000,
        "captions": ["오늘도 캣타워 꼭대기에서 낮잠", "새로 산 고양이 사료 맛있게 먹었어요"],
    },
    {
        "name": "Mochi",
        "species": "CAT",
        "breed": "Ragdoll",
        "intro": "A fluffy cat who loves wet food and naps",
        "followers_count": 80_000,
        "engagement_rate": 0.03,
        "price_krw": 500_000,
        "captions": ["Kitten food taste test!", "Chasing a feather toy all afternoon"],
    },
    {
        "name": "초코",
        "species": "DOG",
        "breed": "푸들",
        "intro": "산책을 좋아하는 강아지",
        "followers_count": 50_000,
        "engagement_rate": 0.04,
        "price_krw": 300_000,
        "captions": ["한강 산책 다녀왔어요", "공놀이는 언제나 최고", "황태 간식 먹방"],
    },
    {
        "name": "Max",
        "species": "DOG",
        "breed": "Golden Retriever",
        "intro": "Golden boy who loves fetch and swimming",
        "followers_count": 120_000,
        "engagement_rate": 0.02,
        "price_krw": 800_000,
        "captions": ["Beach day with my dog friends", "Fetch fetch fetch"],
    },
    {
        "name": "보리",
        "species": "DOG",
        "breed": "시바견",
        "intro": "고집 센 시바",
        "followers_count": 5_000,
        "engagement_rate": 0.08,
        "price_krw": 50_000,
        "captions": ["등산 가는 날", "눈 오는 날 신났다"],
    },
]


@pytest.fixture
async def world(settings: Settings) -> World:
    pets, sns, campaigns = FakePets(), FakeSns(), FakeCampaigns()
    ids: dict[str, uuid.UUID] = {}
    owner = str(uuid.uuid4())
    for i, spec in enumerate(CORPUS):
        pid, account = uuid.uuid4(), uuid.uuid4()
        spec = dict(spec)
        captions = spec.pop("captions")
        pets.pets[pid] = PetProfile(
            pet_id=str(pid),
            owner_id=owner,
            instagram_account_id=str(account),
            **spec,  # type: ignore[arg-type]
        )
        sns.captions_by_account[account] = [
            Caption(NOW - timedelta(days=j + i), str(c))
            for j, c in enumerate(captions)  # type: ignore[arg-type]
        ]
        ids[str(spec["name"])] = pid
    cat_food = uuid.uuid4()
    campaigns.campaigns[cat_food] = CampaignProfile(
        campaign_id=str(cat_food),
        advertiser_user_id=ADVERTISER,
        title="프리미엄 고양이 사료 체험단",
        phase=RECRUITING,
        product_description="연어로 만든 고양이 습식 사료. Grain-free wet cat food.",
        objective="고양이 집사들에게 신제품 사료를 알립니다",
        keywords=("고양이", "사료"),
        reward_value_krw=100_000,
    )
    ids["cat_food"] = cat_food
    treat = uuid.uuid4()
    campaigns.campaigns[treat] = CampaignProfile(
        campaign_id=str(treat),
        advertiser_user_id=ADVERTISER,
        title="반려견 수제 간식 체험단",
        phase=RECRUITING,
        product_description="국내산 황태로 만든 수제 간식",
        keywords=("황태",),
        target_species=("DOG",),
    )
    ids["treat"] = treat
    w = World(settings, pets, sns, campaigns, ids)
    for spec in CORPUS:
        assert await w.index(ids[str(spec["name"])]) == "embedded"
    return w


async def test_cat_food_campaign_ranks_cats_above_dogs(world: World) -> None:
    matches = await world.recommend(world.ids["cat_food"])
    species = [m.petstar["species"] for m in matches]
    assert len(matches) == len(CORPUS)
    assert species[:2] == ["CAT", "CAT"], [(m.petstar["name"], m.score) for m in matches]
    top = matches[0]
    assert top.explanation.semantic > 0
    assert 0 <= top.explanation.engagement <= 1
    assert "고양이" in top.explanation.shared_terms
    assert matches == sorted(matches, key=lambda m: -m.score)


async def test_korean_keyword_finds_the_caption_that_has_it(world: World) -> None:
    matches = await world.recommend(world.ids["treat"])
    assert {m.petstar["species"] for m in matches} == {"DOG"}  # target species is a filter
    assert matches[0].petstar["name"] == "초코", [
        (m.petstar["name"], m.score, m.explanation) for m in matches
    ]
    assert "황태" in matches[0].explanation.shared_terms
    assert matches[0].explanation.lexical > 0
    # With term statistics, rare shared terms lead the explanation.
    async with transaction(world.settings) as session:
        assert await indexing.refresh_term_stats(session) == len(CORPUS)
    matches = await world.recommend(world.ids["treat"])
    assert matches[0].petstar["name"] == "초코"
    # 황태 and 간식 (one profile has them) come before 강아지 (every dog has it).
    shared = matches[0].explanation.shared_terms
    assert set(shared[:2]) == {"황태", "간식"}
    assert shared.index("강아지") > 1


async def test_revoked_petstar_never_appears(world: World) -> None:
    nabi = world.ids["나비"]
    world.pets.pets[nabi] = dataclasses.replace(world.pets.pets[nabi], petstar_status="REVOKED")
    assert await world.index(nabi) == "updated"
    matches = await world.recommend(world.ids["cat_food"])
    assert nabi not in {m.petstar["pet_id"] for m in matches}
    async with transaction(world.settings) as session:
        with pytest.raises(NotFound):
            await ranking.similar_petstars(
                session, pet_id=str(nabi), limit=5, settings=world.settings
            )
        similar = await ranking.similar_petstars(
            session, pet_id=str(world.ids["Mochi"]), limit=5, settings=world.settings
        )
    assert nabi not in {m.petstar["pet_id"] for m in similar}
    assert world.ids["Mochi"] not in {m.petstar["pet_id"] for m in similar}
    # A deleted pet leaves the index.
    del world.pets.pets[nabi]
    assert await world.index(nabi) == "deleted"


async def test_reindexing_is_idempotent_and_follows_content(world: World) -> None:
    choco = world.ids["초코"]
    async with transaction(world.settings) as session:
        before = await repository.get_petstar(session, choco)
        assert before is not None
        first_embedded_at, first_hash = before.embedded_at, before.content_hash
    assert await world.index(choco) == "unchanged"
    # Figures refresh without re-embedding.
    world.pets.pets[choco] = dataclasses.replace(world.pets.pets[choco], followers_count=51_000)
    assert await world.index(choco) == "unchanged"
    async with transaction(world.settings) as session:
        row = await repository.get_petstar(session, choco)
        assert row is not None
        assert row.followers_count == 51_000
        assert row.embedded_at == first_embedded_at
    account = uuid.UUID(world.pets.pets[choco].instagram_account_id)
    world.sns.captions_by_account[account].insert(0, Caption(NOW, "새 하네스 착용 후기"))
    assert await world.index(choco) == "embedded"
    async with transaction(world.settings) as session:
        row = await repository.get_petstar(session, choco)
        assert row is not None
        assert row.content_hash != first_hash
        assert "하네스" in row.terms
    assert await world.index(choco, force=True) == "embedded"


async def test_a_synced_account_is_indexed_from_the_event_without_asking_sns(
    world: World,
) -> None:
    bori = world.ids["보리"]
    account = world.pets.pets[bori].instagram_account_id
    synced = AccountSnapshot(
        account_id=account,
        followers_count=7_777,
        engagement_rate=0.09,
        captions=(Caption(NOW, "새 하네스 입고 산책"),),
    )
    calls = world.sns.calls
    assert await world.index(bori, account=synced) == "embedded"
    assert world.sns.calls == calls
    async with transaction(world.settings) as session:
        row = await repository.get_petstar(session, bori)
    assert row is not None
    assert (row.followers_count, row.engagement_rate) == (7_777, 0.09)
    assert "하네스" in row.terms


async def test_a_sync_of_an_account_the_pet_left_is_not_applied(world: World) -> None:
    bori = world.ids["보리"]
    stale = AccountSnapshot(str(uuid.uuid4()), followers_count=1, engagement_rate=0.0, captions=())
    assert await world.index(bori, account=stale) == "unchanged"
    async with transaction(world.settings) as session:
        row = await repository.get_petstar(session, bori)
    assert row is not None
    assert row.followers_count == 5_000


async def test_hard_filters(world: World) -> None:
    cat_food = world.ids["cat_food"]
    matches = await world.recommend(cat_food, min_followers=10_000, max_followers=100_000)
    assert {m.petstar["name"] for m in matches} == {"나비", "Mochi", "초코"}
    matches = await world.recommend(cat_food, max_price_krw=300_000)
    assert {m.petstar["name"] for m in matches} == {"나비", "초코", "보리"}
    world.campaigns.applied[cat_food] = {world.ids["나비"], world.ids["Max"]}
    matches = await world.recommend(cat_food)
    assert {m.petstar["name"] for m in matches} == {"Mochi", "초코", "보리"}
    assert len(await world.recommend(cat_food, limit=2)) == 2
    with pytest.raises(InvalidArgument):
        await world.recommend(cat_food, limit=51)
    with pytest.raises(InvalidArgument):
        await world.recommend(cat_food, min_followers=10, max_followers=5)


async def test_another_advertisers_campaign_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        await world.recommend(world.ids["cat_food"], actor=advertiser(RIVAL))
    with pytest.raises(NotFound):
        await world.recommend(uuid.uuid4())


async def test_only_advertisers_and_admins_get_petstar_recommendations(world: World) -> None:
    cat_food = world.ids["cat_food"]
    owner = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.USER}))
    with pytest.raises(PermissionDenied):
        await world.recommend(cat_food, actor=owner)
    with pytest.raises(Unauthenticated):
        await world.recommend(cat_food, actor=Principal())
    admin = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.ADMIN}))
    assert await world.recommend(cat_food, actor=admin)  # any advertiser's campaign


async def test_invalid_request_fields_are_named_together(world: World) -> None:
    with pytest.raises(InvalidArgument) as e:
        await world.recommend("not-an-id", max_price_krw=-1)  # type: ignore[arg-type]
    assert {f for f, _ in e.value.field_violations} == {"campaign_id", "max_price_krw"}


async def test_recommend_campaigns_for_an_owner(world: World) -> None:
    async with transaction(world.settings) as session:
        campaign_index = [
            await indexing.index_campaign(
                session,
                campaign_id=cid,
                campaigns=world.campaigns,
                embedder=get_embedder(world.settings),
                now=NOW,
            )
            for cid in (world.ids["cat_food"], world.ids["treat"])
        ]
    assert campaign_index == ["embedded", "embedded"]
    owner = world.pets.pets[world.ids["나비"]].owner_id
    actor = Principal(user_id=owner, roles=frozenset({Role.USER}))
    async with transaction(world.settings) as session:
        matches = await ranking.recommend_campaigns(
            session, actor=actor, limit=10, campaigns=world.campaigns, settings=world.settings
        )
    by_campaign = {m.campaign["campaign_id"]: m for m in matches}
    assert set(by_campaign) == {world.ids["cat_food"], world.ids["treat"]}
    # The dog-only campaign is matched with a dog; the cat food with a cat.
    assert world.pets.pets[by_campaign[world.ids["treat"]].pet_id].species == "DOG"
    assert world.pets.pets[by_campaign[world.ids["cat_food"]].pet_id].species == "CAT"
    world.campaigns.mine = {world.ids["treat"]}
    async with transaction(world.settings) as session:
        matches = await ranking.recommend_campaigns(
            session, actor=actor, limit=10, campaigns=world.campaigns, settings=world.settings
        )
    assert [m.campaign["campaign_id"] for m in matches] == [world.ids["cat_food"]]


# --- the vector index itself (no model: random unit vectors) ---------------------------------


def _unit(rng: random.Random, dims: int = 384) -> list[float]:
    v = [rng.gauss(0, 1) for _ in range(dims)]
    n = sum(x * x for x in v) ** 0.5
    return [x / n for x in v]


async def test_iterative_scan_keeps_recall_under_selective_filters(settings: Settings) -> None:
    rng = random.Random(7)
    owner = uuid.uuid4()
    rows = []
    for i in range(1500):
        rows.append(
            {
                "pet_id": uuid.uuid4(),
                "owner_id": owner,
                "name": f"p{i}",
                # 3% birds: a filter the plain HNSW scan (ef_search 40) mostly misses.
                "species": "BIRD" if rng.random() < 0.03 else rng.choice(["DOG", "CAT"]),
                "followers_count": rng.randint(1_000, 1_000_000),
                "engagement_rate": 0.02,
                "price_krw": rng.randint(0, 1_000_000),
                "petstar_status": "APPROVED",
                "embedding": _unit(rng),
                "updated_at": NOW,
            }
        )
    async with transaction(settings) as session:
        await session.execute(sa.insert(PetStarDoc), rows)
    filters = PetStarFilters(species=["BIRD"])
    recalls: dict[str, float] = {}
    counts: dict[str, int] = {}
    for mode in ("off", "relaxed_order", "strict_order"):
        total, hit, got = 0, 0, 0
        for _ in range(10):
            q = _unit(rng)
            async with transaction(settings) as session:
                # A small table: make the planner take the HNSW index, as it does at scale.
                await session.execute(sa.text("SET LOCAL enable_seqscan = off"))
                exact = await repository.nearest_petstar_ids(
                    session, vector=q, filters=filters, k=10, exact=True
                )
                approx = await repository.nearest_petstar_ids(
                    session, vector=q, filters=filters, k=10, ef_search=40, iterative_scan=mode
                )
            total += len(exact)
            hit += len(set(exact) & set(approx))
            got += len(approx)
        recalls[mode], counts[mode] = hit / total, got
    assert counts["relaxed_order"] == 100
    assert counts["strict_order"] == 100
    assert recalls["relaxed_order"] >= 0.9, recalls
    assert recalls["off"] < recalls["relaxed_order"], recalls
    # Every approximate row passed the filter.
    async with transaction(settings) as session:
        ids = await repository.nearest_petstar_ids(
            session,
            vector=_unit(rng),
            filters=PetStarFilters(species=["CAT"], min_followers=500_000, max_price_krw=500_000),
            k=20,
        )
        got_rows = (
            await session.execute(sa.select(PetStarDoc).where(PetStarDoc.pet_id.in_(ids)))
        ).scalars()
        for r in got_rows:
            assert r.species == "CAT"
            assert r.followers_count >= 500_000
            assert r.price_krw <= 500_000
