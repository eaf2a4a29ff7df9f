"""Services believe only a signed internal token about who is calling (issue 13, item 9).

A pod that can reach a service's gRPC port but is not a platform component holds no key:
whatever identity metadata it sends, the call is refused before a servicer runs.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import AsyncIterator

import grpc
import pytest

from petful.pb.pets.v1 import pets_pb2, pets_pb2_grpc
from petful.platform.auth_context import Principal, Role, use_principal
from petful.platform.errors import NotFound
from petful.platform.grpc_client import call, channel
from petful.platform.internal_token import (
    LEEWAY_SECONDS,
    METADATA_KEY,
    TTL_SECONDS,
    InternalKeyError,
    InternalTokens,
    InvalidInternalToken,
    generate_key,
)
from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge, headers_for
from tests.integration.test_pets import PET

ADMIN = Principal(user_id=str(uuid.uuid4()), roles=frozenset({Role.ADMIN}))


@pytest.fixture
async def private_pet(identity_edge: IdentityEdge) -> str:
    """A pet only its owner (and a real admin) may see: not a PetStar."""
    headers = await headers_for(identity_edge, "owner@example.com")
    r = await identity_edge.client.post("/api/v1/pets", json=PET, headers=headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@pytest.fixture
async def raw_pets(identity_edge: IdentityEdge) -> AsyncIterator[pets_pb2_grpc.PetServiceStub]:
    """The pets service as a pod outside the platform reaches it: no client interceptor."""
    target = identity_edge.settings.grpc_target("pets")
    async with grpc.aio.insecure_channel(target) as ch:
        yield pets_pb2_grpc.PetServiceStub(ch)


def _tokens(settings: Settings, at: float | None = None) -> InternalTokens:
    if at is None:
        return InternalTokens.from_settings(settings)
    return InternalTokens.from_settings(settings, clock=lambda: at)


async def _refused(
    stub: pets_pb2_grpc.PetServiceStub, pet_id: str, md: tuple[tuple[str, str], ...]
) -> None:
    """UNAUTHENTICATED, and so no pet: the servicer never ran."""
    with pytest.raises(grpc.aio.AioRpcError) as info:
        await stub.GetPet(pets_pb2.GetPetRequest(pet_id=pet_id), metadata=md)
    assert info.value.code() == grpc.StatusCode.UNAUTHENTICATED


async def test_forged_admin_metadata_without_a_token_is_refused(
    private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    forged = (
        ("x-petful-user-id", ADMIN.user_id),
        ("x-petful-roles", "ADMIN"),
        ("x-request-id", "attacker"),
    )
    await _refused(raw_pets, private_pet, forged)


async def test_a_token_from_another_key_is_refused(
    private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    stranger = InternalTokens([base64.b64decode(generate_key())])
    token = stranger.sign(ADMIN, audience="pets")
    await _refused(raw_pets, private_pet, ((METADATA_KEY, token),))


async def test_a_tampered_token_is_refused(
    identity_edge: IdentityEdge, private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    user = Principal(user_id=ADMIN.user_id, roles=frozenset({Role.USER}))
    kid, payload, mac = _tokens(identity_edge.settings).sign(user, audience="pets").split(".")
    admin_payload = _tokens(identity_edge.settings).sign(ADMIN, audience="pets").split(".")[1]
    assert admin_payload != payload
    await _refused(raw_pets, private_pet, ((METADATA_KEY, f"{kid}.{admin_payload}.{mac}"),))
    await _refused(raw_pets, private_pet, ((METADATA_KEY, "garbage"),))


async def test_an_expired_token_is_refused(
    identity_edge: IdentityEdge, private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    signed_at = time.time() - TTL_SECONDS - LEEWAY_SECONDS - 5
    token = _tokens(identity_edge.settings, at=signed_at).sign(ADMIN, audience="pets")
    await _refused(raw_pets, private_pet, ((METADATA_KEY, token),))


async def test_a_token_for_another_service_is_refused(
    identity_edge: IdentityEdge, private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    token = _tokens(identity_edge.settings).sign(ADMIN, audience="campaigns")
    await _refused(raw_pets, private_pet, ((METADATA_KEY, token),))


async def test_the_platform_client_works(identity_edge: IdentityEdge, private_pet: str) -> None:
    stub = pets_pb2_grpc.PetServiceStub(channel("pets"))
    with use_principal(ADMIN):
        pet = await call(stub.GetPet(pets_pb2.GetPetRequest(pet_id=private_pet)))
    assert pet.id == private_pet
    # Anonymous calls carry a token too (saying "anonymous"): the private pet stays hidden.
    with pytest.raises(NotFound):
        await call(stub.GetPet(pets_pb2.GetPetRequest(pet_id=private_pet)))


async def test_a_valid_token_by_hand_is_what_the_client_sends(
    identity_edge: IdentityEdge, private_pet: str, raw_pets: pets_pb2_grpc.PetServiceStub
) -> None:
    token = _tokens(identity_edge.settings).sign(ADMIN, audience="pets")
    pet = await raw_pets.GetPet(
        pets_pb2.GetPetRequest(pet_id=private_pet), metadata=((METADATA_KEY, token),)
    )
    assert pet.id == private_pet


# --- the token itself, no server ---------------------------------------------------------


def _ring(*raw: str, at: float = 1_000_000.0) -> InternalTokens:
    return InternalTokens([base64.b64decode(k) for k in raw], clock=lambda: at)


def test_round_trip_keeps_the_principal() -> None:
    key = generate_key()
    roles = frozenset({"USER", "ADMIN"})
    p = Principal(user_id="u-1", roles=roles, request_id="r-1", session_id="s")
    assert _ring(key).verify(_ring(key).sign(p, audience="pets"), audience="pets") == p
    anonymous = _ring(key).verify(_ring(key).sign(Principal(), audience="pets"), audience="pets")
    assert not anonymous.is_authenticated
    assert anonymous.roles == frozenset()


def test_rotation_first_key_signs_all_verify() -> None:
    old, new = generate_key(), generate_key()
    issued_before = _ring(old).sign(ADMIN, audience="pets")
    rotated = _ring(new, old)
    assert rotated.verify(issued_before, audience="pets") == ADMIN
    assert _ring(new).verify(rotated.sign(ADMIN, audience="pets"), audience="pets") == ADMIN
    with pytest.raises(InvalidInternalToken):
        _ring(new).verify(issued_before, audience="pets")


def test_clock_skew_is_tolerated_within_the_leeway() -> None:
    key = generate_key()
    token = _ring(key, at=1_000_000.0).sign(ADMIN, audience="pets")
    late = 1_000_000.0 + TTL_SECONDS + LEEWAY_SECONDS
    assert _ring(key, at=late).verify(token, audience="pets") == ADMIN
    for skewed in (late + 1, 1_000_000.0 - LEEWAY_SECONDS - 1):
        with pytest.raises(InvalidInternalToken):
            _ring(key, at=skewed).verify(token, audience="pets")


def test_a_bad_request_id_gets_a_fresh_one() -> None:
    key = generate_key()
    token = _ring(key).sign(Principal(request_id="bad id\n"), audience="pets")
    assert len(_ring(key).verify(token, audience="pets").request_id) == 32


def test_production_needs_a_key() -> None:
    with pytest.raises(InternalKeyError, match="PETFUL_INTERNAL_TOKEN_KEYS"):
        InternalTokens.from_settings(Settings(env="production"))
