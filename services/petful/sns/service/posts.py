"""Synced posts by their Instagram link: one for its account's owner, and many at once for
other services (campaigns reads the figures of submitted posts)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from petful.platform.auth_context import Principal, Role
from petful.platform.errors import NotFound, PermissionDenied, Unauthenticated
from petful.platform.validation import Violations, parse_uuid
from petful.sns import repository
from petful.sns.models import Media
from petful.sns.rules import posts as rules
from petful.sns.service.access import visible


@dataclass(frozen=True)
class PostView:
    media: Media

    @property
    def sponsored(self) -> bool:
        return rules.is_sponsored(self.media.caption, self.media.paid_partnership)


async def get_post_by_url(
    session: AsyncSession, *, actor: Principal, account_id: str, url: str
) -> PostView:
    """The synced post of the account with the shortcode of url (owner, ADMIN, SERVICE)."""
    v = Violations()
    v.check("account_id", parse_uuid, account_id)
    code = v.check("url", rules.check_post_url, url)
    v.raise_if_any("the post request has invalid fields")
    account = await visible(session, actor, account_id, admin=True, service=True)
    media = await repository.media_by_shortcode(session, account.id, code)
    if media is None:
        raise NotFound("this Instagram account has no synced post with that link (yet)")
    return PostView(media)


async def get_post_figures(
    session: AsyncSession, *, actor: Principal, urls: list[str], account_id: str
) -> list[PostView]:
    """Posts of the urls in the order asked, unknown ones left out (SERVICE, ADMIN)."""
    # Not require_role: service principals have no account id.
    if not actor.is_authenticated:
        raise Unauthenticated("this call needs a signed-in user")
    if not actor.has_role(Role.SERVICE, Role.ADMIN):
        raise PermissionDenied("post figures are for internal services and admins")
    v = Violations()
    codes = v.check("urls", rules.check_post_urls, urls)
    owner_filter: uuid.UUID | None = None
    if account_id.strip():
        owner_filter = v.check("account_id", parse_uuid, account_id)
    v.raise_if_any("the figures request has invalid fields")
    found = await repository.media_by_shortcodes(session, codes, owner_filter)
    # A shortcode seen under two accounts (a post re-linked elsewhere): the newest sync wins.
    by_code: dict[str, Media] = {}
    for m in sorted(found, key=lambda m: m.synced_at):
        by_code[m.shortcode] = m
    return [PostView(by_code[code]) for code in codes if code in by_code]
