"""Retries of failed event handlers: the backoff, and what a dead letter keeps of an error."""

from __future__ import annotations

import pytest

from petful.cli import build_parser
from petful.platform.dead_letters import ERROR_MAX, describe_error
from petful.platform.events import retry_delay, settings_delay
from petful.platform.jobs import celery_app, make_celery
from petful.platform.settings import Settings

DEFAULTS = {"base": 2.0, "factor": 4.0, "cap": 900.0}


def _top(failures: int) -> float:
    """The bound of the draw (rand() at its top)."""
    return retry_delay(failures, base=2.0, factor=4.0, cap=900.0, rand=lambda: 1.0)


def test_the_bound_grows_by_the_factor_up_to_the_cap() -> None:
    assert [_top(n) for n in range(1, 8)] == [2.0, 8.0, 32.0, 128.0, 512.0, 900.0, 900.0]


def test_full_jitter_draws_between_zero_and_the_bound() -> None:
    assert retry_delay(3, **DEFAULTS, rand=lambda: 0.0) == 0.0
    assert retry_delay(3, **DEFAULTS, rand=lambda: 0.25) == 8.0
    # The real draw stays inside too.
    draws = [retry_delay(4, **DEFAULTS) for _ in range(200)]
    assert all(0.0 <= d < 128.0 for d in draws)
    assert len(set(draws)) > 1


def test_a_huge_failure_count_is_the_cap_not_an_overflow() -> None:
    assert _top(100_000) == 900.0


def test_failures_count_from_one() -> None:
    with pytest.raises(ValueError, match="from 1"):
        retry_delay(0, **DEFAULTS)


def test_settings_drive_the_delay_and_tests_can_make_it_tiny() -> None:
    defaults = Settings()
    assert defaults.events_max_attempts == 6
    assert (defaults.events_retry_base_seconds, defaults.events_retry_factor) == (2.0, 4.0)
    assert defaults.events_retry_max_seconds == 600.0
    tiny = Settings(events_retry_base_seconds=0.01)
    assert all(settings_delay(n, tiny) < 0.01 * 4**5 for n in range(1, 6))


def test_the_cap_stays_below_the_brokers_visibility_timeout() -> None:
    # A retry waits in a worker unacknowledged: past Redis's visibility timeout it would be
    # delivered a second time.
    with pytest.raises(ValueError, match="below broker_visibility_timeout_seconds"):
        Settings(events_retry_max_seconds=1200)
    with pytest.raises(ValueError, match="below broker_visibility_timeout_seconds"):
        Settings(events_retry_max_seconds=20, broker_visibility_timeout_seconds=20)
    assert Settings(events_retry_max_seconds=10, broker_visibility_timeout_seconds=30)


def test_the_broker_returns_a_killed_workers_tasks_after_the_visibility_timeout() -> None:
    app = make_celery(Settings(events_retry_max_seconds=10, broker_visibility_timeout_seconds=30))
    celery_app.set_current()  # make_celery made the new app current; tasks use the real one
    options = app.conf.broker_transport_options
    assert options["visibility_timeout"] == 30
    # Swept every 7.5 s: a returned task waits at most the timeout and one sweep.
    assert (options["unacked_restore_interval"], options["unacked_restore_throttle"]) == (7.5, 1)


def test_an_error_is_its_type_and_message_cut_short() -> None:
    assert describe_error(ValueError("boom")) == "ValueError: boom"
    assert describe_error(KeyError()) == "KeyError"
    long = describe_error(RuntimeError("x" * 2000))
    assert len(long) == ERROR_MAX
    assert long.startswith("RuntimeError: xxx")
    assert long.endswith("…")


def test_cli_commands_parse() -> None:
    args = build_parser().parse_args(["events", "dead-letters", "--schema", "notifications"])
    assert (args.schema, args.limit, args.consumer) == ("notifications", 20, "")
    args = build_parser().parse_args(
        ["events", "retry-dead-letter", "--schema", "pets", "0b0c7e3c-2a55-4a3e-9f0e-1d2c3b4a5f6e"]
    )
    assert (args.schema, args.id) == ("pets", "0b0c7e3c-2a55-4a3e-9f0e-1d2c3b4a5f6e")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["events", "dead-letters", "--schema", "nope"])
