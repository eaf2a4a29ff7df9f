"""Adds the identity servicers to a gRPC server."""

from __future__ import annotations

import grpc

from petful.identity import tokens
from petful.identity.grpc_api.admin import IdentityAdminServicer
from petful.identity.grpc_api.identity import IdentityServicer
from petful.identity.service.shared import Clock, utc_now
from petful.pb.identity.v1 import admin_pb2_grpc, identity_pb2_grpc
from petful.platform.settings import Settings, get_settings


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
) -> None:
    """Add IdentityService and IdentityAdminService to server. Fails fast when no signing
    key is usable."""
    settings = settings or get_settings()
    keys = tokens.KeyRing.from_settings(settings)
    clock = clock or utc_now
    identity_pb2_grpc.add_IdentityServiceServicer_to_server(
        IdentityServicer(settings, keys, clock), server
    )
    admin_pb2_grpc.add_IdentityAdminServiceServicer_to_server(
        IdentityAdminServicer(settings, clock), server
    )
