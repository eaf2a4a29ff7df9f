"""Pure pet rules: fields, the PetStar state machine, apply guards, eligibility, cursors."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from petful.contracts import pets as pets_events
from petful.pets import breeds, rules
from petful.pets.rules import (
    AppEvent,
    ApplyContext,
    AppState,
    Criteria,
    DirectorySort,
    PetStarStatus,
    Post,
    Species,
    TransitionError,
)
from petful.platform.validation import RuleError

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

# --- the state machine: every state x event -------------------------------------------------

EXPECTED = {
    (AppState.SUBMITTED, AppEvent.START_VERIFY): AppState.VERIFYING,
    (AppState.VERIFYING, AppEvent.VERIFIED): AppState.IN_REVIEW,
    (AppState.IN_REVIEW, AppEvent.APPROVE): AppState.APPROVED,
    (AppState.IN_REVIEW, AppEvent.REJECT): AppState.REJECTED,
    (AppState.SUBMITTED, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.VERIFYING, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.IN_REVIEW, AppEvent.WITHDRAW): AppState.WITHDRAWN,
    (AppState.APPROVED, AppEvent.REVOKE): AppState.REVOKED,
}


@pytest.mark.parametrize(("state", "event"), list(itertools.product(AppState, AppEvent)))
def test_every_state_and_event(state: AppState, event: AppEvent) -> None:
    expected = EXPECTED.get((state, event))
    if expected is None:
        with pytest.raises(TransitionError) as e:
            rules.next_state(state, event)
        assert state.value in e.value.reason
    else:
        assert rules.next_state(state, event) is expected


def test_terminal_states_accept_nothing() -> None:
    for state in (AppState.REJECTED, AppState.WITHDRAWN, AppState.REVOKED):
        for event in AppEvent:
            with pytest.raises(TransitionError):
                rules.next_state(state, event)


def test_every_state_has_an_event_topic() -> None:
    assert set(pets_events.PETSTAR_BY_STATE) == {s.value for s in AppState}
    assert pets_events.PETSTAR_BY_STATE[AppState.IN_REVIEW] is pets_events.PETSTAR_IN_REVIEW


@pytest.mark.parametrize(
    ("state", "card"),
    [
        (None, PetStarStatus.NONE),
        (AppState.WITHDRAWN, PetStarStatus.NONE),
        (AppState.SUBMITTED, PetStarStatus.APPLYING),
        (AppState.VERIFYING, PetStarStatus.APPLYING),
        (AppState.IN_REVIEW, PetStarStatus.APPLYING),
        (AppState.APPROVED, PetStarStatus.APPROVED),
        (AppState.REJECTED, PetStarStatus.REJECTED),
        (AppState.REVOKED, PetStarStatus.REVOKED),
    ],
)
def test_pet_card_status_follows_the_latest_application(
    state: AppState | None, card: PetStarStatus
) -> None:
    assert rules.petstar_status(state) is card


# --- who may apply --------------------------------------------------------------------------

COOLDOWN = timedelta(days=30)


def ctx(**kw: object) -> ApplyContext:
    base: dict[str, object] = {
        "has_published_portfolio": True,
        "has_instagram": True,
        "latest_state": None,
        "latest_decided_at": None,
    }
    base.update(kw)
    return ApplyContext(**base)  # type: ignore[arg-type]


def test_a_ready_pet_may_apply() -> None:
    rules.check_can_apply(ctx(), now=NOW, cooldown=COOLDOWN)
    rules.check_can_apply(ctx(latest_state=AppState.WITHDRAWN), now=NOW, cooldown=COOLDOWN)


@pytest.mark.parametrize("state", sorted(rules.OPEN_STATES))
def test_an_open_application_blocks_another(state: AppState) -> None:
    with pytest.raises(TransitionError, match="open PetStar application"):
        rules.check_can_apply(ctx(latest_state=state), now=NOW, cooldown=COOLDOWN)


def test_an_approved_petstar_cannot_apply() -> None:
    with pytest.raises(TransitionError, match="already a PetStar"):
        rules.check_can_apply(ctx(latest_state=AppState.APPROVED), now=NOW, cooldown=COOLDOWN)


@pytest.mark.parametrize("state", [AppState.REJECTED, AppState.REVOKED])
def test_rejected_or_revoked_may_reapply_after_the_cooldown(state: AppState) -> None:
    decided = NOW - timedelta(days=29)
    with pytest.raises(TransitionError, match="may apply again from 2026-11-26"):
        rules.check_can_apply(
            ctx(latest_state=state, latest_decided_at=decided), now=NOW, cooldown=COOLDOWN
        )
    rules.check_can_apply(
        ctx(latest_state=state, latest_decided_at=NOW - COOLDOWN), now=NOW, cooldown=COOLDOWN
    )


def test_missing_prerequisites_are_named() -> None:
    with pytest.raises(TransitionError) as e:
        rules.check_can_apply(
            ctx(has_published_portfolio=False, has_instagram=False), now=NOW, cooldown=COOLDOWN
        )
    assert "a published portfolio" in e.value.reason
    assert "a linked Instagram account" in e.value.reason


# --- eligibility ----------------------------------------------------------------------------


def posts(*likes_days: tuple[int, int]) -> list[Post]:
    return [Post(posted_at=NOW - timedelta(days=d), like_count=likes) for likes, d in likes_days]


def test_eligible_account() -> None:
    result = rules.evaluate(
        1500, posts((300, 1), (500, 30), (900, 89), (10, 2)), Criteria(), now=NOW
    )
    assert result.eligible
    assert result.reasons == ()
    assert (result.qualifying_posts, result.posts_in_window) == (3, 4)


def test_every_unmet_criterion_is_named() -> None:
    result = rules.evaluate(999, posts((299, 1), (5000, 91), (400, 10)), Criteria(), now=NOW)
    assert not result.eligible
    assert result.reasons == (
        "followers 999 < 1,000",
        "posts with 300+ likes in the last 90 days: 1 < 3",
    )


def test_criteria_are_configurable() -> None:
    result = rules.evaluate(
        10, posts((1, 1)), Criteria(min_followers=5, min_qualifying_posts=1, min_likes=1), now=NOW
    )
    assert result.eligible


# --- fields ---------------------------------------------------------------------------------


def test_names() -> None:
    assert rules.check_name("  보리   콩 ") == "보리 콩"
    assert rules.name_key("Bori") == rules.name_key("BORI")
    for bad in ("", "   ", "x" * 31, "a\x00b"):
        with pytest.raises(RuleError):
            rules.check_name(bad)


def test_birth_date() -> None:
    today = date(2026, 11, 25)
    assert rules.check_birth_date("", today=today) is None
    assert rules.check_birth_date("2020-02-29", today=today) == date(2020, 2, 29)
    for bad, reason in (
        ("2026-11-26", "future"),
        ("1970-01-01", "50 years"),
        ("2020-13-01", "a date like"),
    ):
        with pytest.raises(RuleError, match=reason):
            rules.check_birth_date(bad, today=today)


def test_weight_age_and_price() -> None:
    assert rules.check_weight(None) is None
    assert rules.check_weight(3.456) == 3.5
    for bad in (0.0, 0.09, 120.01, float("nan"), -1.0):
        with pytest.raises(RuleError):
            rules.check_weight(bad)
    assert rules.check_age_months(0) == 0
    with pytest.raises(RuleError):
        rules.check_age_months(601)
    assert rules.check_price(0) == 0
    with pytest.raises(RuleError):
        rules.check_price(-1)


def test_tags_are_trimmed_deduplicated_and_capped() -> None:
    assert rules.check_tags(["#활발함", "활발함", " 사람 좋아 ", "", "CUTE", "cute"]) == [
        "활발함",
        "사람 좋아",
        "CUTE",
    ]
    with pytest.raises(RuleError, match="at most 10"):
        rules.check_tags([f"t{i}" for i in range(11)])
    with pytest.raises(RuleError, match="20 characters"):
        rules.check_tags(["x" * 21])


def test_history_period() -> None:
    rules.check_period(date(2025, 1, 1), date(2025, 1, 1))
    with pytest.raises(RuleError, match="before start_date"):
        rules.check_period(date(2025, 2, 1), date(2025, 1, 1))
    rules.check_history_image_count(9)
    with pytest.raises(RuleError, match="at most 10"):
        rules.check_history_image_count(10)


# --- directory cursors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "value"),
    [
        (DirectorySort.NEWEST, NOW),
        (DirectorySort.FOLLOWERS, 12345),
        (DirectorySort.ENGAGEMENT, 0.0425),
        (DirectorySort.PRICE_ASC, 50000),
        (DirectorySort.PRICE_DESC, 0),
    ],
)
def test_sort_cursor_round_trip(sort: DirectorySort, value: object) -> None:
    row = uuid.uuid4()
    cursor = rules.encode_sort_cursor(sort, value, row)
    assert rules.decode_sort_cursor(cursor, sort) == (value, row)


def test_a_cursor_is_bound_to_its_sort() -> None:
    cursor = rules.encode_sort_cursor(DirectorySort.FOLLOWERS, 10, uuid.uuid4())
    with pytest.raises(RuleError):
        rules.decode_sort_cursor(cursor, DirectorySort.NEWEST)
    for junk in ("x", "!!!", "eyJ9"):
        with pytest.raises(RuleError):
            rules.decode_sort_cursor(junk, DirectorySort.NEWEST)
    assert rules.decode_sort_cursor("", DirectorySort.NEWEST) is None


# --- breeds ---------------------------------------------------------------------------------


def test_breed_suggestions_match_either_language() -> None:
    assert breeds.suggest(Species.DOG, "말티")[0] == "말티즈 (Maltese)"
    assert breeds.suggest(Species.DOG, "malt")[0] == "말티즈 (Maltese)"
    assert "러시안 블루 (Russian Blue)" in breeds.suggest(Species.CAT, "blue")
    assert breeds.suggest(Species.CAT, "maltese") == []
    assert len(breeds.suggest(None, "")) == breeds.SUGGESTIONS_MAX
