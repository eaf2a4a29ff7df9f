"""Instagram post links (by shortcode, as the `sns` event contract defines it for every
consumer) and what makes a post sponsored."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from petful.contracts.sns import shortcode_of
from petful.platform.validation import RuleError

URL_MAX = 2048
FIGURES_URLS_MAX = 200


def check_post_url(raw: str) -> str:
    """The shortcode of a required Instagram post url."""
    if not raw.strip():
        raise RuleError("is required")
    if len(raw) > URL_MAX:
        raise RuleError(f"must be at most {URL_MAX} characters")
    code = shortcode_of(raw)
    if code is None:
        raise RuleError("must be an Instagram post link like https://www.instagram.com/p/<code>/")
    return code


def check_post_urls(raw: Sequence[str]) -> list[str]:
    if len(raw) > FIGURES_URLS_MAX:
        raise RuleError(f"must hold at most {FIGURES_URLS_MAX} links")
    codes: list[str] = []
    for i, url in enumerate(raw):
        try:
            codes.append(check_post_url(url))
        except RuleError as e:
            raise RuleError(f"item {i}: {e.reason}") from None
    return codes


DISCLOSURE_TAGS = ("#광고", "#협찬", "#유료광고", "#ad", "#sponsored", "#paidpartnership")
_HASHTAG_RE = re.compile(r"#[^\s#]+")


def is_sponsored(caption: str, paid_partnership: bool = False) -> bool:
    """Instagram's paid-partnership label, or a disclosure hashtag in the caption (a whole
    hashtag: `#ad` counts, `#adorable` does not)."""
    if paid_partnership:
        return True
    tags = {
        t.casefold().rstrip(".,!?)")
        for t in _HASHTAG_RE.findall(unicodedata.normalize("NFKC", caption))
    }
    return any(t in tags for t in DISCLOSURE_TAGS)
