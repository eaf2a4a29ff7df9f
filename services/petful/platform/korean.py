"""Korean-aware terms: the kiwipiepy analyser with the pet vocabulary, aliases across
languages and slang, and the tsvector / tsquery texts built from the terms.

Shared by matching (PetStar and campaign documents) and community (post search). The
analyser is loaded lazily, once per process (importing this module costs nothing).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from kiwipiepy import Kiwi  # type: ignore[import-untyped]

# Pet vocabulary kiwipiepy does not know out of the box (breeds, products, slang), so it
# keeps them whole instead of splitting them into syllables.
BREEDS = (
    "말티즈",
    "푸들",
    "포메라니안",
    "비숑프리제",
    "시츄",
    "치와와",
    "요크셔테리어",
    "진돗개",
    "웰시코기",
    "골든리트리버",
    "래브라도리트리버",
    "시바견",
    "닥스훈트",
    "프렌치불도그",
    "비글",
    "보더콜리",
    "사모예드",
    "슈나우저",
    "스피츠",
    "믹스견",
    "코리안숏헤어",
    "러시안블루",
    "페르시안",
    "스코티시폴드",
    "먼치킨",
    "뱅갈",
    "랙돌",
    "브리티시숏헤어",
    "노르웨이숲",
    "샴",
    "터키시앙고라",
    "아비시니안",
    "메인쿤",
    "네덜란드드워프",
    "롭이어",
    "코뉴어",
    "사랑앵무",
    "모란앵무",
    "레오파드게코",
    "크레스티드게코",
)
PET_WORDS = (
    "펫스타",
    "체험단",
    "츄르",
    "캣타워",
    "캣닢",
    "배변패드",
    "노즈워크",
    "댕댕이",
    "냥이",
    "집사",
    "견주",
    "습식사료",
    "건식사료",
    "동결건조",
    "펫푸드",
    "하네스",
    "리드줄",
    "스크래처",
    "모래",
    "터그",
)
DOMAIN_WORDS: tuple[tuple[str, str], ...] = (
    *((w, "NNP") for w in BREEDS),  # proper nouns
    *((w, "NNG") for w in PET_WORDS),  # common nouns
)

# Cross-language and slang aliases: each adds its canonical term next to itself, so a
# Korean campaign keyword meets an English caption and the other way round.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("cat", "cats", "kitten", "kitty", "냥이", "냥"), "고양이"),
    **dict.fromkeys(("dog", "dogs", "puppy", "pup", "개", "댕댕이", "멍멍이"), "강아지"),
    **dict.fromkeys(("rabbit", "bunny"), "토끼"),
    "bird": "새",
    "parrot": "앵무새",
    "food": "사료",
    **dict.fromkeys(("treat", "treats", "snack"), "간식"),
    **dict.fromkeys(("walk", "walks"), "산책"),
    **dict.fromkeys(("toy", "toys"), "장난감"),
    "churu": "츄르",
}
# How a species (the pets service's enum name) reads in a text.
SPECIES_TERMS: dict[str, str] = {
    "DOG": "강아지",
    "CAT": "고양이",
    "RABBIT": "토끼",
    "BIRD": "새",
    "REPTILE": "파충류",
    "FISH": "물고기",
    "OTHER": "반려동물",
}

# Nouns, proper nouns, latin and hanja words, roots, adjective and verb stems.
_KEEP_TAGS = frozenset({"NNG", "NNP", "SL", "SH", "XR", "VA", "VV"})
_EN_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "we",
        "you",
        "they",
        "i",
        "me",
        "he",
        "she",
        "so",
        "very",
        "just",
        "as",
        "if",
        "not",
        "no",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "than",
        "then",
        "there",
        "here",
        "what",
        "when",
        "who",
        "how",
        "all",
        "any",
        "some",
        "more",
        "most",
    ]
)
# A term the simple tsvector parser keeps whole (no punctuation to split on).
WORD_RE = re.compile(r"^\w+$")

_kiwi: Kiwi | None = None
_kiwi_lock = threading.Lock()


def analyser() -> Kiwi:
    """The process-wide kiwipiepy analyser with the pet vocabulary (loaded on first use)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                kiwi = Kiwi()
                for word, tag in DOMAIN_WORDS:
                    kiwi.add_user_word(word, tag, 0.0)
                _kiwi = kiwi
    return _kiwi


def warm() -> None:
    """Load the analyser and its model now (about 4 s): services that analyse text on a
    request path call this at start-up, so their first request is not the one to wait past
    its deadline."""
    analyser().tokenize("산책")


def _normalise(form: str, tag: str) -> str | None:
    term = form.lower() if tag == "SL" else form
    if not WORD_RE.match(term) or term.isdigit():
        return None
    if tag == "SL" and (term in _EN_STOPWORDS or len(term) < 2):
        return None
    return term


def terms(text: str) -> list[str]:
    """Content morphemes of text in order (nouns, roots, verb/adjective stems, latin words),
    with aliases expanded. Hashtags are split like plain words."""
    text = text.replace("#", " ").strip()
    if not text:
        return []
    out: list[str] = []
    for token in analyser().tokenize(text):
        if token.tag not in _KEEP_TAGS:
            continue
        term = _normalise(token.form, token.tag)
        if term is None:
            continue
        out.append(term)
        alias = ALIASES.get(term)
        if alias is not None:
            out.append(alias)
    return out


def tsvector_text(words: Iterable[str]) -> str:
    """Terms as the input of `to_tsvector('simple', ...)`: already tokenised, so the simple
    parser only splits on the spaces we put in."""
    return " ".join(w for w in words if WORD_RE.match(w))


def tsquery_text(words: Iterable[str]) -> str:
    """An OR query of distinct terms for `to_tsquery('simple', ...)`; '' when none."""
    seen: list[str] = []
    for w in words:
        if WORD_RE.match(w) and w not in seen:
            seen.append(w)
    return " | ".join(seen[:64])
