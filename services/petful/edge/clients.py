"""gRPC stubs the edge calls, built on the platform's one client factory."""

from __future__ import annotations

from petful.pb.identity.v1 import identity_pb2_grpc
from petful.platform.grpc_client import channel


def identity() -> identity_pb2_grpc.IdentityServiceStub:
    return identity_pb2_grpc.IdentityServiceStub(channel("identity"))
