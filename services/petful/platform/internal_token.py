"""Internal tokens: how a service knows which platform component is calling, and for whom.

Every platform client (the edge, the operator, Celery tasks, services calling services) mints
one token per gRPC call in its client interceptor; every server verifies it before a servicer
runs. The token carries the principal (user id, roles, session id, request id), the audience
(the target service's domain) and an expiry; an anonymous call carries a token too, saying
"anonymous", so a call without one is never from the platform.

Why HMAC-SHA256 with one shared key, not Ed25519: every platform component is equally trusted
(any of them may act for any user), so per-component keys buy nothing; the threat is a pod
that is not a platform component, and it holds no key. HMAC signs and verifies in a few
microseconds, where an Ed25519 verify alone costs about as much as the 0.1 ms budget
(tests/bench/test_internal_token.py measures it). A stolen token is good for one service for
at most TTL + LEEWAY seconds.

    <key id>.<base64url(JSON payload)>.<base64url(HMAC-SHA256)>

Keys: `settings.internal_token_keys` (base64 of 32 random bytes each): the first signs, all
verify, so a key is rotated in by putting it first everywhere, then the old one is dropped
after TTL + LEEWAY. Outside production with no keys, one is generated once under
`<data_dir>/keys/internal-token.key` (0600), which every local process shares; in production
an empty ring is a startup error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from petful.platform.auth_context import Principal, new_request_id
from petful.platform.keyfiles import generated_once
from petful.platform.settings import Settings

# The gRPC metadata key the token travels in.
METADATA_KEY = "x-petful-internal-token"
DEV_KEY_FILE = "internal-token.key"
# Long enough for a call with retries; short enough that a leaked token is soon useless.
TTL_SECONDS = 60
# Tolerated clock difference between pods (both ways).
LEEWAY_SECONDS = 10
_SIGNED_PREFIX = b"petful.internal.v1."
# Request ids end up in logs and headers: keep them short and printable.
_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")

Clock = Callable[[], float]


class InternalKeyError(RuntimeError):
    """The key ring is missing or unusable."""


class InvalidInternalToken(Exception):
    """A token that is missing, malformed, not ours, expired or for another service."""


def generate_key() -> str:
    """A fresh key as base64 (for `PETFUL_INTERNAL_TOKEN_KEYS`)."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _decode_key(raw: str, where: str) -> bytes:
    try:
        key = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise InternalKeyError(f"{where} is not base64") from None
    if len(key) < 32:
        raise InternalKeyError(f"{where} must be at least 32 bytes, got {len(key)}")
    return key


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _dev_key(directory: Path) -> str:
    return generated_once(directory / DEV_KEY_FILE, generate_key)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class InternalTokens:
    """Signs and verifies internal tokens with a key ring; `clock` is seconds since the epoch."""

    def __init__(self, keys: list[bytes], *, clock: Clock = time.time) -> None:
        if not keys:
            raise InternalKeyError("no internal token key")
        self._clock = clock
        self._kid = key_id(keys[0])
        self._signing = keys[0]
        self._by_kid = {key_id(k): k for k in keys}

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock = time.time) -> InternalTokens:
        if settings.internal_token_keys:
            return cls(
                [
                    _decode_key(raw, f"PETFUL_INTERNAL_TOKEN_KEYS[{i}]")
                    for i, raw in enumerate(settings.internal_token_keys)
                ],
                clock=clock,
            )
        if settings.is_production:
            raise InternalKeyError(
                "PETFUL_INTERNAL_TOKEN_KEYS is empty: production needs at least one key "
                "(base64 of 32 random bytes) shared by every petful process"
            )
        directory = settings.data_dir.resolve() / "keys"
        return cls([_decode_key(_dev_key(directory), str(directory / DEV_KEY_FILE))], clock=clock)

    def _mac(self, key: bytes, kid: str, payload: str) -> bytes:
        return hmac.digest(key, _SIGNED_PREFIX + f"{kid}.{payload}".encode("ascii"), "sha256")

    def sign(self, principal: Principal, *, audience: str) -> str:
        """A token for one call to the `audience` service, acting as principal."""
        claims = {
            "aud": audience,
            "exp": int(self._clock()) + TTL_SECONDS,
            "sub": principal.user_id,
            "roles": sorted(principal.roles),
            "sid": principal.session_id,
            "rid": principal.request_id,
        }
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        return f"{self._kid}.{payload}.{_b64(self._mac(self._signing, self._kid, payload))}"

    def verify(self, token: str, *, audience: str) -> Principal:
        """The principal a token speaks for, or InvalidInternalToken (the reason, no secret)."""
        kid, _, rest = token.partition(".")
        payload, _, signature = rest.partition(".")
        key = self._by_kid.get(kid)
        if key is None:
            raise InvalidInternalToken("unknown key")
        try:
            mac = _unb64(signature)
        except (binascii.Error, ValueError):
            raise InvalidInternalToken("malformed token") from None
        if not payload.isascii() or not hmac.compare_digest(mac, self._mac(key, kid, payload)):
            raise InvalidInternalToken("bad signature")
        # Signed by a platform component from here on: the shape is ours.
        claims = json.loads(_unb64(payload))
        if claims["aud"] != audience:
            raise InvalidInternalToken("token is for another service")
        now = self._clock()
        exp = claims["exp"]
        if now > exp + LEEWAY_SECONDS:
            raise InvalidInternalToken("token expired")
        if exp > now + TTL_SECONDS + LEEWAY_SECONDS:
            raise InvalidInternalToken("token lives too long")
        request_id = claims["rid"]
        return Principal(
            user_id=claims["sub"],
            roles=frozenset(claims["roles"]),
            request_id=request_id if _REQUEST_ID_RE.match(request_id) else new_request_id(),
            session_id=claims["sid"],
        )
