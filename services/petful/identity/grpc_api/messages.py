"""Domain -> protobuf for what both servicers return: the account as a `User`."""

from __future__ import annotations

from petful.identity.models import Account
from petful.identity.rules import AccountStatus
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.platform.protobuf import opt_timestamp, to_timestamp

ROLE_PREFIX = "ROLE_"
STATUS_PREFIX = "ACCOUNT_STATUS_"


def user_to_pb(account: Account) -> pb.User:
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
        profile_image_id=account.profile_image_id,
        created_at=to_timestamp(account.created_at),
        # The reason and end of a suspension only while it is one.
        suspension_reason=(account.suspension_reason or "") if suspended else "",
        suspended_until=opt_timestamp(account.suspended_until) if suspended else None,
    )
