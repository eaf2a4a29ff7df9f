"""Web push: the install's VAPID key, each user's browsers (subscribe, unsubscribe, list)
and `deliver`, which pushes one message to every browser of a user.

Sending is RFC 8030 (an HTTP POST to the browser's push service), the body encrypted for
the browser with aes128gcm (RFC 8188/8291) and signed for our key with VAPID (RFC 8292),
all by pywebpush (its aiohttp API: a user's browsers are pushed to concurrently). A push
service's answer decides what happens to the browser's row (push_rules.Outcome): 404/410
delete it, anything else is counted on it.

Keys: `settings.notifications.vapid_private_key_file` names a PEM file with an EC P-256
private key (the chart mounts it from a Secret made once per install). Unset outside
production, one is generated once under `<data_dir>/keys/vapid-p256.pem` (0600) and every
local process shares it; unset in production, the service refuses to start. Browsers
subscribe with the public key (`GetVapidPublicKey`), and a subscription only works with the
key it was made for: replacing the key orphans every subscription (each browser must
subscribe again), so the chart keeps it across upgrades.

Functions take the caller's session and never commit (the RPC or task boundary does).
"""

from __future__ import annotations

import asyncio
import functools
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02  # type: ignore[import-untyped]
from pywebpush import WebPushException, webpush_async  # type: ignore[import-untyped]
from sqlalchemy.ext.asyncio import AsyncSession

from petful.notifications import push_repository, push_rules
from petful.notifications.push_models import PushSubscription
from petful.notifications.push_rules import Outcome
from petful.platform.auth_context import USER_ROLES, Principal, require_role
from petful.platform.errors import NotFound
from petful.platform.keyfiles import generated_once
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings
from petful.platform.validation import Violations

log = get_logger(__name__)

DEV_KEY_FILE = "vapid-p256.pem"
# A VAPID token's lifetime (RFC 8292 allows at most 24 hours).
VAPID_TOKEN_SECONDS = 12 * 3600


# --- the install's key ---------------------------------------------------------------------------


class VapidKeyError(RuntimeError):
    """The VAPID key is missing or unusable."""


def generate_private_pem() -> str:
    """A fresh EC P-256 private key as PEM (PKCS#8), for the key file."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@dataclass(frozen=True)
class VapidKeys:
    private: ec.EllipticCurvePrivateKey
    # The uncompressed public point, base64url without padding: the browser's
    # `applicationServerKey`.
    public_key: str

    @classmethod
    def from_pem(cls, pem: bytes, where: str) -> VapidKeys:
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as exc:
            raise VapidKeyError(f"{where}: not a readable PEM private key ({exc})") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(
            key.curve, ec.SECP256R1
        ):
            raise VapidKeyError(f"{where}: must be an EC P-256 (prime256v1) private key")
        point = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return cls(key, push_rules.b64url(point))

    def signer(self) -> Any:
        """pywebpush's VAPID signer (RFC 8292 `vapid t=…, k=…`) for this key."""
        return Vapid02(private_key=self.private)


@functools.lru_cache(maxsize=8)
def _load(path: str) -> VapidKeys:
    try:
        with open(path, "rb") as f:
            pem = f.read()
    except OSError as exc:
        raise VapidKeyError(f"{path}: the VAPID key file cannot be read ({exc.strerror})") from None
    return VapidKeys.from_pem(pem, path)


def vapid_keys(settings: Settings) -> VapidKeys:
    """The install's VAPID key (read once per process and file)."""
    path = settings.notifications.vapid_private_key_file
    if path is None:
        if settings.is_production:
            raise VapidKeyError(
                "PETFUL_NOTIFICATIONS__VAPID_PRIVATE_KEY_FILE is not set: production needs "
                "the install's VAPID key (a PEM file with an EC P-256 private key)"
            )
        path = settings.data_dir.resolve() / "keys" / DEV_KEY_FILE
        generated_once(path, generate_private_pem)
    return _load(str(path))


# --- the user's browsers (the API) ---------------------------------------------------------------


def user_of(actor: Principal) -> uuid.UUID:
    return require_role(actor, *USER_ROLES, message="only signed-in users receive pushes")


@dataclass(frozen=True)
class Policy:
    """What the settings decide for subscriptions."""

    allow_local: bool
    max_subscriptions: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        n = settings.notifications
        return cls(
            # Never in production: an endpoint is a request the platform makes.
            allow_local=n.push_allow_local_endpoints and not settings.is_production,
            max_subscriptions=n.push_max_subscriptions,
        )


