"""Comment sentiment: a pluggable classifier (POSITIVE / NEGATIVE / NEUTRAL).

- `LexiconClassifier` (the default, offline): a small Korean + English lexicon with rules
  for negation (`안 좋아`, `좋지 않아`, `not good`), contrast (`..., 근데 별로` counts the
  part after the contrast word) and emoji/laughter cues. Its accuracy on the labelled set
  shipped with the tests (`tests/unit/sns_sentiment_labelled.tsv`) is asserted by
  `tests/unit/test_sns_sentiment.py` (at least 85 %). It is a heuristic: sarcasm and
  domain slang it does not know come out NEUTRAL or wrong.
- `ChatCompletionsClassifier`: any OpenAI-compatible `POST {base}/chat/completions` API
  (OpenAI, a local vLLM/llama.cpp server, or Naver Clova Studio's OpenAI-compatible
  endpoint), configured by the `PETFUL_SNS__SENTIMENT_*` settings. The model must answer one
  word; anything it says that is not a label maps to NEUTRAL.

`classifier_from_settings` picks one. A misconfigured provider (no base URL or key) is a
clear error when the classifier is built, never a silent fallback; a provider that fails
at run time raises `SentimentUnavailable` and the sync uses the lexicon for that comment
(logged), so a flaky provider never blocks a sync.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Protocol

import httpx

from petful.platform.logging import get_logger
from petful.platform.settings import Settings
from petful.sns.rules.moderation import Sentiment

log = get_logger(__name__)


class SentimentUnavailable(RuntimeError):
    """The configured provider could not classify (transport, HTTP or format error)."""


class SentimentNotConfigured(RuntimeError):
    """The configured provider lacks its base URL or key."""


class Classifier(Protocol):
    name: str

    async def classify(self, text: str) -> Sentiment: ...


# --- the offline lexicon ---------------------------------------------------------------------

# Stems: a comment "contains" a stem after NFKC + case folding. Korean stems are short on
# purpose (예쁘 covers 예뻐요 via 예뻐, so both are listed).
POSITIVE_KO = (
    "좋아",
    "좋네",
    "좋다",
    "좋은",
    "좋지",
    "최고",
    "귀여",
    "귀엽",
    "귀욤",
    "사랑",
    "예쁘",
    "예뻐",
    "이쁘",
    "이뻐",
    "멋지",
    "멋져",
    "멋있",
    "대박",
    "짱",
    "감사",
    "고마",
    "행복",
    "힐링",
    "훌륭",
    "완벽",
    "응원",
    "축하",
    "반가",
    "심쿵",
    "설레",
    "기특",
    "웃겨",
    "재밌",
    "재미있",
    "부럽",
    "사랑스",
    "천사",
    "최애",
    "잘생",
    "똑똑",
    "건강하",
    "맛있",
    "추천",
)
NEGATIVE_KO = (
    "싫어",
    "싫다",
    "별로",
    "최악",
    "못생",
    "짜증",
    "바보",
    "멍청",
    "실망",
    "광고충",
    "사기",
    "꺼져",
    "역겹",
    "역겨",
    "쓰레기",
    "혐오",
    "지겹",
    "지겨",
    "나쁜",
    "나빠",
    "불쌍",
    "학대",
    "한심",
    "노잼",
    "재미없",
    "구려",
    "구리",
    "징그",
    "더러",
    "시끄러",
    "환불",
    "불쾌",
    "거짓",
    "짜가",
    "돈벌이",
    "뒷광고",
    "어이없",
    "화나",
    "빡치",
    "극혐",
    "미친",
    "닥쳐",
    "비추",
    "무섭",
    "아프",
    "안쓰러",
    "걱정",
)
POSITIVE_EN = (
    "love",
    "lovely",
    "cute",
    "cutie",
    "adorable",
    "great",
    "awesome",
    "amazing",
    "beautiful",
    "best",
    "thanks",
    "thank",
    "good",
    "nice",
    "sweet",
    "wonderful",
    "perfect",
    "happy",
    "gorgeous",
    "fantastic",
    "congrats",
    "precious",
    "handsome",
    "pretty",
    "fun",
    "wow",
    "yay",
    "cool",
)
NEGATIVE_EN = (
    "hate",
    "ugly",
    "worst",
    "terrible",
    "awful",
    "scam",
    "stupid",
    "disgusting",
    "boring",
    "fake",
    "spam",
    "bad",
    "gross",
    "annoying",
    "poor",
    "sad",
    "cruel",
    "abuse",
    "dumb",
    "horrible",
    "trash",
    "garbage",
    "sucks",
    "idiot",
    "creepy",
    "unfollow",
    "shame",
)
POSITIVE_EMOJI = ("❤", "♥", "😍", "🥰", "👍", "😊", "😘", "💕", "💖", "😻", "🥹", "👏", "🙌", "💯")
NEGATIVE_EMOJI = ("👎", "😡", "🤬", "😠", "💩", "🤮", "😒", "🙄")
# Laughter and cries: ㅋㅋ / ㅎㅎ lean positive, ㅠㅠ / ㅜㅜ lean negative (weakly).
LAUGH_RE = re.compile(r"[ㅋㅎ]{2,}")
CRY_RE = re.compile(r"[ㅠㅜ]{2,}")
NEGATORS_EN = ("not", "no", "never", "don't", "dont", "isn't", "isnt", "wasn't", "aren't")
# Korean negation: 안 before the word, 못 before it, or 지 않/지 못/지 마 right after it.
NEG_AFTER_KO = re.compile(r"^(?:하?지?\s*않|하?지\s*못|하?지\s*마|진\s*않|지도\s*않)")
CONTRAST_KO = ("근데", "하지만", "그런데", "그러나", "지만", "긴 한데", "긴한데")
CONTRAST_EN = (" but ", " however ")
_WORD_RE = re.compile(r"[a-z']+")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _after_contrast(text: str) -> str:
    """The clause after the last contrast word, which carries the opinion ("귀엽긴 한데
    광고라서 별로" -> "광고라서 별로")."""
    cut = -1
    for word in CONTRAST_KO + CONTRAST_EN:
        i = text.rfind(word)
        if i >= 0 and i + len(word) > cut:
            cut = i + len(word)
    tail = text[cut:] if cut > 0 else text
    return tail if tail.strip() else text


def _ko_score(text: str) -> float:
    score = 0.0
    for stems, sign in ((POSITIVE_KO, 1.0), (NEGATIVE_KO, -1.0)):
        for stem in stems:
            start = 0
            while (i := text.find(stem, start)) >= 0:
                start = i + len(stem)
                before = text[max(0, i - 2) : i]
                after = text[start : start + 4]
                negated = before.endswith(("안 ", "안", "못 ", "못")) or bool(
                    NEG_AFTER_KO.match(after)
                )
                score += -sign * 0.8 if negated else sign
    return score


def _en_score(text: str) -> float:
    words = _WORD_RE.findall(text)
    score = 0.0
    for i, w in enumerate(words):
        sign = 1.0 if w in POSITIVE_EN else -1.0 if w in NEGATIVE_EN else 0.0
        if not sign:
            continue
        negated = any(x in NEGATORS_EN for x in words[max(0, i - 2) : i])
        score += -sign * 0.8 if negated else sign
    return score


def lexicon_score(text: str) -> float:
    t = _after_contrast(_prepare(text))
    score = _ko_score(t) + _en_score(t)
    score += 0.7 * sum(t.count(e) > 0 for e in POSITIVE_EMOJI)
    score -= 0.7 * sum(t.count(e) > 0 for e in NEGATIVE_EMOJI)
    if LAUGH_RE.search(t):
        score += 0.4
    if CRY_RE.search(t):
        score -= 0.4
    return score


def lexicon_sentiment(text: str) -> Sentiment:
    score = lexicon_score(text)
    if score >= 0.5:
        return Sentiment.POSITIVE
    if score <= -0.5:
        return Sentiment.NEGATIVE
    return Sentiment.NEUTRAL


class LexiconClassifier:
    name = "lexicon"

    async def classify(self, text: str) -> Sentiment:
        return lexicon_sentiment(text)


# --- an OpenAI-compatible chat-completions provider -------------------------------------------

SYSTEM_PROMPT = (
    "You classify the sentiment of one Instagram comment on a pet account. The comment may be "
    "Korean or English. Answer with exactly one word: POSITIVE, NEGATIVE or NEUTRAL. "
    "Nonsense, emoji-only or unclear text is NEUTRAL. 한국어 댓글도 같은 기준으로 판단하세요."
)
_LABELS = {
    "positive": Sentiment.POSITIVE,
    "negative": Sentiment.NEGATIVE,
    "neutral": Sentiment.NEUTRAL,
    "긍정": Sentiment.POSITIVE,
    "부정": Sentiment.NEGATIVE,
    "중립": Sentiment.NEUTRAL,
}


def parse_label(answer: str) -> Sentiment:
    words = re.findall(r"[a-z]+|[가-힣]+", answer.casefold())
    for w in words[:3]:
        if w in _LABELS:
            return _LABELS[w]
    return Sentiment.NEUTRAL


class ChatCompletionsClassifier:
    name = "chat_completions"

    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        model: str,
        timeout: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if not base_url or not api_key or not model:
            raise SentimentNotConfigured(
                "the chat-completions sentiment provider needs PETFUL_SNS__SENTIMENT_BASE_URL, "
                "PETFUL_SNS__SENTIMENT_API_KEY and PETFUL_SNS__SENTIMENT_MODEL"
            )
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self._key = api_key
        self._timeout = timeout
        self._transport = transport

    def request_body(self, text: str) -> dict[str, Any]:
        return {
            "model": self.model,
            "messages": [
                {"role": "system", "content": SYSTEM_PROMPT},
                {"role": "user", "content": f"Comment: {text}"},
            ],
            "temperature": 0,
            "max_tokens": 4,
        }

    async def classify(self, text: str) -> Sentiment:
        try:
            async with httpx.AsyncClient(
                timeout=self._timeout, transport=self._transport
            ) as client:
                response = await client.post(
                    self.url,
                    json=self.request_body(text),
                    headers={"Authorization": f"Bearer {self._key}"},
                )
        except httpx.HTTPError as e:
            raise SentimentUnavailable(f"sentiment provider unreachable: {type(e).__name__}") from e
        if not response.is_success:
            raise SentimentUnavailable(f"sentiment provider answered HTTP {response.status_code}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise SentimentUnavailable(
                "sentiment provider answer is not chat-completions"
            ) from None
        return parse_label(str(content or ""))


def classifier_from_settings(settings: Settings) -> Classifier:
    if settings.sns.sentiment_provider == "chat_completions":
        return ChatCompletionsClassifier(
            base_url=settings.sns.sentiment_base_url,
            api_key=settings.sns.sentiment_api_key.get_secret_value(),
            model=settings.sns.sentiment_model,
            timeout=settings.sns.sentiment_timeout_seconds,
        )
    return LexiconClassifier()


async def classify_or_fallback(classifier: Classifier, text: str) -> Sentiment:
    """The classifier's answer; the lexicon's when the provider fails (logged)."""
    try:
        return await classifier.classify(text)
    except SentimentUnavailable as e:
        log.warning("sentiment provider failed, using the lexicon", error=str(e))
        return lexicon_sentiment(text)
