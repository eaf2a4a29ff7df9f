"""`petful.common.v1.DiagnosticsService`: the round-trip RPC every domain server carries.

Ping echoes the message and reports what the server saw (identity metadata, deadline), so a
smoke test proves routing, metadata propagation and deadlines end to end.
"""

from __future__ import annotations

import grpc

from petful.pb.common.v1 import diagnostics_pb2, diagnostics_pb2_grpc
from petful.platform.auth_context import current_principal


class DiagnosticsServicer(diagnostics_pb2_grpc.DiagnosticsServiceServicer):
    def __init__(self, service: str) -> None:
        self._service = service

    async def Ping(
        self, request: diagnostics_pb2.PingRequest, context: grpc.aio.ServicerContext
    ) -> diagnostics_pb2.PingResponse:
        response = diagnostics_pb2.PingResponse(message=request.message, service=self._service)
        principal = current_principal()
        if principal is not None:
            response.caller.roles.extend(sorted(principal.roles))
            response.caller.request_id = principal.request_id
            if principal.user_id is not None:
                response.caller.user_id = principal.user_id
        remaining = context.time_remaining()
        if remaining is not None:
            response.deadline_remaining_seconds = remaining
        return response


def register_diagnostics(server: grpc.aio.Server, service: str) -> None:
    diagnostics_pb2_grpc.add_DiagnosticsServiceServicer_to_server(
        DiagnosticsServicer(service), server
    )
