"""A local push service speaking RFC 8030, for tests: what a browser's push service (FCM,
Mozilla autopush) does with the platform's pushes, on 127.0.0.1.

It plays the browser too: `subscribe()` makes what `PushManager.subscribe()` would (a P-256
key pair and a 16-byte auth secret per subscription, an endpoint URL on this server), bound
to the application server key it was given, as real push services bind it. A push
(`POST /push/<id>`) must carry a valid VAPID header (RFC 8292: `vapid t=<JWT>, k=<key>`,
ES256 by k, `aud` this server's origin, `exp` in the future and at most a day ahead), a TTL
and an aes128gcm body (RFC 8188), which it decrypts with the subscription's private key and
auth secret (RFC 8291) and records. `answer(sub, 410)` makes a subscription answer a status
instead (gone, 404, 500, 429 with Retry-After).
"""

from __future__ import annotations

import base64
import json
import secrets
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import http_ece  # type: ignore[import-untyped]
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from petful.devstack.in_loop import InLoopServer

# RFC 8030 (8.2): a push service accepts at least 4096 bytes of body; we accept no more.
MAX_BODY = 4096
# RFC 8292 (2): a VAPID token's exp is at most 24 hours ahead.
MAX_TOKEN_LIFETIME = 24 * 3600


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Push:
    """One accepted push: the decrypted JSON and the headers that came with it."""

    message: dict[str, Any]
    ttl: int
    urgency: str | None
    topic: str | None


@dataclass
class Subscription:
    id: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth: bytes
    # The applicationServerKey the "browser" subscribed with (base64url); None: any key.
    server_key: str | None
    # What to answer instead of accepting (404, 410, 500, ...), with extra headers.
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    received: list[Push] = field(default_factory=list)
    attempts: int = 0

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    def to_json(self) -> dict[str, Any]:
        """What the browser's PushSubscription.toJSON() gives."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": b64url(self.auth)},
        }


class PushService(InLoopServer):
    """The service on 127.0.0.1:port inside the running event loop."""

    name = "push service"

    def __init__(self, port: int, *, host: str = "127.0.0.1") -> None:
        self.subscriptions: dict[str, Subscription] = {}
        # Pushes refused for their VAPID header or body, with the reason (tests assert on it).
        self.refused: list[tuple[int, str]] = []
        app = Starlette(routes=[Route("/push/{sub_id}", self._push, methods=["POST"])])
        super().__init__(app, host=host, port=port)

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def subscribe(self, server_key: str | None = None) -> Subscription:
        sub_id = uuid.uuid4().hex
        sub = Subscription(
            id=sub_id,
            endpoint=f"{self.origin}/push/{sub_id}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth=secrets.token_bytes(16),
            server_key=server_key,
        )
        self.subscriptions[sub_id] = sub
        return sub

    def answer(self, sub: Subscription, status: int | None, **headers: str) -> None:
        """Answer pushes to sub with status from now on (None: accept them again)."""
        sub.status, sub.headers = status, dict(headers)

    # --- the wire ---------------------------------------------------------------------------

    def _refuse(self, status: int, reason: str) -> Response:
        self.refused.append((status, reason))
        return Response(reason, status_code=status, media_type="text/plain")

    def _vapid_key(self, authorization: str) -> tuple[str | None, str]:
        """(the public key k, "") when the header's token verifies, else (None, why)."""
        scheme, _, params = authorization.partition(" ")
        if scheme.lower() != "vapid":
            return None, "not a vapid authorization"
        parts = dict(
            p.strip().split("=", 1) for p in params.split(",") if "=" in p
        )  # t=<jwt>, k=<key>
        token, key = parts.get("t", ""), parts.get("k", "")
        try:
            public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
            claims = jwt.decode(
                token,
                key=public,
                algorithms=["ES256"],
                audience=self.origin,
                options={"require": ["exp", "aud", "sub"]},
            )
        except (ValueError, jwt.PyJWTError) as exc:
            return None, f"bad vapid token: {exc}"
        if claims["exp"] > time.time() + MAX_TOKEN_LIFETIME:
            return None, "vapid token lives too long"
        if not str(claims["sub"]).startswith(("mailto:", "https://")):
            return None, "vapid sub is not a mailto: or https: contact"
        return key, ""

    async def _push(self, request: Request) -> Response:
        sub = self.subscriptions.get(request.path_params["sub_id"])
        if sub is None:
            return Response(status_code=404)
        sub.attempts += 1
        key, why = self._vapid_key(request.headers.get("authorization", ""))
        if key is None:
            return self._refuse(401, why)
        if sub.server_key is not None and key != sub.server_key:
            return self._refuse(403, "not the key the subscription was made for")
        ttl = request.headers.get("ttl", "")
        if not ttl.isdigit():
            return self._refuse(400, "TTL header missing")
        if request.headers.get("content-encoding") != "aes128gcm":
            return self._refuse(415, "content-encoding must be aes128gcm")
        body = await request.body()
        if len(body) > MAX_BODY:
            return self._refuse(413, f"body of {len(body)} bytes")
        if sub.status is not None:
            return Response(status_code=sub.status, headers=sub.headers)
        try:
            plain = http_ece.decrypt(
                body, private_key=sub.private_key, auth_secret=sub.auth, version="aes128gcm"
            )
            message = json.loads(plain)
        except (http_ece.ECEException, ValueError) as exc:
            return self._refuse(400, f"does not decrypt: {exc}")
        sub.received.append(
            Push(
                message=message,
                ttl=int(ttl),
                urgency=request.headers.get("urgency"),
                topic=request.headers.get("topic"),
            )
        )
        return Response(status_code=201, headers={"Location": f"/message/{uuid.uuid4().hex}"})
