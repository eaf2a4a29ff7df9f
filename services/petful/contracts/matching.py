"""Events of the matching service (to itself): a backfill of the recommendation index."""

from __future__ import annotations

from petful.contracts.base import Payload, Topic


class ReindexRequested(Payload):
    reason: str
    pets: int = 0  # how many pets the requester expects (for the log)
    force: bool = False  # re-embed even when the content hash is unchanged


REINDEX_REQUESTED = Topic("matching.reindex.requested", ReindexRequested)
