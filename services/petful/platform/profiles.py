"""Public profiles of many accounts from identity, in as few calls as its limit allows.

Community shows authors and notifications names actors; both ask identity for a page's
worth of people at once (`GetPublicProfiles`) and show withdrawn or erased accounts under
one placeholder.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from petful.pb.identity.v1 import identity_pb2, identity_pb2_grpc
from petful.platform.grpc_client import call, channel

# How others see an account that left (withdrawn) or that identity no longer knows (erased).
WITHDRAWN_NICKNAME = "탈퇴한 회원"
# Identity's limit per GetPublicProfiles call.
PROFILES_PER_CALL = 200


async def public_profiles(
    user_ids: Iterable[uuid.UUID],
) -> dict[uuid.UUID, identity_pb2.PublicProfile]:
    """Each known id's public profile (one call per 200 ids); an erased id is missing.
    Channels come from the current settings at call time."""
    wanted = sorted(set(user_ids))
    found: dict[uuid.UUID, identity_pb2.PublicProfile] = {}
    stub = identity_pb2_grpc.IdentityServiceStub(channel("identity"))
    for start in range(0, len(wanted), PROFILES_PER_CALL):
        chunk = wanted[start : start + PROFILES_PER_CALL]
        request = identity_pb2.GetPublicProfilesRequest(user_ids=[str(u) for u in chunk])
        response = await call(stub.GetPublicProfiles(request))
        for p in response.profiles:
            found[uuid.UUID(p.id)] = p
    return found
