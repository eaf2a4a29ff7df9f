"""The hot queries use an index: none walks a big table (a Seq Scan) once it holds rows.

Each test fills its tables with tens of thousands of made-up rows, ANALYZEs them, runs the
repository function the API calls (community board list and search, the recruiting
campaigns, the notification inbox and the stream's list_after, matching search, a pet's
activity log) and EXPLAINs every statement it sent, with the same parameters. A query
that would scan a big table without an index fails here, before production grows into it.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns import repository as campaigns_repo
from petful.campaigns.rules import Phase
from petful.campaigns.rules.browsing import Sort
from petful.community.posts import repository as posts_repo
from petful.community.posts.rules import ScoreCursor
from petful.health.activities import repository as activities_repo
from petful.matching import repository as matching_repo
from petful.matching.repository import PetStarFilters
from petful.notifications import repository as notifications_repo
from petful.platform.db import get_engine, transaction
from petful.platform.settings import Settings

USERS = 400  # owners the rows are spread over: one user's share is small
Filler = dict[str, str]  # column -> SQL expression of g (the row number)


# --- made-up rows --------------------------------------------------------------------------


def _dsn(settings: Settings) -> str:
    return settings.database_url.replace("postgresql+psycopg://", "postgresql://")


_BY_TYPE = {
    "uuid": "gen_random_uuid()",
    "text": "md5(g::text)",
    "varchar": "md5(g::text)",
    "timestamptz": "now() - make_interval(mins => g)",
    "date": "current_date - (g % 3650)",
    "int2": "(g % 100)",
    "int4": "(g % 100)",
    "int8": "(g % 100)",
    "float4": "(g % 100)",
    "float8": "(g % 100)",
    "numeric": "(g % 100)",
    "bool": "false",
    "jsonb": "'[]'::jsonb",
    "_text": "'{}'",
    "_uuid": "'{}'",
    "tsvector": "to_tsvector('simple', 'w' || (g % 500) || ' common')",
}


def fill(settings: Settings, table: str, rows: int, columns: Filler) -> None:
    """rows rows in schema.table: columns as given, every other required one made up."""
    schema, name = table.split(".")
    with psycopg.connect(_dsn(settings), autocommit=True) as conn:
        required = conn.execute(
            "SELECT column_name, udt_name, format_type(a.atttypid, a.atttypmod)"
            " FROM information_schema.columns c"
            " JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' ||"
            "   quote_ident(c.table_name))::regclass AND a.attname = c.column_name"
            " WHERE table_schema = %s AND table_name = %s AND is_nullable = 'NO'"
            "   AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'",
            (schema, name),
        ).fetchall()
        values = dict(columns)
        for column, udt, full_type in required:
            if column in values:
                continue
            if udt == "vector":
                values[column] = _random_vector(full_type)
            else:
                values[column] = _BY_TYPE[udt]
        names = ", ".join(values)
        exprs = ", ".join(values.values())
        conn.execute(
            f"INSERT INTO {table} ({names}) SELECT {exprs} FROM generate_series(1, {rows}) g"
        )
        conn.execute(f"ANALYZE {table}")


def _random_vector(full_type: str) -> str:
    dims = int(full_type.split("(")[1].rstrip(")"))
    # `g * 0` ties the subquery to the row, so each row gets its own vector.
    return (
        f"(SELECT array_agg(random() + 0 * g + 0 * d)::{full_type}"
        f" FROM generate_series(1, {dims}) d)"
    )


def user_of(g: str = "g") -> str:
    """A uuid per (g mod USERS): the same USERS owners throughout."""
    return f"md5('user' || ({g} % {USERS}))::uuid"


def user_id(n: int) -> uuid.UUID:
    import hashlib

    return uuid.UUID(hashlib.md5(f"user{n}".encode()).hexdigest())


# --- EXPLAIN every statement a call sends ---------------------------------------------------


@contextmanager
def captured(settings: Settings) -> Iterator[list[tuple[str, Any]]]:
    sent: list[tuple[str, Any]] = []
    engine = get_engine(settings).sync_engine

    def remember(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            sent.append((statement, params))

    sa.event.listen(engine, "before_cursor_execute", remember)
    try:
        yield sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", remember)


def _seq_scans(plan: dict[str, Any], big: set[str]) -> Iterator[str]:
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in big:
        yield f"{plan.get('Schema', '')}.{plan['Relation Name']}"
    for child in plan.get("Plans", []):
        yield from _seq_scans(child, big)


async def assert_no_seq_scan(
    settings: Settings,
    big: set[str],
    call: Callable[[AsyncSession], Awaitable[Any]],
    *,
    index_possible: bool = False,
) -> None:
    """Run call; EXPLAIN (in the same transaction, so SET LOCAL options hold) what it sent.

    index_possible: ask only whether an index can serve it (enable_seqscan off: a Seq Scan
    left is one no index could replace), for tables too costly to fill to a size where the
    planner prefers the index by itself (vectors)."""
    async with transaction() as session:
        with captured(settings) as sent:
            await call(session)
        assert sent, "the call sent no query"
        conn = await session.connection()
        if index_possible:
            await conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        for statement, params in sent:
            result = await conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params)
            plan = result.scalar_one()
            plan = plan if isinstance(plan, list) else json.loads(plan)
            scans = list(_seq_scans(plan[0]["Plan"], big))
            assert not scans, f"Seq Scan of {scans}:\n{statement}\n{json.dumps(plan, indent=1)}"
        await session.rollback()


# --- the hot queries -----------------------------------------------------------------------


@pytest.fixture
def community(settings: Settings) -> Settings:
    fill(
        settings,
        "community.posts",
        40_000,
        {
            "author_id": user_of(),
            "board": "(ARRAY['INFORMATION','QUESTION','SHOW_OFF'])[1 + g % 3]",
            "title": "'제목 ' || g",
            "body": "'본문 ' || g",
            "created_at": "now() - make_interval(mins => g)",
            "search": "to_tsvector('simple', 'w' || (g % 2000) || ' common')",
            "title_search": "to_tsvector('simple', 't' || (g % 2000))",
            "deleted_at": "CASE WHEN g % 50 = 0 THEN now() END",
        },
    )
    return settings


async def test_community_board_list_and_search_use_indexes(community: Settings) -> None:
    big = {"posts"}
    now = datetime.now(UTC)
    for board in (None, "QUESTION"):
        for after in (None, (now - timedelta(days=3), uuid.uuid4())):
            await assert_no_seq_scan(
                community,
                big,
                partial(posts_repo.list_newest, board=board, author_id=None, after=after, limit=20),
            )
    await assert_no_seq_scan(
        community,
        big,
        lambda s: posts_repo.list_newest(s, board=None, author_id=user_id(7), after=None, limit=20),
    )
    # A common word (the walk fills the page) and a rare one (the GIN index's turn).
    for term in ("common", "w17", "nothing"):
        for cursor in (None, ScoreCursor(score=1.0, created_at=now, id=uuid.uuid4())):
            await assert_no_seq_scan(
                community,
                big,
                partial(posts_repo.search, tsquery=term, board=None, after=cursor, limit=20),
            )


@pytest.fixture
def notifications(settings: Settings) -> Settings:
    fill(
        settings,
        "notifications.notifications",
        60_000,
        {
            "user_id": user_of(),
            "category": "(ARRAY['CAMPAIGNS','COMMUNITY','HEALTH'])[1 + g % 3]",
            "created_at": "now() - make_interval(mins => g)",
            "read_at": "CASE WHEN g % 3 = 0 THEN now() END",
        },
    )
    return settings


async def test_the_inbox_and_the_stream_use_indexes(notifications: Settings) -> None:
    big = {"notifications"}
    user = user_id(11)
    now = datetime.now(UTC)
    for unread_only in (False, True):
        for category in ("", "CAMPAIGNS"):
            for after in (None, (now - timedelta(hours=5), uuid.uuid4())):
                await assert_no_seq_scan(
                    notifications,
                    big,
                    partial(
                        notifications_repo.list_notifications,
                        user_id=user,
                        unread_only=unread_only,
                        category=category,
                        after=after,
                        limit=20,
                    ),
                )
    for after_seq in (0, 50_000):
        await assert_no_seq_scan(
            notifications,
            big,
            partial(notifications_repo.list_after, user_id=user, after_seq=after_seq, limit=50),
        )
    await assert_no_seq_scan(
        notifications, big, lambda s: notifications_repo.unread_count(s, user_id=user)
    )


@pytest.fixture
def campaigns(settings: Settings) -> Settings:
    phases = "ARRAY['RECRUITING','COMPLETED','COMPLETED','COMPLETED','CANCELLED','DRAFT']"
    fill(
        settings,
        "campaigns.campaigns",
        30_000,
        {
            "advertiser_user_id": user_of(),
            "phase": f"({phases})[1 + g % 6]",
            "target_species": "CASE WHEN g % 2 = 0 THEN ARRAY['DOG'] ELSE ARRAY['CAT'] END",
            "campaign_type": "'DELIVERY'",
            "headcount": "10",
            "selected_count": "0",
            "created_at": "now() - make_interval(mins => g)",
            "recruit_start": "now() - interval '30 days'",
            "recruit_end": "now() + make_interval(mins => g)",
            "announce_at": "now() + make_interval(mins => g) + interval '1 day'",
            "activity_start": "now() + make_interval(mins => g) + interval '2 days'",
            "activity_end": "now() + make_interval(mins => g) + interval '9 days'",
            "applicant_count": "(g % 40)",
        },
    )
    return settings


async def test_the_recruiting_campaigns_use_indexes(campaigns: Settings) -> None:
    big = {"campaigns"}
    now = datetime.now(UTC)
    for sort in Sort:
        for cursor in (None, (3, now, uuid.uuid4())):
            await assert_no_seq_scan(
                campaigns,
                big,
                partial(
                    campaigns_repo.list_campaigns,
                    phases={Phase.RECRUITING},
                    sort=sort,
                    cursor=cursor,
                    limit=20,
                ),
            )
    await assert_no_seq_scan(
        campaigns,
        big,
        lambda s: campaigns_repo.list_campaigns(
            s, phases={Phase.RECRUITING}, species="DOG", limit=20
        ),
    )


@pytest.fixture
def matching(settings: Settings) -> Settings:
    fill(
        settings,
        "matching.petstars",
        4_000,
        {
            "owner_id": user_of(),
            "species": "(ARRAY['DOG','CAT'])[1 + g % 2]",
            "petstar_status": "'APPROVED'",
            "followers_count": "(g * 37 % 100000)",
            "price_krw": "(g * 101 % 1000000)",
            "tsv": "to_tsvector('simple', 'w' || (g % 300) || ' common')",
            "embedding": _random_vector(f"vector({settings.matching.dimensions})"),
        },
    )
    fill(
        settings,
        "matching.campaigns",
        4_000,
        {
            "advertiser_user_id": user_of(),
            "phase": "(ARRAY['RECRUITING','COMPLETED','COMPLETED','COMPLETED'])[1 + g % 4]",
            "target_species": "CASE WHEN g % 2 = 0 THEN ARRAY['DOG'] ELSE ARRAY['CAT'] END",
            "tsv": "to_tsvector('simple', 'w' || (g % 300) || ' common')",
            "embedding": _random_vector(f"vector({settings.matching.dimensions})"),
        },
    )
    return settings


async def test_matching_search_uses_its_indexes(matching: Settings) -> None:
    big = {"petstars", "campaigns"}
    rng = random.Random(5)
    vector = [rng.random() for _ in range(matching.matching.dimensions)]
    for terms in ((), ("w7",)):
        for filters in (PetStarFilters(), PetStarFilters(species=("DOG",), max_price_krw=50_000)):
            await assert_no_seq_scan(
                matching,
                big,
                partial(
                    matching_repo.search_petstars,
                    vector=vector,
                    lexical_terms=terms,
                    filters=filters,
                ),
                index_possible=True,
            )
        await assert_no_seq_scan(
            matching,
            big,
            partial(
                matching_repo.search_campaigns, vector=vector, lexical_terms=terms, species="DOG"
            ),
            index_possible=True,
        )


async def test_a_suspended_owner_hides_only_their_own_petstars(settings: Settings) -> None:
    # Found by the plan above: the NOT EXISTS compared the subquery's owner_id with itself,
    # so one suspended owner anywhere emptied every PetStar search.
    fill(
        settings,
        "matching.petstars",
        10,  # owners user_id(1) .. user_id(10)
        {
            "owner_id": user_of(),
            "species": "'DOG'",
            "petstar_status": "'APPROVED'",
            "embedding": _random_vector(f"vector({settings.matching.dimensions})"),
        },
    )
    with psycopg.connect(_dsn(settings), autocommit=True) as conn:
        conn.execute(
            "INSERT INTO matching.suspended_owners (owner_id, suspended_at) VALUES (%s, now())",
            (user_id(1),),
        )
    vector = [1.0] * settings.matching.dimensions
    async with transaction() as session:
        hits = await matching_repo.search_petstars(session, vector=vector, k=20, exact=True)
    owners = {h.row["owner_id"] for h in hits}
    assert owners == {user_id(n) for n in range(2, 11)}


@pytest.fixture
def activity(settings: Settings) -> Settings:
    # USERS pets, a record a day each, about 100 days.
    fill(
        settings,
        "health.activity_records",
        40_000,
        {
            "pet_id": user_of(),
            "owner_id": user_of(),
            "day": f"current_date - (g / {USERS})",
            "activity_level": "'LOW'",
            "weight_kg": "5.0",
            "sleep_hours": "8",
        },
    )
    return settings


async def test_a_pets_activity_log_uses_an_index(activity: Settings) -> None:
    big = {"activity_records"}
    pet = user_id(3)
    today = date.today()
    first = today - timedelta(days=30)
    await assert_no_seq_scan(activity, big, lambda s: activities_repo.newest_day(s, pet))
    await assert_no_seq_scan(
        activity, big, lambda s: activities_repo.days_between(s, pet, first, today)
    )
    await assert_no_seq_scan(
        activity, big, lambda s: activities_repo.records_between(s, pet, first, today)
    )
