"""Linking an Instagram business account (one owner at a time) and unlinking it.

Both ways in share the same steps: a Facebook user token, from an API client
(`link_account`) or from Facebook Login's code (`oauth.complete_link`), is exchanged for a
long-lived one (`long_lived`), the user's business accounts are listed
(`business_accounts`), one is chosen (`choose`), and it is synced and stored
(`link_chosen`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import sns as contract
from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from petful.platform.settings import Settings
from petful.platform.validation import Violations
from petful.sns import graph, repository, sentiment
from petful.sns.crypto import TokenBox
from petful.sns.models import Account
from petful.sns.rules import accounts as rules
from petful.sns.rules.accounts import AccountStatus
from petful.sns.service.access import graph_problem, visible
from petful.sns.service.accounts import publish, store_token
from petful.sns.service.comments import Moderator
from petful.sns.service.metrics import publish_synced
from petful.sns.service.snapshot import apply_snapshot, fetch_snapshot


def _bad_token(field: str) -> InvalidArgument:
    return InvalidArgument(
        "Instagram did not accept the access token",
        field_violations=[(field, "is expired or invalid: sign in with Facebook again")],
    )


def _taken() -> AlreadyExists:
    return AlreadyExists(
        "this Instagram account is already linked by another PetFul user",
        field_violations=[("ig_user_id", "is already linked by another user")],
    )


async def long_lived(
    client: graph.GraphClient, short_lived: str, *, field: str = "access_token"
) -> graph.UserToken:
    """Step 1: the short-lived user token exchanged for a ~60-day one. field names what
    the caller sent (the token, or the login code it came from) when Facebook refuses."""
    try:
        return await client.exchange_token(short_lived)
    except graph.TokenInvalid:
        raise _bad_token(field) from None
    except graph.GraphError as e:
        raise graph_problem(e) from None


async def business_accounts(
    client: graph.GraphClient, token: graph.UserToken, *, field: str = "access_token"
) -> list[graph.BusinessAccount]:
    """Step 2: the Instagram business accounts of the user's pages (at least one)."""
    try:
        found = await client.business_accounts(token.access_token)
    except graph.TokenInvalid:
        raise _bad_token(field) from None
    except graph.GraphError as e:
        raise graph_problem(e) from None
    if not found:
        raise FailedPrecondition(
            "no Instagram business or creator account is connected to this user's Facebook pages",
        )
    return found


def choose(candidates: list[graph.BusinessAccount], wanted: str) -> str:
    """Step 3: the account to link (the one named, or the only one), else INVALID_ARGUMENT
    naming ig_user_id."""
    v = Violations()
    chosen = v.check("ig_user_id", rules.choose_account, [c.ig_user_id for c in candidates], wanted)
    v.raise_if_any("choose the Instagram account to link")
    return chosen


async def link_chosen(
    session: AsyncSession,
    *,
    owner: uuid.UUID,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    ig_user_id: str,
    token: graph.UserToken,
    classifier: sentiment.Classifier | None = None,
    field: str = "access_token",
) -> Account:
    """Step 4: sync the chosen account and store it LINKED with the token.

    The same owner linking the same Instagram account again refreshes its token (and
    revives it from NEEDS_REAUTH); another owner's active link is ALREADY_EXISTS."""
    try:
        snap = await fetch_snapshot(
            client, ig_user_id, token.access_token, settings=settings, now=now
        )
    except graph.TokenInvalid:
        raise _bad_token(field) from None
    except graph.GraphError as e:
        raise graph_problem(e) from None

    account = await repository.active_by_ig_user(session, ig_user_id, for_update=True)
    if account is not None and account.owner_user_id != owner:
        raise _taken()
    new = account is None
    if account is None:
        account = Account(
            id=uuid.uuid4(),
            owner_user_id=owner,
            ig_user_id=ig_user_id,
            source=settings.sns.source,
            created_at=now,
        )
    account.status = AccountStatus.LINKED.value
    store_token(box, account, token.access_token, expires_in=token.expires_in, now=now)
    account.username = snap.profile.username
    try:
        async with session.begin_nested():
            if new:
                await repository.add(session, account)
            else:
                await repository.flush(session)
    except IntegrityError:  # another user linked it concurrently
        raise _taken() from None
    moderator = Moderator.of(client, token.access_token, classifier)
    await apply_snapshot(session, account, snap, now, settings=settings, moderator=moderator)
    await publish(session, contract.ACCOUNT_LINKED, account, now)
    await publish_synced(session, account, settings=settings, now=now)
    return account


async def link_account(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    access_token: str,
    ig_user_id: str = "",
    classifier: sentiment.Classifier | None = None,
) -> Account:
    """Link with a short-lived Facebook user token an API client got itself: exchange it,
    pick the business account, sync it and store it LINKED (see `link_chosen`)."""
    owner = caller_id(actor)
    v = Violations()
    token_in = v.check("access_token", rules.check_access_token, access_token)
    wanted = v.check("ig_user_id", rules.check_ig_user_id, ig_user_id)
    v.raise_if_any("the link request has invalid fields")
    token = await long_lived(client, token_in)
    chosen = choose(await business_accounts(client, token), wanted)
    return await link_chosen(
        session,
        owner=owner,
        settings=settings,
        client=client,
        box=box,
        now=now,
        ig_user_id=chosen,
        token=token,
        classifier=classifier,
    )


async def unlink_account(
    session: AsyncSession, *, actor: Principal, now: datetime, account_id: str
) -> Account:
    """Forget the token and everything synced (media, comments, insights, analytics,
    follower history, moderation settings and log) and mark the account UNLINKED
    (idempotent for the owner)."""
    account = await visible(session, actor, account_id, admin=False, service=False, for_update=True)
    if account.status_enum is not AccountStatus.UNLINKED:
        await forget_account(session, account, now)
    return account


async def forget_account(session: AsyncSession, account: Account, now: datetime) -> None:
    """Unlink a locked, not yet UNLINKED account: drop its token and synced data and tell
    the others (ACCOUNT_UNLINKED) as an unlink by its owner does."""
    account.status = AccountStatus.UNLINKED.value
    account.token_ciphertext = None
    account.token_key_id = None
    account.token_expires_at = None
    account.updated_at = now
    await repository.flush(session)
    await repository.forget_synced_data(session, account.id)
    await publish(session, contract.ACCOUNT_UNLINKED, account, now)
