"""Tokens through a real Envoy in front of the real edge and the real identity service."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from petful.devstack.envoy import EnvoyConfig
from petful.edge import auth as edge_auth
from petful.edge.app import create_app
from petful.identity import grpc_api, service
from petful.identity.tokens import generate_private_pem
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc
from petful.platform import settings as settings_module
from petful.platform.auth_context import Role
from petful.platform.db import transaction
from petful.platform.grpc_client import channel, close_channels
from petful.platform.grpc_server import start_server
from petful.platform.settings import Settings
from tests.integration.conftest import IdentityEdge
from tests.support import free_port, wait_for

PASSWORD = "correct-horse-1"
AUTH_LIMIT = 5


def _key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return key


@dataclass
class Stack:
    url: str
    signing_key: Ed25519PrivateKey
    kid: str
    user_id: str
    email: str

    def forge(self, key: Ed25519PrivateKey | None = None, **overrides: Any) -> str:
        now = datetime.now(UTC)
        claims: dict[str, Any] = {
            "sub": self.user_id,
            "roles": ["USER"],
            "status": "ACTIVE",
            "sid": str(uuid.uuid4()),
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(minutes=5)).timestamp()),
            "jti": uuid.uuid4().hex,
            "aud": "petful",
            "iss": "petful-identity",
        }
        claims.update(overrides)
        return jwt.encode(
            claims, key or self.signing_key, algorithm="EdDSA", headers={"kid": self.kid}
        )

    async def login(self) -> dict[str, Any]:
        """Real tokens, straight from the identity service (not via Envoy's rate limit)."""
        stub = identity_pb2_grpc.IdentityServiceStub(channel("identity"))
        pair = await stub.Login(pb.LoginRequest(email=self.email, password=PASSWORD))
        return {"access": pair.access_token, "refresh": pair.refresh_token}

    async def get(self, path: str, token: str | None = None, **headers: str) -> httpx.Response:
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with httpx.AsyncClient(base_url=self.url, timeout=10) as client:
            return await client.get(path, headers=headers)


@pytest.fixture
async def stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    pem = generate_private_pem()
    monkeypatch.setenv("PETFUL_IDENTITY__JWT_PRIVATE_KEYS", json.dumps([pem]))
    settings_module.get_settings.cache_clear()
    settings = settings_module.get_settings()

    async with transaction() as session:
        account = await service.create_account_without_verification(
            session,
            now=datetime.now(UTC),
            email="owner@example.com",
            password=PASSWORD,
            name="Owner",
            nickname="owner",
            phone="010-1234-5678",
            role=Role.USER,
        )
        user_id = str(account.id)

    identity = await start_server("identity", grpc_api.register, settings=settings, port=0)
    monkeypatch.setenv("PETFUL_SERVICE_TARGETS", f'{{"identity": "127.0.0.1:{identity.port}"}}')
    settings_module.get_settings.cache_clear()
    edge_auth.jwks_cache.__init__()  # type: ignore[misc]  # a fresh cache per stack

    edge_port = free_port()
    edge = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=edge_port, log_config=None)
    )
    edge_task = asyncio.create_task(edge.serve())

    envoy = EnvoyConfig(
        listen_address="127.0.0.1",
        port=free_port(),
        admin_address="127.0.0.1",
        admin_port=free_port(),
        edge_host="127.0.0.1",
        edge_port=edge_port,
        auth_requests_per_minute=AUTH_LIMIT,
    )
    config = envoy.write(tmp_path / "envoy.yaml")
    log = (tmp_path / "envoy.log").open("wb")
    proc = await asyncio.create_subprocess_exec(
        *envoy.argv(config), stdout=log, stderr=asyncio.subprocess.STDOUT
    )
    try:
        await wait_for(envoy.is_ready)
        async with httpx.AsyncClient() as client:
            jwks = (await client.get(f"http://127.0.0.1:{edge_port}/.well-known/jwks.json")).json()
        s = Stack(
            url=f"http://127.0.0.1:{envoy.port}",
            signing_key=_key(pem),
            kid=jwks["keys"][0]["kid"],
            user_id=user_id,
            email="owner@example.com",
        )
        token = (await s.login())["access"]

        async def jwks_loaded() -> bool:  # Envoy fetches the JWKS in the background
            return (await s.get("/api/v1/me", token)).status_code == 200

        await wait_for(jwks_loaded)
        yield s
    finally:
        proc.terminate()
        await proc.wait()
        log.close()
        edge.should_exit = True
        await edge_task
        await identity.stop(0)
        await close_channels()


