"""A real Envoy, rendered from the shared chart template, in front of the real edge and the
real identity service: what the token tests (`test_edge_auth`) and the front-door
regression tests (`tests/security/test_front_door`) share. No mocks of our code.

Each test module binds the stack with

    @pytest.fixture
    async def stack(settings, tmp_path, monkeypatch) -> AsyncIterator[Stack]:
        async with running_stack(settings, tmp_path, monkeypatch) as s:
            yield s

and starts a second Envoy with other options (e.g. a load balancer in front) with
`running_envoy(stack.envoy_config(...), tmp_path)`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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
from tests.support import free_port, wait_for

PASSWORD = "correct-horse-1"
# Envoy's /api/v1/auth/ budget per client address in these tests.
AUTH_LIMIT = 5


def _key(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return key


@dataclass
class Stack:
    url: str
    envoy: EnvoyConfig
    signing_key: Ed25519PrivateKey
    kid: str
    user_id: str
    email: str

    @property
    def edge_url(self) -> str:
        """The edge itself, as Prometheus reaches it on the pod (not through Envoy)."""
        return f"http://127.0.0.1:{self.envoy.edge_port}"

    def envoy_config(self, **changes: Any) -> EnvoyConfig:
        """Another Envoy in front of the same edge, on its own ports."""
        ports = {"port": free_port(), "admin_port": free_port(), "stats_port": free_port()}
        return dataclasses.replace(self.envoy, **ports, **changes)

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

    async def get(
        self,
        path: str,
        token: str | None = None,
        *,
        timeout: float = 10,  # noqa: ASYNC109 - the HTTP client's read timeout
        **headers: str,
    ) -> httpx.Response:
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        async with httpx.AsyncClient(base_url=self.url, timeout=timeout) as client:
            return await client.get(path, headers=headers)


@asynccontextmanager
async def running_envoy(config: EnvoyConfig, tmp_path: Path) -> AsyncIterator[EnvoyConfig]:
    """Envoy with `config`, ready (its admin says so) until the block ends."""
    path = config.write(tmp_path / f"envoy-{config.port}.yaml")
    with (tmp_path / f"envoy-{config.port}.log").open("wb") as log:
        proc = await asyncio.create_subprocess_exec(
            *config.argv(path), stdout=log, stderr=asyncio.subprocess.STDOUT
        )
        try:
            await wait_for(config.is_ready)
            yield config
        finally:
            proc.terminate()
            await proc.wait()


@asynccontextmanager
async def running_stack(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Stack]:
    """Identity over gRPC, the edge as `petful edge` runs it, and Envoy in front."""
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
    # The proxy-header options `petful edge` passes (petful.cli), so the edge believes
    # X-Forwarded-For exactly as it does in production.
    edge = uvicorn.Server(
        uvicorn.Config(
            create_app(),
            host="127.0.0.1",
            port=edge_port,
            log_config=None,
            proxy_headers=True,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )
    )
    edge_task = asyncio.create_task(edge.serve())

    config = EnvoyConfig(
        listen_address="127.0.0.1",
        port=free_port(),
        admin_address="127.0.0.1",
        admin_port=free_port(),
        edge_host="127.0.0.1",
        edge_port=edge_port,
        auth_requests_per_minute=AUTH_LIMIT,
        stats_port=free_port(),
    )
    try:
        async with running_envoy(config, tmp_path):
            async with httpx.AsyncClient() as client:
                jwks_url = f"http://127.0.0.1:{edge_port}/.well-known/jwks.json"
                jwks = (await client.get(jwks_url)).json()
            stack = Stack(
                url=f"http://127.0.0.1:{config.port}",
                envoy=config,
                signing_key=_key(pem),
                kid=jwks["keys"][0]["kid"],
                user_id=user_id,
                email="owner@example.com",
            )
            token = (await stack.login())["access"]

            async def jwks_loaded() -> bool:  # Envoy fetches the JWKS in the background
                return (await stack.get("/api/v1/me", token)).status_code == 200

            await wait_for(jwks_loaded)
            yield stack
    finally:
        edge.should_exit = True
        await edge_task
        await identity.stop(0)
        await close_channels()
