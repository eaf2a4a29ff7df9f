"""The community service's gRPC adapter for the `IdentityPort` in service.py.

Calls carry the current Principal (the client interceptor forwards it): identity checks the
admin who suspends, and records them in its audit log.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from petful.pb.identity.v1 import admin_pb2, admin_pb2_grpc, identity_pb2, identity_pb2_grpc
from petful.platform import profiles
from petful.platform.grpc_client import call_or_none, channel
from petful.platform.protobuf import opt_timestamp


@dataclass(frozen=True, slots=True)
class Profile:
    """An author as others see them."""

    id: uuid.UUID
    nickname: str
    # Public path of the profile picture's 320 px thumbnail (its original until the
    # thumbnail exists); "" without one.
    image_url: str
    withdrawn: bool

    @classmethod
    def unknown(cls, user_id: uuid.UUID) -> Profile:
        """An author who left (withdrawn) or whom identity no longer knows (erased)."""
        return cls(id=user_id, nickname=profiles.WITHDRAWN_NICKNAME, image_url="", withdrawn=True)


class GrpcIdentity:
    # Channels come from the current settings at call time (targets may be configured
    # after the servicer was built, as the test fixtures do).

    async def user_exists(self, user_id: uuid.UUID) -> bool:
        stub = identity_pb2_grpc.IdentityServiceStub(channel("identity"))
        request = identity_pb2.GetPublicProfileRequest(user_id=str(user_id))
        profile = await call_or_none(stub.GetPublicProfile(request))
        return profile is not None and not profile.withdrawn

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        """Every id's profile in one call per 200 ids; an id identity does not know (an
        erased account) gets `Profile.unknown`."""
        wanted = set(user_ids)
        found = await profiles.public_profiles(wanted)
        out = {uid: Profile.unknown(uid) for uid in wanted}
        for uid, p in found.items():
            if p.withdrawn:
                continue
            image = p.profile_image if p.HasField("profile_image") else None
            url = (image.thumbnails.get("320") or image.url) if image else ""
            out[uid] = Profile(id=uid, nickname=p.nickname, image_url=url, withdrawn=False)
        return out

    async def suspend_user(
        self, user_id: uuid.UUID, *, reason: str, until: datetime | None
    ) -> bool:
        stub = admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))
        request = admin_pb2.SuspendUserRequest(
            user_id=str(user_id), reason=reason, until=opt_timestamp(until)
        )
        return await call_or_none(stub.SuspendUser(request)) is not None


class _Profiles(Protocol):
    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        """Each id's profile."""
        ...


class CachedProfiles:
    """Authors for post and comment pages, each kept for `ttl` seconds.

    A page's authors cost a call to identity that takes as long as the page's own queries
    (the community bench: about a third of a board page); readers ask for the same hot pages
    over and over. A changed nickname or picture, or a withdrawal, shows on those pages
    within `ttl` (the moderation queue asks identity every time). At most `max_entries`
    authors are kept; past that the oldest go first."""

    def __init__(
        self,
        source: _Profiles,
        *,
        ttl: float,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = source
        self.ttl = ttl
        self.max_entries = max_entries
        self.clock = clock
        self._kept: dict[uuid.UUID, tuple[float, Profile]] = {}

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        now = self.clock()
        out: dict[uuid.UUID, Profile] = {}
        missing: set[uuid.UUID] = set()
        for uid in set(user_ids):
            kept = self._kept.get(uid)
            if kept is not None and kept[0] > now:
                out[uid] = kept[1]
            else:
                missing.add(uid)
        if missing:
            fetched = await self.source.public_profiles(missing)
            expires = self.clock() + self.ttl
            for uid in missing:
                profile = fetched.get(uid) or Profile.unknown(uid)
                self._kept.pop(uid, None)  # re-inserted last: insertion order is age
                self._kept[uid] = (expires, profile)
                out[uid] = profile
            while len(self._kept) > self.max_entries:
                del self._kept[next(iter(self._kept))]
        return out
