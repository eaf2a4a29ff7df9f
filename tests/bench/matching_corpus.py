"""A seeded, synthetic but realistic PetStar corpus for the matching benchmark.

Each PetStar has a species and breed, personality tags, an intro, a portfolio line, a few
activity titles and 4-8 Instagram captions mixing Korean and English (topics drawn per pet,
so pets differ in what they post about). Campaign queries are drawn from the same topic
space. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from petful.matching.rules.documents import CampaignProfile, Caption, PetProfile

BREEDS: dict[str, tuple[str, ...]] = {
    "DOG": (
        "말티즈",
        "푸들",
        "포메라니안",
        "시바견",
        "웰시코기",
        "골든리트리버",
        "비숑프리제",
        "진돗개",
        "Golden Retriever",
        "Poodle",
        "Shiba Inu",
        "믹스견",
    ),
    "CAT": (
        "코리안숏헤어",
        "러시안블루",
        "페르시안",
        "스코티시폴드",
        "먼치킨",
        "랙돌",
        "British Shorthair",
        "Maine Coon",
        "뱅갈",
    ),
    "RABBIT": ("네덜란드드워프", "롭이어", "Holland Lop"),
    "BIRD": ("코뉴어", "사랑앵무", "모란앵무", "Cockatiel"),
    "REPTILE": ("레오파드게코", "크레스티드게코", "Bearded Dragon"),
    "FISH": ("베타", "구피", "Goldfish"),
    "OTHER": ("햄스터", "고슴도치", "Ferret"),
}
SPECIES_WEIGHTS = {
    "DOG": 45,
    "CAT": 35,
    "RABBIT": 6,
    "BIRD": 5,
    "REPTILE": 3,
    "FISH": 3,
    "OTHER": 3,
}
TAGS = (
    "활발함",
    "느긋함",
    "애교",
    "먹보",
    "겁쟁이",
    "사진발",
    "호기심",
    "산책러",
    "수영",
    "캠핑",
    "장난꾸러기",
    "잠꾸러기",
    "cuddly",
    "playful",
    "shy",
    "foodie",
)
# topic -> (Korean caption templates, English caption templates)
TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "food": (
        ("{n} 오늘 새 사료 완밥했어요 🍚", "습식 사료 먹방 {n}", "연어 사료 너무 좋아하는 {n}"),
        ("{n} tried a new grain-free food today", "Dinner time! {n} loves salmon"),
    ),
    "treat": (
        ("황태 간식 먹는 {n}", "수제 간식 언박싱 {n}", "츄르 앞에서는 얌전해지는 {n}"),
        ("Treat time for {n}", "{n} doing tricks for snacks"),
    ),
    "walk": (
        ("한강 산책 다녀온 {n}", "비 오는 날 산책 {n} 하네스 착용", "공원에서 뛰노는 {n}"),
        ("Morning walk with {n}", "{n} at the dog park"),
    ),
    "toy": (
        ("새 장난감에 푹 빠진 {n}", "노즈워크 장난감으로 놀기", "캣타워 꼭대기 정복한 {n}"),
        ("{n} destroyed another toy", "New scratcher for {n}"),
    ),
    "grooming": (
        ("목욕하고 뽀송해진 {n}", "미용실 다녀온 {n}", "빗질 타임 {n}"),
        ("Spa day for {n}", "{n} after grooming"),
    ),
    "health": (
        ("유산균 챙겨먹는 {n}", "병원 검진 잘 받은 {n}", "관절 영양제 시작한 {n}"),
        ("Vet check-up went great for {n}", "{n} on a new supplement"),
    ),
    "travel": (
        ("애견 동반 펜션 여행 {n}", "제주도 여행 간 {n}", "캠핑장에서 {n}"),
        ("Road trip with {n}", "{n} at the beach"),
    ),
    "fashion": (
        ("새 옷 입은 {n}", "겨울 패딩 입고 외출한 {n}", "리본 달고 사진 찍은 {n}"),
        ("{n} in a new sweater", "OOTD by {n}"),
    ),
    "home": (
        ("창밖 구경하는 {n}", "낮잠 자는 {n}", "집사 무릎 위의 {n}"),
        ("Lazy Sunday with {n}", "{n} napping in the sun"),
    ),
}
CAMPAIGN_TITLES: dict[str, tuple[str, ...]] = {
    "food": ("프리미엄 {s} 사료 체험단", "연어 습식 사료 리뷰어 모집"),
    "treat": ("수제 {s} 간식 체험단", "황태 간식 체험단"),
    "walk": ("{s} 하네스 체험단", "산책용 리드줄 리뷰"),
    "toy": ("{s} 장난감 체험단", "노즈워크 매트 체험"),
    "grooming": ("저자극 샴푸 체험단", "{s} 빗 체험단"),
    "health": ("{s} 유산균 2주 체험단", "관절 영양제 체험단"),
    "travel": ("애견 동반 펜션 숙박 체험", "여행용 {s} 캐리어 체험단"),
    "fashion": ("{s} 겨울 패딩 체험단", "반려동물 옷 리뷰어 모집"),
    "home": ("{s} 방석 체험단", "캣타워 체험단"),
}
SPECIES_KO = {
    "DOG": "강아지",
    "CAT": "고양이",
    "RABBIT": "토끼",
    "BIRD": "앵무새",
    "REPTILE": "파충류",
    "FISH": "물고기",
    "OTHER": "반려동물",
}
NAMES = (
    "보리",
    "콩이",
    "나비",
    "초코",
    "두부",
    "코코",
    "만두",
    "하루",
    "모찌",
    "별이",
    "Max",
    "Luna",
    "Milo",
    "Bella",
    "Coco",
    "Leo",
    "Nala",
    "Toby",
)

ANCHOR = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass(frozen=True)
class BenchPet:
    profile: PetProfile
    topics: tuple[str, ...]


def petstars(n: int, seed: int = 42) -> list[BenchPet]:
    rnd = random.Random(seed)
    species_pool = [s for s, w in SPECIES_WEIGHTS.items() for _ in range(w)]
    out: list[BenchPet] = []
    for i in range(n):
        species = rnd.choice(species_pool)
        name = f"{rnd.choice(NAMES)}{i % 97}"
        topics = tuple(rnd.sample(list(TOPICS), 2))
        captions = []
        for j in range(rnd.randint(4, 8)):
            ko, en = TOPICS[rnd.choice(topics) if rnd.random() < 0.8 else rnd.choice(list(TOPICS))]
            template = rnd.choice(en if rnd.random() < 0.3 else ko)
            text = template.format(n=name) + f" #{SPECIES_KO[species]} #펫스타그램"
            captions.append(Caption(ANCHOR - timedelta(days=3 * j + rnd.randint(0, 2)), text))
        tags = tuple(rnd.sample(TAGS, 3))
        profile = PetProfile(
            pet_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
            owner_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
            name=name,
            species=species,
            breed=rnd.choice(BREEDS[species]),
            personality_tags=tags,
            intro=f"{tags[0]} {SPECIES_KO[species]} {name}입니다",
            followers_count=int(min(rnd.lognormvariate(9, 1.2), 2_000_000)),
            engagement_rate=round(rnd.uniform(0.005, 0.12), 4),
            price_krw=rnd.randrange(0, 1_000_000, 10_000),
            portfolio_intro=f"{topics[0]} 콘텐츠 전문 펫스타",
            history_titles=tuple(
                rnd.choice(CAMPAIGN_TITLES[t]).format(s=SPECIES_KO[species]) for t in topics
            ),
            captions=tuple(captions),
        )
        out.append(BenchPet(profile, topics))
    return out


def campaigns(n: int, seed: int = 7) -> list[CampaignProfile]:
    rnd = random.Random(seed)
    out: list[CampaignProfile] = []
    for _ in range(n):
        species = rnd.choice(["DOG", "CAT", "DOG", "CAT", "RABBIT"])
        topic = rnd.choice(list(TOPICS))
        title = rnd.choice(CAMPAIGN_TITLES[topic]).format(s=SPECIES_KO[species])
        ko, _ = TOPICS[topic]
        out.append(
            CampaignProfile(
                campaign_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                advertiser_user_id=str(uuid.UUID(int=rnd.getrandbits(128), version=4)),
                title=title,
                phase="RECRUITING",
                product_description=rnd.choice(ko).format(n=SPECIES_KO[species]),
                objective="실사용 후기와 사진",
                missions=("개봉 사진 1장", "사용 후기 피드 1개"),
                keywords=(title.split()[1],),
                target_species=(species,),
            )
        )
    return out
