"""Pure rules of web push: what a subscription must look like, how a push service's answer
is read, what one message carries. No I/O.

A subscription is what the browser's `PushSubscription.toJSON()` gives: the push service's
endpoint (RFC 8030), the device's P-256 public key `p256dh` and its 16-byte `auth` secret
(RFC 8291), both base64url. The service POSTs to the endpoint, so it must be a public https
URL: a stored endpoint is a request the platform makes on a user's word.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec

from petful.platform.validation import RuleError, check_line, has_control

ENDPOINT_MAX = 2048
DEVICE_MAX = 100
# An uncompressed P-256 point (0x04 || X || Y) and the RFC 8291 auth secret.
P256DH_BYTES = 65
AUTH_BYTES = 16
# Hosts an endpoint may name only when the local-endpoints setting allows it (the devstack
# and tests run a push service on this machine, over plain http).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1"})
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$", re.ASCII)
_B64URL = re.compile(r"^[A-Za-z0-9_-]+={0,2}$", re.ASCII)

# RFC 8291: a push service must accept 4096 bytes of body; aes128gcm spends 86 on its
# header, 16 on the tag and 1 on the padding delimiter, which leaves 3993 for the JSON.
PAYLOAD_MAX = 3993
ELLIPSIS = "…"
# RFC 8030's Topic header: at most 32 characters of the URL-safe base64 alphabet.
TOPIC_LENGTH = 32


# --- subscriptions -----------------------------------------------------------------------------


def _is_ip_literal(host: str) -> bool:
    return ":" in host or bool(re.fullmatch(r"[0-9.]+", host))


def check_endpoint(raw: str, *, allow_local: bool = False) -> str:
    """The push service's URL: https with a public DNS name; with allow_local also
    http(s) on localhost / 127.0.0.1. IP literals, credentials and fragments are refused (a
    browser's push service never uses them; the platform must not be aimed at its own
    network)."""
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    if len(text) > ENDPOINT_MAX:
        raise RuleError(f"must be at most {ENDPOINT_MAX} characters")
    if has_control(text) or any(c.isspace() for c in text):
        raise RuleError("must be an https URL")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018  # raises ValueError for a bad port
    except ValueError:
        raise RuleError("must be an https URL") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http") or not host or parts.username is not None:
        raise RuleError("must be an https URL")
    if parts.fragment:
        raise RuleError("must not have a fragment")
    if host in LOCAL_HOSTS:
        if not allow_local:
            raise RuleError("must not point at this machine")
        return text
    if scheme != "https":
        raise RuleError("must be an https URL")
    if _is_ip_literal(host):
        raise RuleError("must name its host, not an IP address")
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(_HOST_LABEL.match(label) for label in labels):
        raise RuleError("must be an https URL of a public host")
    return text


def origin_of(endpoint: str) -> str:
    """scheme://host[:port] of an endpoint: the `aud` of its VAPID token (RFC 8292)."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def b64url_decode(raw: str) -> bytes:
    """Base64url with or without padding (browsers send it without)."""
    text = raw.strip()
    if not _B64URL.match(text):
        raise RuleError("must be base64url")
    try:
        return base64.urlsafe_b64decode(text.rstrip("=") + "=" * (-len(text.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        raise RuleError("must be base64url") from None


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def check_p256dh(raw: str) -> str:
    """The device's ECDH public key: an uncompressed P-256 point on the curve; returned as
    unpadded base64url."""
    if not raw.strip():
        raise RuleError("is required")
    point = b64url_decode(raw)
    if len(point) != P256DH_BYTES or point[0] != 0x04:
        raise RuleError(f"must be an uncompressed P-256 point ({P256DH_BYTES} bytes)")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise RuleError("must be a point on the P-256 curve") from None
    return b64url(point)


def check_auth(raw: str) -> str:
    """The device's auth secret: 16 bytes; returned as unpadded base64url."""
    if not raw.strip():
        raise RuleError("is required")
    secret = b64url_decode(raw)
    if len(secret) != AUTH_BYTES:
        raise RuleError(f"must be {AUTH_BYTES} bytes")
    return b64url(secret)


_BROWSERS: tuple[tuple[str, str], ...] = (
    ("edg/", "Edge"),
    ("samsungbrowser/", "Samsung Internet"),
    ("whale/", "Whale"),
    ("opr/", "Opera"),
    ("firefox/", "Firefox"),
    ("fxios/", "Firefox"),
    ("crios/", "Chrome"),
    ("chrome/", "Chrome"),
    ("safari/", "Safari"),
)
_SYSTEMS: tuple[tuple[str, str], ...] = (
    ("android", "Android"),
    ("iphone", "iOS"),
    ("ipad", "iPadOS"),
    ("windows", "Windows"),
    ("mac os x", "macOS"),
    ("cros", "ChromeOS"),
    ("linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """A short name for a browser from its User-Agent ("Chrome on Android"); "" when it
    says nothing we know."""
    ua = user_agent.lower()
    browser = next((name for token, name in _BROWSERS if token in ua), "")
    system = next((name for token, name in _SYSTEMS if token in ua), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system


def check_device(raw: str, *, user_agent: str = "") -> str:
    """The label the user sees in their device list: the one given (one line, at most
    DEVICE_MAX characters), else one made from the User-Agent."""
    if not raw.strip():
        return device_label(user_agent)[:DEVICE_MAX]
    return check_line(raw, max_len=DEVICE_MAX)


# --- sending -----------------------------------------------------------------------------------


class Outcome(StrEnum):
    """How a push service answered one message for one subscription."""

    ACCEPTED = "ACCEPTED"  # 2xx (RFC 8030: 201 Created)
    GONE = "GONE"  # 404/410: the subscription expired or was unsubscribed; forget it
    RETRY = "RETRY"  # 429, 5xx, no answer: try again later
    REJECTED = "REJECTED"  # another 4xx (bad VAPID, too large, ...): sending again won't help


def outcome_of(status: int | None) -> Outcome:
    """The outcome of an HTTP status; None means no answer (connection error, timeout)."""
    if status is None or status == 429 or status >= 500:
        return Outcome.RETRY
    if 200 <= status < 300:
        return Outcome.ACCEPTED
    if status in (404, 410):
        return Outcome.GONE
    return Outcome.REJECTED


RETRY_AFTER_MAX = 24 * 3600.0


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now, at most a day;
    None when absent or unreadable."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return min(float(text), RETRY_AFTER_MAX)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(0.0, (when - now).total_seconds()), RETRY_AFTER_MAX)


@dataclass(frozen=True)
class Payload:
    """The JSON a device's service worker receives, and what identifies it."""

    body: str
    key: str  # the same message gives the same key (a retry is recognised)
    topic: str  # RFC 8030 Topic from the tag: a newer message replaces a pending one


def _dumps(fields: dict[str, str]) -> str:
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))


def _fits(fields: dict[str, str]) -> bool:
    return len(_dumps(fields).encode()) <= PAYLOAD_MAX


def _shorten(fields: dict[str, str], name: str) -> None:
    """fields[name] cut to the longest prefix (+ "…") with which the JSON fits, or ""."""
    text = fields[name]
    low, high = 0, len(text) - 1  # the prefix length; high: at least one character goes
    best = ""
    while low <= high:
        mid = (low + high) // 2
        candidate = text[:mid].rstrip() + ELLIPSIS if mid else ""
        if _fits({**fields, name: candidate}):
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    fields[name] = best


def payload_of(*, title: str, body: str, link: str, tag: str) -> Payload:
    """The message as `{"title","body","link","tag"}`, its body (then title) shortened so
    the UTF-8 JSON fits one push (PAYLOAD_MAX bytes); link and tag are never cut."""
    fields = {"title": title, "body": body, "link": link, "tag": tag}
    for name in ("body", "title"):
        if not _fits(fields):
            _shorten(fields, name)
    if not _fits(fields):
        raise RuleError(f"link and tag must fit a push ({PAYLOAD_MAX} bytes)")
    text = _dumps(fields)
    key = hashlib.sha256(text.encode()).hexdigest()
    topic = b64url(hashlib.sha256(tag.encode()).digest())[:TOPIC_LENGTH]
    return Payload(text, key, topic)


def already_sent(
    *,
    last_key: str | None,
    last_success_at: datetime | None,
    key: str,
    now: datetime,
    within: timedelta,
) -> bool:
    """Whether a device accepted this very message (the last one it accepted) recently
    enough that sending it again would only repeat it: a retry after other devices failed
    skips the devices that already have it."""
    return (
        last_key == key
        and last_success_at is not None
        and timedelta(0) <= now - last_success_at <= within
    )
