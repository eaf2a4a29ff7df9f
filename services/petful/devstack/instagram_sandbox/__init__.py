"""A fake Instagram Graph API for the devstack and tests: a small real HTTP server.

It answers the calls the sns service makes, in the wire format of Meta's public
documentation (Graph API v23.0, Facebook Login for Business):

- `GET /{v}/dialog/oauth?client_id&redirect_uri&state&scope&response_type=code`: the login
  dialog a person's browser is sent to, a small page listing the sandbox's Facebook users;
  continuing redirects to `redirect_uri?code&state`, cancelling to
  `redirect_uri?error=access_denied&error_reason=user_denied&state` (see `dialog`)
- `GET /{v}/oauth/access_token?client_id&redirect_uri&client_secret&code` (the dialog's
  code, once) -> the short-lived `sandbox-<user>` as `{"access_token", "token_type",
  "expires_in"}`
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
- `DELETE /{v}/me/permissions` (or `/{v}/{user-id}/permissions`) -> `{"success": true}`:
  the user removes the app; `SandboxState.deauthorizations` records it, and that user's
  tokens answer code 190 (subcode 458) until a new login (a short-lived token exchange)

Media carry `is_paid_partnership` (only when that field is asked for).

Errors are Graph error objects (`{"error": {"message", "type", "code", "error_subcode",
"fbtrace_id"}}`). Tokens: `sandbox-<user>` is a valid short-lived user token of sandbox
user `<user>` (what the dialog's code exchanges for; API clients may also send it as is);
the fb_exchange_token grant returns the long-lived `sandbox-long-<user>`. Every account
handle is also a user owning that one account; `petful_family` owns two accounts and
`no_business` has a page without an Instagram account.

Data is deterministic: a fixed seed and an anchor day (today, 00:00 UTC, unless given),
with 30-60 posts per account over the last 120 days, Korean/English captions, some marked
#광고/#협찬. Faults for tests: `SandboxState.rate_limit(n)` makes the next n API calls
answer a rate-limit error (HTTP 429 or code 4/17/32/613); `revoke(user)` makes that user's
tokens answer code 190. The same controls exist over HTTP (`POST /__sandbox__/faults`,
whose answer also lists the de-authorizations so far).
Tests add content: `POST /__sandbox__/media` `{"handle", "caption", "like_count"?,
"kind"?: "p"|"reel", "paid_partnership"?, "posted_at"?}` adds a post (answering its media
JSON with the permalink), `POST /__sandbox__/comments` `{"media_id", "text", "username"?,
"parent_id"?}` adds a comment (or `SandboxState.add_media` / `add_comment` in process).

The catalog (accounts, media, comments) is `petful.sns.sandbox_catalog`, shared with the sns
demo seed; here are its state (`state`), wire shapes (`wire`), app (`app`) and runner
(`server`).

Run it: `python -m petful.devstack.instagram_sandbox --port N` (then point
`PETFUL_SNS__GRAPH_BASE_URL` at it and set `PETFUL_SNS__SOURCE=sandbox`), or in-process with
`SandboxServer(port).start()`.
"""

from __future__ import annotations

from petful.devstack.instagram_sandbox.app import create_app
from petful.devstack.instagram_sandbox.server import SandboxServer, main
from petful.devstack.instagram_sandbox.state import SandboxState
from petful.devstack.instagram_sandbox.wire import GraphFault
from petful.sns.sandbox_catalog import (
    SandboxAccount,
    SandboxComment,
    SandboxMedia,
    anchor_of,
    build_accounts,
    insight_totals,
    long_token,
    short_token,
)

__all__ = [
    "GraphFault",
    "SandboxAccount",
    "SandboxComment",
    "SandboxMedia",
    "SandboxServer",
    "SandboxState",
    "anchor_of",
    "build_accounts",
    "create_app",
    "insight_totals",
    "long_token",
    "main",
    "short_token",
]
