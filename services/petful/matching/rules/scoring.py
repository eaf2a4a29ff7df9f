"""The hybrid score and its explanation: semantic similarity (the embeddings), lexical
coverage (shared Korean-aware terms, IDF-weighted) and engagement quality (followers,
engagement rate and the PetStar's record in past campaigns).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from petful.platform.korean import WORD_RE

# How many shared terms an explanation lists.
SHARED_TERMS = 5
# An engagement rate at or above this counts as excellent.
GOOD_ENGAGEMENT_RATE = 0.06
NO_SHOW_PENALTY = 0.15
NO_SHOW_PENALTY_MAX = 0.6
# The outcomes of finished campaign work a track record counts (the applicant statuses the
# campaigns service ends an application with).
COMPLETED = "COMPLETED"
NO_SHOW = "NO_SHOW"
OUTCOMES = (COMPLETED, NO_SHOW)


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


@dataclass(frozen=True)
class Explanation:
    semantic: float
    lexical: float
    engagement: float
    shared_terms: tuple[str, ...] = ()


def _unit(x: float) -> float:
    if math.isnan(x):
        return 0.0
    return min(max(x, 0.0), 1.0)


# --- engagement ------------------------------------------------------------------------------


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


# --- similarity ------------------------------------------------------------------------------


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
    rare = [t for t in counts if df.get(t, 0) <= cap and WORD_RE.match(t)]
    first = {t: i for i, t in reversed(list(enumerate(query_terms)))}
    return sorted(rare, key=lambda t: (-counts[t], first[t]))[:limit]


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


# --- the score -------------------------------------------------------------------------------


def hybrid_score(semantic: float, lexical: float, engagement: float, w: Weights) -> float:
    total = w.semantic + w.lexical + w.engagement
    if total <= 0:
        return 0.0
    return (w.semantic * semantic + w.lexical * lexical + w.engagement * engagement) / total


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
