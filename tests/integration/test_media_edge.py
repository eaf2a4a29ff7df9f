"""The edge side of media: GET /media/{key} from local storage, multipart uploads read with
a limit and rendered as problems (upload fuzz through HTTP: never a 500, never a file), and
uploads and their errors crossing a real gRPC hop."""

from __future__ import annotations

import asyncio
import io
import json
import random
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import grpc
import httpx
import pytest
from fastapi import FastAPI, File, UploadFile
from PIL import Image

from petful.edge import problems
from petful.edge.media.routes import router
from petful.edge.uploads import read_upload
from petful.pb.common.v1 import diagnostics_pb2, diagnostics_pb2_grpc
from petful.platform import settings as settings_module
from petful.platform.db import transaction
from petful.platform.errors import (
    DomainError,
    InvalidArgument,
    PayloadTooLarge,
    UnsupportedMediaType,
    from_rpc_error,
)
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import start_server
from petful.platform.media import Kind, LocalStorage, Visibility, get_storage, ingest, sanitize
from petful.platform.settings import Settings, get_settings
from tests.media_support import (
    EXE,
    HTML,
    SCHEMA,
    SVG,
    ZIP_TAIL,
    create_media_schema,
    image_bytes,
    media_rows,
    pdf_bytes,
    png_header_only,
    stored_files,
)

OWNER = uuid.UUID("00000000-0000-4000-8000-0000000000aa")


def make_app() -> FastAPI:
    """The media router plus a test upload route, the way the real edge wires them."""
    app = FastAPI()
    problems.install(app)
    app.include_router(router)

    @app.post("/upload/{kind}/{visibility}")
    async def upload(
        kind: Kind, visibility: Visibility, file: Annotated[UploadFile, File()]
    ) -> dict[str, object]:
        settings = get_settings()
        data = await read_upload(file, settings.media.max_bytes)
        async with transaction() as session:
            record = await ingest(
                session,
                schema=SCHEMA,
                owner_id=OWNER,
                purpose="test",
                kind=kind,
                visibility=visibility,
                data=data,
                filename=file.filename or "",
                now=datetime.now(UTC),
            )
        return {"id": str(record.id), "key": record.key, "url": record.url}

    @app.post("/small")
    async def small(file: Annotated[UploadFile, File()]) -> dict[str, int]:
        return {"size": len(await read_upload(file, 1000))}

    return app


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    await create_media_schema()
    transport = httpx.ASGITransport(app=make_app(), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as c:
        yield c


@pytest.fixture
def media_root(settings: Settings) -> Path:
    storage = get_storage(settings)
    assert isinstance(storage, LocalStorage)
    return storage.root


async def upload(
    client: httpx.AsyncClient,
    data: bytes,
    *,
    filename: str = "photo.jpg",
    kind: str = "image",
    visibility: str = "public",
) -> httpx.Response:
    files = {"file": (filename, data, "image/jpeg")}
    return await client.post(f"/upload/{kind}/{visibility}", files=files)


async def test_public_media_is_served_with_type_cache_and_etag(
    client: httpx.AsyncClient, media_root: Path
) -> None:
    response = await upload(client, image_bytes("PNG", (30, 20)), filename="cat.jpg")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["key"].endswith(".png")  # the content decides, not the name

    got = await client.get(body["url"])
    assert got.status_code == 200
    assert got.headers["content-type"] == "image/png"
    assert got.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert got.headers["x-content-type-options"] == "nosniff"
    etag = got.headers["etag"]
    assert got.content == (media_root / body["key"]).read_bytes()

    cached = await client.get(body["url"], headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached.content == b""

    head = await client.head(body["url"])
    assert head.status_code == 200
    assert head.headers["content-type"] == "image/png"


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("WEBP", "image/webp"), ("GIF", "image/gif")]
)
async def test_each_image_type_is_served_with_its_content_type(
    client: httpx.AsyncClient, fmt: str, content_type: str
) -> None:
    response = await upload(client, image_bytes(fmt))
    got = await client.get(response.json()["url"])
    assert got.headers["content-type"] == content_type


async def test_private_media_is_not_served(client: httpx.AsyncClient, media_root: Path) -> None:
    response = await upload(client, pdf_bytes(), kind="document", visibility="private")
    assert response.status_code == 200, response.text
    key = response.json()["key"]
    assert response.json()["url"] == ""
    assert (media_root / key).is_file()
    got = await client.get(f"/media/{key}")
    assert got.status_code == 404
    assert got.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "path",
    [
        "/media/public/00/" + "0" * 64 + ".png",  # well formed, unknown
        "/media/public/../private/00/" + "0" * 64 + ".pdf",
        "/media/public/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/media/..%2f..%2fetc%2fpasswd",
        "/media/public/ab/" + "c" * 64 + ".png",  # prefix does not match the hash
        "/media/public/00/" + "0" * 64 + ".svg",
        "/media/public/00/" + "0" * 64 + ".png/../../x",
        "/media/",
        "/media/public",
    ],
)
async def test_unknown_and_malformed_keys_are_404_problems(
    client: httpx.AsyncClient, path: str
) -> None:
    got = await client.get(path)
    assert got.status_code == 404
    assert got.headers["content-type"] == "application/problem+json"
    assert "cache-control" not in got.headers or "immutable" not in got.headers["cache-control"]


