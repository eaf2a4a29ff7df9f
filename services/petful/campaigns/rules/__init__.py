"""Pure campaign rules, no I/O: the vocabulary every layer names (here), and one module per
concern: `phases` and `applicants` (the two state machines), `schedule` (the dates),
`fields` (field checks and Instagram permalinks), `browsing` (tabs, sorts, cursors),
`checklist` (the automatic content check) and `results` (a campaign's results and CSV).

Each field check returns the normalised value or raises `RuleError(reason)`; the service
layer attaches the request field name.

Decisions (documented once, here):
- Edits: DRAFT and REJECTED campaigns are freely editable. A RECRUITING campaign may change
  only its non-material fields (`NON_MATERIAL_FIELDS`: product description, images,
  requirements wording, product URL, objective); everything an applicant agreed to (title,
  product, missions, keywords, hashtags, type, species, headcount, reward, dates, post
  retention) is material and frozen. Other phases cannot be edited.
- Selection happens only in SELECTING (after recruitment closed, as in the original) up to
  the headcount; the advertiser may unselect again until announcement. Confirming the
  selection announces early; otherwise the announcement date announces automatically.
- APPROVED -> COMPLETED happens when the activity period ends (the post had to stay live
  through the activity period); content approved after the activity end (REVIEWING)
  completes at once.
- NO_SHOW: a selected applicant without APPROVED content at activity end + grace days.
- Applicants edit their note and cancel while the campaign is RECRUITING (until SELECTING).
- Leaving PetFul (service/leaving.py): an owner's unfinished applications are cancelled by
  WITHDRAW, allowed in every unfinished status; an advertiser's running campaigns
  (`CANCELLED_ON_LEAVING`) are cancelled by CANCEL_BY_ADMIN, after the announcement too.
"""

from __future__ import annotations

from enum import StrEnum

from petful.platform.validation import RuleError


class TransitionError(RuleError):
    """The campaign or applicant is in a state where the action is not allowed (409)."""


class Phase(StrEnum):
    DRAFT = "DRAFT"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    RECRUITING = "RECRUITING"
    SELECTING = "SELECTING"
    ANNOUNCED = "ANNOUNCED"
    IN_PROGRESS = "IN_PROGRESS"
    REVIEWING = "REVIEWING"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class CampaignType(StrEnum):
    DELIVERY = "DELIVERY"  # the product is shipped to the PetStar
    VISIT = "VISIT"  # the PetStar visits a place (no shipping step)


class ApplicantStatus(StrEnum):
    APPLIED = "APPLIED"
    SELECTED = "SELECTED"
    NOT_SELECTED = "NOT_SELECTED"
    SHIPPED = "SHIPPED"
    CONTENT_SUBMITTED = "CONTENT_SUBMITTED"
    REVISION_REQUESTED = "REVISION_REQUESTED"
    APPROVED = "APPROVED"
    COMPLETED = "COMPLETED"
    NO_SHOW = "NO_SHOW"
    CANCELLED = "CANCELLED"


class Species(StrEnum):
    DOG = "DOG"
    CAT = "CAT"
    RABBIT = "RABBIT"
    BIRD = "BIRD"
    REPTILE = "REPTILE"
    FISH = "FISH"
    OTHER = "OTHER"
