"""JWT signing (EdDSA / Ed25519) and the JWKS the edge and Envoy verify with.

Keys come from `settings.identity.jwt_private_keys` (PEM; the first signs, the rest only verify so
keys can rotate). Without configured keys outside production one key is generated once and
kept in `<data_dir>/keys/jwt-ed25519.pem` (0600), so restarts keep tokens valid; in
production a missing key is a startup error. A key's `kid` is its RFC 7638 thumbprint.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from petful.platform.keyfiles import generated_once
from petful.platform.settings import Settings

ALGORITHM = "EdDSA"
DEV_KEY_FILE = "jwt-ed25519.pem"
VERIFICATION_PURPOSE = "email_verification"


class KeyConfigError(RuntimeError):
    """The signing keys are missing or unusable."""


class InvalidToken(Exception):
    """A token failed verification (signature, audience, issuer, expiry or shape)."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private: Ed25519PrivateKey
    public: Ed25519PublicKey

    @classmethod
    def from_private(cls, private: Ed25519PrivateKey) -> SigningKey:
        public = private.public_key()
        return cls(kid=_thumbprint(public), private=private, public=public)

    def raw_private(self) -> bytes:
        return self.private.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    def jwk(self) -> dict[str, str]:
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": _public_x(self.public),
            "kid": self.kid,
            "alg": ALGORITHM,
            "use": "sig",
        }


def _public_x(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _b64url(raw)


def _thumbprint(public: Ed25519PublicKey) -> str:
    """RFC 7638 JWK thumbprint: stable for a key, whatever its PEM formatting."""
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": _public_x(public)},
        separators=(",", ":"),
        sort_keys=True,
    )
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def _load_pem(pem: str, where: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except (ValueError, TypeError) as exc:
        raise KeyConfigError(f"{where}: not a readable PEM private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyConfigError(f"{where}: must be an Ed25519 private key")
    return key


def _private_pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def generate_private_pem() -> str:
    """A fresh Ed25519 private key as PEM (for `PETFUL_IDENTITY__JWT_PRIVATE_KEYS`)."""
    return _private_pem(Ed25519PrivateKey.generate()).decode()


def _dev_key(directory: Path) -> Ed25519PrivateKey:
    path = directory / DEV_KEY_FILE
    return _load_pem(generated_once(path, generate_private_pem), str(path))


class KeyRing:
    """The active signing key plus verify-only keys."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise KeyConfigError("no JWT signing key")
        self.keys = keys
        self.active = keys[0]
        self._by_kid = {k.kid: k for k in keys}

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        if settings.identity.jwt_private_keys:
            return cls(
                [
                    SigningKey.from_private(
                        _load_pem(pem, f"PETFUL_IDENTITY__JWT_PRIVATE_KEYS[{i}]")
                    )
                    for i, pem in enumerate(settings.identity.jwt_private_keys)
                ]
            )
        if settings.is_production:
            raise KeyConfigError(
                "PETFUL_IDENTITY__JWT_PRIVATE_KEYS is empty: production needs at least one Ed25519 "
                "private key (PEM) to sign tokens"
            )
        directory = settings.data_dir.resolve() / "keys"
        return cls([SigningKey.from_private(_dev_key(directory))])

    def successor(self, refresh_token: str) -> str:
        """The refresh token that replaces refresh_token when it is rotated: derived from it
        with a key only identity holds (from the active signing key), so a second rotation
        of the same token moments later finds the same successor while no plaintext token
        is ever stored. A leaked database (hashes only) yields no successor."""
        label = b"petful refresh successor v1|"
        secret = hashlib.sha256(label + self.active.raw_private()).digest()
        digest = hmac.new(secret, refresh_token.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def jwks(self) -> dict[str, Any]:
        return {"keys": [k.jwk() for k in self.keys]}

    def jwks_json(self) -> str:
        return json.dumps(self.jwks(), separators=(",", ":"))

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(
            claims, self.active.private, algorithm=ALGORITHM, headers={"kid": self.active.kid}
        )

    def verify(self, token: str, *, audience: str, issuer: str, now: datetime) -> dict[str, Any]:
        """Claims of a token signed by one of our keys, checked against `now`."""
        try:
            header = jwt.get_unverified_header(token)
            key = self._by_kid.get(str(header.get("kid", "")))
            if key is None:
                raise InvalidToken("unknown key id")
            claims: dict[str, Any] = jwt.decode(
                token,
                key.public,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=issuer,
                options={"verify_exp": False, "require": ["exp", "iat", "aud", "iss"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
        if int(claims["exp"]) <= int(now.timestamp()):
            raise InvalidToken("token expired")
        return claims


@dataclass(frozen=True)
class IssuedToken:
    token: str
    expires_at: datetime
    jti: str


def issue_access_token(
    keys: KeyRing,
    settings: Settings,
    *,
    user_id: uuid.UUID,
    roles: list[str],
    status: str,
    session_id: uuid.UUID,
    now: datetime,
) -> IssuedToken:
    expires_at = now + timedelta(seconds=settings.identity.access_token_ttl_seconds)
    jti = uuid.uuid4().hex
    claims = {
        "sub": str(user_id),
        "roles": roles,
        "status": status,
        "sid": str(session_id),
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "jti": jti,
        "aud": settings.identity.jwt_audience,
        "iss": settings.identity.jwt_issuer,
    }
    return IssuedToken(keys.sign(claims), expires_at, jti)


def verify_access_token(
    keys: KeyRing, settings: Settings, token: str, *, now: datetime
) -> dict[str, Any]:
    return keys.verify(
        token, audience=settings.identity.jwt_audience, issuer=settings.identity.jwt_issuer, now=now
    )


def issue_verification_token(
    keys: KeyRing, settings: Settings, *, email: str, now: datetime
) -> IssuedToken:
    expires_at = now + timedelta(seconds=settings.identity.verification_token_ttl_seconds)
    jti = uuid.uuid4().hex
    claims = {
        "sub": email,
        "email": email,
        "purpose": VERIFICATION_PURPOSE,
        "iat": int(now.timestamp()),
        "exp": int(expires_at.timestamp()),
        "jti": jti,
        "aud": settings.identity.jwt_verification_audience,
        "iss": settings.identity.jwt_issuer,
    }
    return IssuedToken(keys.sign(claims), expires_at, jti)


def verified_email(keys: KeyRing, settings: Settings, token: str, *, now: datetime) -> str:
    """The email a verification token vouches for, or InvalidToken."""
    claims = keys.verify(
        token,
        audience=settings.identity.jwt_verification_audience,
        issuer=settings.identity.jwt_issuer,
        now=now,
    )
    if claims.get("purpose") != VERIFICATION_PURPOSE or not isinstance(claims.get("email"), str):
        raise InvalidToken("not an email verification token")
    return str(claims["email"])
