"""The Instagram Graph API client (Facebook Login for Business), async over httpx.

Only what the sns service needs: the address of Facebook Login's dialog and the exchange
of the code it sends back for a short-lived user token, exchange a short-lived user token
for a long-lived one,
find the Instagram business accounts of the user's Facebook pages, read an account's
profile, media (every page) and basic insights, moderate comments, and de-authorize the
app when its user leaves PetFul. Base URL and API version come from settings, so tests
and the devstack point the same client at the sandbox server.

Graph errors (`{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`) become
typed exceptions: rate limiting (HTTP 429, codes 4/17/32/613) is retried with bounded
exponential back-off and then raised as `RateLimited`; an expired or revoked token (code
190, or 102) is `TokenInvalid`, which the service turns into "needs re-auth".
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from petful.platform.settings import Settings

RATE_LIMIT_CODES = frozenset({4, 17, 32, 613})
TOKEN_CODES = frozenset({102, 190})

PROFILE_FIELDS = (
    "id,username,name,biography,profile_picture_url,followers_count,follows_count,media_count"
)
MEDIA_FIELDS = "id,caption,media_type,permalink,timestamp,like_count,comments_count"
COMMENT_FIELDS = "id,username,like_count,text,timestamp,hidden"
COMMENTS_FIELDS = f"{COMMENT_FIELDS},replies{{{COMMENT_FIELDS}}}"
ACCOUNTS_FIELDS = "id,name,instagram_business_account{id,username}"
INSIGHT_METRICS = "reach,views,likes,comments,shares"
# What linking asks Facebook Login for: the pages and their Instagram accounts, insights,
# and comment moderation.
LOGIN_SCOPES = (
    "instagram_basic",
    "instagram_manage_comments",
    "instagram_manage_insights",
    "pages_show_list",
    "pages_read_engagement",
)

Sleep = Callable[[float], Awaitable[None]]


class GraphError(Exception):
    """An error answer of the Graph API (or a transport failure: code 0)."""

    def __init__(
        self,
        message: str,
        *,
        http_status: int = 0,
        type_: str = "",
        code: int = 0,
        subcode: int = 0,
        fbtrace_id: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.http_status = http_status
        self.type = type_
        self.code = code
        self.subcode = subcode
        self.fbtrace_id = fbtrace_id

    def __str__(self) -> str:
        extras = []
        if self.code:
            extras.append(f"code {self.code}" + (f"/{self.subcode}" if self.subcode else ""))
        if self.fbtrace_id:
            extras.append(f"fbtrace_id {self.fbtrace_id}")
        return f"{self.message} ({', '.join(extras)})" if extras else self.message


class RateLimited(GraphError):
    """Still rate limited after the retries."""


class TokenInvalid(GraphError):
    """The access token expired, was revoked or is not a token (code 190)."""


class GraphUnavailable(GraphError):
    """Instagram could not be reached or answered with a server error."""


class GraphNotConfigured(GraphError):
    """The Meta app id/secret needed for the token exchange are not set."""


@dataclass(frozen=True)
class UserToken:
    """A Facebook user access token: long-lived (about 60 days) from the fb_exchange_token
    grant, short-lived (an hour or two) from a login code."""

    access_token: str
    expires_in: int | None  # seconds; None when Meta did not say


@dataclass(frozen=True)
class BusinessAccount:
    ig_user_id: str
    username: str
    page_id: str
    page_name: str


@dataclass(frozen=True)
class Profile:
    ig_user_id: str
    username: str
    name: str
    biography: str
    profile_picture_url: str
    followers_count: int
    follows_count: int
    media_count: int


@dataclass(frozen=True)
class Media:
    ig_media_id: str
    caption: str
    media_type: str
    permalink: str
    posted_at: datetime
    like_count: int
    comments_count: int
    paid_partnership: bool = False


@dataclass(frozen=True)
class Comment:
    ig_comment_id: str
    ig_media_id: str
    parent_ig_comment_id: str  # "" for a top-level comment
    username: str
    text: str
    like_count: int
    posted_at: datetime
    hidden: bool


def parse_error(response: httpx.Response) -> GraphError:
    """The typed error for a non-2xx answer (or a 200 that carries an error object)."""
    try:
        body = response.json()
    except ValueError:
        body = None
    err = body.get("error") if isinstance(body, dict) else None
    if not isinstance(err, dict):
        err = {}
    message = str(err.get("message") or f"HTTP {response.status_code} from the Graph API")
    kw: dict[str, Any] = {
        "http_status": response.status_code,
        "type_": str(err.get("type") or ""),
        "code": _int(err.get("code")),
        "subcode": _int(err.get("error_subcode")),
        "fbtrace_id": str(err.get("fbtrace_id") or ""),
    }
    if response.status_code == 429 or kw["code"] in RATE_LIMIT_CODES:
        return RateLimited(message, **kw)
    if kw["code"] in TOKEN_CODES:
        return TokenInvalid(message, **kw)
    if response.status_code >= 500:
        return GraphUnavailable(message, **kw)
    return GraphError(message, **kw)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _comment(row: dict[str, Any], ig_media_id: str, parent: str) -> Comment | None:
    try:
        posted_at = parse_timestamp(_str(row.get("timestamp")))
    except ValueError:
        return None
    if not row.get("id"):
        return None
    return Comment(
        ig_comment_id=_str(row["id"]),
        ig_media_id=ig_media_id,
        parent_ig_comment_id=parent,
        username=_str(row.get("username")),
        text=_str(row.get("text")),
        like_count=_int(row.get("like_count")),
        posted_at=posted_at,
        hidden=row.get("hidden") is True,
    )


def require_app(settings: Settings) -> tuple[str, str]:
    """The Meta app's id and secret, or GraphNotConfigured."""
    secret = settings.sns.app_secret.get_secret_value()
    if not settings.sns.app_id or not secret:
        raise GraphNotConfigured(
            "Instagram linking needs the Meta app: set PETFUL_SNS__APP_ID and "
            "PETFUL_SNS__APP_SECRET"
        )
    return settings.sns.app_id, secret