async def subscribe(
    session: AsyncSession,
    *,
    actor: Principal,
    endpoint: str,
    p256dh: str,
    auth: str,
    device: str = "",
    user_agent: str = "",
    now: datetime,
    policy: Policy,
) -> PushSubscription:
    """The caller's browser, stored (or updated: the endpoint names it, and a browser that
    subscribes for another account moves there). The caller keeps at most
    policy.max_subscriptions browsers: the least recently subscribed others go."""
    user_id = user_of(actor)
    v = Violations()
    url = v.check("endpoint", push_rules.check_endpoint, endpoint, allow_local=policy.allow_local)
    key = v.check("keys.p256dh", push_rules.check_p256dh, p256dh)
    secret = v.check("keys.auth", push_rules.check_auth, auth)
    label = v.check("device", push_rules.check_device, device, user_agent=user_agent)
    v.raise_if_any("the push subscription is invalid")
    row = await push_repository.upsert(
        session,
        {
            "id": uuid.uuid4(),
            "user_id": user_id,
            "endpoint": url,
            "p256dh": key,
            "auth": secret,
            "device": label,
            "created_at": now,
            "refreshed_at": now,
            "failures": 0,
        },
    )
    dropped = await push_repository.keep_newest(
        session, user_id=user_id, keep_id=row.id, keep=policy.max_subscriptions
    )
    if dropped:
        log.info("push subscriptions over the limit dropped", user_id=str(user_id), n=dropped)
    return row


def _not_found() -> NotFound:
    return NotFound(
        "push subscription not found",
        field_violations=[("endpoint", "no browser of yours subscribed with it")],
    )


async def unsubscribe(session: AsyncSession, *, actor: Principal, endpoint: str) -> None:
    """Forget the caller's browser of this endpoint; another user's (or an unknown one) is
    not found: whether someone else subscribed with it is not told."""
    user_id = user_of(actor)
    text = endpoint.strip()
    v = Violations()
    if not text:
        v.add("endpoint", "is required")
    elif len(text) > push_rules.ENDPOINT_MAX:
        v.add("endpoint", f"must be at most {push_rules.ENDPOINT_MAX} characters")
    v.raise_if_any("the endpoint is invalid")
    if not await push_repository.delete_own(session, user_id=user_id, endpoint=text):
        raise _not_found()


async def list_subscriptions(session: AsyncSession, *, actor: Principal) -> list[PushSubscription]:
    """The caller's browsers, the most recently subscribed first."""
    return await push_repository.list_for_user(session, user_id=user_of(actor))


async def forget_user(session: AsyncSession, *, user_id: uuid.UUID) -> int:
    """Every browser of a user who left."""
    return await push_repository.delete_for_user(session, user_id=user_id)


# --- sending -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PushMessage:
    """What a browser shows: title and body, the web app's path it opens (link) and a tag
    (a notification with the same tag replaces the shown one, and a pending one at the
    push service: RFC 8030 Topic)."""

    title: str
    body: str
    link: str
    tag: str


class PushError(Exception):
    """Some browsers could not be reached for now (5xx, 429, no answer): send again later.

    The rows are already updated in the session (gone browsers deleted, accepted ones
    marked), so the caller commits before it retries; a retry then skips the browsers that
    accepted this message (see deliver)."""

    def __init__(self, *, accepted: int, failed: int, retry_after: float | None) -> None:
        super().__init__(f"{failed} browser(s) could not be reached ({accepted} accepted the push)")
        self.accepted = accepted
        self.failed = failed
        # The longest Retry-After a push service asked for, in seconds (None: none did).
        self.retry_after = retry_after


