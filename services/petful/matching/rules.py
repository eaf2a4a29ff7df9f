"""Matching rules: the texts we embed, Korean-aware terms, the hybrid score and its
explanation. Pure functions (the kiwipiepy analyser is loaded lazily, once per process).

A PetStar profile and a campaign each become
- one text for the sentence-embedding model (most telling fields first: models truncate),
- weighted term lists for the `simple`-config tsvector (A: who the pet is / what the
  campaign is, B: portfolio, history and missions, C: recent captions, D: older captions),
- a content hash, so re-indexing an unchanged profile is skipped (idempotent, debounced).
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi  # type: ignore[import-untyped]

SPECIES = ("DOG", "CAT", "RABBIT", "BIRD", "REPTILE", "FISH", "OTHER")
APPROVED = "APPROVED"
RECRUITING = "RECRUITING"
LIMIT_DEFAULT = 10
LIMIT_MAX = 50
# Recent captions that go into a profile (newest first), and how many count as "recent"
# (weight C) before the rest get weight D.
MAX_CAPTIONS = 24
RECENT_CAPTIONS = 8
MAX_TERMS = 300
SHARED_TERMS = 5
WEIGHTS = ("A", "B", "C", "D")
# Published by the demo seed (and anyone wanting a backfill) through the matching outbox.
REINDEX_REQUESTED_TOPIC = "matching.reindex.requested"

# Pet vocabulary kiwipiepy does not know out of the box (breeds, products, slang), so it
# keeps them whole instead of splitting them into syllables.
DOMAIN_WORDS: tuple[tuple[str, str], ...] = (
    *(
        (w, "NNP")
        for w in (
            "말티즈",
            "푸들",
            "포메라니안",
            "비숑프리제",
            "시츄",
            "치와와",
            "요크셔테리어",
            "진돗개",
            "웰시코기",
            "골든리트리버",
            "래브라도리트리버",
            "시바견",
            "닥스훈트",
            "프렌치불도그",
            "비글",
            "보더콜리",
            "사모예드",
            "슈나우저",
            "스피츠",
            "믹스견",
            "코리안숏헤어",
            "러시안블루",
            "페르시안",
            "스코티시폴드",
            "먼치킨",
            "뱅갈",
            "랙돌",
            "브리티시숏헤어",
            "노르웨이숲",
            "샴",
            "터키시앙고라",
            "아비시니안",
            "메인쿤",
            "네덜란드드워프",
            "롭이어",
            "코뉴어",
            "사랑앵무",
            "모란앵무",
            "레오파드게코",
            "크레스티드게코",
        )
    ),
    *(
        (w, "NNG")
        for w in (
            "펫스타",
            "체험단",
            "츄르",
            "캣타워",
            "캣닢",
            "배변패드",
            "노즈워크",
            "댕댕이",
            "냥이",
            "집사",
            "견주",
            "습식사료",
            "건식사료",
            "동결건조",
            "펫푸드",
            "하네스",
            "리드줄",
            "스크래처",
            "모래",
            "터그",
        )
    ),
)

# Cross-language and slang aliases: each adds its canonical term next to itself, so a
# Korean campaign keyword meets an English caption and the other way round.
ALIASES: dict[str, str] = {
    "cat": "고양이",
    "cats": "고양이",
    "kitten": "고양이",
    "kitty": "고양이",
    "냥이": "고양이",
    "냥": "고양이",
    "dog": "강아지",
    "dogs": "강아지",
    "puppy": "강아지",
    "pup": "강아지",
    "개": "강아지",
    "댕댕이": "강아지",
    "멍멍이": "강아지",
    "rabbit": "토끼",
    "bunny": "토끼",
    "bird": "새",
    "parrot": "앵무새",
    "food": "사료",
    "treat": "간식",
    "treats": "간식",
    "snack": "간식",
    "walk": "산책",
    "walks": "산책",
    "toy": "장난감",
    "toys": "장난감",
    "churu": "츄르",
}
SPECIES_TERMS: dict[str, str] = {
    "DOG": "강아지",
    "CAT": "고양이",
    "RABBIT": "토끼",
    "BIRD": "새",
    "REPTILE": "파충류",
    "FISH": "물고기",
    "OTHER": "반려동물",
}

_KEEP_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "XR", "VA", "VV"})
_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "we",
        "you",
        "they",
        "i",
        "me",
        "he",
        "she",
        "so",
        "very",
        "just",
        "as",
        "if",
        "not",
        "no",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "than",
        "then",
        "there",
        "here",
        "what",
        "when",
        "who",
        "how",
        "all",
        "any",
        "some",
        "more",
        "most",
    ]
)
# Single-syllable Korean content words carry little signal unless they are aliases.
_WORD_RE = re.compile(r"^\w+$")

_kiwi: Kiwi | None = None
_kiwi_lock = threading.Lock()


def analyser() -> Kiwi:
    """The process-wide kiwipiepy analyser with the pet vocabulary (loaded on first use)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                kiwi = Kiwi()
                for word, tag in DOMAIN_WORDS:
                    kiwi.add_user_word(word, tag, 0.0)
                _kiwi = kiwi
    return _kiwi