def login_dialog_url(settings: Settings, *, redirect_uri: str, state: str) -> str:
    """Facebook Login's dialog for the app (`/{v}/dialog/oauth`), asking for a code that
    comes back to redirect_uri with state (GraphNotConfigured without the Meta app)."""
    app_id, _ = require_app(settings)
    base = settings.sns.dialog_base_url.rstrip("/") + "/" + settings.sns.graph_api_version
    query = urlencode(
        {
            "client_id": app_id,
            "redirect_uri": redirect_uri,
            "state": state,
            "scope": ",".join(LOGIN_SCOPES),
            "response_type": "code",
        }
    )
    return f"{base}/dialog/oauth?{query}"


def _user_token(body: dict[str, Any]) -> UserToken:
    token = body.get("access_token")
    if not isinstance(token, str) or not token:
        raise GraphError("the token exchange answered without an access_token")
    expires = _int(body.get("expires_in"))
    return UserToken(token, expires if expires > 0 else None)


def parse_timestamp(raw: str) -> datetime:
    """Graph timestamps look like 2026-11-01T09:30:00+0000."""
    return datetime.strptime(raw, "%Y-%m-%dT%H:%M:%S%z")


class GraphClient:
    """One client per use (or per process); close it with `aclose()` or `async with`."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.settings = settings
        self.base = settings.sns.graph_base_url.rstrip("/") + "/" + settings.sns.graph_api_version
        self._sleep = sleep
        self._http = httpx.AsyncClient(
            timeout=settings.sns.graph_timeout_seconds,
            transport=transport,
            headers={"Accept": "application/json"},
            follow_redirects=False,
        )

    async def __aenter__(self) -> GraphClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- transport ---------------------------------------------------------------------------

    def _backoff(self, attempt: int, response: httpx.Response | None) -> float:
        cap = self.settings.sns.graph_backoff_max_seconds
        if response is not None:
            retry_after = response.headers.get("retry-after", "")
            if retry_after.isdigit():
                return min(float(retry_after), cap)
        return float(min(self.settings.sns.graph_backoff_seconds * (2**attempt), cap))

    async def _get(
        self, url: str, params: dict[str, str] | None, *, token: str | None
    ) -> dict[str, Any]:
        return await self._call("GET", url, params, token=token)

    async def _call(
        self, method: str, url: str, params: dict[str, str] | None, *, token: str | None
    ) -> dict[str, Any]:
        """One call with retries on rate limits and outages (hide and delete are idempotent,
        so POST/DELETE retry too). params None keeps the query of url (httpx replaces a
        URL's query with params, even an empty dict)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        secret = self.settings.sns.app_secret.get_secret_value()
        if token and secret:
            # Proves the call comes from our server (Meta's "Require App Secret" setting).
            proof = hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()
            if params is None:
                url = str(httpx.URL(url).copy_merge_params({"appsecret_proof": proof}))
            else:
                params = {**params, "appsecret_proof": proof}
        attempts = max(0, self.settings.sns.graph_max_retries) + 1
        for attempt in range(attempts):
            response: httpx.Response | None = None
            try:
                # httpx's timeout bounds each connect, read and write; this bounds the whole
                # call, so an answer trickling in a byte at a time cannot hold a sync.
                async with asyncio.timeout(self.settings.sns.graph_timeout_seconds):
                    response = await self._http.request(method, url, params=params, headers=headers)
            except (httpx.HTTPError, TimeoutError) as e:
                error: GraphError = GraphUnavailable(
                    f"the Graph API could not be reached: {type(e).__name__}"
                )
            else:
                if response.is_success:
                    try:
                        body = response.json()
                    except ValueError:
                        raise GraphError(
                            "the Graph API answered with something that is not JSON",
                            http_status=response.status_code,
                        ) from None
                    if isinstance(body, dict) and "error" not in body:
                        return body
                error = parse_error(response)
            retryable = isinstance(error, RateLimited | GraphUnavailable)
            if not retryable or attempt == attempts - 1:
                raise error
            await self._sleep(self._backoff(attempt, response))
        raise AssertionError("unreachable")

    def _next_url(self, body: dict[str, Any], url: str, params: dict[str, str]) -> str | None:
        """The next page: `paging.next` when it points at our Graph host, else the
        `paging.cursors.after` cursor on the same request; None on the last page."""
        paging = body.get("paging") if isinstance(body.get("paging"), dict) else {}
        assert isinstance(paging, dict)
        nxt = paging.get("next")
        if not nxt:
            return None
        if isinstance(nxt, str) and nxt.startswith(self.base + "/"):
            parts = urlsplit(nxt)
            # The token travels in the Authorization header, never in a logged URL.
            query = [(k, v) for k, v in parse_qsl(parts.query) if k != "access_token"]
            return urlunsplit(parts._replace(query=urlencode(query)))
        cursors = paging.get("cursors") if isinstance(paging.get("cursors"), dict) else {}
        after = cursors.get("after") if isinstance(cursors, dict) else None
        if not after:
            return None
        return url + "?" + urlencode({**params, "after": str(after)})

    async def _all_pages(
        self, path: str, params: dict[str, str], *, token: str
    ) -> list[dict[str, Any]]:
        url = f"{self.base}/{path}"
        items: list[dict[str, Any]] = []
        next_url: str | None = url
        first = True
        for _ in range(self.settings.sns.media_max_pages):
            if next_url is None:
                break
            body = await self._get(next_url, params if first else None, token=token)
            first = False
            data = body.get("data")
            if isinstance(data, list):
                items.extend(d for d in data if isinstance(d, dict))
            next_url = self._next_url(body, url, params)
        return items

    # --- API ---------------------------------------------------------------------------------

    async def exchange_code(self, code: str, redirect_uri: str) -> UserToken:
        """`GET /oauth/access_token?client_id&redirect_uri&client_secret&code`: the code
        Facebook Login's dialog sent to redirect_uri -> a short-lived user token. Facebook
        takes a code once, within minutes, with the redirect_uri of the dialog; a refused
        code is a GraphError with code 100 (OAuthException)."""
        app_id, secret = require_app(self.settings)
        body = await self._get(
            f"{self.base}/oauth/access_token",
            {
                "client_id": app_id,
                "redirect_uri": redirect_uri,
                "client_secret": secret,
                "code": code,
            },
            token=None,
        )
        return _user_token(body)

    async def exchange_token(self, short_lived_token: str) -> UserToken:
        """`GET /oauth/access_token?grant_type=fb_exchange_token` -> a ~60-day user token."""
        app_id, secret = require_app(self.settings)
        body = await self._get(
            f"{self.base}/oauth/access_token",
            {
                "grant_type": "fb_exchange_token",
                "client_id": app_id,
                "client_secret": secret,
                "fb_exchange_token": short_lived_token,
            },
            token=None,
        )
        return _user_token(body)

    async def business_accounts(self, token: str) -> list[BusinessAccount]:
        """The Instagram business accounts connected to the user's Facebook pages."""
        pages = await self._all_pages(
            "me/accounts", {"fields": ACCOUNTS_FIELDS, "limit": "100"}, token=token
        )
        found: list[BusinessAccount] = []
        for page in pages:
            ig = page.get("instagram_business_account")
            if isinstance(ig, dict) and ig.get("id"):
                found.append(
                    BusinessAccount(
                        ig_user_id=_str(ig["id"]),
                        username=_str(ig.get("username")),
                        page_id=_str(page.get("id")),
                        page_name=_str(page.get("name")),
                    )
                )
        return found

    async def profile(self, ig_user_id: str, token: str) -> Profile:
        body = await self._get(f"{self.base}/{ig_user_id}", {"fields": PROFILE_FIELDS}, token=token)
        return Profile(
            ig_user_id=_str(body.get("id") or ig_user_id),
            username=_str(body.get("username")),
            name=_str(body.get("name")),
            biography=_str(body.get("biography")),
            profile_picture_url=_str(body.get("profile_picture_url")),
            followers_count=_int(body.get("followers_count")),
            follows_count=_int(body.get("follows_count")),
            media_count=_int(body.get("media_count")),
        )

    async def media(self, ig_user_id: str, token: str) -> list[Media]:
        """Every media object of the account (all pages, newest first as Graph returns)."""
        fields = MEDIA_FIELDS
        flag = self.settings.sns.paid_partnership_field
        if flag:
            fields += "," + flag
        rows = await self._all_pages(
            f"{ig_user_id}/media",
            {"fields": fields, "limit": str(self.settings.sns.media_page_size)},
            token=token,
        )
        out: list[Media] = []
        for row in rows:
            try:
                posted_at = parse_timestamp(_str(row.get("timestamp")))
            except ValueError:
                continue
            out.append(
                Media(
                    ig_media_id=_str(row.get("id")),
                    caption=_str(row.get("caption")),
                    media_type=_str(row.get("media_type")),
                    permalink=_str(row.get("permalink")),
                    posted_at=posted_at,
                    like_count=_int(row.get("like_count")),
                    comments_count=_int(row.get("comments_count")),
                    paid_partnership=bool(flag and row.get(flag) is True),
                )
            )
        return out

    async def comments(self, ig_media_id: str, token: str) -> list[Comment]:
        """Every comment of a media object with all its replies (every page of both)."""
        rows = await self._all_pages(
            f"{ig_media_id}/comments",
            {"fields": COMMENTS_FIELDS, "limit": str(self.settings.sns.media_page_size)},
            token=token,
        )
        out: list[Comment] = []
        for row in rows:
            top = _comment(row, ig_media_id, "")
            if top is None:
                continue
            out.append(top)
            replies = row.get("replies")
            data = replies.get("data") if isinstance(replies, dict) else None
            paging = replies.get("paging") if isinstance(replies, dict) else None
            if isinstance(paging, dict) and paging.get("next"):
                # A long thread: the nested field holds its first page only.
                data = await self._all_pages(
                    f"{top.ig_comment_id}/replies",
                    {"fields": COMMENT_FIELDS, "limit": str(self.settings.sns.media_page_size)},
                    token=token,
                )
            for reply in data if isinstance(data, list) else []:
                if isinstance(reply, dict):
                    child = _comment(reply, ig_media_id, top.ig_comment_id)
                    if child is not None:
                        out.append(child)
        return out

    async def hide_comment(self, ig_comment_id: str, token: str, *, hide: bool) -> None:
        """`POST /{ig-comment-id}?hide=true|false`."""
        body = await self._call(
            "POST",
            f"{self.base}/{ig_comment_id}",
            {"hide": "true" if hide else "false"},
            token=token,
        )
        if body.get("success") is not True:
            raise GraphError("Instagram did not confirm hiding the comment")

    async def delete_comment(self, ig_comment_id: str, token: str) -> None:
        """`DELETE /{ig-comment-id}`."""
        body = await self._call("DELETE", f"{self.base}/{ig_comment_id}", {}, token=token)
        if body.get("success") is not True:
            raise GraphError("Instagram did not confirm deleting the comment")

    async def deauthorize(self, token: str) -> None:
        """`DELETE /me/permissions`: remove every permission the token's Facebook user
        granted our app (Meta's "revoke login"), so no token of ours for that user works
        any more. `me` because sns keeps only Instagram ids, not the Facebook user's."""
        body = await self._call("DELETE", f"{self.base}/me/permissions", {}, token=token)
        if body.get("success") is not True:
            raise GraphError("Instagram did not confirm removing the app's permissions")

    async def insights(
        self, ig_user_id: str, token: str, *, since: datetime, until: datetime
    ) -> dict[str, int]:
        """Account totals for [since, until): reach, views, likes, comments, shares."""
        body = await self._get(
            f"{self.base}/{ig_user_id}/insights",
            {
                "metric": INSIGHT_METRICS,
                "period": "day",
                "metric_type": "total_value",
                "since": str(int(since.timestamp())),
                "until": str(int(until.timestamp())),
            },
            token=token,
        )
        out: dict[str, int] = {}
        for item in body.get("data") or []:
            if isinstance(item, dict) and item.get("name"):
                total = item.get("total_value")
                value = total.get("value") if isinstance(total, dict) else None
                out[_str(item["name"])] = _int(value)
        return out


GraphClientFactory = Callable[[Settings], GraphClient]


def default_factory(settings: Settings) -> GraphClient:
    return GraphClient(settings)
