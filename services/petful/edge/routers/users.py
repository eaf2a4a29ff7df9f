"""/api/v1/users: what anyone may see of another user."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from petful.edge import clients
from petful.edge.identity_schemas import PublicProfile
from petful.pb.identity.v1 import identity_pb2 as pb

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.get("/{user_id}/public", response_model=PublicProfile)
async def public_profile(user_id: UUID) -> PublicProfile:
    r = await clients.identity().GetPublicProfile(pb.GetPublicProfileRequest(user_id=str(user_id)))
    return PublicProfile(id=r.id, nickname=r.nickname, profile_image_id=r.profile_image_id or None)
