"""Every request's id and an anonymous principal carrying it, as plain ASGI middleware.

The id (the caller's X-Request-Id when it looks like one, else a new one) goes back on the
answer and, through the principal, on every gRPC call the request makes; a route's auth
dependency replaces the anonymous principal with the signed-in caller. Plain ASGI rather
than Starlette's `@app.middleware("http")`: that one hands a streamed body (the
notification stream) from task to task chunk by chunk, which 500 open streams pay for.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from petful.edge import auth
from petful.platform.auth_context import Principal, use_principal


class RequestContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Kept in the scope's state, so the route's Request sees the same id.
        request_id = auth.request_id(Request(scope))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[auth.REQUEST_ID_HEADER] = request_id
            await send(message)

        with use_principal(Principal(request_id=request_id)):
            await self.app(scope, receive, send_with_id)
