"""Demo boards for the local platform (`petful seed`): the posts, comments, replies, likes
and the one open report of demo_content.py. Idempotent: nothing is written once the demo
owners have posted.

Everything goes through the service's own functions (checks, search terms, counters and
events as for a real user), as each demo owner. Identity and pets are not called: the seeder
hands over the account ids (`demo["account_ids"]`) and pet ids (`demo["pet_ids"]`), and
authors are resolved when the posts are read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from petful.community.base import utc_now
from petful.community.comments import service as comments
from petful.community.demo_content import POSTS, REPORT, DemoPost
from petful.community.peers import Profile
from petful.community.posts import repository as posts_repository
from petful.community.posts import service as posts
from petful.community.posts.pets import OwnPet
from petful.community.reports import service as reports
from petful.platform.auth_context import Principal, Role
from petful.platform.seed import demo_picture
from petful.platform.settings import get_settings


class _NoProfiles:
    """Authors are resolved when pages are read; the seed needs none."""

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        return {}

    async def user_exists(self, user_id: uuid.UUID) -> bool:
        return True

    async def suspend_user(
        self, user_id: uuid.UUID, *, reason: str, until: datetime | None
    ) -> bool:
        raise RuntimeError("the demo seed suspends nobody")


class _DemoPets:
    """The author's demo pets, by the names the pets seed handed over."""

    def __init__(self, pets: dict[str, str], names: Iterable[str]) -> None:
        self._own = [OwnPet(uuid.UUID(pets[n]), n) for n in names if n in pets]

    async def my_pets(self) -> list[OwnPet]:
        return self._own


def _as(account_id: str) -> Principal:
    return Principal(user_id=account_id, roles=frozenset({Role.USER}))


async def seed(session: AsyncSession, demo: dict[str, Any]) -> str:
    ids: dict[str, str] = demo.get("account_ids", {})
    if not all(p.author in ids for p in POSTS):
        return "skipped (no demo owners)"
    authors = [uuid.UUID(ids[p.author]) for p in POSTS]
    if await posts_repository.any_by(session, authors):
        return "already there"
    now = utc_now()
    post_ids: dict[str, str] = {}
    for spec in sorted(POSTS, key=lambda p: -p.hours_ago):  # oldest first, as written
        post_ids[spec.title] = await _post(session, spec, ids, demo.get("pet_ids", {}), now)
    reporter, title, category, text = REPORT
    await reports.create_report(
        session,
        actor=_as(ids[reporter]),
        identity=_NoProfiles(),
        now=now,
        hide_threshold=get_settings().community.report_hide_threshold,
        target_type="POST",
        target_id=post_ids[title],
        category=category,
        text=text,
    )
    return f"{len(POSTS)} posts, 1 open report"


async def _post(
    session: AsyncSession,
    spec: DemoPost,
    ids: dict[str, str],
    pet_ids: dict[str, str],
    now: datetime,
) -> str:
    at = now - timedelta(hours=spec.hours_ago)
    author = _as(ids[spec.author])
    settings = get_settings()
    images = [
        await posts.upload_image(
            session,
            actor=author,
            now=at,
            data=demo_picture(colour, label),
            filename=f"{label}.png",
            settings=settings,
        )
        for colour, label in spec.pictures
    ]
    pets = _DemoPets(pet_ids, spec.tagged_pets)
    view = await posts.create_post(
        session,
        actor=author,
        identity=_NoProfiles(),
        pets=pets,
        now=at,
        settings=settings,
        fields=posts.PostInput(
            board=spec.board,
            title=spec.title,
            body=spec.body,
            image_media_ids=[str(i.id) for i in images],
            pet_ids=[str(p.id) for p in await pets.my_pets()],
        ),
    )
    post_id = str(view.post.id)
    later = at
    for comment in spec.comments:
        later += timedelta(minutes=20)
        root = await comments.create_comment(
            session,
            actor=_as(ids[comment.author]),
            identity=_NoProfiles(),
            now=later,
            post_id=post_id,
            body=comment.body,
        )
        for who, body in comment.replies:
            later += timedelta(minutes=10)
            await comments.create_comment(
                session,
                actor=_as(ids[who]),
                identity=_NoProfiles(),
                now=later,
                post_id=post_id,
                body=body,
                parent_id=str(root.comment.id),
            )
    for who in spec.liked_by:
        await posts.set_post_like(
            session, actor=_as(ids[who]), now=at + timedelta(hours=1), post_id=post_id, liked=True
        )
    return post_id
