"""Comment moderation: banned words (matched however they are spelled), sentiment, the
automatic decision for a new comment, manual actions and the comment search filters."""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from petful.platform.validation import RuleError

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


def check_words_to_change(raw: Sequence[str]) -> list[str]:
    """The words an add or remove request names: at least one."""
    words = check_banned_words(raw)
    if not words:
        raise RuleError("is required")
    return words


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


# --- decisions -------------------------------------------------------------------------------


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
# Who took a logged decision (the `by` of the log and of `sns.comment.moderated`).
BY_RULE = "rule"
BY_USER = "user"
# The state a comment is in after each action.
STATE_AFTER = {
    ModAction.HIDE: CommentState.HIDDEN,
    ModAction.UNHIDE: CommentState.VISIBLE,
    ModAction.DELETE: CommentState.DELETED,
}


def check_auto_action(raw: str) -> ModAction:
    """What auto-moderation does: HIDE (the default) or DELETE."""
    if not raw:
        return ModAction.HIDE
    if raw not in (a.value for a in AUTO_ACTIONS):
        raise RuleError("must be HIDE or DELETE")
    return ModAction(raw)


def check_manual_action(raw: str) -> ModAction:
    if raw not in ModAction.__members__:
        raise RuleError("is required: HIDE, UNHIDE or DELETE")
    return ModAction(raw)


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


# --- comment search and counts ---------------------------------------------------------------

SEARCH_TEXT_MAX = 100


class CommentSort(enum.StrEnum):
    NEWEST = "NEWEST"
    OLDEST = "OLDEST"
    MOST_LIKED = "MOST_LIKED"


def check_sort(raw: str) -> CommentSort:
    """NEWEST unless another order is named."""
    if not raw:
        return CommentSort.NEWEST
    if raw not in CommentSort.__members__:
        raise RuleError("must be NEWEST, OLDEST or MOST_LIKED")
    return CommentSort(raw)


def check_sentiment_filter(raw: str) -> Sentiment | None:
    if not raw:
        return None
    if raw not in Sentiment.__members__:
        raise RuleError("must be POSITIVE, NEGATIVE or NEUTRAL")
    return Sentiment(raw)


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
