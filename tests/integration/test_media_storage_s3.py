"""S3Storage through boto3 against a real S3-compatible server process (moto's server),
and the media flow and edge redirect with the S3 back-end configured."""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from fastapi import FastAPI

from petful.contracts import media as media_events
from petful.edge import problems
from petful.edge.media.routes import router
from petful.platform import events
from petful.platform import settings as settings_module
from petful.platform.db import transaction
from petful.platform.errors import ServiceUnavailable
from petful.platform.media import (
    Kind,
    ObjectNotFound,
    S3Storage,
    Status,
    Visibility,
    discard,
    get_media,
    get_storage,
    ingest,
    subscribe_thumbnails,
)
from petful.platform.settings import Settings
from tests.media_support import SCHEMA, create_media_schema, image_bytes, outbox_events
from tests.support import free_port

BUCKET = "petful-media"
KEY = "public/pets/00000000-0000-4000-8000-0000000000aa/" + "ab" * 32 + ".png"
SHARED_KEY = "public/ab/" + "ab" * 32 + ".png"  # content addressed, from before
PRIVATE_KEY = "private/cd/" + "cd" * 32 + ".pdf"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
OWNER = uuid.UUID("00000000-0000-4000-8000-0000000000bb")


@dataclass
class S3Server:
    endpoint: str
    access_key: str = "testing"
    secret_key: str = "testing"
    region: str = "us-east-1"

    def client(self) -> Any:
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    port = free_port()
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=log,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, "moto server exited"
            try:
                httpx.get(endpoint + "/moto-api/", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield S3Server(endpoint)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@pytest.fixture
def bucket(s3_server: S3Server) -> Iterator[str]:
    client = s3_server.client()
    name = f"{BUCKET}-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=name)
    yield name
    for obj in client.list_objects_v2(Bucket=name).get("Contents", []):
        client.delete_object(Bucket=name, Key=obj["Key"])
    client.delete_bucket(Bucket=name)


def keys_in(s3_server: S3Server, bucket: str) -> list[str]:
    listing = s3_server.client().list_objects_v2(Bucket=bucket)
    return sorted(obj["Key"] for obj in listing.get("Contents", []))


@pytest.fixture
def storage(s3_server: S3Server, bucket: str) -> S3Storage:
    return S3Storage(
        bucket=bucket,
        endpoint_url=s3_server.endpoint,
        region=s3_server.region,
        access_key_id=s3_server.access_key,
        secret_access_key=s3_server.secret_key,
    )


async def test_put_get_exists_delete(storage: S3Storage, s3_server: S3Server, bucket: str) -> None:
    assert await storage.exists(KEY) is False
    with pytest.raises(ObjectNotFound):
        await storage.get(KEY)
    await storage.put(KEY, b"png bytes", "image/png")
    await storage.put(PRIVATE_KEY, b"%PDF-1.7", "application/pdf")
    assert await storage.exists(KEY)
    assert await storage.get(KEY) == b"png bytes"
    assert keys_in(s3_server, bucket) == sorted([KEY, PRIVATE_KEY])

    head = s3_server.client().head_object(Bucket=bucket, Key=KEY)
    assert head["ContentType"] == "image/png"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    private_head = s3_server.client().head_object(Bucket=bucket, Key=PRIVATE_KEY)
    assert "CacheControl" not in private_head

    await storage.delete(KEY)
    await storage.delete(KEY)  # deleting a missing object is fine
    assert await storage.exists(KEY) is False
    assert keys_in(s3_server, bucket) == [PRIVATE_KEY]


async def test_keys_from_before_per_record_keys_stay_readable(storage: S3Storage) -> None:
    await storage.put(SHARED_KEY, b"old bytes", "image/png")
    assert await storage.get(SHARED_KEY) == b"old bytes"
    await storage.delete(SHARED_KEY)
    assert await storage.exists(SHARED_KEY) is False


async def test_keys_are_checked_before_reaching_the_bucket(storage: S3Storage) -> None:
    for bad in (
        "../etc/passwd",
        "public/x.png",
        KEY + "/../../other",
        "PUBLIC/" + KEY[7:],
        KEY.replace("/pets/", "/../"),
        KEY.replace("/pets/", "/Pets/"),
        KEY.replace("-0000-4000", "-0000-../"),
        KEY + "\n",
    ):
        with pytest.raises(ValueError, match="not a media key"):
            await storage.put(bad, b"x", "image/png")
        with pytest.raises(ValueError, match="not a media key"):
            await storage.get(bad)


async def test_presigned_url_fetches_the_object(storage: S3Storage) -> None:
    await storage.put(KEY, b"signed content", "image/png")
    url = await storage.presigned_url(KEY, expires_seconds=60)
    assert "Signature" in url or "X-Amz-Signature" in url
    async with httpx.AsyncClient() as client:
        got = await client.get(url)
    assert got.status_code == 200
    assert got.content == b"signed content"
    assert got.headers["content-type"] == "image/png"


async def test_wrong_credentials_and_missing_bucket_fail_clearly(
    s3_server: S3Server, bucket: str
) -> None:
    with pytest.raises(ValueError, match="PETFUL_MEDIA__S3_BUCKET"):
        S3Storage(bucket="")
    missing = S3Storage(
        bucket="no-such-bucket",
        endpoint_url=s3_server.endpoint,
        region=s3_server.region,
        access_key_id="testing",
        secret_access_key="testing",
    )
    with pytest.raises(Exception, match="NoSuchBucket"):
        await missing.put(KEY, b"x", "image/png")


async def test_no_credentials_is_a_clear_service_unavailable(
    s3_server: S3Server, bucket: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    storage = S3Storage(bucket=bucket, endpoint_url=s3_server.endpoint, region="us-east-1")
    with pytest.raises(ServiceUnavailable, match="credentials"):
        await storage.put(KEY, b"x", "image/png")


@pytest.fixture
def s3_settings(
    settings: Settings, s3_server: S3Server, bucket: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    env = {
        "PETFUL_MEDIA__BACKEND": "s3",
        "PETFUL_MEDIA__S3_BUCKET": bucket,
        "PETFUL_MEDIA__S3_ENDPOINT_URL": s3_server.endpoint,
        "PETFUL_MEDIA__S3_REGION": s3_server.region,
        "PETFUL_MEDIA__S3_ACCESS_KEY_ID": s3_server.access_key,
        "PETFUL_MEDIA__S3_SECRET_ACCESS_KEY": s3_server.secret_key,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    settings_module.get_settings.cache_clear()
    yield settings_module.get_settings()
    settings_module.get_settings.cache_clear()


async def _ingest_in(session: Any, data: bytes) -> Any:
    return await ingest(
        session,
        schema=SCHEMA,
        owner_id=OWNER,
        purpose="pet_image",
        kind=Kind.IMAGE,
        visibility=Visibility.PUBLIC,
        data=data,
        filename="p.png",
        now=NOW,
    )


async def test_media_flow_on_s3(s3_settings: Settings, s3_server: S3Server, bucket: str) -> None:
    assert isinstance(get_storage(s3_settings), S3Storage)
    await create_media_schema()

    # Rolled back: the object is removed from the bucket again.
    stored_before_failure: list[list[str]] = []

    async def ingest_then_fail() -> None:
        async with transaction() as session:
            await _ingest_in(session, image_bytes("JPEG", (50, 50)))
            stored_before_failure.append(keys_in(s3_server, bucket))
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError, match="rolled back"):
        await ingest_then_fail()
    assert len(stored_before_failure[0]) == 1
    assert keys_in(s3_server, bucket) == []

    async with transaction() as session:
        record = await _ingest_in(session, image_bytes("PNG", (1200, 600)))
    subscribe_thumbnails(SCHEMA)
    [sub] = events.subscribers_of(media_events.stored(SCHEMA).name)
    [event] = await outbox_events(media_events.stored(SCHEMA).name)
    assert await events.consume(sub, event)
    async with transaction() as session:
        after = await get_media(session, schema=SCHEMA, media_id=record.id)
    assert after is not None
    assert after.status is Status.READY
    assert record.key == f"public/{SCHEMA}/{record.id}/{record.sha256}.png"
    assert keys_in(s3_server, bucket) == sorted([record.key, *after.thumbnails.values()])

    async with transaction() as session:
        await discard(session, schema=SCHEMA, media_id=record.id, now=NOW)
    assert keys_in(s3_server, bucket) == []


@pytest.fixture
async def edge(s3_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = FastAPI()
    problems.install(app)
    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        yield client


async def test_edge_redirects_public_keys_to_a_presigned_url(
    edge: httpx.AsyncClient, s3_settings: Settings
) -> None:
    storage = get_storage(s3_settings)
    await storage.put(KEY, b"from the bucket", "image/png")
    await storage.put(PRIVATE_KEY, b"%PDF-1.7 private", "application/pdf")

    got = await edge.get(f"/media/{KEY}")
    assert got.status_code == 307
    location = got.headers["location"]
    assert location.startswith(s3_settings.media.s3_endpoint_url)
    assert "immutable" not in got.headers["cache-control"]  # the signature expires
    async with httpx.AsyncClient() as client:
        fetched = await client.get(location)
    assert fetched.content == b"from the bucket"
    assert fetched.headers["content-type"] == "image/png"

    for path in (f"/media/{PRIVATE_KEY}", "/media/public/00/" + "0" * 64 + ".png"):
        missing = await edge.get(path)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
