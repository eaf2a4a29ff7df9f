"""Pure advertiser rules: profile field validation and the approval state machine. No I/O.

Each check returns the normalised value or raises `RuleError(reason)`; the service layer
attaches the request field name.
"""

from __future__ import annotations

import re
from enum import StrEnum

from petful.platform.validation import RuleError, check_http_url, check_text


class TransitionError(RuleError):
    """The profile is in a state where the action is not allowed (409 at the edge)."""


# --- states --------------------------------------------------------------------------------


class ProfileStatus(StrEnum):
    DRAFT = "DRAFT"
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RESTRICTED = "RESTRICTED"
    # The account left: the profile is a closed record (company name, registration number,
    # certificate, decisions) until identity says its retention period ended.
    WITHDRAWN = "WITHDRAWN"


class Action(StrEnum):
    SUBMIT = "SUBMIT"  # the advertiser
    APPROVE = "APPROVE"  # admin
    REJECT = "REJECT"  # admin, with a reason
    RESTRICT = "RESTRICT"  # admin, with a reason
    REINSTATE = "REINSTATE"  # admin lifts a restriction


TRANSITIONS: dict[tuple[ProfileStatus, Action], ProfileStatus] = {
    (ProfileStatus.DRAFT, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.REJECTED, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.PENDING, Action.APPROVE): ProfileStatus.APPROVED,
    (ProfileStatus.PENDING, Action.REJECT): ProfileStatus.REJECTED,
    (ProfileStatus.APPROVED, Action.RESTRICT): ProfileStatus.RESTRICTED,
    (ProfileStatus.RESTRICTED, Action.REINSTATE): ProfileStatus.APPROVED,
}
# WITHDRAWN is no action's target: identity's withdrawal event closes a profile in any
# status (service/leaving.py), and no action leads out of it.

# Statuses whose BRN is "taken": every status but REJECTED (a rejected company may be
# registered again, by the same or another account) and WITHDRAWN (the company left: the
# number stays on the closed record only, another account may register it at once).
BRN_HOLDING = frozenset(ProfileStatus) - {ProfileStatus.REJECTED, ProfileStatus.WITHDRAWN}


def next_status(current: ProfileStatus, action: Action) -> ProfileStatus:
    """The status after action, or TransitionError when current does not allow it."""
    target = TRANSITIONS.get((current, action))
    if target is None:
        raise TransitionError(f"cannot {action.value.lower()} a profile that is {current.value}")
    return target


def status_after_edit(current: ProfileStatus, *, identity_changed: bool) -> ProfileStatus:
    """The status after the advertiser edits the profile.

    - DRAFT and REJECTED profiles are freely editable and keep their status (a rejected
      profile is fixed, then resubmitted with SUBMIT).
    - An APPROVED profile may be edited; changing the company name or the business
      registration number (`identity_changed`) sends it back to PENDING for a new review,
      other fields (phone, website, description, ...) keep it APPROVED.
    - PENDING (under review), RESTRICTED and WITHDRAWN profiles cannot be edited.
    """
    if current in (ProfileStatus.DRAFT, ProfileStatus.REJECTED):
        return current
    if current is ProfileStatus.APPROVED:
        return ProfileStatus.PENDING if identity_changed else ProfileStatus.APPROVED
    raise TransitionError(f"cannot edit a profile that is {current.value}")


# --- business registration number (사업자등록번호) ---------------------------------------

_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_BRN_RE = re.compile(r"^([0-9]{3})-?([0-9]{2})-?([0-9]{5})$")


def brn_check_digit(first_nine: str) -> int:
    """The official check digit over the first 9 digits of a registration number."""
    digits = [int(c) for c in first_nine]
    if len(digits) != 9:
        raise ValueError("need exactly 9 digits")
    total = sum(d * w for d, w in zip(digits, _BRN_WEIGHTS, strict=True))
    total += digits[8] * 5 // 10
    return (10 - total % 10) % 10


def normalize_brn(raw: str) -> str:
    """`1234567890` or `123-45-67890` -> `123-45-67890`, checksum verified."""
    text = raw.strip()
    if not text:
        raise RuleError("is required")
    m = _BRN_RE.match(text)
    if not m:
        raise RuleError("must be 10 digits like 123-45-67890")
    digits = "".join(m.groups())
    if brn_check_digit(digits[:9]) != int(digits[9]):
        raise RuleError("is not a valid business registration number (check digit)")
    return "-".join(m.groups())


# --- text fields -----------------------------------------------------------------------------

COMPANY_NAME_MAX = 100
REPRESENTATIVE_NAME_MAX = 50
DESCRIPTION_MAX = 2000
WEBSITE_MAX = 300


def check_description(raw: str) -> str:
    return check_text(raw, max_len=DESCRIPTION_MAX)


def check_website(raw: str) -> str:
    """Optional http(s) URL with a host; empty means none."""
    return check_http_url(raw, max_len=WEBSITE_MAX)
