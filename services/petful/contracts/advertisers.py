"""Events of the advertisers service: an admin's decision on a company profile."""

from __future__ import annotations

import uuid

from petful.contracts.base import Payload, Topic


class AdvertiserDecided(Payload):
    user_id: uuid.UUID  # the advertiser's account
    admin_id: uuid.UUID
    reason: str
    status: str  # the profile status after the decision
    company_name: str


ADVERTISER_APPROVED = Topic("advertisers.profile.approved", AdvertiserDecided)
ADVERTISER_REJECTED = Topic("advertisers.profile.rejected", AdvertiserDecided)
ADVERTISER_RESTRICTED = Topic("advertisers.profile.restricted", AdvertiserDecided)
ADVERTISER_REINSTATED = Topic("advertisers.profile.reinstated", AdvertiserDecided)

# The admin decisions identity writes to its audit log.
DECISIONS = (ADVERTISER_APPROVED, ADVERTISER_REJECTED, ADVERTISER_RESTRICTED, ADVERTISER_REINSTATED)
