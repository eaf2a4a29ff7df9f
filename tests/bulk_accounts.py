"""Many accounts at once, straight into identity's tables of a running stack (COPY), and
signed-in sessions for them without a login each: 500 argon2 logins would take minutes
and measure identity instead of what a test is about. The access tokens are signed with
the stack's own development key (its data dir), so Envoy and the edge accept them as any
other; the sessions are real rows, so CheckSession finds them live."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from petful.identity.tokens import KeyRing, issue_access_token
from petful.platform.settings import Settings


def insert_accounts(dsn: str, role: str, n: int, *, tag: str = "") -> list[uuid.UUID]:
    """n active, verified accounts of role that cannot sign in (no password); their ids."""
    now = datetime.now(UTC)
    prefix = f"b{tag or role[:3].lower()}"
    ids = [uuid.uuid4() for _ in range(n)]
    columns = (
        "id, email, password_hash, name, nickname, nickname_key, phone, role, status, "
        "email_verified_at, password_changed_at, created_at, updated_at"
    )
    copy_rows = f"COPY identity.accounts ({columns}) FROM STDIN"
    with psycopg.connect(dsn) as conn, conn.cursor() as cur, cur.copy(copy_rows) as copy:
        for i, account_id in enumerate(ids):
            nickname = f"{prefix}{i}"
            copy.write_row(
                (account_id, f"{nickname}@bench.example", "!", "Bench", nickname,
                 nickname, "", role, "ACTIVE", now, now, now, now)
            )  # fmt: skip
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ANALYZE identity.accounts")
    return ids


def mint_sessions(dsn: str, data_dir: Path, account_ids: list[uuid.UUID], role: str) -> list[str]:
    """A live session row and an access token for each account (in order)."""
    settings = Settings(data_dir=data_dir)
    keys = KeyRing.from_settings(settings)
    now = datetime.now(UTC)
    tokens: list[str] = []
    copy_rows = (
        "COPY identity.sessions (id, account_id, created_at, last_used_at, expires_at) FROM STDIN"
    )
    with psycopg.connect(dsn) as conn, conn.cursor() as cur, cur.copy(copy_rows) as copy:
        for account_id in account_ids:
            session_id = uuid.uuid4()
            copy.write_row((session_id, account_id, now, now, now + timedelta(days=1)))
            tokens.append(
                issue_access_token(
                    keys, settings, user_id=account_id, roles=[role], status="ACTIVE",
                    session_id=session_id, now=now,
                ).token
            )  # fmt: skip
    return tokens
