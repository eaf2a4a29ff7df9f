"""`petful admin create|bootstrap` (owned by the identity service), and the demo logins the
local platform's start banner names.

Admins are never self-assignable over the API: these commands write the identity schema
directly, in one transaction, from an operator's shell or the chart's bootstrap Job.
"""

from __future__ import annotations

import asyncio
import getpass
import os
import sys

from petful.identity import repository
from petful.identity.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from petful.identity.service.accounts import create_admin
from petful.identity.service.shared import utc_now
from petful.platform.db import dispose_engines, transaction
from petful.platform.errors import DomainError
from petful.platform.settings import Settings
from petful.platform.validation import normalize_email


def _create_admin(
    settings: Settings,
    command: str,
    *,
    email: str,
    password: str,
    name: str,
    nickname: str,
    phone: str,
) -> int:
    """Create an ADMIN unless a live account with that email exists; 2 on invalid input."""

    async def create() -> str | None:
        try:
            async with transaction(settings) as session:
                existing = await repository.get_live_account_by_email(
                    session, normalize_email(email)
                )
                if existing is not None:
                    return None
                account = await create_admin(
                    session,
                    settings=settings,
                    now=utc_now(),
                    email=email,
                    password=password,
                    name=name,
                    nickname=nickname,
                    phone=phone,
                )
                return str(account.id)
        finally:
            await dispose_engines()

    try:
        user_id = asyncio.run(create())
    except DomainError as err:
        problems = "; ".join(f"{f}: {r}" for f, r in err.field_violations) or err.detail
        print(f"petful admin {command}: {problems}", file=sys.stderr)
        return 2
    except ValueError as err:  # the email itself, checked before the lookup
        print(f"petful admin {command}: email: {err}", file=sys.stderr)
        return 2
    if user_id is None:
        print(f"an account with {email} already exists; nothing created")
    else:
        print(f"created admin {email} ({user_id})")
    return 0


def admin_create_command(
    settings: Settings, *, email: str, name: str, nickname: str, phone: str
) -> int:
    """`petful admin create`: the password never on the command line (shell history, ps),
    but from PETFUL_ADMIN_PASSWORD or a prompt."""
    password = os.environ.get("PETFUL_ADMIN_PASSWORD") or getpass.getpass("Password: ")
    return _create_admin(
        settings,
        "create",
        email=email,
        password=password,
        name=name,
        nickname=nickname,
        phone=phone,
    )


def admin_bootstrap_command(settings: Settings) -> int:
    """`petful admin bootstrap`: the admin named by PETFUL_BOOTSTRAP_ADMIN_* (idempotent)."""
    if not settings.identity.bootstrap_admin_email:
        print("PETFUL_IDENTITY__BOOTSTRAP_ADMIN_EMAIL is not set; nothing to bootstrap")
        return 0
    return _create_admin(
        settings,
        "bootstrap",
        email=settings.identity.bootstrap_admin_email,
        password=settings.identity.bootstrap_admin_password.get_secret_value(),
        name=settings.identity.bootstrap_admin_name,
        nickname=settings.identity.bootstrap_admin_nickname,
        phone=settings.identity.bootstrap_admin_phone,
    )


def demo_logins() -> str:
    """The demo logins `petful seed` creates, for the start banner of `petful up`."""
    logins = "\n".join(f"  {email:<32} {role.value}" for email, *_, role in DEMO_ACCOUNTS)
    return f"demo logins (password {DEMO_PASSWORD!r}):\n{logins}\n"
