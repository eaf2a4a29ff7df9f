"""Demo logins for the local platform (`petful seed`). Idempotent: existing emails are kept."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import repository
from petful.identity.service.accounts import create_account_without_verification, create_admin
from petful.identity.service.shared import utc_now
from petful.platform.auth_context import Role
from petful.platform.settings import get_settings

DEMO_PASSWORD = "petful-demo"

# (email, name, nickname, phone, role)
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str, Role], ...] = (
    ("admin@petful.dev", "관리자", "admin", "010-0000-0001", Role.ADMIN),
    ("advertiser@petful.dev", "광고주", "advertiser", "010-0000-0002", Role.ADVERTISER),
    (
        "pending-advertiser@petful.dev",
        "승인대기 광고주",
        "pending-advertiser",
        "010-0000-0003",
        Role.ADVERTISER,
    ),
    ("owner@petful.dev", "김반려", "owner", "010-0000-0004", Role.USER),
    ("owner2@petful.dev", "이반려", "owner2", "010-0000-0005", Role.USER),
    ("owner3@petful.dev", "박반려", "owner3", "010-0000-0006", Role.USER),
)


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    """Create the demo accounts that are missing; share every demo account id in `demo`."""
    now = utc_now()
    settings = get_settings()
    created: list[str] = []
    for email, name, nickname, phone, role in DEMO_ACCOUNTS:
        if await repository.live_email_exists(session, email):
            continue
        if role is Role.ADMIN:
            await create_admin(
                session,
                settings=settings,
                now=now,
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                nickname=nickname,
                phone=phone,
            )
        else:
            await create_account_without_verification(
                session,
                settings=settings,
                now=now,
                email=email,
                password=DEMO_PASSWORD,
                name=name,
                nickname=nickname,
                phone=phone,
                role=role,
            )
        created.append(email)
    ids: dict[str, str] = {}
    for email, *_ in DEMO_ACCOUNTS:
        account = await repository.get_live_account_by_email(session, email)
        if account is not None:
            ids[email] = str(account.id)
    demo["account_ids"] = ids
    return (
        f"{len(created)} demo accounts created (password {DEMO_PASSWORD!r})"
        if created
        else "demo accounts already present"
    )
