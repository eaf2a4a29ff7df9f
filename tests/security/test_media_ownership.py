"""Media belongs to whoever uploaded it for one record (issue 13, items 1 and 2).

Threat: a signed-in user or advertiser destroys someone else's public picture, either by
uploading the same bytes and deleting their own copy (objects used to be shared by
content address across users and services), or by listing another advertiser's media id
on their own campaign and then removing it there.

Participants: `bori`'s owner (a pet photo), the `advertiser` (campaign images) and a
`rival` advertiser. Each storage case runs on the local directory and on an S3-compatible
server.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from petful.platform.db import transaction
from petful.platform.media import (
    Kind,
    MediaRecord,
    Status,
    Storage,
    Visibility,
    discard,
    get_media,
    get_storage,
    ingest,
    make_thumbnails,
    media_table,
    thumbnail_key,
)
from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields
from tests.integration.test_campaigns_edge import campaign_body, scene
from tests.integration.test_media_storage_s3 import (  # noqa: F401  (fixtures by name)
    bucket,
    s3_server,
    s3_settings,
)
from tests.integration.test_pets import create_pet, png
from tests.media_support import image_bytes

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
VICTIM = uuid.UUID("00000000-0000-4000-8000-00000000000a")
ATTACKER = uuid.UUID("00000000-0000-4000-8000-00000000000b")


@pytest.fixture(params=["local", "s3"])
def storage(request: pytest.FixtureRequest, settings: Settings) -> Storage:
    if request.param == "s3":
        settings = request.getfixturevalue("s3_settings")
    return get_storage(settings)


async def upload(schema: str, owner: uuid.UUID, data: bytes) -> MediaRecord:
    async with transaction() as session:
        return await ingest(
            session,
            schema=schema,
            owner_id=owner,
            purpose="picture",
            kind=Kind.IMAGE,
            visibility=Visibility.PUBLIC,
            data=data,
            filename="same.png",
            now=NOW,
        )


async def with_thumbnails(schema: str, record: MediaRecord) -> list[str]:
    """Make the record's thumbnails; every object key it now has."""
    async with transaction() as session:
        assert await make_thumbnails(session, schema=schema, media_id=record.id, now=NOW) == (
            Status.READY
        )
        after = await get_media(session, schema=schema, media_id=record.id)
    assert after is not None
    return [after.key, *after.thumbnails.values()]


async def delete(schema: str, media_id: uuid.UUID) -> None:
    async with transaction() as session:
        assert await discard(session, schema=schema, media_id=media_id, now=NOW)


async def present(storage: Storage, keys: list[str]) -> list[bool]:
    return [await storage.exists(key) for key in keys]


@pytest.mark.parametrize(
    ("victim_schema", "attacker_schema"),
    [("pets", "pets"), ("pets", "campaigns"), ("advertisers", "campaigns")],
    ids=["another-user", "pet-photo-from-campaigns", "logo-from-campaigns"],
)
async def test_deleting_your_copy_of_the_same_bytes_keeps_the_victims_picture(
    storage: Storage, victim_schema: str, attacker_schema: str
) -> None:
    data = image_bytes("PNG", (400, 300))
    picture = await upload(victim_schema, VICTIM, data)
    victim_keys = await with_thumbnails(victim_schema, picture)
    stored = await storage.get(picture.key)
    copy = await upload(attacker_schema, ATTACKER, data)
    await with_thumbnails(attacker_schema, copy)

    await delete(attacker_schema, copy.id)
    assert await present(storage, victim_keys) == [True] * len(victim_keys)
    assert await storage.get(picture.key) == stored

    # The victim's own delete still removes the picture and its thumbnails.
    await delete(victim_schema, picture.id)
    assert await present(storage, victim_keys) == [False] * len(victim_keys)


async def legacy_row(
    schema: str, owner: uuid.UUID, key: str, thumbnails: dict[str, str]
) -> uuid.UUID:
    """A row as the release before per-record keys wrote it: content addressed, shared."""
    media_id = uuid.uuid4()
    async with transaction() as session:
        await session.execute(
            sa.insert(media_table(schema)).values(
                id=media_id,
                owner_id=owner,
                purpose="picture",
                kind="image",
                key=key,
                content_type="image/png",
                size_bytes=1,
                sha256=key.rsplit("/", 1)[1].split(".")[0],
                visibility="public",
                status="READY",
                thumbnails=thumbnails,
                created_at=NOW,
                updated_at=NOW,
            )
        )
    return media_id


