"""The notifications service's view of identity: the nicknames texts name people by, and
the addresses mail goes to.

A notification's title says who did it ("콩이맘님이 댓글을 남겼어요"); identity owns
nicknames and email addresses, so the subscriber and the sender ask for them when they
need them (one batch call). Calls carry the caller's principal: the tasks run as the
notifications service, the only caller identity gives addresses to.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from petful.notifications import broadcast_rules as rules
from petful.notifications.models import SCHEMA
from petful.pb.identity.v1 import identity_pb2, identity_pb2_grpc
from petful.platform import profiles
from petful.platform.auth_context import service_principal, use_principal
from petful.platform.grpc_client import call, channel

# Who the service's tasks are to the other services: identity gives contact details and
# lists audiences to this principal only.
PRINCIPAL = service_principal(SCHEMA)

# An account identity no longer knows (erased) or one that left.
UNKNOWN_NICKNAME = profiles.WITHDRAWN_NICKNAME


@dataclass(frozen=True)
class Contact:
    email: str
    nickname: str
    role: str  # USER, ADVERTISER or ADMIN
    status: str  # ACTIVE, SUSPENDED or WITHDRAWN


class ActorsPort(Protocol):
    async def nicknames(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Every id's nickname (UNKNOWN_NICKNAME for a withdrawn or unknown account)."""
        ...

    async def contacts(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Contact]:
        """Each known id's contact details; an erased account is missing."""
        ...


class GrpcIdentity:
    """`ActorsPort` over identity (channels from the settings at call time)."""

    async def nicknames(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        wanted = set(user_ids)
        found = await profiles.public_profiles(wanted)
        return {
            uid: p.nickname if (p := found.get(uid)) and not p.withdrawn else UNKNOWN_NICKNAME
            for uid in wanted
        }

    async def contacts(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Contact]:
        wanted = sorted(set(user_ids))
        stub = identity_pb2_grpc.IdentityServiceStub(channel("identity"))
        found: dict[uuid.UUID, Contact] = {}
        for start in range(0, len(wanted), profiles.PROFILES_PER_CALL):
            chunk = wanted[start : start + profiles.PROFILES_PER_CALL]
            request = identity_pb2.GetContactsRequest(user_ids=[str(u) for u in chunk])
            response = await call(stub.GetContacts(request))
            for c in response.contacts:
                found[uuid.UUID(c.user_id)] = Contact(
                    email=c.email,
                    nickname=c.nickname,
                    role=identity_pb2.Role.Name(c.role).removeprefix("ROLE_"),
                    status=identity_pb2.AccountStatus.Name(c.status).removeprefix(
                        "ACCOUNT_STATUS_"
                    ),
                )
        return found


class RecipientsPort(Protocol):
    async def count(self, audience: rules.Audience) -> int:
        """Active accounts of the audience now."""
        ...

    async def page(
        self, audience: rules.Audience, *, after: uuid.UUID | None, limit: int
    ) -> list[uuid.UUID]:
        """The next `limit` active accounts' ids after `after`, ascending; [] at the end."""
        ...


class GrpcRecipients:
    """`RecipientsPort` over identity's ListRecipients / CountRecipients, always as the
    notifications service (an admin's own principal may not read the audience)."""

    @staticmethod
    def _stub() -> identity_pb2_grpc.IdentityServiceStub:
        return identity_pb2_grpc.IdentityServiceStub(channel("identity"))

    @staticmethod
    def _role(audience: rules.Audience) -> str:
        return f"ROLE_{audience.role or 'UNSPECIFIED'}"

    async def count(self, audience: rules.Audience) -> int:
        request = identity_pb2.CountRecipientsRequest(role=self._role(audience))
        with use_principal(PRINCIPAL):
            return int((await call(self._stub().CountRecipients(request))).count)

    async def page(
        self, audience: rules.Audience, *, after: uuid.UUID | None, limit: int
    ) -> list[uuid.UUID]:
        request = identity_pb2.ListRecipientsRequest(
            role=self._role(audience), after_user_id=str(after or ""), limit=limit
        )
        with use_principal(PRINCIPAL):
            response = await call(self._stub().ListRecipients(request))
        return [uuid.UUID(u) for u in response.user_ids]
