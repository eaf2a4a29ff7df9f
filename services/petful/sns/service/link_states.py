"""Started links (Facebook Login) waiting for the person to come back: one per state.

They live in Redis, not in a table: a state lives ten minutes and is used once, so Redis's
expiry drops abandoned ones with no cleanup job or migration, and one Lua script takes a
state atomically (it must be the caller's; then it is deleted), so two CompleteLinks with
the same state cannot both pass. Losing them (Redis restarted) costs a person one more
click. The key is the state's SHA-256: the state itself never shows in a key listing.

When Facebook's user has several Instagram accounts, the exchanged long-lived token waits
here for the person's choice, sealed as stored tokens are (AES-256-GCM, `TokenBox`) and
bound to the state and its owner, until the state expires.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from redis.typing import EncodableT, FieldT

from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from petful.sns import graph
from petful.sns.crypto import Sealed, TokenBox

KEY_PREFIX = "petful:sns:link:"

# Returns the hash's fields and deletes it when it belongs to ARGV[1]; nil (and the hash
# untouched) when there is none or it is someone else's, so a stranger holding a state
# cannot spend it for its owner.
_TAKE = """
local owner = redis.call('HGET', KEYS[1], 'owner')
if not owner or owner ~= ARGV[1] then return nil end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields
"""


def new_state() -> str:
    """A fresh unguessable state (256 bits)."""
    return secrets.token_urlsafe(32)


def _key(state: str) -> str:
    return KEY_PREFIX + hashlib.sha256(state.encode()).hexdigest()


def _context(state: str, owner: uuid.UUID) -> str:
    return f"link:{owner}:{state}"


@dataclass(frozen=True)
class PendingLink:
    owner: uuid.UUID
    redirect_uri: str
    expires_at: datetime
    # Set once the code was exchanged and the person still has to choose an account.
    token: Sealed | None = None
    token_expires_in: int | None = None

    def seal(self, box: TokenBox, state: str, token: graph.UserToken) -> PendingLink:
        sealed = box.seal(token.access_token, context=_context(state, self.owner))
        return PendingLink(self.owner, self.redirect_uri, self.expires_at, sealed, token.expires_in)

    def open(self, box: TokenBox, state: str) -> graph.UserToken | None:
        """The waiting token (TokenKeyError when no configured key opens it)."""
        if self.token is None:
            return None
        plain = box.open(self.token, context=_context(state, self.owner))
        return graph.UserToken(plain, self.token_expires_in)


async def save(settings: Settings, state: str, link: PendingLink, *, now: datetime) -> None:
    """Keep link under state until it expires (replacing what was there)."""
    fields: dict[FieldT, EncodableT] = {
        "owner": str(link.owner),
        "redirect_uri": link.redirect_uri,
        "expires_at": link.expires_at.isoformat(),
    }
    if link.token is not None:
        fields["token"] = base64.b64encode(link.token.ciphertext).decode()
        fields["token_key_id"] = link.token.key_id
        fields["token_expires_in"] = str(link.token_expires_in or 0)
    # Redis drops it a little after it expires; until then the expiry is checked against
    # the service's clock (`take`), which tests move.
    ttl = max(1, int((link.expires_at - now).total_seconds()) + 60)
    redis = get_redis(settings)
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(_key(state))
        pipe.hset(_key(state), mapping=fields)
        pipe.expire(_key(state), ttl)
        await pipe.execute()


async def take(
    settings: Settings, state: str, *, owner: uuid.UUID, now: datetime
) -> PendingLink | None:
    """The caller's link started with state, which is gone afterwards; None when there is
    none (never started, used, expired) or it is another person's (left as it is)."""
    raw = await get_redis(settings).eval(_TAKE, 1, _key(state), str(owner))
    if not raw:
        return None
    fields = dict(zip(raw[::2], raw[1::2], strict=True))
    expires_at = datetime.fromisoformat(fields["expires_at"])
    if expires_at <= now:
        return None
    token = None
    if fields.get("token"):
        token = Sealed(base64.b64decode(fields["token"]), fields["token_key_id"])
    expires_in = int(fields.get("token_expires_in") or 0)
    return PendingLink(owner, fields["redirect_uri"], expires_at, token, expires_in or None)
