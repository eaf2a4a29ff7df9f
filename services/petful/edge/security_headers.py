"""Browser-facing hardening headers on every response the edge sends.

The edge is the only HTTP server behind Envoy, so setting them here covers API answers,
problem+json errors, media and the API docs alike. A route may set its own value first
(the docs set a stricter Content-Security-Policy); this only fills what is missing.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No MIME sniffing (an uploaded image must never run as a script), no Referer with paths
# or query strings to other origins, and never inside someone else's frame (clickjacking).
# `frame-ancestors` is the CSP spelling of X-Frame-Options for browsers that prefer it.
BASE_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
}

# Pages and answers whose address is a secret (an unsubscribe link, a calendar feed): no
# Referer at all, not even the origin, whatever a page's script does.
SECRET_PATH_PREFIXES = ("/unsubscribe/", "/api/v1/public/unsubscribe/", "/api/v1/public/calendar/")

# Two years, subdomains too: only sent over https, where the browser will honour it.
HSTS_HEADER = ("Strict-Transport-Security", "max-age=63072000; includeSubDomains")


class SecurityHeaders:
    """Adds BASE_HEADERS, and HSTS when the request arrived over TLS.

    "Over TLS" is the ASGI scope's scheme. TLS ends at the ingress, so the edge itself is
    always spoken to in plain http; uvicorn (`proxy_headers`, `forwarded_allow_ips`, see
    petful.cli) takes the scheme from X-Forwarded-Proto only when Envoy sent it, and
    Envoy keeps the ingress's X-Forwarded-Proto only within `xffNumTrustedHops` (otherwise
    it overwrites it with its own connection's scheme). A client's own header never counts.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        over_tls = scope.get("scheme") == "https"
        secret_path = str(scope.get("path", "")).startswith(SECRET_PATH_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if secret_path:
                    headers["Referrer-Policy"] = "no-referrer"
                for name, value in BASE_HEADERS.items():
                    headers.setdefault(name, value)
                if over_tls:
                    headers.setdefault(*HSTS_HEADER)
            await send(message)

        await self.app(scope, receive, send_with_headers)
