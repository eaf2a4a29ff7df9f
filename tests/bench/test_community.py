"""The community boards and search with 100,000 posts, through the real local stack.

Envoy -> edge -> community (gRPC; one batch call to identity for the page's authors) ->
PostgreSQL, for what the boards page and the search box send: a board's newest page, its
second page, the popular sort (likes and comments of the last 7 days, kept on the post), and
Korean searches (kiwipiepy terms as prefixes: title hits, then the rest, newest first; the
newest 500 posts walked, then the GIN indexes). Targets: board list p95 <= 30
ms, search p95 <= 60 ms at 20 requests/s (what two shared cores carry, as in the other
benches). Baseline in the same run: the plain authenticated read `GET /api/v1/me` at the
same rate (the platform's own cost).

The posts go straight into the community schema: 100 days of posts by 2,000 authors, with
their search vectors made from the same kiwipiepy terms the service computes (each distinct
title and sentence analysed once), and 50,000 likes in the last week.

Run: `.venv/bin/python -m pytest -p no:xdist tests/bench/test_community.py -s`
(`BENCH_POSTS=100000 BENCH_COMMUNITY_RATE=20 BENCH_SECONDS=10`). Results are printed and
written to tests/bench/results/community.json.
"""

from __future__ import annotations

import json
import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import psycopg

from petful.platform.korean import terms, tsvector_text
from tests.bench.test_platform_overhead import RESULTS, SECONDS, _load
from tests.support import DevStack

POSTS = int(os.environ.get("BENCH_POSTS", "100000"))
RATE = float(os.environ.get("BENCH_COMMUNITY_RATE", "20"))
LIKES = POSTS // 2
AUTHORS = 2000
BOARDS = ("INFORMATION", "QUESTION", "SHOW_OFF")
SUBJECTS = ("말티즈", "푸들", "코리안숏헤어", "러시안블루", "진돗개", "비숑", "고양이", "강아지")
TOPICS = (
    "산책 코스 추천",
    "사료 바꾸고 달라진 점",
    "슬개골 수술 후기",
    "예방접종 일정 질문",
    "간식 만들기",
    "미용 후 사진",
    "분리불안 훈련",
    "캠핑 다녀왔어요",
    "털 빠짐 고민",
    "동물병원 추천",
)
SENTENCES = (
    "오늘은 한강 산책로를 한 시간 걸었어요.",
    "아침마다 산책했어요 그리고 저녁에는 공놀이를 했어요.",
    "사료를 바꾼 뒤로 변 상태가 훨씬 좋아졌어요.",
    "슬개골 탈구 때문에 병원에 다녀왔는데 수술을 권하시네요.",
    "예방접종은 몇 주 간격으로 맞추는 게 좋을까요?",
    "닭가슴살로 간식을 만들어 줬더니 너무 잘 먹어요.",
    "미용하고 나니 완전 다른 아이가 됐어요.",
    "혼자 있을 때 짖는 분리불안 때문에 훈련을 시작했어요.",
    "캠핑장에서 처음으로 텐트에서 같이 잤어요.",
    "털이 너무 많이 빠지는데 빗질을 매일 해야 할까요?",
    "동네 동물병원 선생님이 정말 친절하세요.",
    "고양이가 새 장난감을 하루 만에 망가뜨렸어요.",
    "체중 관리 때문에 간식을 줄이고 있어요.",
    "비 오는 날에는 실내에서 노즈워크를 해요.",
    "처음 입양했을 때 사진이랑 비교해 보세요.",
)


def _posts(n: int, now: datetime) -> list[tuple[object, ...]]:
    rnd = random.Random(16)
    authors = [uuid.uuid4() for _ in range(AUTHORS)]
    term_cache: dict[str, str] = {}

    def vector_text(text: str) -> str:
        if text not in term_cache:
            term_cache[text] = tsvector_text(terms(text))
        return term_cache[text]

    rows = []
    for i in range(n):
        title = f"{rnd.choice(SUBJECTS)} {rnd.choice(TOPICS)}"
        sentences = rnd.sample(SENTENCES, 3)
        body = "\n".join(sentences)
        body_terms = " ".join(vector_text(s) for s in sentences)
        at = now - timedelta(days=100) * (i / n)
        rows.append(
            (
                uuid.uuid4(),
                rnd.choice(authors),
                BOARDS[i % 3],
                title,
                body,
                vector_text(title),
                body_terms,
                at,
            )
        )
    return rows


