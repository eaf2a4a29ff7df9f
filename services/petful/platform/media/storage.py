"""Where media objects live: a local directory (default) or an S3-compatible bucket.

A key names one media row's object: `<visibility>/<schema>/<media id>/<sha256>.<ext>`,
thumbnails `<...>.w<size>.webp`. Nobody else's row can point at it, so deleting a row's
object can never take another user's or another service's picture, and the object never
changes once written (writes are idempotent, the edge may cache forever).

Keys written before that (`<visibility>/<sha[:2]>/<sha>.<ext>`) are content addressed and
may be shared by rows of any service; they stay readable and are deleted only when no row
of any schema uses them any more (see `store`). Every key is checked against one strict
pattern before it touches a path or a bucket, which is what makes path traversal
impossible.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from petful.platform.errors import ServiceUnavailable
from petful.platform.settings import Settings

# Matched whole (fullmatch): no trailing newline or anything else slips through.
_NAME = r"(?P<sha>[0-9a-f]{64})(?:\.w(?P<size>[1-9][0-9]{0,4}))?\.(?P<ext>jpg|png|webp|gif|pdf)"
RECORD_KEY_PATTERN = re.compile(
    r"(?P<visibility>public|private)/(?P<schema>[a-z][a-z0-9_]{0,62})"
    r"/(?P<record>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/" + _NAME
)
SHARED_KEY_PATTERN = re.compile(r"(?P<visibility>public|private)/(?P<prefix>[0-9a-f]{2})/" + _NAME)
CONTENT_TYPES: dict[str, str] = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
}
IMMUTABLE_CACHE = "public, max-age=31536000, immutable"


class ObjectNotFound(LookupError):
    """No object under that key."""


def is_shared_key(key: str) -> bool:
    """A content-addressed key from before per-record keys: rows of any schema may use it."""
    match = SHARED_KEY_PATTERN.fullmatch(key)
    return match is not None and match["prefix"] == match["sha"][:2]


def is_record_key(key: str) -> bool:
    return RECORD_KEY_PATTERN.fullmatch(key) is not None


def is_valid_key(key: str) -> bool:
    return is_record_key(key) or is_shared_key(key)


def is_public_key(key: str) -> bool:
    return is_valid_key(key) and key.startswith("public/")


def _checked(key: str) -> str:
    if not is_valid_key(key):
        raise ValueError(f"not a media key: {key!r}")
    return key


def object_key(visibility: str, schema: str, media_id: uuid.UUID, sha256: str, ext: str) -> str:
    """The key of one media row's original."""
    return _checked(f"{visibility}/{schema}/{media_id}/{sha256}.{ext}")


def thumbnail_key(key: str, size: int) -> str:
    base = _checked(key).rsplit(".", 1)[0]
    return _checked(f"{base}.w{size}.webp")


def content_type_for(key: str) -> str:
    return CONTENT_TYPES[_checked(key).rsplit(".", 1)[1]]


