"""Events of the pets service: pets, portfolios and the PetStar application workflow."""

from __future__ import annotations

import uuid

from petful.contracts.base import Payload, Topic


class PetChanged(Payload):
    pet_id: uuid.UUID
    owner_id: uuid.UUID
    name: str
    species: str


class PetInstagramChanged(PetChanged):
    account_id: uuid.UUID  # the sns service's account id


class PortfolioUpdated(PetChanged):
    published: bool | None = None  # None when only the history changed


class PetStarApplicationChanged(Payload):
    application_id: uuid.UUID
    pet_id: uuid.UUID
    pet_name: str
    owner_id: uuid.UUID
    instagram_account_id: uuid.UUID
    state: str  # the state entered (SUBMITTED ... REVOKED)
    reason: str | None = None
    flagged: bool = False


PET_CREATED = Topic("pets.pet.created", PetChanged)
PET_UPDATED = Topic("pets.pet.updated", PetChanged)
PET_DELETED = Topic("pets.pet.deleted", PetChanged)
PET_INSTAGRAM_LINKED = Topic("pets.pet.instagram_linked", PetInstagramChanged)
PET_INSTAGRAM_UNLINKED = Topic("pets.pet.instagram_unlinked", PetInstagramChanged)
PORTFOLIO_UPDATED = Topic("pets.portfolio.updated", PortfolioUpdated)

# One topic per state an application enters.
PETSTAR_SUBMITTED = Topic("pets.petstar.submitted", PetStarApplicationChanged)
PETSTAR_VERIFYING = Topic("pets.petstar.verifying", PetStarApplicationChanged)
PETSTAR_IN_REVIEW = Topic("pets.petstar.in_review", PetStarApplicationChanged)
PETSTAR_APPROVED = Topic("pets.petstar.approved", PetStarApplicationChanged)
PETSTAR_REJECTED = Topic("pets.petstar.rejected", PetStarApplicationChanged)
PETSTAR_WITHDRAWN = Topic("pets.petstar.withdrawn", PetStarApplicationChanged)
PETSTAR_REVOKED = Topic("pets.petstar.revoked", PetStarApplicationChanged)

PETSTAR_BY_STATE = {
    "SUBMITTED": PETSTAR_SUBMITTED,
    "VERIFYING": PETSTAR_VERIFYING,
    "IN_REVIEW": PETSTAR_IN_REVIEW,
    "APPROVED": PETSTAR_APPROVED,
    "REJECTED": PETSTAR_REJECTED,
    "WITHDRAWN": PETSTAR_WITHDRAWN,
    "REVOKED": PETSTAR_REVOKED,
}