def _normalise(form: str, tag: str) -> str | None:
    term = form.lower() if tag == "SL" else form
    if not _WORD_RE.match(term) or term.isdigit():
        return None
    if tag == "SL" and (term in _EN_STOP or len(term) < 2):
        return None
    return term


def terms(text: str) -> list[str]:
    """Content morphemes of text in order (nouns, roots, verb/adjective stems, latin words),
    with aliases expanded. Hashtags are split like plain words."""
    text = text.replace("#", " ").strip()
    if not text:
        return []
    out: list[str] = []
    for token in analyser().tokenize(text):
        if token.tag not in _KEEP_TAGS:
            continue
        term = _normalise(token.form, token.tag)
        if term is None:
            continue
        out.append(term)
        alias = ALIASES.get(term)
        if alias is not None:
            out.append(alias)
    return out


def tsvector_text(words: Iterable[str]) -> str:
    """Terms as the input of `to_tsvector('simple', ...)`: already tokenised, so the simple
    parser only splits on the spaces we put in."""
    return " ".join(w for w in words if _WORD_RE.match(w))


def tsquery_text(words: Iterable[str]) -> str:
    """An OR query of distinct terms for `to_tsquery('simple', ...)`; '' when none."""
    seen: list[str] = []
    for w in words:
        if _WORD_RE.match(w) and w not in seen:
            seen.append(w)
    return " | ".join(seen[:64])


# --- the profiles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Caption:
    posted_at: datetime | None
    text: str


@dataclass(frozen=True)
class PetProfile:
    """What matching knows about a pet: the pets service's card and portfolio, plus recent
    captions from the sns service."""

    pet_id: str
    owner_id: str
    name: str
    species: str
    breed: str = ""
    personality_tags: tuple[str, ...] = ()
    intro: str = ""
    petstar_status: str = APPROVED
    followers_count: int = 0
    engagement_rate: float = 0.0
    price_krw: int = 0
    portfolio_intro: str = ""
    portfolio_personality: str = ""
    history_titles: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    instagram_account_id: str = ""
    instagram_username: str = ""


@dataclass(frozen=True)
class CampaignProfile:
    campaign_id: str
    advertiser_user_id: str
    title: str
    phase: str
    product_name: str = ""
    product_description: str = ""
    objective: str = ""
    missions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    target_species: tuple[str, ...] = ()
    reward_value_krw: int = 0
    company_name: str = ""


@dataclass(frozen=True)
class Document:
    """What gets indexed for one profile."""

    text: str
    # weight letter -> terms
    weighted_terms: Mapping[str, Sequence[str]]
    content_hash: str

    @property
    def all_terms(self) -> list[str]:
        return [t for w in WEIGHTS for t in self.weighted_terms.get(w, ())]

    def top_terms(self, n: int = MAX_TERMS) -> list[str]:
        """Distinct terms, the most frequent (then most heavily weighted) first."""
        counts = Counter(self.all_terms)
        first_weight: dict[str, int] = {}
        for i, w in enumerate(WEIGHTS):
            for t in self.weighted_terms.get(w, ()):
                first_weight.setdefault(t, i)
        ranked = sorted(counts, key=lambda t: (first_weight[t], -counts[t], t))
        return ranked[:n]


def _clean(text: str) -> str:
    return " ".join(text.split())


def _sorted_captions(captions: Sequence[Caption]) -> list[Caption]:
    dated = [c for c in captions if _clean(c.text)]
    # Newest first; undated ones last, in their given order.
    return sorted(
        dated,
        key=lambda c: (c.posted_at is None, -(c.posted_at.timestamp() if c.posted_at else 0.0)),
    )[:MAX_CAPTIONS]


