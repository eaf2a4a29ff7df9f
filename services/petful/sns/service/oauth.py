"""Linking through Facebook Login, the way a person does it.

`start_link` answers the address of Facebook's login dialog with a fresh state, kept ten
minutes for the caller (`link_states`). Facebook sends the person back to the web app's
callback page with a code (or an error when they cancelled); `complete_link` takes the
state once (it must be the caller's and unexpired), exchanges the code for a short-lived
user token (`GraphClient.exchange_code`) and links as `linking` does. When the Facebook
user has several Instagram accounts and none was named, the long-lived token waits with
the state (sealed) and the answer lists the choices; a second call with the state and the
chosen ig_user_id (no code: Facebook takes a code once) finishes.

No code or token is logged: they travel only in Graph requests and sealed in Redis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.auth_context import Principal, caller_id
from petful.platform.errors import PROBLEM_BASE, FailedPrecondition, InvalidArgument
from petful.platform.settings import Settings
from petful.platform.validation import Violations
from petful.sns import graph, sentiment
from petful.sns.crypto import TokenBox, TokenKeyError
from petful.sns.models import Account
from petful.sns.rules import accounts as rules
from petful.sns.service import link_states, linking
from petful.sns.service.access import graph_problem
from petful.sns.service.link_states import PendingLink

# Facebook's answer when the code is not one it takes (used, expired, wrong redirect_uri).
_CODE_REFUSED = 100


@dataclass(frozen=True)
class StartedLink:
    authorize_url: str
    state: str
    expires_at: datetime


@dataclass(frozen=True)
class Choices:
    """The person must choose which Instagram account to link (then call again)."""

    accounts: list[graph.BusinessAccount]
    reason: str


def _state_gone() -> InvalidArgument:
    # One answer for never started, used, expired and another person's: a state says
    # nothing about anyone else's link.
    return InvalidArgument(
        "this Instagram link was already used or has expired: start linking again",
        field_violations=[("state", "is expired or already used: start linking again")],
    )


def _denied() -> FailedPrecondition:
    return FailedPrecondition(
        "Instagram was not linked: the Facebook login was cancelled",
        type_=PROBLEM_BASE + "instagram-link-cancelled",
        title="Instagram linking cancelled",
    )


def _code_refused() -> InvalidArgument:
    return InvalidArgument(
        "Facebook did not accept the login code: start linking again",
        field_violations=[("code", "is expired, already used or not Facebook's")],
    )


async def start_link(
    *, actor: Principal, settings: Settings, now: datetime, redirect_uri: str
) -> StartedLink:
    """The login dialog's address for redirect_uri with a state for the caller."""
    owner = caller_id(actor)
    v = Violations()
    uri = v.check("redirect_uri", rules.check_redirect_uri, redirect_uri)
    v.raise_if_any("the link request has invalid fields")
    state = link_states.new_state()
    try:
        url = graph.login_dialog_url(settings, redirect_uri=uri, state=state)
    except graph.GraphError as e:  # no Meta app configured
        raise graph_problem(e) from None
    expires_at = now + rules.LINK_STATE_TTL
    await link_states.save(settings, state, PendingLink(owner, uri, expires_at), now=now)
    return StartedLink(url, state, expires_at)


async def _token_from_code(
    client: graph.GraphClient, code: str, redirect_uri: str
) -> graph.UserToken:
    try:
        short = await client.exchange_code(code, redirect_uri)
    except (graph.RateLimited, graph.GraphUnavailable, graph.GraphNotConfigured) as e:
        raise graph_problem(e) from None
    except graph.GraphError as e:
        if e.code == _CODE_REFUSED or isinstance(e, graph.TokenInvalid):
            raise _code_refused() from None
        raise graph_problem(e) from None
    return await linking.long_lived(client, short.access_token, field="code")


async def complete_link(
    session: AsyncSession,
    *,
    actor: Principal,
    settings: Settings,
    client: graph.GraphClient,
    box: TokenBox,
    now: datetime,
    state: str,
    code: str,
    redirect_uri: str,
    ig_user_id: str = "",
    error: str = "",
    classifier: sentiment.Classifier | None = None,
) -> Account | Choices:
    """Finish the caller's link started with state: the linked account, or the choices
    when the person must name one. error is Facebook's `error` parameter (the person
    cancelled the dialog). The state is spent by every answer but Choices."""
    owner = caller_id(actor)
    v = Violations()
    state_in = v.check("state", rules.check_state, state)
    uri = v.check("redirect_uri", rules.check_redirect_uri, redirect_uri)
    code_in = v.check("code", rules.check_login_code, code)
    wanted = v.check("ig_user_id", rules.check_ig_user_id, ig_user_id)
    v.raise_if_any("the link request has invalid fields")

    pending = await link_states.take(settings, state_in, owner=owner, now=now)
    if pending is None:
        raise _state_gone()
    if error:
        raise _denied()
    if uri != pending.redirect_uri:
        raise InvalidArgument(
            "the redirect_uri is not the one linking started with",
            field_violations=[("redirect_uri", "is not the address linking started with")],
        )
    try:
        # A token waiting for the choice wins over a code: Facebook takes a code once.
        token = pending.open(box, state_in)
    except TokenKeyError:  # the key ring changed meanwhile: the person starts again
        raise _state_gone() from None
    if token is None:
        if not code_in:
            raise InvalidArgument(
                "the code Facebook sent back is missing",
                field_violations=[("code", "is required")],
            )
        token = await _token_from_code(client, code_in, uri)
    field = "code" if code_in else "state"
    candidates = await linking.business_accounts(client, token, field=field)
    try:
        chosen = linking.choose(candidates, wanted)
    except InvalidArgument as e:  # none named (or not one of them): the person chooses
        await link_states.save(settings, state_in, pending.seal(box, state_in, token), now=now)
        reasons = [reason for _, reason in e.field_violations]
        return Choices(candidates, reasons[0] if reasons else e.detail)
    return await linking.link_chosen(
        session,
        owner=owner,
        settings=settings,
        client=client,
        box=box,
        now=now,
        ig_user_id=chosen,
        token=token,
        classifier=classifier,
        field=field,
    )
