"""Pure rules of the sns service: account status, input checks and the metrics other
services read (engagement rate, posts in a window). No I/O."""

from __future__ import annotations

import base64
import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from petful.platform.validation import RuleError

ADMIN_ROLE = "ADMIN"

SOURCE_INSTAGRAM = "instagram"
SOURCE_SANDBOX = "sandbox"
SOURCES = frozenset({SOURCE_INSTAGRAM, SOURCE_SANDBOX})

TOPIC_LINKED = "sns.account.linked"
TOPIC_SYNCED = "sns.account.synced"
TOPIC_UNLINKED = "sns.account.unlinked"
TOPIC_NEEDS_REAUTH = "sns.account.needs_reauth"

ACCESS_TOKEN_MAX = 4096
SYNC_ERROR_MAX = 500
WINDOW_DAYS_MAX = 365


class AccountStatus(enum.StrEnum):
    LINKED = "LINKED"
    NEEDS_REAUTH = "NEEDS_REAUTH"
    UNLINKED = "UNLINKED"


# Statuses in which an Instagram account counts as linked by its owner (one owner at a time).
ACTIVE = frozenset({AccountStatus.LINKED, AccountStatus.NEEDS_REAUTH})


# --- input -----------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"^[\x21-\x7e]+$")
_IG_ID_RE = re.compile(r"^[0-9]{1,32}$", re.ASCII)


def check_access_token(raw: str) -> str:
    token = raw.strip()
    if not token:
        raise RuleError("is required")
    if len(token) > ACCESS_TOKEN_MAX:
        raise RuleError(f"must be at most {ACCESS_TOKEN_MAX} characters")
    if not _TOKEN_RE.match(token):
        raise RuleError("must be a Facebook access token")
    return token


def check_ig_user_id(raw: str) -> str:
    """Optional: "" or the numeric id of an Instagram business account."""
    value = raw.strip()
    if value and not _IG_ID_RE.match(value):
        raise RuleError("must be a numeric Instagram account id")
    return value


def check_window_days(days: int, *, default: int) -> int:
    if days == 0:
        return default
    if not 1 <= days <= WINDOW_DAYS_MAX:
        raise RuleError(f"must be 1 to {WINDOW_DAYS_MAX}")
    return days


def choose_account(candidates: Sequence[str], wanted: str) -> str:
    """The Instagram account to link among the user's business accounts.

    RuleError when the wanted one is not among them, or none was named and there is not
    exactly one to pick."""
    if wanted:
        if wanted not in candidates:
            raise RuleError("is not an Instagram business account of this Facebook user")
        return wanted
    if not candidates:
        raise RuleError("no Instagram business account is connected to this user's pages")
    if len(candidates) > 1:
        raise RuleError("the user has several Instagram business accounts: name one")
    return candidates[0]


