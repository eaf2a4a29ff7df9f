"""The one domain error hierarchy, and its mapping to gRPC status (and HTTP at the edge).

Servicers raise `DomainError` subclasses; the server interceptor turns them into a gRPC
status plus a serialized `petful.common.v1.ErrorInfo` in trailing metadata
(`petful-error-bin`). Clients call `from_rpc_error` to get the same class back, and the edge
renders `http_status`/`type`/`title`/`detail` as RFC 9457 problem+json.

Status choices worth knowing:
- `InvalidArgument` is 422 (the body parsed but failed validation).
- `FailedPrecondition` is 409: the request is valid but the resource is in the wrong state
  (e.g. applying to a campaign that is not recruiting). Retrying after the state changes
  can succeed, which is what 409 means; 422 is kept for input the caller must fix.
- `AlreadyExists` is a `Conflict` (both 409), so `except Conflict` catches both.
- `PayloadTooLarge` (413) and `UnsupportedMediaType` (415) are `InvalidArgument`s: they share
  its gRPC code, and `ErrorInfo.http_status` tells the receiver which class to rebuild.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, ClassVar

import grpc

from petful.pb.common.v1 import errors_pb2

ERROR_METADATA_KEY = "petful-error-bin"
PROBLEM_BASE = "https://petful.dev/problems/"


class DomainError(Exception):
    """Base of every error a service may show a caller. Never carries internals."""

    grpc_code: ClassVar[grpc.StatusCode] = grpc.StatusCode.INTERNAL
    http_status: ClassVar[int] = 500
    default_type: ClassVar[str] = PROBLEM_BASE + "internal"
    default_title: ClassVar[str] = "Internal error"

    def __init__(
        self,
        detail: str = "",
        *,
        type_: str | None = None,
        title: str | None = None,
        field_violations: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.detail = detail or self.default_title
        self.type = type_ or self.default_type
        self.title = title or self.default_title
        self.field_violations: tuple[tuple[str, str], ...] = tuple(
            (field, reason) for field, reason in field_violations
        )
        super().__init__(self.detail)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.detail!r}, type_={self.type!r})"

    def to_error_info(self) -> errors_pb2.ErrorInfo:
        info = errors_pb2.ErrorInfo(
            type=self.type, title=self.title, detail=self.detail, http_status=self.http_status
        )
        for field, reason in self.field_violations:
            info.field_violations.add(field=field, reason=reason)
        return info


class InvalidArgument(DomainError):
    grpc_code = grpc.StatusCode.INVALID_ARGUMENT
    http_status = 422
    default_type = PROBLEM_BASE + "validation"
    default_title = "Validation failed"


class PayloadTooLarge(InvalidArgument):
    """The request body (an upload) is over the size limit."""

    http_status = 413
    default_type = PROBLEM_BASE + "payload-too-large"
    default_title = "Payload too large"


class UnsupportedMediaType(InvalidArgument):
    """The content (sniffed, not as named) is of a type this endpoint does not take."""

    http_status = 415
    default_type = PROBLEM_BASE + "unsupported-media-type"
    default_title = "Unsupported media type"


class NotFound(DomainError):
    grpc_code = grpc.StatusCode.NOT_FOUND
    http_status = 404
    default_type = PROBLEM_BASE + "not-found"
    default_title = "Not found"


class Conflict(DomainError):
    """A concurrent change won (optimistic locking, duplicate submit); re-read and retry."""

    grpc_code = grpc.StatusCode.ABORTED
    http_status = 409
    default_type = PROBLEM_BASE + "conflict"
    default_title = "Conflict"


class AlreadyExists(Conflict):
    grpc_code = grpc.StatusCode.ALREADY_EXISTS
    default_type = PROBLEM_BASE + "already-exists"
    default_title = "Already exists"


class FailedPrecondition(DomainError):
    grpc_code = grpc.StatusCode.FAILED_PRECONDITION
    http_status = 409
    default_type = PROBLEM_BASE + "failed-precondition"
    default_title = "Not allowed in the current state"


class PermissionDenied(DomainError):
    grpc_code = grpc.StatusCode.PERMISSION_DENIED
    http_status = 403
    default_type = PROBLEM_BASE + "forbidden"
    default_title = "Forbidden"


class Unauthenticated(DomainError):
    grpc_code = grpc.StatusCode.UNAUTHENTICATED
    http_status = 401
    default_type = PROBLEM_BASE + "unauthenticated"
    default_title = "Authentication required"


class ResourceExhausted(DomainError):
    grpc_code = grpc.StatusCode.RESOURCE_EXHAUSTED
    http_status = 429
    default_type = PROBLEM_BASE + "rate-limited"
    default_title = "Too many requests"

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        # Whole seconds, rounded up: it becomes an HTTP Retry-After header.
        self.retry_after: int | None = None if retry_after is None else math.ceil(retry_after)

    def to_error_info(self) -> errors_pb2.ErrorInfo:
        info = super().to_error_info()
        if self.retry_after is not None:
            info.retry_after_seconds = self.retry_after
        return info


class ServiceUnavailable(DomainError):
    """A dependency is down or overloaded; safe to retry later."""

    grpc_code = grpc.StatusCode.UNAVAILABLE
    http_status = 503
    default_type = PROBLEM_BASE + "unavailable"
    default_title = "Service unavailable"


class DeadlineExceeded(DomainError):
    grpc_code = grpc.StatusCode.DEADLINE_EXCEEDED
    http_status = 504
    default_type = PROBLEM_BASE + "timeout"
    default_title = "Timed out"


class Internal(DomainError):
    """A bug or unexpected failure. The detail is always generic."""


ERROR_CLASSES: tuple[type[DomainError], ...] = (
    InvalidArgument,
    NotFound,
    Conflict,
    AlreadyExists,
    FailedPrecondition,
    PermissionDenied,
    Unauthenticated,
    ResourceExhausted,
    ServiceUnavailable,
    DeadlineExceeded,
    Internal,
    PayloadTooLarge,
    UnsupportedMediaType,
)
# The first class listed for a code is the one a bare code maps to; subclasses that share the
# code are told apart by (code, http_status).
_BY_CODE: dict[grpc.StatusCode, type[DomainError]] = {}
_BY_CODE_AND_STATUS: dict[tuple[grpc.StatusCode, int], type[DomainError]] = {}
for _cls in ERROR_CLASSES:
    _BY_CODE.setdefault(_cls.grpc_code, _cls)
    _BY_CODE_AND_STATUS.setdefault((_cls.grpc_code, _cls.http_status), _cls)
# Transport-level codes that mean "try again later" rather than a bug.
_BY_CODE[grpc.StatusCode.CANCELLED] = ServiceUnavailable


def to_status(err: DomainError) -> tuple[grpc.StatusCode, str, tuple[tuple[str, bytes], ...]]:
    """(code, details, trailing metadata) for `context.abort(*to_status(err))`."""
    payload = err.to_error_info().SerializeToString()
    return err.grpc_code, err.detail, ((ERROR_METADATA_KEY, payload),)


async def abort_with(context: grpc.aio.ServicerContext, err: DomainError) -> None:
    """End the RPC with err's status. Raises (grpc's AbortError), like `context.abort`."""
    code, details, trailing = to_status(err)
    await context.abort(code, details, trailing_metadata=trailing)


def _error_info(e: grpc.RpcError) -> errors_pb2.ErrorInfo | None:
    trailing = getattr(e, "trailing_metadata", None)
    for key, value in (trailing() if callable(trailing) else None) or ():
        if key == ERROR_METADATA_KEY and isinstance(value, bytes):
            try:
                return errors_pb2.ErrorInfo.FromString(value)
            except Exception:  # a garbled payload must not break error handling
                return None
    return None


def from_error_info(code: grpc.StatusCode, info: errors_pb2.ErrorInfo) -> DomainError:
    cls = _BY_CODE.get(code, Internal)
    if info.HasField("http_status"):
        # Only a class with the same gRPC code qualifies: a status never upgrades the code.
        cls = _BY_CODE_AND_STATUS.get((code, info.http_status), cls)
    if cls is Internal:
        return Internal()
    violations = [(v.field, v.reason) for v in info.field_violations]
    kw: dict[str, Any] = {
        "type_": info.type or None,
        "title": info.title or None,
        "field_violations": violations,
    }
    if cls is ResourceExhausted and info.HasField("retry_after_seconds"):
        kw["retry_after"] = info.retry_after_seconds
    return cls(info.detail, **kw)


def from_rpc_error(e: grpc.RpcError) -> DomainError:
    """Client side: the DomainError a failed call stands for.

    Without a PetFul ErrorInfo only the code is trusted: the details string of a foreign or
    crashed server may hold internals, so the class's generic title is used instead.
    """
    code_fn = getattr(e, "code", None)
    code = code_fn() if callable(code_fn) else grpc.StatusCode.UNKNOWN
    info = _error_info(e)
    if info is not None:
        return from_error_info(code, info)
    return _BY_CODE.get(code, Internal)()
