"""Domain -> protobuf for what both servicers return: the account as a `User`, with its
picture."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.identity.service import profile_image
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.media import MediaRecord
from petful.platform.protobuf import opt_timestamp, to_timestamp

ROLE_PREFIX = "ROLE_"
STATUS_PREFIX = "ACCOUNT_STATUS_"


def picture_to_pb(record: MediaRecord | None) -> pb.ProfileImage | None:
    if record is None:
        return None
    return pb.ProfileImage(
        media_id=str(record.id),
        url=record.url,
        thumbnails=record.thumbnail_urls,
        width=record.width or 0,
        height=record.height or 0,
    )


async def user_pb(session: AsyncSession, account: Account) -> pb.User:
    """The account as a `User`, its picture read in the caller's transaction."""
    return user_to_pb(account, await profile_image.picture(session, account))


async def users_pb(session: AsyncSession, accounts: Sequence[Account]) -> list[pb.User]:
    pictures = await profile_image.pictures(session, accounts)
    return [user_to_pb(a, pictures.get(a.id)) for a in accounts]


def user_to_pb(account: Account, picture: MediaRecord | None) -> pb.User:
    suspended = account.status_enum is AccountStatus.SUSPENDED
    return pb.User(
        id=str(account.id),
        email=account.email,
        name=account.name,
        nickname=account.nickname,
        phone=account.phone,
        # Enum fields take their value's name: `ROLE_` + the domain's bare name.
        roles=[ROLE_PREFIX + account.role],
        status=STATUS_PREFIX + account.status,
        bio=account.bio,
        address=account.address,
        birth_date=account.birth_date.isoformat() if account.birth_date else "",
        profile_image=picture_to_pb(picture),
        created_at=to_timestamp(account.created_at),
        # The reason and end of a suspension only while it is one.
        suspension_reason=(account.suspension_reason or "") if suspended else "",
        suspended_until=opt_timestamp(account.suspended_until) if suspended else None,
    )
