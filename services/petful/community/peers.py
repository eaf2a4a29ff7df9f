"""The community service's gRPC adapter for the `IdentityPort` in service.py.

Calls carry the current Principal (the client interceptor forwards it): identity checks the
admin who suspends, and records them in its audit log.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from petful.pb.identity.v1 import admin_pb2, admin_pb2_grpc, identity_pb2, identity_pb2_grpc
from petful.platform.grpc_client import call_or_none, channel
from petful.platform.protobuf import opt_timestamp


class GrpcIdentity:
    # Channels come from the current settings at call time (targets may be configured
    # after the servicer was built, as the test fixtures do).

    async def user_exists(self, user_id: uuid.UUID) -> bool:
        stub = identity_pb2_grpc.IdentityServiceStub(channel("identity"))
        request = identity_pb2.GetPublicProfileRequest(user_id=str(user_id))
        profile = await call_or_none(stub.GetPublicProfile(request))
        return profile is not None and not profile.withdrawn

    async def suspend_user(
        self, user_id: uuid.UUID, *, reason: str, until: datetime | None
    ) -> bool:
        stub = admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))
        request = admin_pb2.SuspendUserRequest(
            user_id=str(user_id), reason=reason, until=opt_timestamp(until)
        )
        return await call_or_none(stub.SuspendUser(request)) is not None
