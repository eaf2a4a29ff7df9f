"""Domain errors survive the trip through gRPC status + trailing metadata."""

from __future__ import annotations

from typing import Any

import grpc
import pytest

from petful.pb.common.v1 import errors_pb2
from petful.platform import errors
from petful.platform.auth_context import (
    Principal,
    current_principal,
    require_principal,
    use_principal,
)
from petful.platform.errors import (
    ERROR_METADATA_KEY,
    AlreadyExists,
    Conflict,
    DomainError,
    Internal,
    InvalidArgument,
    NotFound,
    ResourceExhausted,
    ServiceUnavailable,
    Unauthenticated,
    from_rpc_error,
    to_status,
)


class FakeRpcError(grpc.RpcError):  # type: ignore[misc]
    """What a client sees: code, details and trailing metadata of a failed call."""

    def __init__(self, code: grpc.StatusCode, details: str, trailing: Any = ()) -> None:
        self._code, self._details, self._trailing = code, details, trailing

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details

    def trailing_metadata(self) -> Any:
        return self._trailing


def round_trip(err: DomainError) -> DomainError:
    code, details, trailing = to_status(err)
    return from_rpc_error(FakeRpcError(code, details, trailing))


@pytest.mark.parametrize("cls", errors.ERROR_CLASSES)
def test_every_class_round_trips(cls: type[DomainError]) -> None:
    back = round_trip(cls("something specific"))
    assert type(back) is cls
    if cls is not Internal:
        assert back.detail == "something specific"
    assert back.type.startswith(errors.PROBLEM_BASE)


def test_field_violations_and_custom_type_survive() -> None:
    err = InvalidArgument(
        "pet is invalid",
        type_="https://petful.dev/problems/pet-invalid",
        field_violations=[("pet.name", "must not be empty"), ("pet.age", "must be >= 0")],
    )
    back = round_trip(err)
    assert isinstance(back, InvalidArgument)
    assert back.http_status == 422
    assert back.type == "https://petful.dev/problems/pet-invalid"
    assert back.field_violations == (("pet.name", "must not be empty"), ("pet.age", "must be >= 0"))


def test_retry_after_survives_and_rounds_up() -> None:
    back = round_trip(ResourceExhausted("slow down", retry_after=1.2))
    assert isinstance(back, ResourceExhausted)
    assert back.retry_after == 2
    assert back.http_status == 429


def test_already_exists_is_a_conflict() -> None:
    assert isinstance(round_trip(AlreadyExists("pet exists")), Conflict)
    assert AlreadyExists.http_status == 409


def test_internal_never_carries_details() -> None:
    back = round_trip(Internal("db password is hunter2"))
    assert isinstance(back, Internal)
    assert "hunter2" not in back.detail


def test_status_without_error_info_uses_code_but_not_details() -> None:
    back = from_rpc_error(FakeRpcError(grpc.StatusCode.NOT_FOUND, "SELECT * FROM secrets"))
    assert isinstance(back, NotFound)
    assert "secrets" not in back.detail


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (grpc.StatusCode.UNAVAILABLE, ServiceUnavailable),
        (grpc.StatusCode.UNKNOWN, Internal),
        (grpc.StatusCode.INTERNAL, Internal),
        (grpc.StatusCode.UNIMPLEMENTED, Internal),
        (grpc.StatusCode.DEADLINE_EXCEEDED, errors.DeadlineExceeded),
    ],
)
def test_transport_codes(code: grpc.StatusCode, cls: type[DomainError]) -> None:
    back = from_rpc_error(FakeRpcError(code, "Traceback (most recent call last): ..."))
    assert type(back) is cls
    assert "Traceback" not in back.detail


def test_garbled_error_info_is_ignored() -> None:
    e = FakeRpcError(grpc.StatusCode.NOT_FOUND, "x", ((ERROR_METADATA_KEY, b"\xff\xff\xff"),))
    assert isinstance(from_rpc_error(e), NotFound)


def test_use_principal_nests_and_resets() -> None:
    assert current_principal() is None
    with pytest.raises(Unauthenticated):
        require_principal()
    with use_principal(Principal(user_id="a")):
        with use_principal(Principal(user_id="b")):
            assert require_principal().user_id == "b"
        assert require_principal().user_id == "a"
    assert current_principal() is None


@pytest.mark.parametrize(
    ("cls", "status"), [(errors.PayloadTooLarge, 413), (errors.UnsupportedMediaType, 415)]
)
def test_upload_errors_share_invalid_argument_code_but_keep_their_status(
    cls: type[DomainError], status: int
) -> None:
    err = cls("file rejected", field_violations=[("file", "content is not JPEG")])
    code, _, _ = to_status(err)
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    back = round_trip(err)
    assert type(back) is cls
    assert isinstance(back, InvalidArgument)
    assert back.http_status == status
    assert back.field_violations == (("file", "content is not JPEG"),)


def test_plain_invalid_argument_stays_422() -> None:
    back = round_trip(InvalidArgument("bad"))
    assert type(back) is InvalidArgument
    assert back.http_status == 422


def test_error_info_without_http_status_maps_by_code_only() -> None:
    # An ErrorInfo from a peer built before http_status existed.
    info = errors_pb2.ErrorInfo(type="t", title="x", detail="too big")
    back = errors.from_error_info(grpc.StatusCode.INVALID_ARGUMENT, info)
    assert type(back) is InvalidArgument


def test_http_status_never_changes_the_code_family() -> None:
    # A 413 claimed on a NOT_FOUND status is not trusted: the gRPC code decides the family.
    info = errors_pb2.ErrorInfo(type="t", title="x", detail="d", http_status=413)
    assert type(errors.from_error_info(grpc.StatusCode.NOT_FOUND, info)) is NotFound
    info.http_status = 999
    back = errors.from_error_info(grpc.StatusCode.INVALID_ARGUMENT, info)
    assert type(back) is InvalidArgument
