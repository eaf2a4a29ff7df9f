"""A profile picture is a picture the user uploaded, never text (issue 13, item 13).

Threat: `profile_image_id` was free text any signed-in user could set (`javascript:` URLs,
HTML) and the public profile handed it to every visitor, for a client to put into an
`<img src>` or a link. Now the picture is set only by an upload through the media pipeline
into identity's media table, and profiles show that row's `/media/public/...` URL.

Participants: `owner` (uploads pictures) and `rival` (tries to use the owner's picture).
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import sqlalchemy as sa
from alembic import command

from petful.identity import tasks as identity_tasks  # noqa: F401  (registers the subscribers)
from petful.platform.db import transaction
from petful.platform.media import Status, media_table
from petful.platform.media.thumbnails import subscriber_name
from petful.platform.migrations import alembic_config
from tests.integration.conftest import (
    PASSWORD,
    IdentityEdge,
    deliver,
    headers_for,
    problem_fields,
)
from tests.integration.test_pets import png

ME = "/api/v1/me"
PICTURE = "/api/v1/me/profile-image"
HOSTILE = ["javascript:alert(1)", '"><img src=x onerror=alert(1)>', "<script>alert(1)</script>"]


async def upload(edge: IdentityEdge, headers: dict[str, str], data: bytes) -> dict[str, Any]:
    r = await edge.client.put(
        PICTURE, files={"file": ("me.png", data, "image/png")}, headers=headers
    )
    assert r.status_code == 200, r.text
    picture: dict[str, Any] = r.json()["profile_image"]
    return picture


async def public_profile(edge: IdentityEdge, user_id: str) -> dict[str, Any]:
    r = await edge.client.get(f"/api/v1/users/{user_id}/public")
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def media_statuses() -> dict[str, str]:
    t = media_table("identity")
    async with transaction() as session:
        rows = (await session.execute(sa.select(t.c.id, t.c.status))).all()
    return {str(r.id): r.status for r in rows}


async def test_free_text_cannot_be_set(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    rival = await headers_for(identity_edge, "rival@example.com")
    owners_picture = await upload(identity_edge, owner, png())
    # Text, markup, and another user's media id: none is something a client may set.
    for value in [*HOSTILE, owners_picture["media_id"]]:
        r = await identity_edge.client.patch(ME, json={"profile_image_id": value}, headers=rival)
        assert r.status_code == 422, (value, r.text)
        assert problem_fields(r) == {"profile_image_id"}
    r = await identity_edge.client.get(ME, headers=rival)
    assert r.json()["profile_image"] is None
    assert "profile_image_id" not in r.json()


async def test_upload_sets_the_picture_and_the_public_profile_shows_its_url(
    identity_edge: IdentityEdge,
) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    user_id = identity_edge.users["owner@example.com"]
    # Content decides: markup named .png is refused, naming the field.
    r = await identity_edge.client.put(
        PICTURE, files={"file": ("me.png", b"<html><script>alert(1)</script>")}, headers=owner
    )
    assert r.status_code == 415, r.text
    assert problem_fields(r) == {"file"}

    picture = await upload(identity_edge, owner, png((400, 300)))
    assert picture["url"].startswith("/media/public/identity/")
    assert (picture["width"], picture["height"]) == (400, 300)
    served = await identity_edge.client.get(picture["url"])
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("image/")

    assert await deliver("identity.media.stored", "identity", subscriber_name("identity")) == 1
    public = await public_profile(identity_edge, user_id)
    assert public["profile_image"]["url"] == picture["url"]
    thumbnails = public["profile_image"]["thumbnails"]
    assert thumbnails
    assert all(u.startswith("/media/public/") for u in thumbnails.values())
    me = (await identity_edge.client.get(ME, headers=owner)).json()
    assert me["profile_image"] == public["profile_image"]


async def test_replacing_and_removing_delete_the_old_picture(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    first = await upload(identity_edge, owner, png(colour="red"))
    second = await upload(identity_edge, owner, png(colour="blue"))
    assert second["media_id"] != first["media_id"]
    assert (await identity_edge.client.get(first["url"])).status_code == 404
    assert (await identity_edge.client.get(second["url"])).status_code == 200

    r = await identity_edge.client.delete(PICTURE, headers=owner)
    assert r.status_code == 200, r.text
    assert r.json()["profile_image"] is None
    assert (await identity_edge.client.get(second["url"])).status_code == 404
    assert await media_statuses() == {
        first["media_id"]: Status.DELETED.value,
        second["media_id"]: Status.DELETED.value,
    }
    # Removing again changes nothing.
    assert (await identity_edge.client.delete(PICTURE, headers=owner)).status_code == 200


async def test_another_users_picture_is_never_shown(identity_edge: IdentityEdge) -> None:
    """Even a pointer written behind the API's back shows only the account's own upload."""
    owner = await headers_for(identity_edge, "owner@example.com")
    await headers_for(identity_edge, "rival@example.com")
    rival_id = identity_edge.users["rival@example.com"]
    picture = await upload(identity_edge, owner, png())
    async with transaction() as session:
        await session.execute(
            sa.text("UPDATE identity.accounts SET profile_image_media_id = :m WHERE id = :u"),
            {"m": uuid.UUID(picture["media_id"]), "u": uuid.UUID(rival_id)},
        )
    assert (await public_profile(identity_edge, rival_id))["profile_image"] is None


async def test_the_migration_clears_free_text(identity_edge: IdentityEdge) -> None:
    await headers_for(identity_edge, "owner@example.com")
    user_id = identity_edge.users["owner@example.com"]
    config = alembic_config("identity", identity_edge.settings)
    # Back to the release that stored free text, with hostile values in it.
    await asyncio.to_thread(command.downgrade, config, "identity_0003")
    async with transaction() as session:
        await session.execute(
            sa.text("UPDATE identity.accounts SET profile_image_id = :v WHERE id = :u"),
            {"v": HOSTILE[0], "u": uuid.UUID(user_id)},
        )
    await asyncio.to_thread(command.upgrade, config, "head")
    async with transaction() as session:
        left = await session.scalar(
            sa.text("SELECT profile_image_id FROM identity.accounts WHERE id = :u"),
            {"u": uuid.UUID(user_id)},
        )
    assert left == ""
    r = await identity_edge.client.get(f"/api/v1/users/{user_id}/public")
    assert "javascript:" not in r.text
    assert r.json()["profile_image"] is None


async def test_withdrawal_deletes_the_picture(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    picture = await upload(identity_edge, owner, png())
    r = await identity_edge.client.request(
        "DELETE",
        ME,
        json={"password": PASSWORD, "reason": "moving abroad now"},
        headers=owner,
    )
    assert r.status_code == 204, r.text
    assert (await identity_edge.client.get(picture["url"])).status_code == 404
    assert await media_statuses() == {picture["media_id"]: Status.DELETED.value}
