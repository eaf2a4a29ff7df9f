"""A fake Instagram Graph API for the devstack and tests: a small real HTTP server.

It answers the calls the sns service makes, in the wire format of Meta's public
documentation (Graph API v23.0, Facebook Login for Business):

- `GET /{v}/oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&
  fb_exchange_token`
  -> `{"access_token", "token_type": "bearer", "expires_in"}`
- `GET /{v}/me/accounts?fields=id,name,instagram_business_account{id,username}` (paged)
- `GET /{v}/{ig-user-id}?fields=...` (profile) and `GET /{v}/{ig-media-id}?fields=...`
- `GET /{v}/{ig-user-id}/media?fields=...&limit&after|before` (cursor paged: `paging.cursors`
  `before`/`after`, `paging.next`/`previous` URLs)
- `GET /{v}/{ig-user-id}/insights?metric=reach,views,likes,comments,shares&period=day&
  metric_type=total_value&since&until`
- `GET /{v}/{ig-media-id}/comments?fields=id,username,like_count,text,timestamp,hidden,
  replies{...}` (cursor paged; replies nested as `{"data": [...]}`),
  `GET /{v}/{ig-comment-id}/replies`, `GET /{v}/{ig-comment-id}?fields=...`
- `POST /{v}/{ig-comment-id}?hide=true|false` and `DELETE /{v}/{ig-comment-id}` ->
  `{"success": true}` (only by a user owning the media's account, else code 10)

Media carry `is_paid_partnership` (only when that field is asked for).

Errors are Graph error objects (`{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}`). Tokens: `sandbox-<user>` is a valid short-lived user token of sandbox
user `<user>`; the exchange returns the long-lived `sandbox-long-<user>`. Every account
handle is also a user owning that one account; `petful_family` owns two accounts and
`no_business` has a page without an Instagram account.

Data is deterministic: a fixed seed and an anchor day (today, 00:00 UTC, unless given),
with 30-60 posts per account over the last 120 days, Korean/English captions, some marked
#광고/#협찬. Faults for tests: `SandboxState.rate_limit(n)` makes the next n API calls
answer a rate-limit error (HTTP 429 or code 4/17/32/613); `revoke(user)` makes that user's
tokens answer code 190. The same controls exist over HTTP (`POST /__sandbox__/faults`).
Tests add content: `POST /__sandbox__/media` `{"handle", "caption", "like_count"?,
"kind"?: "p"|"reel", "paid_partnership"?, "posted_at"?}` adds a post (answering its media
JSON with the permalink), `POST /__sandbox__/comments` `{"media_id", "text", "username"?,
"parent_id"?}` adds a comment (or `SandboxState.add_media` / `add_comment` in process).

Run it: `python -m petful.devstack.instagram_sandbox --port N` (then point
`PETFUL_SNS_GRAPH_BASE_URL` at it and set `PETFUL_SNS_SOURCE=sandbox`), or in-process with
`SandboxServer(port).start()`.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

API_VERSION_RE = r"v[0-9]+\.[0-9]+"
SHORT_PREFIX = "sandbox-"
LONG_PREFIX = "sandbox-long-"
LONG_LIVED_SECONDS = 60 * 24 * 3600
SEED = 20261101
HISTORY_DAYS = 120
DEFAULT_LIMIT, MAX_LIMIT = 25, 100
RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
}


# --- data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SandboxMedia:
    id: str
    caption: str
    media_type: str
    permalink: str
    timestamp: datetime
    like_count: int
    comments_count: int
    paid_partnership: bool = False


@dataclass
class SandboxComment:
    id: str
    media_id: str
    parent_id: str  # "" for a top-level comment
    username: str
    text: str
    like_count: int
    timestamp: datetime
    hidden: bool = False
    deleted: bool = False


_COMMENT_TEXTS = (
    "너무 귀여워요 😍",
    "오늘도 최고예요 ❤️",
    "사진 너무 예쁘다!",
    "So cute!! 🥰",
    "Love this 💕",
    "어디서 산 거예요?",
    "산책 코스 어디예요?",
    "What breed is this?",
    "ㅋㅋㅋㅋ 표정 봐",
    "광고 너무 많아서 별로예요",
    "또 광고네 실망이에요 👎",
    "This is so boring",
    "바 보 같은 사진",
    "좋아요 누르고 가요~",
    "Where did you get the harness?",
)
_COMMENTERS = ("dog_lover_kr", "meong_mom", "cat_daddy", "seoul_walks", "happy_paws", "pet_fan_22")


def seed_comments(media_id: str, posted: datetime, anchor: datetime) -> list[SandboxComment]:
    """The deterministic comments (and a few replies) of a sandbox post."""
    rnd = random.Random(f"{SEED}:comments:{media_id}")
    out: list[SandboxComment] = []
    n = 0
    for _ in range(rnd.randint(0, 5)):
        n += 1
        at = min(posted + timedelta(minutes=rnd.randint(1, 3000)), anchor - timedelta(minutes=1))
        top = SandboxComment(
            id=f"180{media_id[3:]}{n:03d}",
            media_id=media_id,
            parent_id="",
            username=rnd.choice(_COMMENTERS),
            text=rnd.choice(_COMMENT_TEXTS),
            like_count=rnd.randint(0, 12),
            timestamp=at,
        )
        out.append(top)
        if rnd.random() < 0.25:
            n += 1
            out.append(
                SandboxComment(
                    id=f"180{media_id[3:]}{n:03d}",
                    media_id=media_id,
                    parent_id=top.id,
                    username=rnd.choice(_COMMENTERS),
                    text=rnd.choice(("감사합니다 🙏", "Thank you!", "ㅎㅎ 고마워요")),
                    like_count=rnd.randint(0, 3),
                    timestamp=min(at + timedelta(minutes=5), anchor - timedelta(seconds=30)),
                )
            )
    return out


@dataclass(frozen=True)
class SandboxAccount:
    handle: str
    ig_user_id: str
    page_id: str
    page_name: str
    name: str
    biography: str
    followers_count: int
    follows_count: int
    media: tuple[SandboxMedia, ...]  # newest first

    @property
    def profile_picture_url(self) -> str:
        return f"https://sandbox.petful.dev/pictures/{self.handle}.jpg"

    @property
    def media_count(self) -> int:
        return len(self.media)


@dataclass(frozen=True)
class _Spec:
    handle: str
    name: str
    biography: str
    followers: int
    follows: int
    topic_ko: str
    topic_en: str


SPECS: tuple[_Spec, ...] = (
    _Spec("bori_maltese", "보리 Bori", "한강 산책러 말티즈 🐾 Seoul", 12_840, 310, "보리", "Bori"),
    _Spec("kongi_cat", "콩이", "창밖 구경 전문 고양이", 2_310, 120, "콩이", "Kongi"),
    _Spec(
        "nabi_russianblue",
        "나비 Nabi",
        "카메라를 사랑하는 러시안 블루",
        24_100,
        402,
        "나비",
        "Nabi",
    ),
    _Spec("dubu_corgi", "두부 Dubu", "엉덩이가 매력인 코기 🍑", 1_480, 233, "두부", "Dubu"),
    _Spec("coco_poodle", "코코 Coco", "Toy poodle · 간식 리뷰", 8_020, 150, "코코", "Coco"),
    _Spec("mandu_bichon", "만두 Mandu", "구름 같은 비숑 만두", 5_530, 98, "만두", "Mandu"),
    _Spec("tiny_hamster", "햄찌", "작지만 소중한 햄스터", 640, 45, "햄찌", "Hammy"),
)

# Sandbox Facebook users and the Instagram accounts of their pages. Every handle also
# owns itself (see users()).
EXTRA_USERS: dict[str, tuple[str | None, ...]] = {
    "petful_family": ("coco_poodle", "mandu_bichon"),
    "no_business": (None,),  # a page with no Instagram business account
}

_KO = (
    "{ko}랑 한강 산책 다녀왔어요 🐶 날씨 최고!",
    "오늘의 {ko} 간식 타임 🍖",
    "{ko} 미용하고 왔어요 ✂️ 어때요?",
    "주말엔 {ko}와 카페 투어 ☕",
    "{ko}의 낮잠 시간 😴",
    "새 장난감 받은 {ko} 🎾",
)
_EN = (
    "Sunday walk with {en} 🌿",
    "{en} says hi to everyone! 👋",
    "Treat time for {en} 🍪",
    "Sleepy {en} after the park",
)
_SPONSORED = (
    "{ko}가 써본 @petful_shop 유기농 간식 🥕 #광고",
    "{ko}의 새 하네스 협찬 받았어요! 착용감 최고 #협찬 #유료광고",
    "Thanks @happy_paws for the gift! {en} loves it #ad #협찬",
)
_TAGS = ("#강아지", "#멍스타그램", "#반려동물", "#petstagram", "#dogsofinstagram", "#일상")
_CAT_TAGS = ("#고양이", "#냥스타그램", "#catsofinstagram", "#반려묘")


def anchor_of(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def _ig_user_id(index: int) -> str:
    return f"178414{index + 1:011d}"


def _media_for(spec: _Spec, index: int, anchor: datetime) -> tuple[SandboxMedia, ...]:
    rnd = random.Random(f"{SEED}:{spec.handle}")
    count = rnd.randint(30, 60)
    tags = _CAT_TAGS if "cat" in spec.handle or "russianblue" in spec.handle else _TAGS
    out: list[SandboxMedia] = []
    for n in range(count):
        minutes = rnd.randint(30, HISTORY_DAYS * 24 * 60 - 30)
        posted = anchor - timedelta(minutes=minutes)
        roll = rnd.random()
        if roll < 0.15:
            caption = rnd.choice(_SPONSORED)
        elif roll < 0.6:
            caption = rnd.choice(_KO)
        else:
            caption = rnd.choice(_EN)
        caption = caption.format(ko=spec.topic_ko, en=spec.topic_en)
        caption += " " + " ".join(rnd.sample(tags, 2))
        rate = rnd.uniform(0.02, 0.08)
        likes = max(1, int(spec.followers * rate))
        rnd.uniform(0.01, 0.06)  # (keeps the stream of earlier sandbox versions)
        media_id = f"179{index + 1:02d}{n + 1:011d}"
        comments = len(seed_comments(media_id, posted, anchor))
        shortcode = base64.urlsafe_b64encode(
            hashlib.sha256(media_id.encode()).digest()[:8]
        ).decode()[:11]
        out.append(
            SandboxMedia(
                id=media_id,
                caption=caption,
                media_type=rnd.choice(("IMAGE", "IMAGE", "CAROUSEL_ALBUM", "VIDEO")),
                permalink=f"https://www.instagram.com/p/{shortcode}/",
                timestamp=posted,
                like_count=likes,
                comments_count=comments,
                paid_partnership=roll < 0.05,
            )
        )
    out.sort(key=lambda m: (m.timestamp, m.id), reverse=True)
    return tuple(out)


def build_accounts(anchor: datetime | None = None) -> dict[str, SandboxAccount]:
    """Every sandbox account by handle (deterministic for a given anchor day)."""
    day = anchor_of(anchor)
    accounts: dict[str, SandboxAccount] = {}
    for i, spec in enumerate(SPECS):
        accounts[spec.handle] = SandboxAccount(
            handle=spec.handle,
            ig_user_id=_ig_user_id(i),
            page_id=f"10{i + 1:013d}",
            page_name=f"{spec.name} page",
            name=spec.name,
            biography=spec.biography,
            followers_count=spec.followers,
            follows_count=spec.follows,
            media=_media_for(spec, i, day),
        )
    return accounts


def insight_totals(account: SandboxAccount, since: datetime, until: datetime) -> dict[str, int]:
    """The sandbox's account insights for [since, until): likes and comments of the posts
    published then, and shares/reach/views derived from the likes."""
    posts = [m for m in account.media if since <= m.timestamp < until]
    likes = sum(m.like_count for m in posts)
    return {
        "likes": likes,
        "comments": sum(m.comments_count for m in posts),
        "shares": likes // 40,
        "reach": likes * 6,
        "views": likes * 11,
    }


def users() -> dict[str, tuple[str | None, ...]]:
    """Sandbox Facebook users -> the account handle of each of their pages (None: a page
    without an Instagram business account)."""
    found: dict[str, tuple[str | None, ...]] = {s.handle: (s.handle,) for s in SPECS}
    found.update(EXTRA_USERS)
    return found


def short_token(user: str) -> str:
    return SHORT_PREFIX + user


def long_token(user: str) -> str:
    return LONG_PREFIX + user


# --- state and faults -------------------------------------------------------------------------


@dataclass
class SandboxState:
    accounts: dict[str, SandboxAccount]
    users: dict[str, tuple[str | None, ...]] = field(default_factory=users)
    revoked: set[str] = field(default_factory=set)
    rate_limited: int = 0
    rate_limit_status: int = 429
    rate_limit_code: int = 4
    requests: int = 0
    # Seconds every API call waits before answering (tests of concurrent syncs).
    latency: float = 0.0
    # Replies nested in a comments page (more are read from /{comment-id}/replies).
    nested_replies_limit: int = 50
    # The next n comment writes (hide, delete) fail with Graph's transient error (code 2).
    failing_writes: int = 0
    # Every comment by id, in insertion order (seeded from the media, then added by tests).
    comments: dict[str, SandboxComment] = field(default_factory=dict)
    anchor: datetime = field(default_factory=anchor_of)
    _trace: int = 0
    _added: int = 0

    def __post_init__(self) -> None:
        if not self.comments:
            for account in self.accounts.values():
                for m in account.media:
                    for c in seed_comments(m.id, m.timestamp, self.anchor):
                        self.comments[c.id] = c

    def comments_of(self, media_id: str, parent_id: str = "") -> list[SandboxComment]:
        """Live comments of a post (or replies of a comment), oldest first."""
        found = [
            c
            for c in self.comments.values()
            if c.media_id == media_id and c.parent_id == parent_id and not c.deleted
        ]
        return sorted(found, key=lambda c: (c.timestamp, c.id))

    def comment_count(self, media_id: str) -> int:
        return sum(1 for c in self.comments.values() if c.media_id == media_id and not c.deleted)

    def add_media(
        self,
        handle: str,
        caption: str,
        *,
        like_count: int = 100,
        kind: str = "p",
        paid_partnership: bool = False,
        posted_at: datetime | None = None,
    ) -> SandboxMedia:
        """A new post of the account (newest first), with a fresh shortcode."""
        account = self.accounts[handle]
        self._added += 1
        media_id = f"1799{self._added:012d}"
        code = base64.urlsafe_b64encode(hashlib.sha256(media_id.encode()).digest()[:8]).decode()
        m = SandboxMedia(
            id=media_id,
            caption=caption,
            media_type="VIDEO" if kind == "reel" else "IMAGE",
            permalink=f"https://www.instagram.com/{kind}/{code[:11]}/",
            timestamp=posted_at or datetime.now(UTC).replace(microsecond=0),
            like_count=like_count,
            comments_count=0,
            paid_partnership=paid_partnership,
        )
        media = sorted((m, *account.media), key=lambda x: (x.timestamp, x.id), reverse=True)
        self.accounts[handle] = replace(account, media=tuple(media))
        return m

    def add_comment(
        self, media_id: str, text: str, *, username: str = "sandbox_fan", parent_id: str = ""
    ) -> SandboxComment:
        self._added += 1
        c = SandboxComment(
            id=f"1809{self._added:012d}",
            media_id=media_id,
            parent_id=parent_id,
            username=username,
            text=text,
            like_count=0,
            timestamp=datetime.now(UTC).replace(microsecond=0),
        )
        self.comments[c.id] = c
        return c

    def rate_limit(self, n: int = 1, *, http_status: int = 429, code: int = 4) -> None:
        """The next n API calls answer a rate-limit error (429, or 400 with code 4/17/32/613)."""
        self.rate_limited = n
        self.rate_limit_status = http_status
        self.rate_limit_code = code

    def revoke(self, user: str) -> None:
        """Every token of user answers code 190 (as after a password change)."""
        self.revoked.add(user)

    def restore(self, user: str) -> None:
        self.revoked.discard(user)

    def trace_id(self) -> str:
        self._trace += 1
        return base64.b64encode(
            hashlib.sha256(f"trace{self._trace}".encode()).digest()[:9]
        ).decode()

    def user_of(self, token: str) -> str | None:
        for prefix in (LONG_PREFIX, SHORT_PREFIX):
            if token.startswith(prefix):
                user = token[len(prefix) :]
                return user if user in self.users else None
        return None

    def account_by_id(self, object_id: str) -> SandboxAccount | None:
        return next((a for a in self.accounts.values() if a.ig_user_id == object_id), None)

    def media_by_id(self, object_id: str) -> tuple[SandboxAccount, SandboxMedia] | None:
        for account in self.accounts.values():
            for m in account.media:
                if m.id == object_id:
                    return account, m
        return None


class GraphFault(Exception):
    def __init__(
        self, status: int, message: str, type_: str, code: int, subcode: int | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.code, self.subcode = (
            status,
            message,
            type_,
            code,
            subcode,
        )


def _error(state: SandboxState, fault: GraphFault) -> JSONResponse:
    body: dict[str, Any] = {
        "message": fault.message,
        "type": fault.type,
        "code": fault.code,
        "fbtrace_id": state.trace_id(),
    }
    if fault.subcode is not None:
        body["error_subcode"] = fault.subcode
    if fault.code in RATE_LIMIT_MESSAGES:
        body["is_transient"] = True
    headers = (
        {"WWW-Authenticate": 'OAuth "Facebook Platform" "invalid_token"'}
        if fault.code == 190
        else {}
    )
    return JSONResponse({"error": body}, status_code=fault.status, headers=headers)


def _bad_token(message: str, subcode: int | None = None) -> GraphFault:
    return GraphFault(400, message, "OAuthException", 190, subcode)


def _unsupported(object_id: str) -> GraphFault:
    return GraphFault(
        400,
        f"Unsupported get request. Object with ID '{object_id}' does not exist, cannot be "
        "loaded due to missing permissions, or does not support this operation. Please read "
        "the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        "GraphMethodException",
        100,
        33,
    )


# --- fields --------------------------------------------------------------------------------------


def parse_fields(raw: str) -> dict[str, str]:
    """`a,b{c,d},e` -> {"a": "", "b": "c,d", "e": ""} (one level of nesting)."""
    out: dict[str, str] = {}
    depth, start = 0, 0
    raw = raw.strip()
    for i, ch in enumerate(raw + ","):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            part = raw[start:i].strip()
            start = i + 1
            if not part:
                continue
            m = re.match(r"^([a-z_]+)(?:\{(.*)\})?$", part)
            if m:
                out[m.group(1)] = m.group(2) or ""
    return out


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _select(full: dict[str, Any], fields: str, default: tuple[str, ...]) -> dict[str, Any]:
    wanted = parse_fields(fields) if fields else dict.fromkeys(default, "")
    out: dict[str, Any] = {}
    for name in wanted:
        if name in full and full[name] is not None:
            out[name] = full[name]
    out.setdefault("id", full["id"])
    return out


def profile_json(a: SandboxAccount) -> dict[str, Any]:
    return {
        "id": a.ig_user_id,
        "username": a.handle,
        "name": a.name,
        "biography": a.biography,
        "profile_picture_url": a.profile_picture_url,
        "followers_count": a.followers_count,
        "follows_count": a.follows_count,
        "media_count": a.media_count,
        "website": "https://petful.dev",
        "ig_id": int(a.ig_user_id[-6:]),
    }


def comment_json(
    state: SandboxState, c: SandboxComment, fields: str, replies_url: str = ""
) -> dict[str, Any]:
    """A comment as Graph shows it. Nested `replies` hold the first page only (with
    `paging.next` to `replies_url` when there are more), like the real edge."""
    full: dict[str, Any] = {
        "id": c.id,
        "username": c.username,
        "text": c.text,
        "like_count": c.like_count,
        "timestamp": _ts(c.timestamp),
        "hidden": c.hidden,
        "media": {"id": c.media_id},
    }
    wanted = parse_fields(fields) if fields else {"id": "", "text": "", "timestamp": ""}
    if "replies" in wanted and not c.parent_id:
        replies = state.comments_of(c.media_id, c.id)
        shown = replies[: state.nested_replies_limit]
        nested: dict[str, Any] = {
            "data": [comment_json(state, r, wanted["replies"]) for r in shown]
        }
        if len(replies) > len(shown) and replies_url:
            after = _cursor(len(shown) - 1)
            nested["paging"] = {
                "cursors": {"before": _cursor(0), "after": after},
                "next": f"{replies_url}?"
                + urlencode({"fields": wanted["replies"], "after": after}),
            }
        full["replies"] = nested
    if "parent_id" in wanted and c.parent_id:
        full["parent_id"] = c.parent_id
    return _select(full, ",".join(wanted), ("id",))


def media_json(account: SandboxAccount, m: SandboxMedia) -> dict[str, Any]:
    return {
        "is_paid_partnership": m.paid_partnership,
        "id": m.id,
        "caption": m.caption,
        "media_type": m.media_type,
        "media_url": f"https://sandbox.petful.dev/media/{m.id}.jpg",
        "permalink": m.permalink,
        "timestamp": _ts(m.timestamp),
        "like_count": m.like_count,
        "comments_count": m.comments_count,
        "is_comment_enabled": True,
        "username": account.handle,
        "owner": {"id": account.ig_user_id},
    }


def _cursor(index: int) -> str:
    return base64.urlsafe_b64encode(f"petful-sandbox:{index}".encode()).decode().rstrip("=")


def _uncursor(raw: str) -> int:
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix != "petful-sandbox":
            raise ValueError(raw)
        return int(number)
    except ValueError:
        raise GraphFault(400, "Invalid cursor", "OAuthException", 100) from None


def _paged(request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A cursor-paged list like Graph's: data, paging.cursors.{before,after}, next/previous."""
    q = request.query_params
    try:
        limit = int(q.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise GraphFault(400, "(#100) limit must be an integer", "OAuthException", 100) from None
    limit = max(1, min(limit, MAX_LIMIT))
    if q.get("after"):
        start = _uncursor(q["after"]) + 1
    elif q.get("before"):
        start = max(0, _uncursor(q["before"]) - limit)
    else:
        start = 0
    page = items[start : start + limit]
    body: dict[str, Any] = {"data": page}
    if not page:
        return body
    first, last = start, start + len(page) - 1
    paging: dict[str, Any] = {"cursors": {"before": _cursor(first), "after": _cursor(last)}}
    params = {k: v for k, v in q.items() if k not in ("after", "before")}
    params["limit"] = str(limit)
    base = str(request.url.replace(query=""))
    if last + 1 < len(items):
        paging["next"] = base + "?" + urlencode({**params, "after": _cursor(last)})
    if first > 0:
        paging["previous"] = base + "?" + urlencode({**params, "before": _cursor(first)})
    body["paging"] = paging
    return body


# --- the app --------------------------------------------------------------------------------------


def _token(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value.strip():
        return value.strip()
    return request.query_params.get("access_token", "")


def create_app(state: SandboxState) -> Starlette:
    def api(
        handler: Callable[[Request, str], dict[str, Any]], *, needs_user: bool = True
    ) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> JSONResponse:
            state.requests += 1
            if state.latency > 0:
                await asyncio.sleep(state.latency)
            try:
                if state.rate_limited > 0:
                    state.rate_limited -= 1
                    code = state.rate_limit_code
                    raise GraphFault(
                        state.rate_limit_status,
                        RATE_LIMIT_MESSAGES.get(code, RATE_LIMIT_MESSAGES[4]),
                        "OAuthException",
                        code,
                    )
                user = ""
                if needs_user:
                    token = _token(request)
                    if not token:
                        raise GraphFault(
                            400,
                            "An active access token must be used to query information about "
                            "the current user.",
                            "OAuthException",
                            2500,
                        )
                    found = state.user_of(token)
                    if found is None:
                        raise _bad_token("Invalid OAuth access token - Cannot parse access token")
                    if found in state.revoked:
                        raise _bad_token(
                            "Error validating access token: The session has been invalidated "
                            "because the user changed their password or Facebook has changed "
                            "the session for security reasons.",
                            460,
                        )
                    user = found
                return JSONResponse(handler(request, user))
            except GraphFault as fault:
                return _error(state, fault)

        return endpoint

    def exchange(request: Request, _: str) -> dict[str, Any]:
        q = request.query_params
        if q.get("grant_type") != "fb_exchange_token":
            raise GraphFault(400, "Unsupported grant_type", "OAuthException", 100)
        if not q.get("client_id") or not q.get("client_secret"):
            raise GraphFault(
                400, "Missing client_id or client_secret parameter.", "OAuthException", 101
            )
        short = q.get("fb_exchange_token", "")
        user = state.user_of(short)
        if user is None:
            raise _bad_token("Invalid OAuth access token - Cannot parse access token")
        if user in state.revoked:
            raise _bad_token("Error validating access token: Session has expired.", 463)
        return {
            "access_token": long_token(user),
            "token_type": "bearer",
            "expires_in": LONG_LIVED_SECONDS,
        }

    def me_accounts(request: Request, user: str) -> dict[str, Any]:
        fields = parse_fields(request.query_params.get("fields", "id,name"))
        pages: list[dict[str, Any]] = []
        for i, handle in enumerate(state.users[user]):
            account = state.accounts.get(handle) if handle else None
            page: dict[str, Any] = {
                "id": account.page_id if account else f"19{i:013d}",
                "name": account.page_name if account else f"{user} page",
            }
            if "access_token" in fields:
                page["access_token"] = f"sandbox-page-{page['id']}"
            if "instagram_business_account" in fields and account is not None:
                page["instagram_business_account"] = _select(
                    profile_json(account), fields["instagram_business_account"], ("id",)
                )
            pages.append(_select(page, ",".join(fields), ("id", "name")))
        return _paged(request, pages)

    def node(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        fields = request.query_params.get("fields", "")
        if object_id == "me":
            return {"id": f"sandbox-user-{user}", "name": user}
        account = state.account_by_id(object_id)
        if account is not None:
            return _select(profile_json(account), fields, ("id",))
        found = state.media_by_id(object_id)
        if found is not None:
            full = media_json(*found)
            full["comments_count"] = state.comment_count(object_id)
            return _select(full, fields, ("id",))
        comment = state.comments.get(object_id)
        if comment is not None and not comment.deleted:
            return comment_json(state, comment, fields)
        raise _unsupported(object_id)

    def node_write(request: Request, user: str) -> dict[str, Any]:
        if request.method == "DELETE":
            return delete(request, user)
        return hide(request, user)

    def media(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        account = state.account_by_id(object_id)
        if account is None:
            raise _unsupported(object_id)
        fields = request.query_params.get("fields", "")
        items = []
        for m in account.media:
            full = media_json(account, m)
            full["comments_count"] = state.comment_count(m.id)
            items.append(_select(full, fields, ("id",)))
        return _paged(request, items)

    def owns(user: str, account: SandboxAccount) -> bool:
        return account.handle in state.users.get(user, ())

    def comments(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        found = state.media_by_id(object_id)
        fields = request.query_params.get("fields", "")
        if found is not None:
            items = state.comments_of(object_id)
        else:
            parent = state.comments.get(object_id)
            if parent is None or parent.deleted:
                raise _unsupported(object_id)
            items = state.comments_of(parent.media_id, parent.id)
        version = request.path_params["version"]

        def replies_url(comment_id: str) -> str:
            return str(request.url.replace(path=f"/{version}/{comment_id}/replies", query=""))

        return _paged(request, [comment_json(state, c, fields, replies_url(c.id)) for c in items])

    def comment_account(object_id: str, user: str) -> SandboxComment:
        c = state.comments.get(object_id)
        if c is None or c.deleted:
            raise _unsupported(object_id)
        found = state.media_by_id(c.media_id)
        if found is None or not owns(user, found[0]):
            raise GraphFault(
                403,
                "(#10) Application does not have permission for this action",
                "OAuthException",
                10,
            )
        return c

    def write_fault() -> None:
        if state.failing_writes > 0:
            state.failing_writes -= 1
            raise GraphFault(
                500,
                "An unexpected error has occurred. Please retry your request later.",
                "OAuthException",
                2,
            )

    def hide(request: Request, user: str) -> dict[str, Any]:
        c = comment_account(request.path_params["object_id"], user)
        write_fault()
        raw = request.query_params.get("hide", "")
        if raw not in ("true", "false"):
            raise GraphFault(400, "(#100) The parameter hide is required", "OAuthException", 100)
        c.hidden = raw == "true"
        return {"success": True}

    def delete(request: Request, user: str) -> dict[str, Any]:
        c = comment_account(request.path_params["object_id"], user)
        write_fault()
        c.deleted = True
        for reply in state.comments_of(c.media_id, c.id):
            reply.deleted = True
        return {"success": True}

    def insights(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        account = state.account_by_id(object_id)
        if account is None:
            raise _unsupported(object_id)
        q = request.query_params
        metrics = [m for m in q.get("metric", "").split(",") if m]
        if not metrics:
            raise GraphFault(400, "(#100) The parameter metric is required", "OAuthException", 100)
        try:
            since = datetime.fromtimestamp(int(q.get("since", "0")), UTC)
            until = datetime.fromtimestamp(int(q["until"]), UTC) if q.get("until") else None
        except ValueError:
            raise GraphFault(
                400, "(#100) since/until must be unix times", "OAuthException", 100
            ) from None
        until = until or datetime.now(UTC)
        totals = insight_totals(account, since, until)
        data = []
        for metric in metrics:
            if metric not in totals:
                raise GraphFault(
                    400,
                    f"(#100) metric[0] must be one of the following values: "
                    f"{', '.join(sorted(totals))}",
                    "OAuthException",
                    100,
                )
            data.append(
                {
                    "name": metric,
                    "period": q.get("period", "day"),
                    "title": metric.capitalize(),
                    "description": f"The total number of {metric}.",
                    "total_value": {"value": totals[metric]},
                    "id": f"{object_id}/insights/{metric}/{q.get('period', 'day')}",
                }
            )
        return {"data": data}

    async def faults(request: Request) -> JSONResponse:
        body = await request.json()
        if "rate_limit" in body:
            state.rate_limit(
                int(body["rate_limit"]),
                http_status=int(body.get("http_status", 429)),
                code=int(body.get("code", 4)),
            )
        for user in body.get("revoke", []):
            state.revoke(str(user))
        for user in body.get("restore", []):
            state.restore(str(user))
        if "latency" in body:
            state.latency = float(body["latency"])
        return JSONResponse({"rate_limited": state.rate_limited, "revoked": sorted(state.revoked)})

    async def add_media(request: Request) -> JSONResponse:
        body = await request.json()
        handle = str(body.get("handle", ""))
        if handle not in state.accounts:
            return JSONResponse({"error": f"unknown handle {handle!r}"}, status_code=404)
        posted = body.get("posted_at")
        m = state.add_media(
            handle,
            str(body.get("caption", "")),
            like_count=int(body.get("like_count", 100)),
            kind="reel" if body.get("kind") == "reel" else "p",
            paid_partnership=bool(body.get("paid_partnership", False)),
            posted_at=datetime.fromisoformat(posted) if posted else None,
        )
        return JSONResponse(media_json(state.accounts[handle], m), status_code=201)

    async def add_comment(request: Request) -> JSONResponse:
        body = await request.json()
        media_id = str(body.get("media_id", ""))
        if state.media_by_id(media_id) is None:
            return JSONResponse({"error": f"unknown media {media_id!r}"}, status_code=404)
        c = state.add_comment(
            media_id,
            str(body.get("text", "")),
            username=str(body.get("username") or "sandbox_fan"),
            parent_id=str(body.get("parent_id") or ""),
        )
        return JSONResponse(comment_json(state, c, "id,username,text,timestamp"), status_code=201)

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "accounts": len(state.accounts)})

    v = "{version:str}"
    return Starlette(
        routes=[
            Route("/__sandbox__/health", health),
            Route("/__sandbox__/faults", faults, methods=["POST"]),
            Route("/__sandbox__/media", add_media, methods=["POST"]),
            Route("/__sandbox__/comments", add_comment, methods=["POST"]),
            Route(f"/{v}/oauth/access_token", api(exchange, needs_user=False)),
            Route(f"/{v}/me/accounts", api(me_accounts)),
            Route(f"/{v}/{{object_id:str}}/media", api(media)),
            Route(f"/{v}/{{object_id:str}}/insights", api(insights)),
            Route(f"/{v}/{{object_id:str}}/comments", api(comments)),
            Route(f"/{v}/{{object_id:str}}/replies", api(comments)),
            Route(f"/{v}/{{object_id:str}}", api(node)),
            Route(f"/{v}/{{object_id:str}}", api(node_write), methods=["POST", "DELETE"]),
        ]
    )


class SandboxServer:
    """The sandbox on 127.0.0.1:port inside the running event loop (tests), or as the
    whole process (`main`)."""

    def __init__(self, port: int, *, host: str = "127.0.0.1", anchor: datetime | None = None):
        self.host, self.port = host, port
        self.state = SandboxState(build_accounts(anchor), anchor=anchor_of(anchor))
        config = uvicorn.Config(
            create_app(self.state),
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
        self._server = uvicorn.Server(config)
        self._task: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        """The base URL to put in PETFUL_SNS_GRAPH_BASE_URL (the version is appended)."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> SandboxServer:
        self._task = asyncio.create_task(self._server.serve())
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the Instagram sandbox did not start")
            await asyncio.sleep(0.01)
        return self

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def __aenter__(self) -> SandboxServer:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A fake Instagram Graph API (sandbox data)")
    parser.add_argument("--host", default="127.0.0.1")
    # No default: ports come from the settings' table (the devstack passes one).
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    server = SandboxServer(args.port, host=args.host)
    print(f"instagram sandbox on {server.url} (tokens: sandbox-<user>)", flush=True)
    server._server.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