class _Redirected(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


async def _no_redirects(
    request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
) -> aiohttp.ClientResponse:
    # A push service answers, it does not redirect: following one would aim the platform
    # at a URL nobody validated.
    response = await handler(request)
    if 300 <= response.status < 400:
        response.release()
        raise _Redirected(response.status)
    return response


@dataclass(frozen=True)
class _Sent:
    id: uuid.UUID
    outcome: Outcome
    status: int | None
    retry_after: float | None = None


async def _send(
    http: aiohttp.ClientSession,
    row: Any,
    payload: push_rules.Payload,
    keys: VapidKeys,
    settings: Settings,
) -> _Sent:
    n = settings.notifications
    info = {"endpoint": row.endpoint, "keys": {"p256dh": row.p256dh, "auth": row.auth}}
    claims: dict[str, str | int] = {
        "sub": n.vapid_subject,
        "aud": push_rules.origin_of(row.endpoint),
        "exp": int(time.time()) + VAPID_TOKEN_SECONDS,
    }
    try:
        response = await webpush_async(
            info,
            data=payload.body,
            vapid_private_key=keys.signer(),
            vapid_claims=claims,
            content_encoding="aes128gcm",
            ttl=n.push_ttl_seconds,
            headers={"Urgency": "normal", "Topic": payload.topic},
            timeout=n.push_timeout_seconds,
            aiohttp_session=http,
        )
        return _Sent(row.id, Outcome.ACCEPTED, response.status)
    except WebPushException as exc:
        status = exc.status_code
        retry_after = push_rules.retry_after_seconds(exc.retry_after, datetime.now(UTC))
        return _Sent(row.id, push_rules.outcome_of(status), status, retry_after)
    except _Redirected as exc:
        return _Sent(row.id, push_rules.outcome_of(exc.status), exc.status)
    except (aiohttp.ClientError, TimeoutError) as exc:
        log.info(
            "push service not reached",
            origin=push_rules.origin_of(row.endpoint),
            error=type(exc).__name__,
        )
        return _Sent(row.id, Outcome.RETRY, None)


async def _send_all(
    rows: list[Any], payload: push_rules.Payload, keys: VapidKeys, settings: Settings
) -> list[_Sent]:
    timeout = aiohttp.ClientTimeout(total=settings.notifications.push_timeout_seconds)
    async with aiohttp.ClientSession(timeout=timeout, middlewares=(_no_redirects,)) as http:
        results = await asyncio.gather(
            *(_send(http, row, payload, keys, settings) for row in rows), return_exceptions=True
        )
    # Every send ends before an unexpected error (a bug) is raised: none is left running.
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [r for r in results if isinstance(r, _Sent)]


async def deliver(session: AsyncSession, *, user_id: uuid.UUID, message: PushMessage) -> int:
    """Push message to every browser of the user; how many accepted it (0: none has
    subscribed, or none took it). Raises PushError when some could not be reached for now,
    and ValueError (push_rules.RuleError) when link and tag alone do not fit a push.

    Each browser gets `{"title","body","link","tag"}` (the body, then the title, shortened
    to fit one push), TTL `push_ttl_seconds`. By the push service's answer: 2xx counts and
    marks the row (last_success_at, the message's key, failures 0); 404/410 deletes the row;
    another 4xx (a push service refusing this request for good) counts a failure and is not
    retried; 429, 5xx or no answer counts a failure, and after every browser was tried
    PushError is raised so the caller sends again later.

    Partial failure: the rows are updated in the session before PushError is raised, so the
    caller commits in both cases. Sending the same message again skips a browser whose last
    accepted message is this one (same title, body, link and tag) within the TTL, and
    counts it as accepted: only the browsers that failed get the retry. (Without the commit,
    or when another message reached a browser in between, a retry may repeat it there; the
    browser then replaces the shown notification of the same tag rather than add one.)
    """
    settings = get_settings()
    rows = await push_repository.targets(session, user_id=user_id)
    if not rows:
        return 0
    payload = push_rules.payload_of(
        title=message.title, body=message.body, link=message.link, tag=message.tag
    )
    within = timedelta(seconds=settings.notifications.push_ttl_seconds)
    started = datetime.now(UTC)
    fresh = [
        row
        for row in rows
        if not push_rules.already_sent(
            last_key=row.last_message_key,
            last_success_at=row.last_success_at,
            key=payload.key,
            now=started,
            within=within,
        )
    ]
    sent = await _send_all(fresh, payload, vapid_keys(settings), settings) if fresh else []
    by_outcome: dict[Outcome, list[uuid.UUID]] = {o: [] for o in Outcome}
    for s in sent:
        by_outcome[s.outcome].append(s.id)
    await push_repository.lock(session, [s.id for s in sent])
    await push_repository.mark_accepted(
        session, by_outcome[Outcome.ACCEPTED], key=payload.key, now=datetime.now(UTC)
    )
    await push_repository.mark_failed(
        session, by_outcome[Outcome.RETRY] + by_outcome[Outcome.REJECTED]
    )
    await push_repository.delete_ids(session, by_outcome[Outcome.GONE])
    accepted = len(rows) - len(fresh) + len(by_outcome[Outcome.ACCEPTED])
    failed = [s for s in sent if s.outcome in (Outcome.RETRY, Outcome.REJECTED)]
    if by_outcome[Outcome.GONE] or failed:
        log.info(
            "push delivered",
            user_id=str(user_id),
            accepted=accepted,
            gone=len(by_outcome[Outcome.GONE]),
            failed=[s.status for s in failed],
        )
    retry = [s for s in sent if s.outcome is Outcome.RETRY]
    if retry:
        waits = [s.retry_after for s in retry if s.retry_after is not None]
        raise PushError(
            accepted=accepted, failed=len(retry), retry_after=max(waits) if waits else None
        )
    return accepted
