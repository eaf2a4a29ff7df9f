"""The sandbox's HTTP app: the Graph API routes the sns service calls, Facebook Login's
dialog (`dialog`), and the `/__sandbox__/*` controls tests use (faults, new media and
comments, health)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from petful.devstack.instagram_sandbox.dialog import create_dialog, exchange_code
from petful.devstack.instagram_sandbox.state import SandboxState
from petful.devstack.instagram_sandbox.wire import (
    RATE_LIMIT_MESSAGES,
    GraphFault,
    bad_token,
    comment_json,
    error_response,
    media_json,
    not_authorized,
    paged,
    parse_fields,
    profile_json,
    request_token,
    select,
    unsupported,
)
from petful.sns.sandbox_catalog import (
    LONG_PREFIX,
    SandboxAccount,
    SandboxComment,
    insight_totals,
    long_token,
)

LONG_LIVED_SECONDS = 60 * 24 * 3600


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
                    token = request_token(request)
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
                        raise bad_token("Invalid OAuth access token - Cannot parse access token")
                    if found in state.revoked:
                        raise bad_token(
                            "Error validating access token: The session has been invalidated "
                            "because the user changed their password or Facebook has changed "
                            "the session for security reasons.",
                            460,
                        )
                    if found in state.deauthorized:
                        raise not_authorized()
                    user = found
                return JSONResponse(handler(request, user))
            except GraphFault as fault:
                return error_response(state, fault)

        return endpoint

    def exchange(request: Request, _: str) -> dict[str, Any]:
        q = request.query_params
        if not q.get("client_id") or not q.get("client_secret"):
            raise GraphFault(
                400, "Missing client_id or client_secret parameter.", "OAuthException", 101
            )
        if q.get("code"):  # the login dialog's code (Facebook's code grant has no grant_type)
            return exchange_code(state, q)
        if q.get("grant_type") != "fb_exchange_token":
            raise GraphFault(400, "Unsupported grant_type", "OAuthException", 100)
        short = q.get("fb_exchange_token", "")
        user = state.user_of(short)
        if user is None:
            raise bad_token("Invalid OAuth access token - Cannot parse access token")
        if user in state.revoked:
            raise bad_token("Error validating access token: Session has expired.", 463)
        if user in state.deauthorized:
            # A short-lived token comes from a new login, which grants the app again; the
            # long-lived tokens issued before stay dead.
            if short.startswith(LONG_PREFIX):
                raise not_authorized()
            state.deauthorized.discard(user)
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
                page["instagram_business_account"] = select(
                    profile_json(account), fields["instagram_business_account"], ("id",)
                )
            pages.append(select(page, ",".join(fields), ("id", "name")))
        return paged(request, pages)

    def node(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        fields = request.query_params.get("fields", "")
        if object_id == "me":
            return {"id": f"sandbox-user-{user}", "name": user}
        account = state.account_by_id(object_id)
        if account is not None:
            return select(profile_json(account), fields, ("id",))
        found = state.media_by_id(object_id)
        if found is not None:
            full = media_json(*found)
            full["comments_count"] = state.comment_count(object_id)
            return select(full, fields, ("id",))
        comment = state.comments.get(object_id)
        if comment is not None and not comment.deleted:
            return comment_json(state, comment, fields)
        raise unsupported(object_id)

    def node_write(request: Request, user: str) -> dict[str, Any]:
        if request.method == "DELETE":
            return delete(request, user)
        return hide(request, user)

    def media(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        account = state.account_by_id(object_id)
        if account is None:
            raise unsupported(object_id)
        fields = request.query_params.get("fields", "")
        items = []
        for m in account.media:
            full = media_json(account, m)
            full["comments_count"] = state.comment_count(m.id)
            items.append(select(full, fields, ("id",)))
        return paged(request, items)

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
                raise unsupported(object_id)
            items = state.comments_of(parent.media_id, parent.id)
        version = request.path_params["version"]

        def replies_url(comment_id: str) -> str:
            return str(request.url.replace(path=f"/{version}/{comment_id}/replies", query=""))

        return paged(request, [comment_json(state, c, fields, replies_url(c.id)) for c in items])

    def comment_account(object_id: str, user: str) -> SandboxComment:
        c = state.comments.get(object_id)
        if c is None or c.deleted:
            raise unsupported(object_id)
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

    def permissions(request: Request, user: str) -> dict[str, Any]:
        """`DELETE /{user-id}/permissions` (or `/me/permissions`): the user removes the app."""
        object_id = request.path_params["object_id"]
        if object_id not in ("me", f"sandbox-user-{user}"):
            raise GraphFault(
                403,
                "(#200) Requires a user access token of that user or an app access token",
                "OAuthException",
                200,
            )
        state.deauthorize(user)
        return {"success": True}

    def insights(request: Request, user: str) -> dict[str, Any]:
        object_id = request.path_params["object_id"]
        account = state.account_by_id(object_id)
        if account is None:
            raise unsupported(object_id)
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
        return JSONResponse(
            {
                "rate_limited": state.rate_limited,
                "revoked": sorted(state.revoked),
                "deauthorizations": state.deauthorizations,
            }
        )

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
            Route(f"/{v}/dialog/oauth", create_dialog(state), methods=["GET", "POST"]),
            Route(f"/{v}/oauth/access_token", api(exchange, needs_user=False)),
            Route(f"/{v}/me/accounts", api(me_accounts)),
            Route(f"/{v}/{{object_id:str}}/media", api(media)),
            Route(f"/{v}/{{object_id:str}}/insights", api(insights)),
            Route(f"/{v}/{{object_id:str}}/comments", api(comments)),
            Route(f"/{v}/{{object_id:str}}/replies", api(comments)),
            Route(f"/{v}/{{object_id:str}}/permissions", api(permissions), methods=["DELETE"]),
            Route(f"/{v}/{{object_id:str}}", api(node)),
            Route(f"/{v}/{{object_id:str}}", api(node_write), methods=["POST", "DELETE"]),
        ]
    )
