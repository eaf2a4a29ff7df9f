"""Instagram tokens encrypted at rest: AES-256-GCM with a key ring from settings.

`settings.sns.token_keys` holds base64 32-byte keys: the first encrypts, all decrypt, so a
key can be rotated in by putting it first. Each ciphertext is stored with the id of its key
(the first 16 hex digits of the key's SHA-256) and bound to its account by the associated
data, so a token copied into another row does not decrypt. Outside production with no keys
configured, one key is generated once under `<data_dir>/keys/sns-token.key` (0600); in
production an empty ring is a startup error.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from petful.platform.keyfiles import generated_once
from petful.platform.settings import Settings

DEV_KEY_FILE = "sns-token.key"
NONCE_BYTES = 12


class TokenKeyError(RuntimeError):
    """The key ring is missing or unusable, or a ciphertext does not decrypt."""


def generate_key() -> str:
    """A fresh key as base64 (for `PETFUL_SNS__TOKEN_KEYS`)."""
    return base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()


def _decode(raw: str, where: str) -> bytes:
    try:
        key = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise TokenKeyError(f"{where} is not base64") from None
    if len(key) != 32:
        raise TokenKeyError(f"{where} must be 32 bytes (AES-256), got {len(key)}")
    return key


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:16]


def _dev_key(directory: Path) -> str:
    return generated_once(directory / DEV_KEY_FILE, generate_key)


@dataclass(frozen=True)
class Sealed:
    ciphertext: bytes  # nonce || AES-GCM output (with tag)
    key_id: str


class TokenBox:
    def __init__(self, keys: list[bytes]) -> None:
        if not keys:
            raise TokenKeyError("no token encryption key")
        self._active = keys[0]
        self.active_key_id = key_id(keys[0])
        self._by_id = {key_id(k): AESGCM(k) for k in keys}

    @classmethod
    def from_settings(cls, settings: Settings) -> TokenBox:
        if settings.sns.token_keys:
            return cls(
                [
                    _decode(raw, f"PETFUL_SNS__TOKEN_KEYS[{i}]")
                    for i, raw in enumerate(settings.sns.token_keys)
                ]
            )
        if settings.is_production:
            raise TokenKeyError(
                "PETFUL_SNS__TOKEN_KEYS is empty: production needs at least one AES-256 key "
                "(base64 of 32 random bytes) to store Instagram tokens"
            )
        directory = settings.data_dir.resolve() / "keys"
        return cls([_decode(_dev_key(directory), str(directory / DEV_KEY_FILE))])

    @staticmethod
    def _aad(context: str) -> bytes:
        return f"petful.sns.token:{context}".encode()

    def seal(self, plaintext: str, *, context: str) -> Sealed:
        nonce = os.urandom(NONCE_BYTES)
        ct = self._by_id[self.active_key_id].encrypt(nonce, plaintext.encode(), self._aad(context))
        return Sealed(nonce + ct, self.active_key_id)

    def open(self, sealed: Sealed, *, context: str) -> str:
        aead = self._by_id.get(sealed.key_id)
        if aead is None:
            raise TokenKeyError(f"token key {sealed.key_id} is not in the key ring")
        nonce, ct = sealed.ciphertext[:NONCE_BYTES], sealed.ciphertext[NONCE_BYTES:]
        try:
            return aead.decrypt(nonce, ct, self._aad(context)).decode()
        except InvalidTag:
            raise TokenKeyError("the stored token does not decrypt") from None
