"""The identity gRPC API: one module per servicer (`identity`, `admin`), the messages they
share (`messages`) and the wiring (`server.register`, what `petful serve identity` calls)."""

from petful.identity.grpc_api.server import register

__all__ = ["register"]
