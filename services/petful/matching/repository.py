"""Every SQL statement of the matching service, including the vector searches.

Searches run the HNSW index (cosine) with pgvector 0.8 iterative scans, so hard filters
(species, followers, price, exclusions, approval) keep recall: the index keeps scanning
until enough rows pass the filters. A lexical leg (tsvector @@ tsquery, GIN) joins the
candidates, so a keyword hit is ranked even when its embedding is not among the nearest.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from petful.matching.models import (
    SCHEMA,
    CampaignDoc,
    PetStarDoc,
    SuspendedOwner,
    TermStat,
    TrackRecord,
)
from petful.matching.rules.documents import APPROVED, RECRUITING, WEIGHTS
from petful.matching.rules.scoring import COMPLETED, NO_SHOW, Track
from petful.platform.korean import tsquery_text, tsvector_text

IterativeScan = Literal["off", "relaxed_order", "strict_order"]


def vector_literal(vector: Sequence[float]) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector) + "]"


def tsvector_expr(weighted_terms: Mapping[str, Sequence[str]]) -> sa.ColumnElement[Any]:
    """setweight(to_tsvector('simple', A), 'A') || ... for the weights that have terms."""
    parts: list[sa.ColumnElement[Any]] = []
    for weight in WEIGHTS:
        text = tsvector_text(weighted_terms.get(weight, ()))
        if not text:
            continue
        vec = sa.func.to_tsvector(sa.literal_column("'simple'::regconfig"), sa.literal(text))
        parts.append(sa.func.setweight(vec, sa.literal_column(f"'{weight}'")))
    if not parts:
        return sa.cast(sa.literal(""), sa.dialects.postgresql.TSVECTOR)
    expr = parts[0]
    for p in parts[1:]:
        expr = expr.op("||")(p)
    return expr


async def set_search_options(
    session: AsyncSession, *, ef_search: int, iterative_scan: IterativeScan = "relaxed_order"
) -> None:
    """Per-transaction HNSW options (SET LOCAL)."""
    await session.execute(
        sa.text(
            "SELECT set_config('hnsw.ef_search', :ef, true), "
            "set_config('hnsw.iterative_scan', :mode, true)"
        ),
        {"ef": str(ef_search), "mode": iterative_scan},
    )


# --- PetStars ------------------------------------------------------------------------------


async def get_petstar(session: AsyncSession, pet_id: uuid.UUID) -> PetStarDoc | None:
    return await session.get(PetStarDoc, pet_id)


async def petstar_for_account(session: AsyncSession, account_id: uuid.UUID) -> uuid.UUID | None:
    row = await session.execute(
        sa.select(PetStarDoc.pet_id).where(PetStarDoc.instagram_account_id == account_id)
    )
    return row.scalars().first()


async def upsert_petstar(
    session: AsyncSession,
    values: dict[str, Any],
    *,
    weighted_terms: Mapping[str, Sequence[str]] | None,
) -> None:
    """Insert or update one PetStar row. Without weighted_terms the embedding, tsv and terms
    are left as they are (the text did not change)."""
    values = dict(values)
    if weighted_terms is not None:
        values["tsv"] = tsvector_expr(weighted_terms)
    stmt = insert(PetStarDoc).values(**values)
    update = {k: stmt.excluded[k] for k in values if k != "pet_id"}
    await session.execute(stmt.on_conflict_do_update(index_elements=["pet_id"], set_=update))


async def delete_petstar(session: AsyncSession, pet_id: uuid.UUID) -> bool:
    """Forget a pet that is gone: its document and its track record (nothing ranks it any
    more). Whether there was a document."""
    await session.execute(sa.delete(TrackRecord).where(TrackRecord.pet_id == pet_id))
    result = await session.execute(sa.delete(PetStarDoc).where(PetStarDoc.pet_id == pet_id))
    return bool(getattr(result, "rowcount", 0))


async def pet_ids_of_owner(session: AsyncSession, owner_id: uuid.UUID) -> list[uuid.UUID]:
    """Every document of the owner, whatever its status."""
    stmt = sa.select(PetStarDoc.pet_id).where(PetStarDoc.owner_id == owner_id)
    return list((await session.execute(stmt)).scalars())


async def all_petstar_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.execute(sa.select(PetStarDoc.pet_id))).scalars())


async def petstars_of_owner(session: AsyncSession, owner_id: uuid.UUID) -> list[PetStarDoc]:
    rows = await session.execute(
        sa.select(PetStarDoc)
        .where(PetStarDoc.owner_id == owner_id, PetStarDoc.petstar_status == APPROVED)
        .order_by(PetStarDoc.name)
    )
    return list(rows.scalars())


# --- campaigns -----------------------------------------------------------------------------


async def get_campaign(session: AsyncSession, campaign_id: uuid.UUID) -> CampaignDoc | None:
    return await session.get(CampaignDoc, campaign_id)


async def upsert_campaign(
    session: AsyncSession,
    values: dict[str, Any],
    *,
    weighted_terms: Mapping[str, Sequence[str]] | None,
) -> None:
    values = dict(values)
    if weighted_terms is not None:
        values["tsv"] = tsvector_expr(weighted_terms)
    stmt = insert(CampaignDoc).values(**values)
    update = {k: stmt.excluded[k] for k in values if k != "campaign_id"}
    await session.execute(stmt.on_conflict_do_update(index_elements=["campaign_id"], set_=update))


async def delete_campaign(session: AsyncSession, campaign_id: uuid.UUID) -> bool:
    result = await session.execute(
        sa.delete(CampaignDoc).where(CampaignDoc.campaign_id == campaign_id)
    )
    return bool(getattr(result, "rowcount", 0))


async def all_campaign_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.execute(sa.select(CampaignDoc.campaign_id))).scalars())


# --- track records -------------------------------------------------------------------------


async def record_outcome(
    session: AsyncSession,
    *,
    applicant_id: uuid.UUID,
    pet_id: uuid.UUID,
    outcome: str,
    now: datetime,
) -> None:
    stmt = insert(TrackRecord).values(
        applicant_id=applicant_id, pet_id=pet_id, outcome=outcome, recorded_at=now
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["applicant_id"], set_={"outcome": outcome, "recorded_at": now}
        )
    )


async def tracks(session: AsyncSession, pet_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Track]:
    if not pet_ids:
        return {}
    rows = await session.execute(
        sa.select(
            TrackRecord.pet_id,
            sa.func.count().filter(TrackRecord.outcome == COMPLETED),
            sa.func.count().filter(TrackRecord.outcome == NO_SHOW),
        )
        .where(TrackRecord.pet_id.in_(list(pet_ids)))
        .group_by(TrackRecord.pet_id)
    )
    return {pid: Track(completed=c, no_show=n) for pid, c, n in rows.all()}


# --- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetStarFilters:
    species: Sequence[str] = ()
    min_followers: int | None = None
    max_followers: int | None = None
    max_price_krw: int | None = None
    exclude_pet_ids: Sequence[uuid.UUID] = ()


@dataclass(frozen=True)
class Hit:
    row: dict[str, Any]
    distance: float
    terms: list[str] = field(default_factory=list)


# --- term statistics -----------------------------------------------------------------------


async def refresh_term_stats(session: AsyncSession) -> int:
    """Recount every term's document frequency over the approved PetStars (ts_stat)."""
    await session.execute(sa.delete(TermStat))
    await session.execute(
        sa.text(
            f"""INSERT INTO {SCHEMA}.term_stats (term, ndoc)
            SELECT word, ndoc FROM ts_stat(
                'SELECT tsv FROM {SCHEMA}.petstars
                 WHERE petstar_status = ''{APPROVED}'' AND tsv IS NOT NULL')
            UNION ALL
            SELECT '', count(*) FROM {SCHEMA}.petstars WHERE petstar_status = '{APPROVED}'"""
        )
    )
    total = await session.execute(sa.select(TermStat.ndoc).where(TermStat.term == ""))
    return int(total.scalar() or 0)


