"""Graph API wire shapes of the sandbox: error objects, `fields=` selection, the JSON of
profiles, media and comments, and cursor paging (as Meta's Graph API v23.0 documents them)."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse

from petful.devstack.instagram_sandbox.state import SandboxState
from petful.sns.sandbox_catalog import SandboxAccount, SandboxComment, SandboxMedia

DEFAULT_LIMIT, MAX_LIMIT = 25, 100
RATE_LIMIT_MESSAGES = {
    4: "(#4) Application request limit reached",
    17: "(#17) User request limit reached",
    32: "(#32) Page request limit reached",
    613: "(#613) Calls to this api have exceeded the rate limit.",
}


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


def error_response(state: SandboxState, fault: GraphFault) -> JSONResponse:
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


def bad_token(message: str, subcode: int | None = None) -> GraphFault:
    return GraphFault(400, message, "OAuthException", 190, subcode)


def not_authorized() -> GraphFault:
    """A token of a user who removed the app (subcode 458: app not installed)."""
    return bad_token(
        "Error validating access token: The user has not authorized application sandbox-app.",
        458,
    )


def unsupported(object_id: str) -> GraphFault:
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


def graph_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def select(full: dict[str, Any], fields: str, default: tuple[str, ...]) -> dict[str, Any]:
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
        "timestamp": graph_time(c.timestamp),
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
            after = cursor(len(shown) - 1)
            nested["paging"] = {
                "cursors": {"before": cursor(0), "after": after},
                "next": f"{replies_url}?"
                + urlencode({"fields": wanted["replies"], "after": after}),
            }
        full["replies"] = nested
    if "parent_id" in wanted and c.parent_id:
        full["parent_id"] = c.parent_id
    return select(full, ",".join(wanted), ("id",))


def media_json(account: SandboxAccount, m: SandboxMedia) -> dict[str, Any]:
    return {
        "is_paid_partnership": m.paid_partnership,
        "id": m.id,
        "caption": m.caption,
        "media_type": m.media_type,
        "media_url": f"https://sandbox.petful.dev/media/{m.id}.jpg",
        "permalink": m.permalink,
        "timestamp": graph_time(m.timestamp),
        "like_count": m.like_count,
        "comments_count": m.comments_count,
        "is_comment_enabled": True,
        "username": account.handle,
        "owner": {"id": account.ig_user_id},
    }


def cursor(index: int) -> str:
    return base64.urlsafe_b64encode(f"petful-sandbox:{index}".encode()).decode().rstrip("=")


def uncursor(raw: str) -> int:
    try:
        text = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)).decode()
        prefix, _, number = text.partition(":")
        if prefix != "petful-sandbox":
            raise ValueError(raw)
        return int(number)
    except ValueError:
        raise GraphFault(400, "Invalid cursor", "OAuthException", 100) from None


def paged(request: Request, items: list[dict[str, Any]]) -> dict[str, Any]:
    """A cursor-paged list like Graph's: data, paging.cursors.{before,after}, next/previous."""
    q = request.query_params
    try:
        limit = int(q.get("limit", DEFAULT_LIMIT))
    except ValueError:
        raise GraphFault(400, "(#100) limit must be an integer", "OAuthException", 100) from None
    limit = max(1, min(limit, MAX_LIMIT))
    if q.get("after"):
        start = uncursor(q["after"]) + 1
    elif q.get("before"):
        start = max(0, uncursor(q["before"]) - limit)
    else:
        start = 0
    page = items[start : start + limit]
    body: dict[str, Any] = {"data": page}
    if not page:
        return body
    first, last = start, start + len(page) - 1
    paging: dict[str, Any] = {"cursors": {"before": cursor(first), "after": cursor(last)}}
    params = {k: v for k, v in q.items() if k not in ("after", "before")}
    params["limit"] = str(limit)
    base = str(request.url.replace(query=""))
    if last + 1 < len(items):
        paging["next"] = base + "?" + urlencode({**params, "after": cursor(last)})
    if first > 0:
        paging["previous"] = base + "?" + urlencode({**params, "before": cursor(first)})
    body["paging"] = paging
    return body


# --- the app --------------------------------------------------------------------------------------


def request_token(request: Request) -> str:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() in ("bearer", "oauth") and value.strip():
        return value.strip()
    return request.query_params.get("access_token", "")
