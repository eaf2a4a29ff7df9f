"""Checks of the advertiser's and applicant's fields, and Instagram permalinks."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from petful.campaigns.rules import Species
from petful.platform.validation import RuleError, check_http_url, has_control

TITLE_MAX = 100
PRODUCT_NAME_MAX = 100
TEXT_MAX = 5000
ITEM_MAX = 200
LIST_MAX = 20
KEYWORD_MAX = 30
HASHTAG_MAX = 50
URL_MAX = 500
MEDIA_ID_MAX = 200
IMAGES_MAX = 10
HEADCOUNT_MIN, HEADCOUNT_MAX = 1, 500
REWARD_VALUE_MAX = 100_000_000
RETENTION_DEFAULT, RETENTION_MAX = 180, 3650
NOTE_MIN, NOTE_MAX = 10, 1000
CARRIER_MAX, TRACKING_MAX = 50, 50
SEARCH_MAX = 100
INVITATION_MESSAGE_MAX = 500


def check_items(
    raw: Sequence[str], *, max_items: int = LIST_MAX, max_len: int = ITEM_MAX
) -> list[str]:
    """A list of one-line items: blanks dropped, duplicates removed (order kept)."""
    out: list[str] = []
    for item in raw:
        text = " ".join(item.split())
        if not text:
            continue
        if len(text) > max_len:
            raise RuleError(f"items must be at most {max_len} characters")
        if has_control(text):
            raise RuleError("must not contain control characters")
        if text not in out:
            out.append(text)
    if len(out) > max_items:
        raise RuleError(f"must have at most {max_items} items")
    return out


def check_media_ids(raw: Sequence[str]) -> list[str]:
    """Ids of uploaded images (the service checks they are this advertiser's)."""
    out = check_items(raw, max_items=IMAGES_MAX, max_len=MEDIA_ID_MAX)
    try:
        return [str(uuid.UUID(m)) for m in out]
    except ValueError:
        raise RuleError("must be ids of uploaded images") from None


# The Korean FTC endorsement guideline (추천·보증 등에 관한 표시·광고 심사지침): a sponsored
# post must carry a clear disclosure. One of these is always among the required hashtags.
DISCLOSURE_TAGS = ("#광고", "#협찬")
_HASHTAG_RE = re.compile(r"^#[\w가-힣]+$")


def normalize_hashtag(raw: str) -> str:
    tag = raw.strip()
    if not tag.startswith("#"):
        tag = "#" + tag
    if len(tag) > HASHTAG_MAX:
        raise RuleError(f"hashtags must be at most {HASHTAG_MAX} characters")
    if not _HASHTAG_RE.match(tag):
        raise RuleError(f"{raw.strip()!r} is not a hashtag (letters, digits and _ only)")
    return tag


def check_hashtags(raw: Sequence[str], *, previous: Sequence[str] | None = None) -> list[str]:
    """Normalised `#tags` (case-insensitive duplicates dropped).

    A new list without a disclosure tag gets `#광고` first. An edit (previous given) must
    not remove the last disclosure tag: that is refused rather than silently re-added.
    """
    out: list[str] = []
    seen: set[str] = set()
    for item in raw:
        if not item.strip():
            continue
        tag = normalize_hashtag(item)
        if tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    if not any(t in DISCLOSURE_TAGS for t in out):
        if previous is not None and any(t in DISCLOSURE_TAGS for t in previous):
            raise RuleError("must keep #광고 or #협찬 (advertising disclosure is required)")
        out.insert(0, DISCLOSURE_TAGS[0])
    if len(out) > LIST_MAX:
        raise RuleError(f"must have at most {LIST_MAX} items")
    return out


def check_product_url(raw: str) -> str:
    return check_http_url(raw, max_len=URL_MAX, required=True)


def check_headcount(value: int) -> int:
    if not HEADCOUNT_MIN <= value <= HEADCOUNT_MAX:
        raise RuleError(f"must be {HEADCOUNT_MIN} to {HEADCOUNT_MAX}")
    return value


def check_reward_value(value: int) -> int:
    if not 0 <= value <= REWARD_VALUE_MAX:
        raise RuleError(f"must be 0 to {REWARD_VALUE_MAX} KRW")
    return value


def check_retention_days(value: int) -> int:
    """0 (not given) means the default of 180 days."""
    if value == 0:
        return RETENTION_DEFAULT
    if not 1 <= value <= RETENTION_MAX:
        raise RuleError(f"must be 1 to {RETENTION_MAX} days")
    return value


def check_species(raw: Iterable[str]) -> list[str]:
    """At least one species, in enum order, no duplicates."""
    wanted = set()
    for item in raw:
        name = item.strip().upper()
        if name not in Species.__members__:
            raise RuleError("must be dog, cat, rabbit, bird, reptile, fish or other")
        wanted.add(name)
    if not wanted:
        raise RuleError("must name at least one species")
    return [s.value for s in Species if s.value in wanted]


def check_note(raw: str) -> str:
    text = raw.strip()
    if not NOTE_MIN <= len(text) <= NOTE_MAX:
        raise RuleError(f"must be {NOTE_MIN} to {NOTE_MAX} characters")
    if has_control(text, "\n\t"):
        raise RuleError("must not contain control characters")
    return text


def check_search(raw: str) -> str:
    text = " ".join(raw.split())
    if len(text) > SEARCH_MAX:
        raise RuleError(f"must be at most {SEARCH_MAX} characters")
    if has_control(text):
        raise RuleError("must not contain control characters")
    return text


# --- Instagram permalinks --------------------------------------------------------------------

_IG_HOSTS = frozenset({"instagram.com", "www.instagram.com", "m.instagram.com"})
_IG_PATH_RE = re.compile(r"^/(?:[A-Za-z0-9._]{1,30}/)?(p|reel|reels|tv)/([A-Za-z0-9_-]{5,64})/?$")


def normalize_permalink(raw: str) -> str:
    """An Instagram post or reel URL as `https://www.instagram.com/{p|reel}/<code>/`.

    Accepts http, the bare/m. hosts, a username prefix, `/reels/` and `/tv/`, and drops the
    query string and fragment (share links carry `?igsh=...`).
    """
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    if len(text) > URL_MAX or any(c.isspace() for c in text) or has_control(text):
        raise RuleError("must be an Instagram post or reel link")
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        raise RuleError("must be an Instagram post or reel link") from None
    if parts.scheme.lower() not in ("http", "https") or host not in _IG_HOSTS:
        raise RuleError("must be an Instagram post or reel link (https://www.instagram.com/p/...)")
    m = _IG_PATH_RE.match(parts.path)
    if not m:
        raise RuleError("must be an Instagram post or reel link (https://www.instagram.com/p/...)")
    kind = "p" if m.group(1) in ("p", "tv") else "reel"
    return f"https://www.instagram.com/{kind}/{m.group(2)}/"


def permalink_shortcode(permalink: str) -> str:
    """The post's shortcode (what sns keys its posts by) of a `normalize_permalink` result."""
    return permalink.rstrip("/").rsplit("/", 1)[-1]
