"""Pets, portfolios, history and images through the edge, on the real services."""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PIL import Image

from petful.platform import media
from petful.platform.db import transaction
from tests.integration.conftest import IdentityEdge, headers_for, problem_fields

PET = {
    "name": "보리",
    "species": "DOG",
    "breed": "말티즈 (Maltese)",
    "sex": "FEMALE",
    "neutered": True,
    "birth_date": "2021-04-01",
    "weight_kg": 3.44,
    "personality_tags": ["#활발함", "활발함", "간식러버"],
    "intro": "산책을 좋아해요",
}


def png(size: tuple[int, int] = (64, 48), colour: str = "orange") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


async def create_pet(edge: IdentityEdge, headers: dict[str, str], **over: Any) -> dict[str, Any]:
    r = await edge.client.post("/api/v1/pets", json={**PET, **over}, headers=headers)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


async def media_rows() -> int:
    table = media.media_table("pets")
    async with transaction() as session:
        return int((await session.execute(sa.select(sa.func.count()).select_from(table))).scalar())


def stored_files(edge: IdentityEdge) -> list[Path]:
    root = edge.settings.media.dir or edge.settings.data_dir / "media"
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


async def test_create_normalises_and_lists_own_pets(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    assert pet["weight_kg"] == 3.4
    assert pet["personality_tags"] == ["활발함", "간식러버"]
    assert pet["petstar_status"] == "NONE"
    assert pet["image"] is None
    r = await identity_edge.client.get("/api/v1/pets", headers=owner)
    assert [p["id"] for p in r.json()["items"]] == [pet["id"]]
    other = await headers_for(identity_edge, "other@example.com")
    r = await identity_edge.client.get("/api/v1/pets", headers=other)
    assert r.json()["items"] == []


async def test_names_are_unique_per_owner_only(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    await create_pet(identity_edge, owner)
    r = await identity_edge.client.post(
        "/api/v1/pets", json={**PET, "name": "보리 "}, headers=owner
    )
    assert r.status_code == 409
    assert problem_fields(r) == {"name"}
    other = await headers_for(identity_edge, "other@example.com")
    await create_pet(identity_edge, other)


async def test_invalid_pets_are_rejected_with_the_fields(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    r = await identity_edge.client.post(
        "/api/v1/pets",
        json={**PET, "species": "DRAGON", "weight_kg": 200, "surprise": 1},
        headers=owner,
    )
    assert r.status_code == 422
    assert {"species", "weight_kg", "surprise"} <= {f.split(".")[-1] for f in problem_fields(r)}
    r = await identity_edge.client.post(
        "/api/v1/pets",
        json={**PET, "birth_date": "2999-01-01", "approx_age_months": 5},
        headers=owner,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"birth_date"}
    r = await identity_edge.client.post(
        "/api/v1/pets", json={**PET, "approx_age_months": 5}, headers=owner
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"approx_age_months"}
    r = await identity_edge.client.get("/api/v1/pets", headers=owner)
    assert r.json()["items"] == []


async def test_patch_changes_only_the_given_fields(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    r = await identity_edge.client.patch(
        f"/api/v1/pets/{pet['id']}", json={"weight_kg": 4.0, "intro": "새 소개"}, headers=owner
    )
    assert r.status_code == 200, r.text
    assert (r.json()["weight_kg"], r.json()["intro"], r.json()["name"]) == (4.0, "새 소개", "보리")
    r = await identity_edge.client.patch(
        f"/api/v1/pets/{pet['id']}",
        json={"birth_date": None, "approx_age_months": 30, "weight_kg": None},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    assert (r.json()["birth_date"], r.json()["approx_age_months"], r.json()["weight_kg"]) == (
        None,
        30,
        None,
    )
    r = await identity_edge.client.patch(
        f"/api/v1/pets/{pet['id']}", json={"name": None}, headers=owner
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"name"}


async def test_another_owner_gets_404_everywhere(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    other = await headers_for(identity_edge, "other@example.com")
    base = f"/api/v1/pets/{pet['id']}"
    c = identity_edge.client
    attempts = [
        await c.get(base, headers=other),
        await c.patch(base, json={"intro": "x"}, headers=other),
        await c.delete(base, headers=other),
        await c.get(f"{base}/portfolio", headers=other),
        await c.put(f"{base}/portfolio", json={"intro": "x"}, headers=other),
        await c.post(
            f"{base}/history",
            json={"title": "t", "start_date": "2025-01-01", "end_date": "2025-01-02"},
            headers=other,
        ),
        await c.put(f"{base}/image", files={"file": ("a.png", png())}, headers=other),
        await c.delete(f"{base}/image", headers=other),
        await c.put(f"{base}/instagram", json={"account_id": pet["id"]}, headers=other),
        await c.post(f"{base}/petstar-application", headers=other),
        await c.get(f"/api/v1/petstars/{pet['id']}"),
    ]
    assert [a.status_code for a in attempts] == [404] * len(attempts), [a.text for a in attempts]
    assert await media_rows() == 0
    r = await c.get(base, headers=owner)
    assert r.json()["intro"] == PET["intro"]


async def test_malformed_ids_are_422_not_500(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    r = await identity_edge.client.get("/api/v1/pets/not-a-uuid", headers=owner)
    assert r.status_code == 422
    assert problem_fields(r) == {"pet_id"}


async def test_profile_image_upload_and_serving(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    r = await identity_edge.client.put(
        f"/api/v1/pets/{pet['id']}/image",
        files={"file": ("photo.png", png((640, 480)), "image/png")},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    image = r.json()["image"]
    assert (image["width"], image["height"]) == (640, 480)
    served = await identity_edge.client.get(image["url"])
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("image/")
    assert "immutable" in served.headers["cache-control"]
    # Replacing the image discards the old one.
    r = await identity_edge.client.put(
        f"/api/v1/pets/{pet['id']}/image",
        files={"file": ("photo2.png", png((320, 320), "blue"), "image/png")},
        headers=owner,
    )
    assert r.json()["image"]["media_id"] != image["media_id"]
    r = await identity_edge.client.delete(f"/api/v1/pets/{pet['id']}/image", headers=owner)
    assert r.json()["image"] is None


async def test_bad_uploads_leave_nothing_behind(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    url = f"/api/v1/pets/{pet['id']}/image"
    cases = [
        (b"<html><script>alert(1)</script></html>", "x.jpg", 415),
        (png()[:40], "cut.png", 422),
        (b"", "empty.png", 422),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (10 * 1024 * 1024 + 1), "big.png", 413),
    ]
    for data, name, expected in cases:
        r = await identity_edge.client.put(url, files={"file": (name, data)}, headers=owner)
        assert r.status_code == expected, (name, r.text)
        assert problem_fields(r) == {"file"}
    assert await media_rows() == 0
    assert stored_files(identity_edge) == []
    r = await identity_edge.client.get(f"/api/v1/pets/{pet['id']}", headers=owner)
    assert r.json()["image"] is None


async def test_portfolio_and_history(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    base = f"/api/v1/pets/{pet['id']}"
    c = identity_edge.client
    assert (await c.get(f"{base}/portfolio", headers=owner)).status_code == 404
    r = await c.put(
        f"{base}/portfolio", json={"published": True, "price_krw": 50000}, headers=owner
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"intro"}
    r = await c.put(
        f"{base}/portfolio",
        json={"intro": "안녕하세요", "personality": "활발", "price_krw": 50000},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    assert r.json()["published"] is False
    r = await c.post(
        f"{base}/history",
        json={"title": "체험단", "start_date": "2025-03-02", "end_date": "2025-03-01"},
        headers=owner,
    )
    assert r.status_code == 422
    assert problem_fields(r) == {"end_date"}
    r = await c.post(
        f"{base}/history",
        json={"title": "체험단", "start_date": "2025-03-01", "end_date": "2025-03-10"},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    entry = r.json()
    r = await c.post(
        f"{base}/history/{entry['id']}/images",
        files={"file": ("h.png", png())},
        headers=owner,
    )
    assert r.status_code == 201, r.text
    assert len(r.json()["images"]) == 1
    media_id = r.json()["images"][0]["media_id"]
    r = await c.get(f"{base}/portfolio", headers=owner)
    assert [h["title"] for h in r.json()["history"]] == ["체험단"]
    assert r.json()["history"][0]["images"][0]["media_id"] == media_id
    r = await c.delete(f"{base}/history/{entry['id']}/images/{media_id}", headers=owner)
    assert r.json()["images"] == []
    r = await c.delete(f"{base}/history/{entry['id']}", headers=owner)
    assert r.status_code == 204
    r = await c.get(f"{base}/portfolio", headers=owner)
    assert r.json()["history"] == []


async def test_history_holds_at_most_ten_images(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    base = f"/api/v1/pets/{pet['id']}"
    r = await identity_edge.client.post(
        f"{base}/history",
        json={"title": "t", "start_date": "2025-01-01", "end_date": "2025-01-02"},
        headers=owner,
    )
    hid = r.json()["id"]
    for i in range(10):
        r = await identity_edge.client.post(
            f"{base}/history/{hid}/images",
            files={"file": ("h.png", png((20 + i, 20)))},
            headers=owner,
        )
        assert r.status_code == 201, r.text
    r = await identity_edge.client.post(
        f"{base}/history/{hid}/images", files={"file": ("h.png", png((99, 20)))}, headers=owner
    )
    assert r.status_code == 409
    assert problem_fields(r) == {"file"}
    assert await media_rows() == 10


async def test_history_images_are_reordered_by_their_owner(identity_edge: IdentityEdge) -> None:
    c = identity_edge.client
    owner = await headers_for(identity_edge, "owner@example.com")
    stranger = await headers_for(identity_edge, "stranger@example.com")
    pet = await create_pet(identity_edge, owner)
    base = f"/api/v1/pets/{pet['id']}"
    r = await c.put(f"{base}/portfolio", json={"intro": "안녕하세요"}, headers=owner)
    assert r.status_code == 200, r.text
    r = await c.post(
        f"{base}/history",
        json={"title": "t", "start_date": "2025-01-01", "end_date": "2025-01-02"},
        headers=owner,
    )
    hid = r.json()["id"]
    for i in range(3):
        r = await c.post(
            f"{base}/history/{hid}/images",
            files={"file": ("h.png", png((30 + i, 20)))},
            headers=owner,
        )
    ids = [image["media_id"] for image in r.json()["images"]]
    order = f"{base}/history/{hid}/images/order"

    r = await c.put(order, json={"media_ids": ids[::-1]}, headers=owner)
    assert r.status_code == 200, r.text
    assert [image["media_id"] for image in r.json()["images"]] == ids[::-1]
    portfolio = (await c.get(f"{base}/portfolio", headers=owner)).json()
    assert [image["media_id"] for image in portfolio["history"][0]["images"]] == ids[::-1]

    # Each image exactly once: a missing, repeated or foreign id changes nothing.
    for wrong in (ids[:2], [ids[0], ids[0], ids[1]], [*ids[:2], str(uuid.uuid4())]):
        r = await c.put(order, json={"media_ids": wrong}, headers=owner)
        assert r.status_code == 422, r.text
        assert problem_fields(r) == {"media_ids"}
    r = await c.put(order, json={"media_ids": ["not-a-uuid", *ids[1:]]}, headers=owner)
    assert r.status_code == 422
    assert problem_fields(r) == {"media_ids"}
    r = await c.put(order, json={"media_ids": ids}, headers=stranger)
    assert r.status_code == 404
    portfolio = (await c.get(f"{base}/portfolio", headers=owner)).json()
    assert [image["media_id"] for image in portfolio["history"][0]["images"]] == ids[::-1]


async def test_breed_suggestions_are_public(identity_edge: IdentityEdge) -> None:
    r = await identity_edge.client.get("/api/v1/breeds", params={"species": "DOG", "q": "코기"})
    assert r.status_code == 200
    assert r.json()["items"] == ["웰시 코기 (Welsh Corgi)"]
    r = await identity_edge.client.get("/api/v1/breeds", params={"species": "DRAGON"})
    assert r.status_code == 422


async def test_delete_removes_the_pet_and_its_images(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    await identity_edge.client.put(
        f"/api/v1/pets/{pet['id']}/image", files={"file": ("p.png", png())}, headers=owner
    )
    r = await identity_edge.client.delete(f"/api/v1/pets/{pet['id']}", headers=owner)
    assert r.status_code == 204, r.text
    r = await identity_edge.client.get(f"/api/v1/pets/{pet['id']}", headers=owner)
    assert r.status_code == 404
    table = media.media_table("pets")
    async with transaction() as session:
        statuses = (await session.execute(sa.select(table.c.status))).scalars().all()
    assert statuses == ["DELETED"]


async def test_oversized_bodies_are_refused_before_buffering(identity_edge: IdentityEdge) -> None:
    owner = await headers_for(identity_edge, "owner@example.com")
    pet = await create_pet(identity_edge, owner)
    url = f"/api/v1/pets/{pet['id']}/image"
    limit = identity_edge.settings.media.max_bytes + 1024 * 1024
    multipart = {**owner, "content-type": "multipart/form-data; boundary=xyz"}
    r = await identity_edge.client.put(url, content=b"x" * (limit + 1), headers=multipart)
    assert r.status_code == 413
    assert problem_fields(r) == {"file"}
    sent = 0

    async def endless() -> AsyncIterator[bytes]:
        # No Content-Length: the body is cut off once it passes the limit.
        nonlocal sent
        yield (
            b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
            b"Content-Type: image/png\r\n\r\n"
        )
        while sent <= 2 * limit:
            sent += 1 << 20
            yield b"y" * (1 << 20)

    r = await identity_edge.client.put(url, content=endless(), headers=multipart)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert sent < 2 * limit
    assert await media_rows() == 0