async def term_stats(session: AsyncSession, terms: Sequence[str]) -> tuple[dict[str, int], int]:
    """(document frequency of each known term, number of documents); ({}, 0) before the
    first refresh."""
    wanted = sorted({*terms, ""})
    rows = await session.execute(
        sa.select(TermStat.term, TermStat.ndoc).where(TermStat.term.in_(wanted))
    )
    df = {t: n for t, n in rows.all()}
    return {t: n for t, n in df.items() if t}, df.get("", 0)


def _petstar_where(f: PetStarFilters, params: dict[str, Any], alias: str = "") -> str:
    a = f"{alias}." if alias else ""
    where = [
        f"{a}petstar_status = '{APPROVED}'",
        f"{a}embedding IS NOT NULL",
        # Suspended owners' PetStars are never recommended. The suspended owners are read
        # once (an uncorrelated array, an InitPlan) and each row is checked against it: a
        # correlated NOT EXISTS turned the HNSW scan into an anti-join the planner may run
        # exactly, and the old bare `owner_id` inside it was the subquery's own column
        # (so.owner_id = so.owner_id), so one suspended owner hid every PetStar.
        f"{a}owner_id <> ALL (ARRAY(SELECT so.owner_id FROM {SCHEMA}.suspended_owners so "
        "WHERE so.until IS NULL OR so.until > now()))",
    ]
    if f.species:
        where.append(f"{a}species = ANY(:species)")
        params["species"] = list(f.species)
    if f.min_followers is not None:
        where.append(f"{a}followers_count >= :min_followers")
        params["min_followers"] = f.min_followers
    if f.max_followers is not None:
        where.append(f"{a}followers_count <= :max_followers")
        params["max_followers"] = f.max_followers
    if f.max_price_krw is not None:
        where.append(f"{a}price_krw <= :max_price")
        params["max_price"] = f.max_price_krw
    if f.exclude_pet_ids:
        where.append(f"{a}pet_id <> ALL(CAST(:exclude AS uuid[]))")
        params["exclude"] = [str(x) for x in f.exclude_pet_ids]
    return " AND ".join(where)