def clip_error(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SYNC_ERROR_MAX else text[: SYNC_ERROR_MAX - 1] + "…"


# --- metrics ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Post:
    ig_media_id: str
    posted_at: datetime
    like_count: int
    comments_count: int
    permalink: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Metrics:
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    posts_in_window: int
    window_posts: list[Post]


def newest_first(posts: Sequence[Post]) -> list[Post]:
    return sorted(posts, key=lambda p: (p.posted_at, p.ig_media_id), reverse=True)


def engagement_rate(posts: Sequence[Post], followers: int, *, last_n: int) -> float:
    """Mean of (likes + comments) / followers over the newest last_n posts (0 without
    followers or posts)."""
    recent = newest_first(posts)[:last_n]
    if followers <= 0 or not recent:
        return 0.0
    return sum((p.like_count + p.comments_count) / followers for p in recent) / len(recent)


def posts_in_window(posts: Sequence[Post], *, now: datetime, days: int) -> list[Post]:
    """Posts published in (now - days, now], newest first."""
    since = now - timedelta(days=days)
    return [p for p in newest_first(posts) if since < p.posted_at <= now]


def compute_metrics(
    posts: Sequence[Post], *, followers: int, now: datetime, window_days: int, last_n: int
) -> Metrics:
    recent = newest_first(posts)[:last_n]
    count = len(recent)
    window = posts_in_window(posts, now=now, days=window_days)
    return Metrics(
        engagement_rate=engagement_rate(posts, followers, last_n=last_n),
        avg_likes=sum(p.like_count for p in recent) / count if count else 0.0,
        avg_comments=sum(p.comments_count for p in recent) / count if count else 0.0,
        posts_in_window=len(window),
        window_posts=window,
    )


# --- posts by url ----------------------------------------------------------------------------

TOPIC_COMMENT_MODERATED = "sns.comment.moderated"
TOPIC_MODERATION_SETTINGS = "sns.moderation.settings_changed"
# A post seen for the first time by a re-sync (campaigns match content submissions).
TOPIC_POST_PUBLISHED = "sns.post.published"

URL_MAX = 2048
FIGURES_URLS_MAX = 200
_SHORTCODE_RE = re.compile(
    r"^https?://(?:www\.|m\.)?instagram\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/"
    r"([A-Za-z0-9_-]{5,64})/?(?:[?#].*)?$"
)


def shortcode_of(url: str) -> str | None:
    """The post shortcode of an Instagram permalink (`/p/<code>/`, `/reel/<code>/`,
    `/tv/<code>/`, optionally after a user name), None for anything else."""
    m = _SHORTCODE_RE.match(url.strip())
    return m.group(1) if m else None


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


# --- sponsored posts -------------------------------------------------------------------------

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


# --- text normalisation and banned words ------------------------------------------------------

BANNED_WORDS_MAX = 200
BANNED_WORD_MAX_LEN = 50
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
_REPEATS_RE = re.compile(r"(.)\1+", re.DOTALL)
_VOWEL_ECHO_RE = re.compile("([\u1161-\u1175])(?:\u110b\\1)+")


def squash(text: str) -> str:
    """The form banned words are matched in: NFKC, case folded, without spaces, zero-width
    characters, punctuation and symbols, loose jamo composed (`ㅂㅏ보` -> `바보`), decomposed
    to jamo (so composed and spelled-out syllables compare equal) and with runs of one
    letter collapsed (`바아아보`'s jamo runs, `baaad` -> `bad`)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    kept = [
        c
        for c in text
        if c not in _ZERO_WIDTH and unicodedata.category(c)[0] not in ("Z", "P", "S", "C")
    ]
    text = unicodedata.normalize("NFKC", "".join(kept))  # compose jamo now adjacent
    text = unicodedata.normalize("NFD", text)
    text = _REPEATS_RE.sub(r"\1", text)
    return _VOWEL_ECHO_RE.sub(r"\1", text)  # 바아아 -> 바 (a drawn-out vowel)


def _is_latin_word(word: str) -> bool:
    return all(c.isascii() for c in word)


def check_banned_words(raw: Sequence[str]) -> list[str]:
    """Trimmed words, duplicates (after squashing) merged, order kept."""
    if len(raw) > BANNED_WORDS_MAX:
        raise RuleError(f"must hold at most {BANNED_WORDS_MAX} words")
    out: list[str] = []
    seen: set[str] = set()
    for word in raw:
        w = " ".join(unicodedata.normalize("NFKC", word).split())
        if len(w) > BANNED_WORD_MAX_LEN:
            raise RuleError(f"words must be at most {BANNED_WORD_MAX_LEN} characters")
        key = squash(w)
        if not key:
            raise RuleError("words must contain letters")
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


def banned_hits(text: str, words: Sequence[str]) -> list[str]:
    """The banned words found in text, as configured. Matching is on the squashed forms, so
    spacing, punctuation, zero-width characters, case, repeated letters and spelled-out
    jamo do not hide a word. Short Latin words (3 letters or fewer) must be a whole word,
    so `ad` does not hit `bad`."""
    if not words:
        return []
    squashed = squash(text)
    tokens: set[str] | None = None
    hits: list[str] = []
    for word in words:
        key = squash(word)
        if not key:
            continue
        if _is_latin_word(key) and len(key) <= 3:
            if tokens is None:
                tokens = {squash(t) for t in text.split()}
            if key in tokens:
                hits.append(word)
        elif key in squashed:
            hits.append(word)
    return hits


# --- moderation ------------------------------------------------------------------------------


class Sentiment(enum.StrEnum):
    POSITIVE = "POSITIVE"
    NEGATIVE = "NEGATIVE"
    NEUTRAL = "NEUTRAL"


class CommentState(enum.StrEnum):
    VISIBLE = "VISIBLE"
    HIDDEN = "HIDDEN"
    DELETED = "DELETED"


class ModAction(enum.StrEnum):
    HIDE = "HIDE"
    UNHIDE = "UNHIDE"
    DELETE = "DELETE"


AUTO_ACTIONS = frozenset({ModAction.HIDE, ModAction.DELETE})
BY_RULE = "rule"
BY_USER = "user"


def auto_decision(
    *,
    enabled: bool,
    action: ModAction,
    moderate_negative: bool,
    sentiment: Sentiment,
    hits: Sequence[str],
    by_owner: bool,
) -> tuple[ModAction, str] | None:
    """What auto-moderation does with a comment seen for the first time: None, or the
    action and its reason (`banned_word:<w>` first, then `negative`). The account's own
    comments are never moderated."""
    if not enabled or by_owner:
        return None
    if hits:
        return action, f"banned_word:{hits[0]}"
    if moderate_negative and sentiment is Sentiment.NEGATIVE:
        return action, "negative"
    return None


def transition(state: CommentState, action: ModAction) -> CommentState:
    """The state after a manual action; RuleError when it is not possible."""
    if state is CommentState.DELETED:
        raise RuleError("the comment is deleted")
    if action is ModAction.DELETE:
        return CommentState.DELETED
    if action is ModAction.HIDE:
        if state is CommentState.HIDDEN:
            raise RuleError("the comment is already hidden")
        return CommentState.HIDDEN
    if state is not CommentState.HIDDEN:
        raise RuleError("the comment is not hidden")
    return CommentState.VISIBLE


COMMENT_PAGE_DEFAULT = 20
COMMENT_PAGE_MAX = 100
SEARCH_TEXT_MAX = 100


def check_page_size(size: int) -> int:
    if size == 0:
        return COMMENT_PAGE_DEFAULT
    if not 1 <= size <= COMMENT_PAGE_MAX:
        raise RuleError(f"must be 1 to {COMMENT_PAGE_MAX}")
    return size


def check_moderated_filter(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in ("", "any"):
        return None
    if value in ("yes", "true"):
        return True
    if value in ("no", "false"):
        return False
    raise RuleError('must be "yes", "no" or empty')


def check_search_text(raw: str) -> str:
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    if len(text) > SEARCH_TEXT_MAX:
        raise RuleError(f"must be at most {SEARCH_TEXT_MAX} characters")
    return text


@dataclass(frozen=True)
class CommentCounts:
    total: int
    hidden: int
    deleted: int
    banned: int
    positive: int
    negative: int
    neutral: int


def ratio(part: int, total: int) -> float:
    """part / total in percent, rounded to 0.1 (0 without a total)."""
    return round(part * 100.0 / total, 1) if total else 0.0


# --- analytics -------------------------------------------------------------------------------
# Computed at each sync from the stored posts, follower history and insights.

TOP_POSTS = 3
FREQUENCY_DAYS = 90
COMPARE_DAYS = 30


@dataclass(frozen=True)
class AnalyticsPost:
    ig_media_id: str
    posted_at: datetime
    like_count: int
    comments_count: int
    permalink: str = ""
    caption: str = ""
    paid_partnership: bool = False

    @property
    def engagement(self) -> int:
        return self.like_count + self.comments_count

    @property
    def sponsored(self) -> bool:
        return is_sponsored(self.caption, self.paid_partnership)


def pct_change(recent: float, previous: float) -> float:
    """(recent - previous) / previous * 100, rounded to 0.1; previous 0 -> 100 when recent
    is positive, else 0."""
    if previous == 0:
        return 100.0 if recent > 0 else 0.0
    return round((recent - previous) * 100.0 / previous, 1)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def monthly_followers(days: Sequence[tuple[date, int]]) -> list[tuple[str, int, int]]:
    """(month "YYYY-MM", last count seen in the month, change against the previous month)."""
    last: dict[str, int] = {}
    for day, followers in sorted(days):
        last[day.strftime("%Y-%m")] = followers
    out: list[tuple[str, int, int]] = []
    prev: int | None = None
    for month in sorted(last):
        count = last[month]
        out.append((month, count, 0 if prev is None else count - prev))
        prev = count
    return out


@dataclass(frozen=True)
class CredibilityScore:
    score: int
    follower_following_ratio: float
    flags: list[str]


def credibility(
    *,
    followers: int,
    follows: int,
    posts: Sequence[AnalyticsPost],
    engagement_rate: float,
    growth: Sequence[tuple[str, int, int]],
) -> CredibilityScore:
    """An audience-credibility HEURISTIC (0..100), not a fraud verdict. Starts at 100 and
    subtracts for signals often seen with bought followers or engagement:

    - follows_many (-20): the account follows more than it is followed by (ratio < 1), or
      far more than is usual for its size;
    - low_engagement (-25): under 0.5 % engagement with 1,000+ followers (followers that
      do not engage);
    - engagement_outliers (-15): among the last 12 posts, one with more than 5x the median
      likes + comments (bought likes on single posts);
    - follower_spike (-25): a month that gained more than 30 % of the previous month's
      followers (with 1,000+ followers; bought followers arrive in bursts);
    - few_posts (-10): fewer than 3 posts, too little to judge.
    """
    score = 100
    flags: list[str] = []
    ratio_ff = round(followers / follows, 2) if follows > 0 else float(followers)
    if follows > 0 and ratio_ff < 1.0:
        score -= 20
        flags.append("follows_many")
    if followers >= 1000 and engagement_rate < 0.005:
        score -= 25
        flags.append("low_engagement")
    recent = sorted(posts, key=lambda p: p.posted_at, reverse=True)[:12]
    if len(recent) >= 5:
        values = sorted(p.engagement for p in recent)
        median = values[len(values) // 2]
        if median > 0 and values[-1] > 5 * median:
            score -= 15
            flags.append("engagement_outliers")
    for i in range(1, len(growth)):
        prev, change = growth[i - 1][1], growth[i][2]
        if prev >= 1000 and change > 0.3 * prev:
            score -= 25
            flags.append("follower_spike")
            break
    if len(posts) < 3:
        score -= 10
        flags.append("few_posts")
    return CredibilityScore(max(0, score), ratio_ff, flags)


@dataclass(frozen=True)
class Analytics:
    followers_count: int
    engagement_rate: float
    avg_likes: float
    avg_comments: float
    max_likes: int
    max_comments: int
    avg_likes_change_pct: float
    avg_comments_change_pct: float
    max_likes_change_pct: float
    max_comments_change_pct: float
    posts_per_week: float
    follower_growth: list[tuple[str, int, int]]
    top_posts: list[AnalyticsPost]
    sponsored_posts: int
    organic_posts: int
    paid_vs_organic_engagement: float
    credibility: CredibilityScore


def compute_analytics(
    posts: Sequence[AnalyticsPost],
    *,
    followers: int,
    follows: int,
    follower_days: Sequence[tuple[date, int]],
    now: datetime,
    last_n: int,
) -> Analytics:
    """Averages and maxima are over the last 30 days, compared with the 30 days before;
    engagement rate over the newest last_n posts; posting frequency over 90 days."""
    recent_start = now - timedelta(days=COMPARE_DAYS)
    prev_start = recent_start - timedelta(days=COMPARE_DAYS)
    recent = [p for p in posts if recent_start < p.posted_at <= now]
    previous = [p for p in posts if prev_start < p.posted_at <= recent_start]

    def stats(group: Sequence[AnalyticsPost]) -> tuple[float, float, int, int]:
        return (
            _mean([p.like_count for p in group]),
            _mean([p.comments_count for p in group]),
            max((p.like_count for p in group), default=0),
            max((p.comments_count for p in group), default=0),
        )

    r, p = stats(recent), stats(previous)
    newest = sorted(posts, key=lambda x: (x.posted_at, x.ig_media_id), reverse=True)
    last = newest[:last_n]
    rate = _mean([x.engagement / followers for x in last]) if followers > 0 and last else 0.0
    freq_start = now - timedelta(days=FREQUENCY_DAYS)
    in_freq = [x for x in posts if freq_start < x.posted_at <= now]
    sponsored = [x for x in posts if x.sponsored]
    organic = [x for x in posts if not x.sponsored]
    s_mean = _mean([x.engagement for x in sponsored])
    o_mean = _mean([x.engagement for x in organic])
    growth = monthly_followers(follower_days)
    top = sorted(posts, key=lambda x: (x.engagement, x.posted_at), reverse=True)[:TOP_POSTS]
    return Analytics(
        followers_count=followers,
        engagement_rate=rate,
        avg_likes=round(r[0], 2),
        avg_comments=round(r[1], 2),
        max_likes=r[2],
        max_comments=r[3],
        avg_likes_change_pct=pct_change(r[0], p[0]),
        avg_comments_change_pct=pct_change(r[1], p[1]),
        max_likes_change_pct=pct_change(r[2], p[2]),
        max_comments_change_pct=pct_change(r[3], p[3]),
        posts_per_week=round(len(in_freq) * 7 / FREQUENCY_DAYS, 2),
        follower_growth=growth,
        top_posts=top,
        sponsored_posts=len(sponsored),
        organic_posts=len(organic),
        paid_vs_organic_engagement=round(s_mean / o_mean, 3) if sponsored and o_mean else 0.0,
        credibility=credibility(
            followers=followers,
            follows=follows,
            posts=posts,
            engagement_rate=rate,
            growth=growth,
        ),
    )


def insight_windows(month_start: date) -> list[tuple[date, date]]:
    """The two windows a month's insights are read in ([1st, 16th), [16th, next 1st)):
    Graph caps since..until at 30 days."""
    nxt = (month_start.replace(day=28) + timedelta(days=4)).replace(day=1)
    mid = month_start.replace(day=16)
    return [(month_start, mid), (mid, nxt)]


def months_back(today: date, n: int) -> list[date]:
    """First days of the n months ending with today's, oldest first."""
    out: list[date] = []
    cur = today.replace(day=1)
    for _ in range(n):
        out.append(cur)
        cur = (cur - timedelta(days=1)).replace(day=1)
    return list(reversed(out))


def encode_offset(offset: int) -> str:
    """An opaque page cursor (the offset of the next row in the requested order)."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_offset(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, number = text.partition(":")
        value = int(number)
    except (ValueError, UnicodeDecodeError):
        raise RuleError("is not a valid cursor") from None
    if prefix != "o" or value < 0:
        raise RuleError("is not a valid cursor")
    return value
