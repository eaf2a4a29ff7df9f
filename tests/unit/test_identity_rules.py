"""Pure identity rules: normalisation and validation, roles and account states."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from petful.identity import rules
from petful.identity.rules import AccountStatus
from petful.platform.auth_context import Role
from petful.platform.validation import RuleError, normalize_email, normalize_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01012345678", "010-1234-5678"),
        ("010-1234-5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("+821012345678", "010-1234-5678"),
        ("010.1234.5678", "010-1234-5678"),
        (" 010 1234 5678 ", "010-1234-5678"),
        ("011-123-4567", "011-123-4567"),
        ("02-123-4567", "02-123-4567"),
        ("0212345678", "02-1234-5678"),
        ("031-123-4567", "031-123-4567"),
        ("070-1234-5678", "070-1234-5678"),
    ],
)
def test_phone_normalised(raw: str, expected: str) -> None:
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "12345",
        "010-123-4567",  # 010 numbers have 4-digit middles
        "010-1234-56789",
        "+1 202 555 0100",
        "+82 2",
        "010-abcd-5678",
        "010/1234/5678",
        "090-1234-5678",
    ],
)
def test_phone_rejected(raw: str) -> None:
    with pytest.raises(RuleError):
        normalize_phone(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" Owner@PetFul.Dev ", "owner@petful.dev"), ("a.b+c@x.co.kr", "a.b+c@x.co.kr")],
)
def test_email_normalised(raw: str, expected: str) -> None:
    assert normalize_email(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "plain", "a@b", "a b@c.com", "@c.com", "a@.com", "a..b@c.com", "x" * 250 + "@a.io"]
)
def test_email_rejected(raw: str) -> None:
    with pytest.raises(RuleError):
        normalize_email(raw)


@pytest.mark.parametrize("pw", ["abcdefg1", "petful-demo", "비밀번호는길어1", "a" * 71 + "1"])
def test_password_accepted(pw: str) -> None:
    assert rules.check_password(pw, email="someone@petful.dev") == pw


@pytest.mark.parametrize(
    ("pw", "reason"),
    [
        ("abc1", "must be 8 to 72 characters"),
        ("a" * 72 + "1", "must be 8 to 72 characters"),
        ("abcdefgh", "must contain a letter and a digit or symbol"),
        ("12345678", "must contain a letter and a digit or symbol"),
        ("abcd efgh", "must contain a letter and a digit or symbol"),
    ],
)
def test_password_rejected(pw: str, reason: str) -> None:
    with pytest.raises(RuleError) as info:
        rules.check_password(pw, email="someone@petful.dev")
    assert info.value.reason == reason


def test_password_must_not_be_the_email() -> None:
    with pytest.raises(RuleError, match="email"):
        rules.check_password("Me@petful.dev", email="me@petful.dev")


@pytest.mark.parametrize("nick", ["ab", "멍멍이", "dog_lover.99", "a-b", "x" * 20])
def test_nickname_accepted(nick: str) -> None:
    assert rules.check_nickname(nick) == nick


@pytest.mark.parametrize("nick", ["a", "x" * 21, "has space", "semi;colon", "<b>", ""])
def test_nickname_rejected(nick: str) -> None:
    with pytest.raises(RuleError):
        rules.check_nickname(nick)


def test_nickname_key_is_case_insensitive() -> None:
    assert rules.nickname_key("DogLover") == rules.nickname_key("doglover")


def test_name_rules() -> None:
    assert rules.check_name("  홍   길동 ") == "홍 길동"
    for bad in ("", "   ", "x" * 51, "a\x00b"):
        with pytest.raises(RuleError):
            rules.check_name(bad)


def test_birth_date_rules() -> None:
    today = date(2026, 11, 1)
    assert rules.parse_birth_date("", today=today) is None
    assert rules.parse_birth_date("1990-01-31", today=today) == date(1990, 1, 31)
    assert rules.parse_birth_date("2026-11-01", today=today) == today
    for bad in ("2026-11-02", "1899-12-31", "1990-02-30", "31.01.1990", "19900131"):
        with pytest.raises(RuleError):
            rules.parse_birth_date(bad, today=today)


def test_text_limits() -> None:
    assert rules.check_text(" hi ", max_len=300) == "hi"
    with pytest.raises(RuleError):
        rules.check_text("x" * 301, max_len=300)


def test_withdraw_reason_length() -> None:
    assert rules.check_withdraw_reason("moving away now") == "moving away now"
    for bad in ("too short", "x" * 501):
        with pytest.raises(RuleError):
            rules.check_withdraw_reason(bad)


def test_signup_roles() -> None:
    assert rules.check_signup_role("") is Role.USER
    assert rules.check_signup_role("USER") is Role.USER
    assert rules.check_signup_role("ADVERTISER") is Role.ADVERTISER
    for bad in ("ADMIN", "SERVICE", "user"):
        with pytest.raises(RuleError):
            rules.check_signup_role(bad)


def test_account_roles_are_the_user_roles() -> None:
    assert [rules.check_account_role(r) for r in ("USER", "ADVERTISER", "ADMIN")] == [
        Role.USER,
        Role.ADVERTISER,
        Role.ADMIN,
    ]
    for bad in ("SERVICE", "ROOT", "?", "admin"):
        with pytest.raises(RuleError, match="USER, ADVERTISER or ADMIN"):
            rules.check_account_role(bad)


def test_account_state_transitions() -> None:
    A, S, W = AccountStatus.ACTIVE, AccountStatus.SUSPENDED, AccountStatus.WITHDRAWN
    allowed = {(A, S), (A, W), (S, A), (S, W)}
    for current in AccountStatus:
        for target in AccountStatus:
            assert rules.can_transition(current, target) is ((current, target) in allowed)
    with pytest.raises(RuleError):
        rules.check_transition(W, A)


def test_suspension_lapses() -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    S = AccountStatus.SUSPENDED
    assert rules.suspension_in_force(S, None, now=now)
    assert rules.suspension_in_force(S, now + timedelta(days=1), now=now)
    assert not rules.suspension_in_force(S, now - timedelta(seconds=1), now=now)
    assert not rules.suspension_in_force(AccountStatus.ACTIVE, None, now=now)


def test_withdrawn_users_have_a_generic_public_nickname() -> None:
    assert rules.public_nickname("doggo", AccountStatus.ACTIVE) == "doggo"
    assert rules.public_nickname("doggo", AccountStatus.WITHDRAWN) == "탈퇴한 회원"