PETSTAR_COLUMNS = (
    "pet_id, owner_id, name, species, breed, followers_count, engagement_rate, price_krw, "
    "instagram_username, terms"
)


def _hybrid_sql(table: str, key: str, columns: str, where: str, lexical: bool, exact: bool) -> str:
    order = (
        "(embedding <=> CAST(:q AS vector)) + 0" if exact else "embedding <=> CAST(:q AS vector)"
    )
    query = "to_tsquery('simple', :tsq)"
    lex_cte = (
        f""", lex AS (
            SELECT {key} FROM {SCHEMA}.{table}
            WHERE {where} AND tsv @@ {query}
            ORDER BY ts_rank_cd(tsv, {query}, 32) DESC LIMIT :k_lex
        )"""
        if lexical
        else ""
    )
    ids = f"SELECT {key} FROM sem" + (f" UNION SELECT {key} FROM lex" if lexical else "")
    return f"""
        WITH sem AS MATERIALIZED (
            SELECT {key} FROM {SCHEMA}.{table} WHERE {where} ORDER BY {order} LIMIT :k
        ){lex_cte}
        SELECT {", ".join("t." + c.strip() for c in columns.split(","))},
               t.embedding <=> CAST(:q AS vector) AS distance
        FROM {SCHEMA}.{table} t JOIN ({ids}) ids USING ({key})
    """


def _hits(rows: sa.Result[Any]) -> list[Hit]:
    return [
        Hit(row=dict(m), distance=float(m["distance"]), terms=list(m["terms"] or []))
        for m in rows.mappings()
    ]