def _hash(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(repr(p).encode())
        h.update(b"\x00")
    return h.hexdigest()


def pet_document(p: PetProfile, *, model: str = "") -> Document:
    species = SPECIES_TERMS.get(p.species, "")
    head = [
        f"{p.name}: {species} {p.breed}".strip(),
        ", ".join(p.personality_tags),
        _clean(p.intro),
        _clean(p.portfolio_intro),
        _clean(p.portfolio_personality),
    ]
    history = [_clean(t) for t in p.history_titles if _clean(t)]
    captions = _sorted_captions(p.captions)
    # Captions weighted by recency: the newest lead the embedded text (models truncate).
    text_parts = [x for x in head if x]
    if history:
        text_parts.append("활동: " + "; ".join(history))
    text_parts.extend(_clean(c.text) for c in captions)
    text = "\n".join(text_parts)
    weighted = {
        "A": [*terms(species), *terms(p.breed), *terms(" ".join(p.personality_tags))],
        "B": terms(" ".join([p.intro, p.portfolio_intro, p.portfolio_personality, *history])),
        "C": terms(" ".join(c.text for c in captions[:RECENT_CAPTIONS])),
        "D": terms(" ".join(c.text for c in captions[RECENT_CAPTIONS:])),
    }
    return Document(text, weighted, _hash("pet", model, text, sorted(weighted.items())))


def campaign_document(c: CampaignProfile, *, model: str = "") -> Document:
    species = " ".join(SPECIES_TERMS.get(s, "") for s in c.target_species)
    head = [
        _clean(c.title),
        _clean(c.product_name),
        _clean(c.product_description),
        _clean(c.objective),
        "키워드: " + ", ".join(c.keywords) if c.keywords else "",
        " ".join(f"#{h.lstrip('#')}" for h in c.hashtags),
        "미션: " + "; ".join(_clean(m) for m in c.missions) if c.missions else "",
        f"대상: {species}" if species.strip() else "",
    ]
    text = "\n".join(x for x in head if x)
    weighted = {
        "A": terms(" ".join([c.title, c.product_name, *c.keywords, *c.hashtags, species])),
        "B": terms(" ".join([c.product_description, c.objective, *c.missions])),
        "C": [],
        "D": [],
    }
    return Document(text, weighted, _hash("campaign", model, text, sorted(weighted.items())))


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weights:
    semantic: float = 0.6
    lexical: float = 0.25
    engagement: float = 0.15


@dataclass(frozen=True)
class FollowerRange:
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class Track:
    """A PetStar's record in past campaigns (counted from campaigns events)."""

    completed: int = 0
    no_show: int = 0


# An engagement rate at or above this counts as excellent.
GOOD_ENGAGEMENT_RATE = 0.06
NO_SHOW_PENALTY = 0.15
NO_SHOW_PENALTY_MAX = 0.6


def follower_fit(followers: int, wanted: FollowerRange | None = None) -> float:
    """1 inside the wanted range, decaying with the distance in orders of magnitude outside;
    without a range, a log scale where 1M followers count as a full tier."""
    f = max(followers, 1)
    if wanted is None or (wanted.min is None and wanted.max is None):
        return min(math.log10(f) / 6.0, 1.0)
    if wanted.min is not None and f < wanted.min:
        return math.exp(-2.0 * math.log10(max(wanted.min, 1) / f))
    if wanted.max is not None and f > wanted.max:
        return math.exp(-2.0 * math.log10(f / max(wanted.max, 1)))
    return 1.0


def completion_rate(track: Track) -> float:
    """Completed share of finished campaigns, with a neutral prior (0.5 with no record)."""
    return (track.completed + 1) / (track.completed + track.no_show + 2)


def engagement_quality(
    engagement_rate: float,
    followers: int,
    track: Track = Track(),
    wanted: FollowerRange | None = None,
) -> float:
    er = min(max(engagement_rate, 0.0) / GOOD_ENGAGEMENT_RATE, 1.0)
    quality = (
        0.45 * er + 0.25 * follower_fit(followers, wanted) + 0.30 * completion_rate(track)
    ) - min(NO_SHOW_PENALTY * track.no_show, NO_SHOW_PENALTY_MAX)
    return _unit(quality)


def _unit(x: float) -> float:
    if math.isnan(x):
        return 0.0
    return min(max(x, 0.0), 1.0)


def semantic_score(cosine_distance: float) -> float:
    """pgvector's cosine distance (0..2) as a similarity in [0, 1] (negatives count 0)."""
    return _unit(1.0 - cosine_distance)


def idf(df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """Inverse document frequency of the terms in df (smoothed; unknown terms are rare)."""
    return {t: math.log(1.0 + (n_docs + 1) / (d + 1)) for t, d in df.items()}


def _weight(term: str, idf_of: Mapping[str, float] | None) -> float:
    if idf_of is None:
        return 1.0
    return idf_of.get(term, max(idf_of.values(), default=1.0))


def lexical_score(
    query_terms: Sequence[str],
    doc_terms: Iterable[str],
    idf_of: Mapping[str, float] | None = None,
) -> float:
    """How much of the query the document covers: the IDF-weighted share of query term
    occurrences whose term the document has (a campaign's repeated terms count more, rare
    terms more than ones every profile has), saturating so a few telling shared terms
    already score well: 1 - exp(-3 * share)."""
    if not query_terms:
        return 0.0
    have = set(doc_terms)
    total = sum(_weight(t, idf_of) for t in query_terms)
    shared = sum(_weight(t, idf_of) for t in query_terms if t in have)
    return _unit(1.0 - math.exp(-3.0 * shared / total)) if total > 0 else 0.0


def lexical_leg_terms(
    query_terms: Sequence[str],
    df: Mapping[str, int],
    n_docs: int,
    *,
    max_share: float = 0.02,
    limit: int = 16,
) -> list[str]:
    """The query terms worth a keyword search of their own: those in at most max_share of
    the documents (common ones, e.g. a species or #펫스타그램, would match half the index),
    the query's most repeated first."""
    counts = Counter(query_terms)
    cap = max(n_docs * max_share, 50.0)
    rare = [t for t in counts if df.get(t, 0) <= cap and _WORD_RE.match(t)]
    first = {t: i for i, t in reversed(list(enumerate(query_terms)))}
    return sorted(rare, key=lambda t: (-counts[t], first[t]))[:limit]


@dataclass(frozen=True)
class Explanation:
    semantic: float
    lexical: float
    engagement: float
    shared_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scored:
    key: str
    score: float
    explanation: Explanation
    extra: Any = field(default=None, compare=False)


def hybrid_score(semantic: float, lexical: float, engagement: float, w: Weights) -> float:
    total = w.semantic + w.lexical + w.engagement
    if total <= 0:
        return 0.0
    return (w.semantic * semantic + w.lexical * lexical + w.engagement * engagement) / total


def shared_terms(
    query_terms: Sequence[str],
    doc_terms: Iterable[str],
    n: int = SHARED_TERMS,
    idf_of: Mapping[str, float] | None = None,
) -> list[str]:
    """Query terms the document also has, the most telling first (repeated in the query,
    rare in the index)."""
    have = set(doc_terms)
    counts = Counter(t for t in query_terms if t in have)
    order = {t: i for i, t in reversed(list(enumerate(query_terms)))}
    return sorted(counts, key=lambda t: (-counts[t] * _weight(t, idf_of), order[t]))[:n]


def explain(
    *,
    cosine_distance: float,
    engagement: float,
    query_terms: Sequence[str],
    doc_terms: Iterable[str],
    weights: Weights,
    idf_of: Mapping[str, float] | None = None,
) -> tuple[float, Explanation]:
    doc_terms = list(doc_terms)
    sem = semantic_score(cosine_distance)
    lex = lexical_score(query_terms, doc_terms, idf_of)
    eng = _unit(engagement)
    exp = Explanation(
        semantic=round(sem, 4),
        lexical=round(lex, 4),
        engagement=round(eng, 4),
        shared_terms=tuple(shared_terms(query_terms, doc_terms, idf_of=idf_of)),
    )
    return hybrid_score(sem, lex, eng, weights), exp


def check_limit(limit: int) -> int:
    """0 means the default; otherwise 1..LIMIT_MAX."""
    if limit == 0:
        return LIMIT_DEFAULT
    if not 1 <= limit <= LIMIT_MAX:
        raise ValueError(f"must be between 1 and {LIMIT_MAX}")
    return limit


def check_range(lo: int | None, hi: int | None) -> None:
    if lo is not None and lo < 0:
        raise ValueError("must not be negative")
    if hi is not None and hi < 0:
        raise ValueError("must not be negative")
    if lo is not None and hi is not None and lo > hi:
        raise ValueError("must not be below the minimum")
