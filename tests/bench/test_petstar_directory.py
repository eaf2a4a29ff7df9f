"""The public PetStar directory with 10,000 PetStars, through the real local stack.

Envoy -> edge -> pets (gRPC) -> PostgreSQL, for the query shapes the directory page sends:
newest first, sorted by followers, filtered by species and price, keyword search, and a
second page. The target is p95 under 50 ms.

Run: `make bench` (or `BENCH_DIRECTORY_RATE=20 BENCH_SECONDS=10 make bench`). Results are
printed and written to tests/bench/results/petstar_directory.json.
"""

from __future__ import annotations

import json
import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg

from tests.bench.test_platform_overhead import RESULTS, SECONDS, _load
from tests.support import DevStack

PETSTARS = int(os.environ.get("BENCH_PETSTARS", "10000"))
RATE = float(os.environ.get("BENCH_DIRECTORY_RATE", "20"))
SPECIES = ("DOG", "CAT", "RABBIT", "BIRD", "REPTILE", "FISH", "OTHER")
WORDS = ("산책", "간식", "활발함", "느긋함", "사진발", "애교", "먹보", "수영", "캠핑", "장난감")


def _insert_petstars(dsn: str, n: int) -> None:
    """Approved PetStars with published portfolios, straight into the pets schema."""
    rnd = random.Random(7)
    now = datetime.now(UTC)
    pets, portfolios = [], []
    for i in range(n):
        pid = uuid.uuid4()
        at = now - timedelta(minutes=i)
        tags = rnd.sample(WORDS, 3)
        pets.append(
            (
                pid,
                uuid.uuid4(),
                f"bench-{i}",
                f"bench-{i}",
                rnd.choice(SPECIES),
                "믹스",
                "UNKNOWN",
                tags,
                f"{tags[0]}을 좋아하는 친구 {i}",
                "APPROVED",
                at,
                int(rnd.lognormvariate(8, 1.3)),
                rnd.uniform(0.005, 0.12),
                at,
                at,
            )
        )
        portfolios.append((pid, f"{tags[1]} 전문 펫스타", rnd.randrange(0, 500_000, 1000), at))
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO pets.pets (id, owner_id, name, name_key, species, breed, sex, "
            "personality_tags, intro, petstar_status, petstar_since, followers_count, "
            "engagement_rate, created_at, updated_at) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            pets,
        )
        cur.executemany(
            "INSERT INTO pets.portfolios (pet_id, intro, price_krw, contact_preference, "
            "published, published_at, created_at, updated_at) "
            "VALUES (%s,%s,%s,'IN_APP',true,%s,%s,%s)",
            [(p, intro, price, at, at, at) for p, intro, price, at in portfolios],
        )
        cur.execute("ANALYZE pets.pets; ANALYZE pets.portfolios")


def test_directory_latency(running_stack: DevStack) -> None:
    dsn = f"postgresql://petful@127.0.0.1:{running_stack.ports['postgres']}/petful"
    _insert_petstars(dsn, PETSTARS)
    base = f"http://127.0.0.1:{running_stack.ports['envoy']}/api/v1/petstars"
    first = httpx.get(base, params={"sort": "followers"}, timeout=10).json()
    queries = {
        "newest": "",
        "followers": "?sort=followers",
        "species+price": "?species=CAT&species=DOG&min_price_krw=50000&max_price_krw=200000",
        "followers range, engagement": "?min_followers=1000&max_followers=50000&sort=engagement",
        "keyword": "?q=%EC%82%B0%EC%B1%85",  # 산책
        "second page": f"?sort=followers&cursor={first['next_cursor']}",
    }
    runs = {name: _load(base + qs, [], RATE) for name, qs in queries.items()}
    report = {
        "command": f"BENCH_PETSTARS={PETSTARS} BENCH_DIRECTORY_RATE={RATE:g} "
        f"BENCH_SECONDS={SECONDS:g} make bench",
        "petstars": PETSTARS,
        "runs": runs,
    }
    RESULTS.mkdir(exist_ok=True)
    Path(RESULTS / "petstar_directory.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    for name, run in runs.items():
        assert run["errors"] == 0, name