async def test_a_valid_token_reaches_the_service(stack: Stack) -> None:
    tokens = await stack.login()
    response = await stack.get("/api/v1/me", tokens["access"])
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == stack.email
    assert response.headers["x-request-id"]
    text = response.text.lower()
    assert "hash" not in text
    assert "argon2" not in text


async def test_missing_token_is_refused_by_envoy(stack: Stack) -> None:
    response = await stack.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers.get("www-authenticate", "").startswith("Bearer")


@pytest.mark.parametrize(
    ("case", "expected"),
    [("expired", 401), ("wrong_signature", 401), ("wrong_audience", 403), ("alg_none", 401)],
)
async def test_bad_tokens_are_refused(stack: Stack, case: str, expected: int) -> None:
    past = datetime.now(UTC) - timedelta(hours=1)
    token = {
        "expired": lambda: stack.forge(exp=int(past.timestamp()), iat=int(past.timestamp())),
        "wrong_signature": lambda: stack.forge(key=Ed25519PrivateKey.generate()),
        "wrong_audience": lambda: stack.forge(aud="someone-else"),
        "alg_none": lambda: jwt.encode(
            {"sub": stack.user_id, "aud": "petful", "iss": "petful-identity"},
            key=None,
            algorithm="none",
        ),
    }[case]()
    response = await stack.get("/api/v1/me", token)
    assert response.status_code == expected


async def test_a_logged_out_sessions_token_is_refused_by_the_edge(stack: Stack) -> None:
    tokens = await stack.login()
    assert (await stack.get("/api/v1/me", tokens["access"])).status_code == 200
    async with httpx.AsyncClient(base_url=stack.url) as client:
        out = await client.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh"]})
    assert out.status_code == 204
    # Still a well-signed, unexpired token: Envoy lets it in, the edge refuses it.
    response = await stack.get("/api/v1/me", tokens["access"])
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_token_for_an_unknown_session_is_refused(stack: Stack) -> None:
    # Signed with the real key but never issued: no live session behind it.
    response = await stack.get("/api/v1/me", stack.forge())
    assert response.status_code == 401


async def test_spoofed_identity_headers_do_not_authenticate(stack: Stack) -> None:
    response = await stack.get(
        "/api/v1/me", **{"x-petful-user-id": stack.user_id, "x-petful-roles": "ADMIN"}
    )
    assert response.status_code == 401


async def test_public_routes_need_no_token(stack: Stack) -> None:
    response = await stack.get(f"/api/v1/users/{stack.user_id}/public")
    assert response.status_code == 200
    assert response.json()["nickname"] == "owner"
    assert (await stack.get("/api/openapi.json")).status_code == 200


async def test_auth_routes_are_rate_limited_by_envoy(stack: Stack) -> None:
    async with httpx.AsyncClient(base_url=stack.url) as client:
        statuses = [
            (
                await client.post(
                    "/api/v1/auth/login",
                    json={"email": f"nobody{i}@example.com", "password": "wrong-pass-1"},
                )
            )
            for i in range(AUTH_LIMIT + 1)
        ]
    # Unknown accounts are refused one by one, until Envoy's limit answers for them.
    assert [r.status_code for r in statuses[:-1]] == [401] * AUTH_LIMIT
    assert statuses[-1].status_code == 429
    assert statuses[-1].text == "local_rate_limited"


async def test_ready_follows_identity(identity_edge: IdentityEdge) -> None:
    r = await identity_edge.client.get("/api/v1/health/ready")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})
    await identity_edge.server.stop(0)
    r = await identity_edge.client.get("/api/v1/health/ready")
    assert (r.status_code, r.json()) == (503, {"status": "unavailable"})
