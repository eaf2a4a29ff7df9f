"""The Instagram sandbox's catalog: deterministic demo accounts, media and comments.

One catalog, two readers: the devstack's fake Graph API (`petful.devstack.instagram_sandbox`)
serves it over HTTP, and the sns demo seed (`petful.sns.demo`) writes the same accounts
straight into the database, so a later sync of a seeded account finds what the seed wrote.
It lives in the sns package because it is sns demo data; the devstack imports it, never the
other way round.

Data is deterministic: a fixed seed and an anchor day (today, 00:00 UTC, unless given),
with 30-60 posts per account over the last 120 days, Korean/English captions, some marked
#광고/#협찬, and 0-5 comments per post (some with a reply). Tokens: `sandbox-<user>` is a
short-lived user token of sandbox user `<user>`, `sandbox-long-<user>` its long-lived
exchange. Every account handle is also a user owning that one account; `petful_family` owns
two accounts and `no_business` has a page without an Instagram account.
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

SHORT_PREFIX = "sandbox-"
LONG_PREFIX = "sandbox-long-"
SEED = 20261101
HISTORY_DAYS = 120


@dataclass(frozen=True)
class SandboxMedia:
    id: str
    caption: str
    media_type: str
    permalink: str
    timestamp: datetime
    like_count: int
    comments_count: int
    paid_partnership: bool = False


@dataclass
class SandboxComment:
    id: str
    media_id: str
    parent_id: str  # "" for a top-level comment
    username: str
    text: str
    like_count: int
    timestamp: datetime
    hidden: bool = False
    deleted: bool = False


_COMMENT_TEXTS = (
    "너무 귀여워요 😍",
    "오늘도 최고예요 ❤️",
    "사진 너무 예쁘다!",
    "So cute!! 🥰",
    "Love this 💕",
    "어디서 산 거예요?",
    "산책 코스 어디예요?",
    "What breed is this?",
    "ㅋㅋㅋㅋ 표정 봐",
    "광고 너무 많아서 별로예요",
    "또 광고네 실망이에요 👎",
    "This is so boring",
    "바 보 같은 사진",
    "좋아요 누르고 가요~",
    "Where did you get the harness?",
)
_COMMENTERS = ("dog_lover_kr", "meong_mom", "cat_daddy", "seoul_walks", "happy_paws", "pet_fan_22")


def seed_comments(media_id: str, posted: datetime, anchor: datetime) -> list[SandboxComment]:
    """The deterministic comments (and a few replies) of a sandbox post."""
    rnd = random.Random(f"{SEED}:comments:{media_id}")
    out: list[SandboxComment] = []
    n = 0
    for _ in range(rnd.randint(0, 5)):
        n += 1
        at = min(posted + timedelta(minutes=rnd.randint(1, 3000)), anchor - timedelta(minutes=1))
        top = SandboxComment(
            id=f"180{media_id[3:]}{n:03d}",
            media_id=media_id,
            parent_id="",
            username=rnd.choice(_COMMENTERS),
            text=rnd.choice(_COMMENT_TEXTS),
            like_count=rnd.randint(0, 12),
            timestamp=at,
        )
        out.append(top)
        if rnd.random() < 0.25:
            n += 1
            out.append(
                SandboxComment(
                    id=f"180{media_id[3:]}{n:03d}",
                    media_id=media_id,
                    parent_id=top.id,
                    username=rnd.choice(_COMMENTERS),
                    text=rnd.choice(("감사합니다 🙏", "Thank you!", "ㅎㅎ 고마워요")),
                    like_count=rnd.randint(0, 3),
                    timestamp=min(at + timedelta(minutes=5), anchor - timedelta(seconds=30)),
                )
            )
    return out


@dataclass(frozen=True)
class SandboxAccount:
    handle: str
    ig_user_id: str
    page_id: str
    page_name: str
    name: str
    biography: str
    followers_count: int
    follows_count: int
    media: tuple[SandboxMedia, ...]  # newest first

    @property
    def profile_picture_url(self) -> str:
        return f"https://sandbox.petful.dev/pictures/{self.handle}.jpg"

    @property
    def media_count(self) -> int:
        return len(self.media)


@dataclass(frozen=True)
class _Spec:
    handle: str
    name: str
    biography: str
    followers: int
    follows: int
    topic_ko: str
    topic_en: str


SPECS: tuple[_Spec, ...] = (
    _Spec("bori_maltese", "보리 Bori", "한강 산책러 말티즈 🐾 Seoul", 12_840, 310, "보리", "Bori"),
    _Spec("kongi_cat", "콩이", "창밖 구경 전문 고양이", 2_310, 120, "콩이", "Kongi"),
    _Spec(
        "nabi_russianblue",
        "나비 Nabi",
        "카메라를 사랑하는 러시안 블루",
        24_100,
        402,
        "나비",
        "Nabi",
    ),
    _Spec("dubu_corgi", "두부 Dubu", "엉덩이가 매력인 코기 🍑", 1_480, 233, "두부", "Dubu"),
    _Spec("coco_poodle", "코코 Coco", "Toy poodle · 간식 리뷰", 8_020, 150, "코코", "Coco"),
    _Spec("mandu_bichon", "만두 Mandu", "구름 같은 비숑 만두", 5_530, 98, "만두", "Mandu"),
    _Spec("tiny_hamster", "햄찌", "작지만 소중한 햄스터", 640, 45, "햄찌", "Hammy"),
)

# Sandbox Facebook users and the Instagram accounts of their pages. Every handle also
# owns itself (see users()).
EXTRA_USERS: dict[str, tuple[str | None, ...]] = {
    "petful_family": ("coco_poodle", "mandu_bichon"),
    "no_business": (None,),  # a page with no Instagram business account
}

_KO = (
    "{ko}랑 한강 산책 다녀왔어요 🐶 날씨 최고!",
    "오늘의 {ko} 간식 타임 🍖",
    "{ko} 미용하고 왔어요 ✂️ 어때요?",
    "주말엔 {ko}와 카페 투어 ☕",
    "{ko}의 낮잠 시간 😴",
    "새 장난감 받은 {ko} 🎾",
)
_EN = (
    "Sunday walk with {en} 🌿",
    "{en} says hi to everyone! 👋",
    "Treat time for {en} 🍪",
    "Sleepy {en} after the park",
)
_SPONSORED = (
    "{ko}가 써본 @petful_shop 유기농 간식 🥕 #광고",
    "{ko}의 새 하네스 협찬 받았어요! 착용감 최고 #협찬 #유료광고",
    "Thanks @happy_paws for the gift! {en} loves it #ad #협찬",
)
_TAGS = ("#강아지", "#멍스타그램", "#반려동물", "#petstagram", "#dogsofinstagram", "#일상")
_CAT_TAGS = ("#고양이", "#냥스타그램", "#catsofinstagram", "#반려묘")


def anchor_of(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _ig_user_id(index: int) -> str:
    return f"178414{index + 1:011d}"


def _media_for(spec: _Spec, index: int, anchor: datetime) -> tuple[SandboxMedia, ...]:
    rnd = random.Random(f"{SEED}:{spec.handle}")
    count = rnd.randint(30, 60)
    tags = _CAT_TAGS if "cat" in spec.handle or "russianblue" in spec.handle else _TAGS
    out: list[SandboxMedia] = []
    for n in range(count):
        minutes = rnd.randint(30, HISTORY_DAYS * 24 * 60 - 30)
        posted = anchor - timedelta(minutes=minutes)
        roll = rnd.random()
        if roll < 0.15:
            caption = rnd.choice(_SPONSORED)
        elif roll < 0.6:
            caption = rnd.choice(_KO)
        else:
            caption = rnd.choice(_EN)
        caption = caption.format(ko=spec.topic_ko, en=spec.topic_en)
        caption += " " + " ".join(rnd.sample(tags, 2))
        rate = rnd.uniform(0.02, 0.08)
        likes = max(1, int(spec.followers * rate))
        rnd.uniform(0.01, 0.06)  # (keeps the stream of earlier sandbox versions)
        media_id = f"179{index + 1:02d}{n + 1:011d}"
        comments = len(seed_comments(media_id, posted, anchor))
        shortcode = base64.urlsafe_b64encode(
            hashlib.sha256(media_id.encode()).digest()[:8]
        ).decode()[:11]
        out.append(
            SandboxMedia(
                id=media_id,
                caption=caption,
                media_type=rnd.choice(("IMAGE", "IMAGE", "CAROUSEL_ALBUM", "VIDEO")),
                permalink=f"https://www.instagram.com/p/{shortcode}/",
                timestamp=posted,
                like_count=likes,
                comments_count=comments,
                paid_partnership=roll < 0.05,
            )
        )
    out.sort(key=lambda m: (m.timestamp, m.id), reverse=True)
    return tuple(out)


def build_accounts(anchor: datetime | None = None) -> dict[str, SandboxAccount]:
    """Every sandbox account by handle (deterministic for a given anchor day)."""
    day = anchor_of(anchor)
    accounts: dict[str, SandboxAccount] = {}
    for i, spec in enumerate(SPECS):
        accounts[spec.handle] = SandboxAccount(
            handle=spec.handle,
            ig_user_id=_ig_user_id(i),
            page_id=f"10{i + 1:013d}",
            page_name=f"{spec.name} page",
            name=spec.name,
            biography=spec.biography,
            followers_count=spec.followers,
            follows_count=spec.follows,
            media=_media_for(spec, i, day),
        )
    return accounts


def insight_totals(account: SandboxAccount, since: datetime, until: datetime) -> dict[str, int]:
    """The sandbox's account insights for [since, until): likes and comments of the posts
    published then, and shares/reach/views derived from the likes."""
    posts = [m for m in account.media if since <= m.timestamp < until]
    likes = sum(m.like_count for m in posts)
    return {
        "likes": likes,
        "comments": sum(m.comments_count for m in posts),
        "shares": likes // 40,
        "reach": likes * 6,
        "views": likes * 11,
    }


def users() -> dict[str, tuple[str | None, ...]]:
    """Sandbox Facebook users -> the account handle of each of their pages (None: a page
    without an Instagram business account)."""
    found: dict[str, tuple[str | None, ...]] = {s.handle: (s.handle,) for s in SPECS}
    found.update(EXTRA_USERS)
    return found


def short_token(user: str) -> str:
    return SHORT_PREFIX + user


def long_token(user: str) -> str:
    return LONG_PREFIX + user


def seeded_comments(
    accounts: dict[str, SandboxAccount], anchor: datetime
) -> dict[str, SandboxComment]:
    """Every seeded comment of the accounts' media by id (fresh objects: callers mutate)."""
    found: dict[str, SandboxComment] = {}
    for account in accounts.values():
        for m in account.media:
            for c in seed_comments(m.id, m.timestamp, anchor):
                found[c.id] = c
    return found
