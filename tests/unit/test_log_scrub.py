"""What `scrub` takes out of every log line: credentials in their usual places, an OAuth
callback's code and state, and a calendar feed's secret address."""

from __future__ import annotations

import pytest

from petful.platform.logging import REDACTED, scrub


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        (
            '"GET /api/v1/me HTTP/1.1" Authorization: Bearer abcdefghijklmnopqrstuvwxyz',
            "abcdefghij",
        ),
        ("GET /x?access_token=EAAGm0PX4ZCpsBA", "EAAGm0PX4ZCpsBA"),
        ('"GET /instagram/callback?code=AQBx9-z_1&state=Zk3jQ2 HTTP/1.1" 200', "AQBx9-z_1"),
        ('"GET /instagram/callback?code=AQBx9-z_1&state=Zk3jQ2 HTTP/1.1" 200', "Zk3jQ2"),
        ('"GET /api/v1/public/calendar/pV3x_Yq8rT0aLm2nBc7dEf.ics HTTP/1.1"', "pV3x_Yq8rT0a"),
    ],
)
def test_the_secret_is_gone_and_the_line_stays(line: str, secret: str) -> None:
    scrubbed = scrub(line)
    assert secret not in scrubbed
    assert REDACTED in scrubbed
    assert scrubbed.split()[0] == line.split()[0]


def test_ordinary_lines_are_left_alone() -> None:
    line = '"GET /api/v1/petstars?sort=popular&page_size=20 HTTP/1.1" 200 tokens_revoked=3'
    assert scrub(line) == line