async def search_petstars(
    session: AsyncSession,
    *,
    vector: Sequence[float],
    lexical_terms: Sequence[str] = (),
    filters: PetStarFilters = PetStarFilters(),
    k: int = 100,
    k_lexical: int = 50,
    ef_search: int = 100,
    iterative_scan: IterativeScan = "relaxed_order",
    exact: bool = False,
) -> list[Hit]:
    """Candidates for a query vector (nearest k by cosine, under the filters) plus the
    best k_lexical matches of lexical_terms (keep them selective: see
    rules.scoring.lexical_leg_terms); unordered (the caller re-ranks by hybrid score).
    exact=True scans without the index (the ground truth for recall)."""
    params: dict[str, Any] = {"q": vector_literal(vector), "k": k, "k_lex": k_lexical}
    where = _petstar_where(filters, params)
    tsq = tsquery_text(lexical_terms)
    params["tsq"] = tsq
    if not exact:
        await set_search_options(session, ef_search=ef_search, iterative_scan=iterative_scan)
    sql = _hybrid_sql("petstars", "pet_id", PETSTAR_COLUMNS, where, bool(tsq), exact)
    return _hits(await session.execute(sa.text(sql), params))


async def nearest_petstar_ids(
    session: AsyncSession,
    *,
    vector: Sequence[float],
    filters: PetStarFilters = PetStarFilters(),
    k: int = 20,
    ef_search: int = 100,
    iterative_scan: IterativeScan = "relaxed_order",
    exact: bool = False,
) -> list[uuid.UUID]:
    """The pure vector leg, ordered by distance (recall measurements, benchmarks)."""
    params: dict[str, Any] = {"q": vector_literal(vector), "k": k}
    where = _petstar_where(filters, params)
    if not exact:
        await set_search_options(session, ef_search=ef_search, iterative_scan=iterative_scan)
    order = (
        "(embedding <=> CAST(:q AS vector)) + 0" if exact else "embedding <=> CAST(:q AS vector)"
    )
    sql = f"""
        WITH sem AS MATERIALIZED (
            SELECT pet_id, embedding <=> CAST(:q AS vector) AS d FROM {SCHEMA}.petstars
            WHERE {where} ORDER BY {order} LIMIT :k
        )
        SELECT pet_id FROM sem ORDER BY d
    """
    return list((await session.execute(sa.text(sql), params)).scalars())


CAMPAIGN_COLUMNS = (
    "campaign_id, advertiser_user_id, title, company_name, target_species, reward_value_krw, terms"
)


async def search_campaigns(
    session: AsyncSession,
    *,
    vector: Sequence[float],
    lexical_terms: Sequence[str] = (),
    species: str = "",
    exclude_campaign_ids: Sequence[uuid.UUID] = (),
    k: int = 50,
    k_lexical: int = 25,
    ef_search: int = 100,
) -> list[Hit]:
    """Recruiting campaigns open to species (or to every species) near the vector."""
    params: dict[str, Any] = {"q": vector_literal(vector), "k": k, "k_lex": k_lexical}
    where = [f"phase = '{RECRUITING}'", "embedding IS NOT NULL"]
    if species:
        where.append("(cardinality(target_species) = 0 OR :species = ANY(target_species))")
        params["species"] = species
    if exclude_campaign_ids:
        where.append("campaign_id <> ALL(CAST(:exclude AS uuid[]))")
        params["exclude"] = [str(x) for x in exclude_campaign_ids]
    tsq = tsquery_text(lexical_terms)
    params["tsq"] = tsq
    await set_search_options(session, ef_search=ef_search)
    sql = _hybrid_sql(
        "campaigns", "campaign_id", CAMPAIGN_COLUMNS, " AND ".join(where), bool(tsq), False
    )
    return _hits(await session.execute(sa.text(sql), params))


async def set_suspended(
    session: AsyncSession, owner_id: uuid.UUID, *, until: datetime | None, at: datetime
) -> None:
    stmt = insert(SuspendedOwner).values(owner_id=owner_id, until=until, suspended_at=at)
    stmt = stmt.on_conflict_do_update(
        index_elements=[SuspendedOwner.owner_id],
        set_={"until": stmt.excluded.until, "suspended_at": stmt.excluded.suspended_at},
    )
    await session.execute(stmt)


async def clear_suspended(session: AsyncSession, owner_id: uuid.UUID) -> None:
    await session.execute(sa.delete(SuspendedOwner).where(SuspendedOwner.owner_id == owner_id))