async def test_a_shared_key_from_before_lives_while_any_schema_references_it(
    storage: Storage,
) -> None:
    sha = "ab" * 32
    key = f"public/ab/{sha}.png"
    thumbs = {"320": thumbnail_key(key, 320), "960": thumbnail_key(key, 960)}
    keys = [key, *thumbs.values()]
    for k in keys:
        await storage.put(k, b"shared bytes", "image/png")
    # Every service with a media table references it; the last reference removes it.
    holders = ["pets", "advertisers", "campaigns"]
    rows = {schema: await legacy_row(schema, VICTIM, key, thumbs) for schema in holders}

    for schema in holders[:-1]:
        await delete(schema, rows[schema])
        assert await present(storage, keys) == [True] * len(keys), schema
    await delete(holders[-1], rows[holders[-1]])
    assert await present(storage, keys) == [False] * len(keys)


# --- through the edge --------------------------------------------------------------------------


async def test_an_advertiser_cannot_delete_a_pet_photo_by_uploading_it_too(
    identity_edge: IdentityEdge,
) -> None:
    c = identity_edge.client
    bori = await headers_for(identity_edge, "bori@example.com")
    pet = await create_pet(identity_edge, bori)
    photo = png((300, 200), "teal")
    r = await c.put(
        f"/api/v1/pets/{pet['id']}/image", files={"file": ("bori.png", photo)}, headers=bori
    )
    assert r.status_code == 200, r.text
    pet_url = r.json()["image"]["url"]

    s = await scene(identity_edge)
    campaign = await s.draft()
    images = f"/api/v1/advertiser/campaigns/{campaign['id']}/images"
    r = await c.post(images, files={"file": ("copy.png", photo)}, headers=s.advertiser)
    (image,) = r.json()["images"]
    r = await c.delete(f"{images}/{image['media_id']}", headers=s.advertiser)
    assert r.status_code == 200, r.text

    assert (await c.get(pet_url)).status_code == 200


async def test_a_campaign_cannot_name_another_advertisers_images(
    identity_edge: IdentityEdge,
) -> None:
    c = identity_edge.client
    s = await scene(identity_edge)
    theirs = await s.draft()
    r = await c.post(
        f"/api/v1/advertiser/campaigns/{theirs['id']}/images",
        files={"file": ("product.png", png((400, 300)))},
        headers=s.advertiser,
    )
    (image,) = r.json()["images"]
    stolen = [image["media_id"]]
    now = identity_edge.clock.now

    r = await c.post(
        "/api/v1/advertiser/campaigns",
        json=campaign_body(now, image_media_ids=stolen),
        headers=s.rival,
    )
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"image_media_ids"}

    r = await c.post("/api/v1/advertiser/campaigns", json=campaign_body(now), headers=s.rival)
    own = r.json()
    r = await c.put(
        f"/api/v1/advertiser/campaigns/{own['id']}",
        json=campaign_body(now, hashtags=own["hashtags"], image_media_ids=stolen),
        headers=s.rival,
    )
    assert r.status_code == 422, r.text
    assert problem_fields(r) == {"image_media_ids"}
    r = await c.delete(
        f"/api/v1/advertiser/campaigns/{own['id']}/images/{image['media_id']}", headers=s.rival
    )
    assert r.status_code == 404

    assert (await c.get(image["url"])).status_code == 200
    r = await c.get(f"/api/v1/advertiser/campaigns/{theirs['id']}", headers=s.advertiser)
    assert r.json()["image_media_ids"] == stolen


async def test_a_history_image_of_another_pet_cannot_be_removed(
    identity_edge: IdentityEdge,
) -> None:
    c = identity_edge.client
    entry = {"title": "체험단", "start_date": "2025-03-01", "end_date": "2025-03-10"}
    histories = []
    for who in ("bori", "rival"):
        owner = await headers_for(identity_edge, f"{who}@example.com")
        base = f"/api/v1/pets/{(await create_pet(identity_edge, owner))['id']}/history"
        r = await c.post(base, json=entry, headers=owner)
        histories.append((owner, f"{base}/{r.json()['id']}/images"))
    (bori, bori_images), (rival, rival_images) = histories
    r = await c.post(bori_images, files={"file": ("h.png", png())}, headers=bori)
    (image,) = r.json()["images"]

    r = await c.delete(f"{rival_images}/{image['media_id']}", headers=rival)
    assert r.status_code == 404
    assert (await c.get(image["url"])).status_code == 200
