"""Advertiser rules without I/O: the registration-number checksum, field checks and the
approval state machine (every state x every action)."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime

import pytest

from petful.advertisers import rules
from petful.advertisers.rules import Action, ProfileStatus, TransitionError
from petful.advertisers.service.admin import DECISION_TOPICS
from petful.contracts import advertisers as advertisers_events
from petful.platform import paging, validation
from petful.platform.validation import RuleError

# --- business registration number --------------------------------------------------------

# Worked by hand: 1*1+2*3+3*7+4*1+5*3+6*7+7*1+8*3+9*5 = 165, + floor(9*5/10) = 4 -> 169,
# check digit (10 - 9) % 10 = 1.
# 2,2,0,8,1,6,2,5,1 -> 2+6+0+8+3+42+2+15+5 = 83, + floor(1*5/10) = 0 -> 83, check 7.
# 1,0,1,8,1,1,2,3,4 -> 1+0+7+8+3+7+2+9+20 = 57, + floor(4*5/10) = 2 -> 59, check 1.
# all zeros -> 0 -> check 0.  1,1,1,1,1,1,1,1,1 -> 31 + 0 = 31 -> check 9.
# 9 x 9 -> 9*31 = 279, + floor(45/10) = 4 -> 283 -> check 7.
KNOWN = [
    ("123456789", 1),
    ("220816251", 7),
    ("101811234", 1),
    ("000000000", 0),
    ("111111111", 9),
    ("999999999", 7),
]


@pytest.mark.parametrize(("first_nine", "check"), KNOWN)
def test_check_digit(first_nine: str, check: int) -> None:
    assert rules.brn_check_digit(first_nine) == check


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("1234567891", "123-45-67891"),
        ("123-45-67891", "123-45-67891"),
        ("  220-81-62517 ", "220-81-62517"),
        ("2208162517", "220-81-62517"),
        ("101-81-12341", "101-81-12341"),
        ("1111111119", "111-11-11119"),
    ],
)
def test_valid_numbers_are_normalised(raw: str, normalised: str) -> None:
    assert rules.normalize_brn(raw) == normalised


@pytest.mark.parametrize("check", [d for d in range(10) if d != 1])
def test_every_wrong_check_digit_is_refused(check: int) -> None:
    with pytest.raises(RuleError, match="check digit"):
        rules.normalize_brn(f"123-45-6789{check}")


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "123456789",
        "12345678901",
        "123-456-7890",
        "12-345-67890",
        "abc-de-fghij",
        "123 45 67891",
        "１２３４５６７８９１",
        "123--45-67891",
    ],
)
def test_malformed_numbers_are_refused(raw: str) -> None:
    with pytest.raises(RuleError):
        rules.normalize_brn(raw)


def test_check_digit_needs_nine_digits() -> None:
    with pytest.raises(ValueError, match="9 digits"):
        rules.brn_check_digit("12345678")


# --- state machine -----------------------------------------------------------------------

EXPECTED = {
    (ProfileStatus.DRAFT, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.REJECTED, Action.SUBMIT): ProfileStatus.PENDING,
    (ProfileStatus.PENDING, Action.APPROVE): ProfileStatus.APPROVED,
    (ProfileStatus.PENDING, Action.REJECT): ProfileStatus.REJECTED,
    (ProfileStatus.APPROVED, Action.RESTRICT): ProfileStatus.RESTRICTED,
    (ProfileStatus.RESTRICTED, Action.REINSTATE): ProfileStatus.APPROVED,
}


@pytest.mark.parametrize(("status", "action"), list(itertools.product(ProfileStatus, Action)))
def test_every_state_and_action(status: ProfileStatus, action: Action) -> None:
    expected = EXPECTED.get((status, action))
    if expected is None:
        with pytest.raises(TransitionError):
            rules.next_status(status, action)
    else:
        assert rules.next_status(status, action) is expected


def test_every_admin_decision_has_its_own_topic() -> None:
    admin_actions = {a for a in Action if a is not Action.SUBMIT}
    assert set(DECISION_TOPICS) == admin_actions
    assert set(DECISION_TOPICS.values()) == set(advertisers_events.DECISIONS)
    assert DECISION_TOPICS[Action.REJECT].name == "advertisers.profile.rejected"


@pytest.mark.parametrize("status", list(ProfileStatus))
@pytest.mark.parametrize("identity_changed", [False, True])
def test_edit_outcome_for_every_state(status: ProfileStatus, identity_changed: bool) -> None:
    if status in (ProfileStatus.PENDING, ProfileStatus.RESTRICTED, ProfileStatus.WITHDRAWN):
        with pytest.raises(TransitionError):
            rules.status_after_edit(status, identity_changed=identity_changed)
        return
    after = rules.status_after_edit(status, identity_changed=identity_changed)
    if status is ProfileStatus.APPROVED and identity_changed:
        assert after is ProfileStatus.PENDING
    else:
        assert after is status


def test_rejected_and_withdrawn_profiles_free_their_number() -> None:
    assert set(ProfileStatus) - rules.BRN_HOLDING == {
        ProfileStatus.REJECTED,
        ProfileStatus.WITHDRAWN,
    }


# --- fields --------------------------------------------------------------------------------
# The advertiser's own checks, then the shared platform checks with the values a profile sees.


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("https://petful.dev", "https://petful.dev"),
        (" http://shop.example.co.kr/path?q=1 ", "http://shop.example.co.kr/path?q=1"),
    ],
)
def test_websites(raw: str, expected: str) -> None:
    assert rules.check_website(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "ftp://petful.dev",
        "petful.dev",
        "https://",
        "https://localhost",
        "javascript:alert(1)",
        "https://pet ful.dev",
        "https://petful.dev:99999",
        "https://" + "a" * 300 + ".com",
    ],
)
def test_bad_websites(raw: str) -> None:
    with pytest.raises(RuleError):
        rules.check_website(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010-1234-5678", "010-1234-5678"),
        ("0212345678", "02-1234-5678"),
        ("+82 2 123 4567", "02-123-4567"),
        ("031.123.4567", "031-123-4567"),
    ],
)
def test_phones(raw: str, expected: str) -> None:
    assert validation.normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "12345", "010-123-4567", "+1 555 123 4567", "010-abcd-5678", "０１０-１２３４-５６７８"],
)
def test_bad_phones(raw: str) -> None:
    with pytest.raises(RuleError):
        validation.normalize_phone(raw)


def test_line_fields() -> None:
    assert validation.check_line("  펫풀   주식회사 ", max_len=100) == "펫풀 주식회사"
    assert validation.check_line("a" * 100, max_len=100) == "a" * 100
    for bad in ["", "   ", "a" * 101, "bad\x00name"]:
        with pytest.raises(RuleError):
            validation.check_line(bad, max_len=100)


def test_description() -> None:
    assert rules.check_description("line one\nline two") == "line one\nline two"
    assert rules.check_description("x" * 2000) == "x" * 2000
    with pytest.raises(RuleError):
        rules.check_description("x" * 2001)


def test_reasons() -> None:
    assert validation.check_reason("  blurry document  ") == "blurry document"
    for bad in ["", "four", "x" * 501]:
        with pytest.raises(RuleError):
            validation.check_reason(bad)


def test_emails() -> None:
    assert validation.normalize_email(" Ads@Petful.Dev ") == "ads@petful.dev"
    for bad in ["", "no-at", "a@b", "a..b@petful.dev"]:
        with pytest.raises(RuleError):
            validation.normalize_email(bad)


def test_cursor_round_trip_and_garbage() -> None:
    at, row = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), uuid.uuid4()
    assert paging.decode_cursor(paging.encode_cursor(at, row)) == (at, row)
    assert paging.decode_cursor("") is None
    with pytest.raises(RuleError):
        paging.decode_cursor("not-a-cursor")


def test_page_size() -> None:
    assert paging.check_page_size(0) == paging.PAGE_SIZE_DEFAULT
    assert paging.check_page_size(100) == 100
    for bad in [-1, 101]:
        with pytest.raises(RuleError):
            paging.check_page_size(bad)
