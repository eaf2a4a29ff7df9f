"""The sandbox's mutable state: the catalog as served, comments, and the faults tests set."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from petful.sns.sandbox_catalog import (
    LONG_PREFIX,
    SHORT_PREFIX,
    SandboxAccount,
    SandboxComment,
    SandboxMedia,
    anchor_of,
    seeded_comments,
    users,
)

# Facebook's login codes expire after ten minutes and may be exchanged once.
CODE_TTL = timedelta(minutes=10)


@dataclass
class IssuedCode:
    """A code the login dialog handed to redirect_uri: whose it is and what it is bound to."""

    user: str
    client_id: str
    redirect_uri: str
    issued_at: datetime
    used: bool = False


@dataclass
class SandboxState:
    accounts: dict[str, SandboxAccount]
    users: dict[str, tuple[str | None, ...]] = field(default_factory=users)
    revoked: set[str] = field(default_factory=set)
    # Users who removed the app (`DELETE /me/permissions`): their tokens answer code 190
    # until they log in again (exchange a short-lived token). `deauthorizations` logs every
    # such call by user, in order, for tests.
    deauthorized: set[str] = field(default_factory=set)
    deauthorizations: list[str] = field(default_factory=list)
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
    # Codes of the login dialog (`/{v}/dialog/oauth`) by code, kept after use so a second
    # exchange is told "used" rather than "invalid", as Facebook does.
    codes: dict[str, IssuedCode] = field(default_factory=dict)
    _trace: int = 0
    _added: int = 0

    def __post_init__(self) -> None:
        if not self.comments:
            self.comments = seeded_comments(self.accounts, self.anchor)

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

    def deauthorize(self, user: str) -> None:
        """The app loses every permission of user (as Meta's "revoke login")."""
        self.deauthorized.add(user)
        self.deauthorizations.append(user)

    def issue_code(self, user: str, *, client_id: str, redirect_uri: str) -> str:
        """A fresh single-use code for user (a login through the dialog)."""
        code = "AQ" + secrets.token_urlsafe(48)
        self.codes[code] = IssuedCode(user, client_id, redirect_uri, datetime.now(UTC))
        return code

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
