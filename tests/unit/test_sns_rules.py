"""sns pure rules: metrics (engagement rate, window counting), input checks, token
encryption and Graph error classification. No servers."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from petful.platform.settings import Settings, SnsSettings
from petful.platform.validation import RuleError
from petful.sns import graph
from petful.sns.crypto import Sealed, TokenBox, TokenKeyError, generate_key
from petful.sns.rules import accounts, metrics

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def post(days_ago: float, likes: int, comments: int = 0, media_id: str = "") -> metrics.Post:
    return metrics.Post(
        ig_media_id=media_id or f"m{days_ago}",
        posted_at=NOW - timedelta(days=days_ago),
        like_count=likes,
        comments_count=comments,
    )


# --- metrics -----------------------------------------------------------------------------------


def test_engagement_rate_is_mean_over_the_last_n_posts() -> None:
    posts = [post(1, 90, 10), post(2, 40, 10), post(3, 1000, 1000)]
    # last 2 posts: (100/1000 + 50/1000) / 2
    assert metrics.engagement_rate(posts, 1000, last_n=2) == pytest.approx(0.075)
    assert metrics.engagement_rate(posts, 1000, last_n=12) == pytest.approx((0.1 + 0.05 + 2) / 3)


def test_engagement_rate_is_zero_without_followers_or_posts() -> None:
    assert metrics.engagement_rate([post(1, 10)], 0, last_n=12) == 0.0
    assert metrics.engagement_rate([], 1000, last_n=12) == 0.0


def test_engagement_uses_newest_posts_whatever_the_input_order() -> None:
    posts = [post(30, 0), post(1, 100), post(2, 100)]
    assert metrics.engagement_rate(posts, 100, last_n=2) == pytest.approx(1.0)


def test_window_counts_posts_in_the_last_days_newest_first() -> None:
    posts = [post(0.5, 1), post(29.9, 2), post(30, 3), post(31, 4), post(-1, 5)]
    window = metrics.posts_in_window(posts, now=NOW, days=30)
    # exactly 30 days ago is outside (window is (now - days, now]); future posts too
    assert [p.like_count for p in window] == [1, 2]


def test_compute_metrics() -> None:
    posts = [post(d, 10 * d, d) for d in range(1, 21)]
    m = metrics.compute_metrics(posts, followers=100, now=NOW, window_days=7, last_n=12)
    assert m.posts_in_window == 6  # days 1..6 (day 7 is exactly on the edge)
    assert [p.like_count for p in m.window_posts] == [10, 20, 30, 40, 50, 60]
    assert m.avg_likes == pytest.approx(sum(10 * d for d in range(1, 13)) / 12)
    assert m.avg_comments == pytest.approx(sum(range(1, 13)) / 12)
    assert m.engagement_rate == pytest.approx(sum(11 * d / 100 for d in range(1, 13)) / 12)


def test_compute_metrics_without_posts() -> None:
    m = metrics.compute_metrics([], followers=100, now=NOW, window_days=30, last_n=12)
    assert (m.engagement_rate, m.avg_likes, m.avg_comments, m.posts_in_window) == (0, 0, 0, 0)


# --- input --------------------------------------------------------------------------------------


def test_access_token_checks() -> None:
    assert accounts.check_access_token("  EAAB123  ") == "EAAB123"
    for bad in ("", "   ", "has space", "x" * 5000, "tab\there"):
        with pytest.raises(RuleError):
            accounts.check_access_token(bad)


def test_ig_user_id_and_window_checks() -> None:
    assert accounts.check_ig_user_id("") == ""
    assert accounts.check_ig_user_id("17841400000000001") == "17841400000000001"
    with pytest.raises(RuleError):
        accounts.check_ig_user_id("abc")
    assert accounts.check_window_days(0, default=90) == 90
    assert accounts.check_window_days(30, default=90) == 30
    for bad in (-1, 366):
        with pytest.raises(RuleError):
            accounts.check_window_days(bad, default=90)


def test_choose_account() -> None:
    assert accounts.choose_account(["1"], "") == "1"
    assert accounts.choose_account(["1", "2"], "2") == "2"
    with pytest.raises(RuleError, match="several"):
        accounts.choose_account(["1", "2"], "")
    with pytest.raises(RuleError, match="not an Instagram business account"):
        accounts.choose_account(["1"], "3")
    with pytest.raises(RuleError):
        accounts.choose_account([], "")


# --- token encryption ---------------------------------------------------------------------------


def _box(keys: list[str]) -> TokenBox:
    return TokenBox.from_settings(Settings(sns=SnsSettings(token_keys=keys)))


def test_token_box_round_trip_and_rotation() -> None:
    old, new = generate_key(), generate_key()
    sealed = _box([old]).seal("EAAtoken", context="a1")
    assert b"EAAtoken" not in sealed.ciphertext
    rotated = _box([new, old])
    assert rotated.open(sealed, context="a1") == "EAAtoken"  # old keys still decrypt
    assert rotated.seal("x", context="a1").key_id != sealed.key_id  # the first encrypts
    with pytest.raises(TokenKeyError):  # bound to its account
        rotated.open(sealed, context="a2")
    with pytest.raises(TokenKeyError):  # key no longer in the ring
        _box([new]).open(sealed, context="a1")
    tampered = Sealed(sealed.ciphertext[:-1] + bytes([sealed.ciphertext[-1] ^ 1]), sealed.key_id)
    with pytest.raises(TokenKeyError):
        rotated.open(tampered, context="a1")


def test_token_keys_must_be_32_byte_base64() -> None:
    for bad in ("not base64!", base64.b64encode(b"short").decode()):
        with pytest.raises(TokenKeyError):
            _box([bad])


def test_dev_key_is_generated_once_and_production_refuses(tmp_path: Path) -> None:
    dev = Settings(env="development", data_dir=tmp_path)
    sealed = TokenBox.from_settings(dev).seal("t", context="c")
    assert (tmp_path / "keys" / "sns-token.key").stat().st_mode & 0o777 == 0o600
    assert TokenBox.from_settings(dev).open(sealed, context="c") == "t"  # same key again
    with pytest.raises(TokenKeyError, match="PETFUL_SNS__TOKEN_KEYS"):
        TokenBox.from_settings(Settings(env="production", data_dir=tmp_path))


# --- Graph errors -------------------------------------------------------------------------------


def graph_error(status: int, code: int, subcode: int | None = None) -> graph.GraphError:
    body = {"error": {"message": "m", "type": "OAuthException", "code": code, "fbtrace_id": "T"}}
    if subcode is not None:
        body["error"]["error_subcode"] = subcode
    return graph.parse_error(httpx.Response(status, content=json.dumps(body).encode()))


def test_graph_errors_are_typed() -> None:
    assert isinstance(graph_error(429, 0), graph.RateLimited)
    for code in (4, 17, 32, 613):
        assert isinstance(graph_error(400, code), graph.RateLimited)
    expired = graph_error(400, 190, 463)
    assert isinstance(expired, graph.TokenInvalid)
    assert (expired.code, expired.subcode, expired.fbtrace_id) == (190, 463, "T")
    assert isinstance(graph_error(500, 1), graph.GraphUnavailable)
    plain = graph_error(400, 100, 33)
    assert type(plain) is graph.GraphError
    assert str(plain) == "m (code 100/33, fbtrace_id T)"
    assert type(graph.parse_error(httpx.Response(502, content=b"<html>"))) is (
        graph.GraphUnavailable
    )


def test_graph_timestamps() -> None:
    assert graph.parse_timestamp("2026-11-01T09:30:00+0000") == datetime(
        2026, 11, 1, 9, 30, tzinfo=UTC
    )


def test_service_refuses_to_start_in_production_without_token_keys(tmp_path: Path) -> None:
    from petful.sns import grpc_api

    with pytest.raises(TokenKeyError, match="PETFUL_SNS__TOKEN_KEYS"):
        grpc_api.register(object(), settings=Settings(env="production", data_dir=tmp_path))  # type: ignore[arg-type]