@runtime_checkable
class Storage(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Write (or overwrite with the same bytes) the object."""

    async def get(self, key: str) -> bytes:
        """The object's bytes; raises ObjectNotFound."""

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None:
        """Remove the object; a missing object is not an error."""


class LocalStorage:
    """Objects as files under `root`, written atomically (temp file + rename)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, key: str) -> Path:
        return self.root / _checked(key)

    def _put(self, key: str, data: bytes) -> None:
        target = self.path(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._put, key, data)

    def _get(self, key: str) -> bytes:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError as exc:
            raise ObjectNotFound(key) from exc

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._get, key)

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self.path(key).is_file)

    def _delete(self, key: str) -> None:
        path = self.path(key)
        path.unlink(missing_ok=True)
        if is_record_key(key):
            # The directory is one row's: gone with its last object (not empty: kept).
            with contextlib.suppress(OSError):
                path.parent.rmdir()

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete, key)


class S3Storage:
    """Objects in an S3-compatible bucket via boto3 (blocking; run in a thread).

    Empty credentials mean boto3's default chain (env, instance/pod role); when that finds
    nothing, the call that needs S3 fails with a clear ServiceUnavailable.
    """

    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str = "",
        region: str = "",
        access_key_id: str = "",
        secret_access_key: str = "",
        presign_seconds: int = 900,
    ) -> None:
        if not bucket:
            raise ValueError("media_backend is 's3' but PETFUL_MEDIA__S3_BUCKET is not set")
        self.bucket = bucket
        self.presign_seconds = presign_seconds
        self._client_kwargs: dict[str, Any] = {
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "aws_access_key_id": access_key_id or None,
            "aws_secret_access_key": secret_access_key or None,
        }
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            import boto3  # imported on use: only S3 deployments pay for it
            from botocore.config import Config

            config = Config(
                retries={"max_attempts": 3, "mode": "standard"}, signature_version="s3v4"
            )
            self._client = boto3.session.Session().client(
                "s3", config=config, **self._client_kwargs
            )
        return self._client

    async def _call(self, method: str, **kwargs: Any) -> Any:
        from botocore.exceptions import NoCredentialsError

        def call() -> Any:
            return getattr(self.client, method)(Bucket=self.bucket, **kwargs)

        try:
            return await asyncio.to_thread(call)
        except NoCredentialsError as exc:
            raise ServiceUnavailable("media storage has no S3 credentials configured") from exc

    @staticmethod
    def _is_missing(exc: Exception) -> bool:
        response = getattr(exc, "response", None) or {}
        code = str(response.get("Error", {}).get("Code", ""))
        return code in ("404", "NoSuchKey", "NotFound")

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        extra = {"CacheControl": IMMUTABLE_CACHE} if is_public_key(key) else {}
        await self._call(
            "put_object", Key=_checked(key), Body=data, ContentType=content_type, **extra
        )

    async def get(self, key: str) -> bytes:
        from botocore.exceptions import ClientError

        try:
            response = await self._call("get_object", Key=_checked(key))
        except ClientError as exc:
            if self._is_missing(exc):
                raise ObjectNotFound(key) from exc
            raise
        body: bytes = await asyncio.to_thread(response["Body"].read)
        return body

    async def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            await self._call("head_object", Key=_checked(key))
        except ClientError as exc:
            if self._is_missing(exc):
                return False
            raise
        return True

    async def delete(self, key: str) -> None:
        await self._call("delete_object", Key=_checked(key))

    async def presigned_url(self, key: str, *, expires_seconds: int | None = None) -> str:
        """A short-lived GET URL for the object (the edge redirects to it)."""
        params = {"Bucket": self.bucket, "Key": _checked(key)}
        expires = expires_seconds or self.presign_seconds

        def sign() -> str:
            url: str = self.client.generate_presigned_url(
                "get_object", Params=params, ExpiresIn=expires
            )
            return url

        return await asyncio.to_thread(sign)


_storages: dict[tuple[Any, ...], Storage] = {}


def get_storage(settings: Settings) -> Storage:
    """The configured storage (cached per configuration; boto3 clients are thread-safe)."""
    if settings.media.backend == "s3":
        key: tuple[Any, ...] = (
            "s3",
            settings.media.s3_bucket,
            settings.media.s3_endpoint_url,
            settings.media.s3_region,
            settings.media.s3_access_key_id,
            settings.media.s3_secret_access_key.get_secret_value(),
        )
        if key not in _storages:
            _storages[key] = S3Storage(
                bucket=settings.media.s3_bucket,
                endpoint_url=settings.media.s3_endpoint_url,
                region=settings.media.s3_region,
                access_key_id=settings.media.s3_access_key_id,
                secret_access_key=settings.media.s3_secret_access_key.get_secret_value(),
            )
        return _storages[key]
    root = settings.media.dir or settings.data_dir / "media"
    key = ("local", str(root.resolve()))
    if key not in _storages:
        _storages[key] = LocalStorage(root.resolve())
    return _storages[key]
