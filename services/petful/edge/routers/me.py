"""/api/v1/me: the signed-in user's own account."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from petful.edge import clients
from petful.edge.auth import CurrentUser
from petful.edge.identity_schemas import PasswordChange, ProfileUpdate, User, Withdrawal
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.auth_context import to_metadata

router = APIRouter(prefix="/api/v1/me", tags=["me"])


@router.get("", response_model=User)
async def get_me(user: CurrentUser) -> User:
    r = await clients.identity().GetMe(pb.GetMeRequest(), metadata=to_metadata(user))
    return User.from_pb(r)


@router.patch("", response_model=User)
async def update_me(body: ProfileUpdate, user: CurrentUser) -> User:
    # Only the fields the caller sent change; `null` is not "clear", it is "not sent".
    fields = body.model_dump(exclude_none=True)
    r = await clients.identity().UpdateMe(pb.UpdateMeRequest(**fields), metadata=to_metadata(user))
    return User.from_pb(r)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT)
async def withdraw(body: Withdrawal, user: CurrentUser) -> Response:
    await clients.identity().Withdraw(
        pb.WithdrawRequest(password=body.password, reason=body.reason),
        metadata=to_metadata(user),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/password", status_code=status.HTTP_204_NO_CONTENT)
async def change_password(body: PasswordChange, user: CurrentUser) -> Response:
    await clients.identity().ChangePassword(
        pb.ChangePasswordRequest(
            current_password=body.current_password, new_password=body.new_password
        ),
        metadata=to_metadata(user),
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