async def test_a_real_file_outside_public_is_unreachable(
    client: httpx.AsyncClient, media_root: Path, settings: Settings
) -> None:
    secret = settings.data_dir / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("top secret")
    for path in (
        "/media/../secret.txt",
        "/media/public/../../secret.txt",
        "/media/%2e%2e/secret.txt",
    ):
        got = await client.get(path)
        assert got.status_code == 404
        assert "top secret" not in got.text


async def test_read_upload_stops_at_the_limit(client: httpx.AsyncClient) -> None:
    ok = await client.post("/small", files={"file": ("a.bin", b"x" * 1000)})
    assert ok.json() == {"size": 1000}
    too_big = await client.post("/small", files={"file": ("a.bin", b"x" * 1001)})
    assert too_big.status_code == 413
    assert too_big.json()["errors"] == [
        {"field": "file", "reason": "file is larger than 1000 bytes"}
    ]


FUZZ = [
    ("empty", b"", "image", 422),
    ("truncated jpeg", image_bytes("JPEG", (300, 300))[:300], "image", 422),
    ("bomb", png_header_only(50_000, 50_000), "image", 422),
    ("svg", SVG, "image", 415),
    ("html", HTML, "image", 415),
    ("exe", EXE, "image", 415),
    ("pdf as image", pdf_bytes(), "image", 415),
    ("webp as document", image_bytes("WEBP"), "document", 415),
    ("truncated pdf", pdf_bytes(pages=2)[:200], "document", 422),
    ("10 MB + 1", b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 - 2), "image", 413),
]


@pytest.mark.parametrize(
    ("data", "kind", "status"), [pytest.param(d, k, s, id=n) for n, d, k, s in FUZZ]
)
async def test_bad_uploads_are_problems_and_store_nothing(
    client: httpx.AsyncClient, media_root: Path, data: bytes, kind: str, status: int
) -> None:
    response = await upload(client, data, kind=kind)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status
    assert [e["field"] for e in problem["errors"]] == ["file"]
    assert problem["errors"][0]["reason"]
    assert stored_files(media_root) == []
    assert await media_rows() == []


async def test_polyglot_upload_is_served_without_its_tail(client: httpx.AsyncClient) -> None:
    response = await upload(client, image_bytes("PNG", (16, 16)) + ZIP_TAIL, filename="x.zip")
    assert response.status_code == 200, response.text
    got = await client.get(response.json()["url"])
    assert got.status_code == 200
    assert b"evil.exe" not in got.content
    assert got.headers["content-type"] == "image/png"


# --- the gRPC hop: uploads travel edge -> service as bytes in one message ----------------------

UPLOAD_METHOD = "/petful.test.v1.MediaTest/Upload"


def _register_upload(server: grpc.aio.Server) -> None:
    async def upload(request: bytes, context: grpc.aio.ServicerContext) -> bytes:
        settings = get_settings()
        clean = await asyncio.to_thread(
            sanitize,
            request,
            kind=Kind.IMAGE,
            max_bytes=settings.media.max_bytes,
            max_pixels=settings.media.max_pixels,
        )
        return clean.sha256.encode()

    handler = grpc.unary_unary_rpc_method_handler(upload)  # raw bytes in and out
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("petful.test.v1.MediaTest", {"Upload": handler}),)
    )


@pytest.fixture
async def media_service(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[grpc.aio.Channel]:
    server = await start_server("pets", _register_upload, settings=settings, port=0)
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", json.dumps({"pets": f"127.0.0.1:{server.port}"}))
    settings_module.get_settings.cache_clear()
    try:
        yield channel("pets")
    finally:
        await close_channels()
        await server.stop(0)


def _noisy_png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    pixels = random.Random(7).randbytes(width * height * 3)  # incompressible on purpose
    Image.frombytes("RGB", (width, height), pixels).save(out, "PNG", compress_level=1)
    return out.getvalue()


async def test_big_uploads_and_upload_errors_cross_a_grpc_hop(
    media_service: grpc.aio.Channel,
) -> None:
    call = media_service.unary_unary(UPLOAD_METHOD)
    big = _noisy_png(1600, 1400)  # ~6.7 MB: over gRPC's 4 MB default, under the media limit
    assert 4 * 1024 * 1024 < len(big) <= 10 * 1024 * 1024
    assert len(await call(big, timeout=60)) == 64

    cases: list[tuple[bytes, type[DomainError], int]] = [
        (b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024 - 2), PayloadTooLarge, 413),
        (SVG, UnsupportedMediaType, 415),
        (png_header_only(50_000, 50_000), InvalidArgument, 422),
        (b"", InvalidArgument, 422),
    ]
    for data, cls, status in cases:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await call(data, timeout=60)
        err = from_rpc_error(caught.value)
        assert type(err) is cls
        assert err.http_status == status
        assert err.field_violations[0][0] == "file"


async def test_big_responses_cross_a_grpc_hop(media_service: grpc.aio.Channel) -> None:
    stub = diagnostics_pb2_grpc.DiagnosticsServiceStub(media_service)
    message = "x" * (8 * 1024 * 1024)
    reply = await stub.Ping(diagnostics_pb2.PingRequest(message=message), timeout=60)
    assert len(reply.message) == len(message)
