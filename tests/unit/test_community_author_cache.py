"""Post pages keep their authors a few seconds (community/peers.CachedProfiles)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from petful.community.peers import CachedProfiles, Profile

BORI, SORI, GONE = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


class Identity:
    """Knows bori and sori (nicknames settable); `asked` records each call's ids."""

    def __init__(self) -> None:
        self.nicknames = {BORI: "bori", SORI: "sori"}
        self.asked: list[set[uuid.UUID]] = []

    async def public_profiles(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Profile]:
        wanted = set(user_ids)
        self.asked.append(wanted)
        return {
            uid: Profile(uid, self.nicknames[uid], "", False)
            for uid in wanted
            if uid in self.nicknames
        }


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_authors_asked_once_within_the_ttl_and_again_after() -> None:
    identity, clock = Identity(), Clock()
    cache = CachedProfiles(identity, ttl=10, clock=clock)
    first = await cache.public_profiles([BORI, SORI])
    assert {u: p.nickname for u, p in first.items()} == {BORI: "bori", SORI: "sori"}

    identity.nicknames[BORI] = "보리"
    clock.now += 9.9
    assert (await cache.public_profiles([BORI]))[BORI].nickname == "bori"
    assert identity.asked == [{BORI, SORI}]

    clock.now += 0.2  # bori's entry is 10.1 s old: asked again, and only bori
    assert (await cache.public_profiles([BORI]))[BORI].nickname == "보리"
    assert identity.asked == [{BORI, SORI}, {BORI}]


async def test_only_the_missing_authors_are_asked_for() -> None:
    identity, clock = Identity(), Clock()
    cache = CachedProfiles(identity, ttl=10, clock=clock)
    await cache.public_profiles([BORI])
    both = await cache.public_profiles([BORI, SORI])
    assert set(both) == {BORI, SORI}
    assert identity.asked == [{BORI}, {SORI}]


async def test_an_unknown_author_reads_as_withdrawn_and_is_kept_too() -> None:
    identity, clock = Identity(), Clock()
    cache = CachedProfiles(identity, ttl=10, clock=clock)
    for _ in range(2):
        assert (await cache.public_profiles([GONE]))[GONE] == Profile.unknown(GONE)
    assert identity.asked == [{GONE}]


async def test_past_max_entries_the_oldest_go_first() -> None:
    identity, clock = Identity(), Clock()
    cache = CachedProfiles(identity, ttl=10, max_entries=1, clock=clock)
    await cache.public_profiles([BORI])
    await cache.public_profiles([SORI])  # bori goes
    await cache.public_profiles([SORI])
    await cache.public_profiles([BORI])
    assert identity.asked == [{BORI}, {SORI}, {BORI}]