def _insert(dsn: str, n: int) -> None:
    now = datetime.now(UTC)
    rows = _posts(n, now)
    rnd = random.Random(7)
    recent = [r for r in rows if r[7] > now - timedelta(days=7)]  # type: ignore[operator]
    likes: dict[tuple[object, uuid.UUID], datetime] = {}
    likers = [uuid.uuid4() for _ in range(5000)]
    while len(likes) < min(LIKES, len(recent) * 50):
        post = rnd.choice(recent)
        likes[(post[0], rnd.choice(likers))] = now - timedelta(minutes=rnd.randrange(10_000))
    counts: dict[object, int] = {}
    for post_id, _ in likes:
        counts[post_id] = counts.get(post_id, 0) + 1
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        # Through a staging table, so the vector is built as the service builds it: title
        # terms weigh A, body terms B.
        cur.execute(
            "CREATE TEMP TABLE bench_posts (id uuid, author_id uuid, board text, title text, "
            "body text, title_terms text, body_terms text, created_at timestamptz)"
        )
        with cur.copy("COPY bench_posts FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(
            "INSERT INTO community.posts (id, author_id, board, title, body, pets, like_count, "
            "recent_score, comment_count, search, title_search, created_at) "
            "SELECT b.id, b.author_id, b.board, b.title, b.body, '[]', "
            "COALESCE((%s::jsonb ->> b.id::text)::int, 0), "
            "COALESCE((%s::jsonb ->> b.id::text)::int, 0), "
            "0, setweight(to_tsvector('simple', b.title_terms), 'A') || "
            "setweight(to_tsvector('simple', b.body_terms), 'B'), "
            "to_tsvector('simple', b.title_terms), b.created_at "
            "FROM bench_posts b",
            (json.dumps({str(k): v for k, v in counts.items()}),) * 2,
        )
        with cur.copy("COPY community.post_likes (post_id, user_id, created_at) FROM STDIN") as c:
            for (post_id, user_id), at in likes.items():
                c.write_row((post_id, user_id, at))
    # VACUUM refuses a transaction block: its own autocommit connection.
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE community.posts")
        conn.execute("ANALYZE community.post_likes")


def _login(base: str) -> str:
    r = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"email": "owner@petful.dev", "password": "petful-demo"},
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


def test_boards_and_search_latency(running_stack: DevStack) -> None:
    dsn = f"postgresql://petful@127.0.0.1:{running_stack.ports['postgres']}/petful"
    _insert(dsn, POSTS)
    base = f"http://127.0.0.1:{running_stack.ports['envoy']}"
    token = _login(base)
    auth = [f"Authorization: Bearer {token}"]
    posts = f"{base}/api/v1/community/posts"
    first = httpx.get(
        posts, params={"board": "INFORMATION"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert first.status_code == 200, first.text
    assert len(first.json()["items"]) > 0
    search = f"{posts}/search?q="
    lists = {
        "board newest": f"{posts}?board=INFORMATION",
        "board second page": f"{posts}?board=INFORMATION&cursor={first.json()['next_cursor']}",
        "all boards newest": posts,
        "board popular": f"{posts}?board=SHOW_OFF&sort=POPULAR",
    }
    searches = {
        "search 산책": search + quote("산책"),
        "search 슬개골 수술": search + quote("슬개골 수술"),
        "search 간식 in a board": search + quote("간식") + "&board=QUESTION",
    }
    sample = httpx.get(searches["search 산책"], headers={"Authorization": f"Bearer {token}"})
    assert sample.status_code == 200, sample.text
    assert sample.json()["items"], "산책 finds posts"
    runs = {name: _load(url, auth, RATE) for name, url in {**lists, **searches}.items()}
    runs["baseline GET /api/v1/me"] = _load(f"{base}/api/v1/me", auth, RATE)
    report = {
        "command": f"BENCH_POSTS={POSTS} BENCH_COMMUNITY_RATE={RATE:g} BENCH_SECONDS={SECONDS:g}"
        " .venv/bin/python -m pytest -p no:xdist tests/bench/test_community.py -s",
        "posts": POSTS,
        "likes": LIKES,
        "targets_ms": {"board list p95": 30, "search p95": 60},
        "runs": runs,
    }
    RESULTS.mkdir(exist_ok=True)
    Path(RESULTS / "community.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    for name, run in runs.items():
        assert run["errors"] == 0, name
