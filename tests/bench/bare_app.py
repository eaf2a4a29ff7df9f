"""The baseline: the same read as GET /api/v1/me, served by bare FastAPI + psycopg.

No Envoy, no JWT, no gRPC hop: the platform's overhead is the ratio against this.
Run: `uvicorn tests.bench.bare_app:app` with PETFUL_DATABASE_URL and BENCH_USER_ID set.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from psycopg_pool import AsyncConnectionPool

DSN = os.environ["PETFUL_DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
USER_ID = os.environ["BENCH_USER_ID"]
pool = AsyncConnectionPool(DSN, min_size=5, max_size=10, open=False)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    await pool.open()
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/me")
async def me() -> dict[str, Any]:
    async with pool.connection() as conn:
        cur = await conn.execute(
            "SELECT id, email, nickname, name, phone FROM identity.accounts WHERE id = %s",
            (USER_ID,),
        )
        row = await cur.fetchone()
    assert row is not None
    return {"id": str(row[0]), "email": row[1], "nickname": row[2], "name": row[3], "phone": row[4]}
