"""The profiles matching indexes and the document each becomes.

A PetStar profile and a campaign each become
- one text for the sentence-embedding model (most telling fields first: models truncate),
- weighted term lists for the `simple`-config tsvector (A: who the pet is / what the
  campaign is, B: portfolio, history and missions, C: recent captions, D: older captions),
- a content hash, so re-indexing an unchanged profile is skipped (idempotent, debounced).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from petful.platform.korean import SPECIES_TERMS, terms

# The states of other services' records that matching searches (their enum names).
APPROVED = "APPROVED"  # a pet's PetStar status
RECRUITING = "RECRUITING"  # a campaign's phase
# Recent captions that go into a profile (newest first), and how many count as "recent"
# (weight C) before the rest get weight D.
MAX_CAPTIONS = 24
RECENT_CAPTIONS = 8
# Terms stored per document (what explanations and "similar PetStars" draw on).
MAX_TERMS = 300
WEIGHTS = ("A", "B", "C", "D")


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
class AccountSnapshot:
    """An Instagram account as sns last synced it (the `sns.account.synced` payload)."""

    account_id: str
    followers_count: int
    engagement_rate: float
    captions: tuple[Caption, ...]


def with_account(profile: PetProfile, account: AccountSnapshot) -> PetProfile:
    """profile with the figures and captions of its freshly synced Instagram account (they
    are newer than the copy the pets service holds)."""
    return dataclasses.replace(
        profile,
        followers_count=account.followers_count,
        engagement_rate=account.engagement_rate,
        captions=account.captions,
    )


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
