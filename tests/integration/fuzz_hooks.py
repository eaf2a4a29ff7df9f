"""Schemathesis hooks for test_api_fuzz: the checks the issue asks for beyond the built-in ones.

Loaded by the schemathesis process through `SCHEMATHESIS_HOOKS=<this file>`; not a test module.
"""

from __future__ import annotations

from typing import Any

import schemathesis

PROBLEM_MEDIA_TYPE = "application/problem+json"


@schemathesis.check
def problem_json_for_client_errors(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx is RFC 9457 problem+json whose body names its status and a title."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])
    if isinstance(content_type, list):  # schemathesis keeps every value of a header
        content_type = content_type[0] if content_type else ""
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type != PROBLEM_MEDIA_TYPE:
        raise AssertionError(
            f"{response.status_code} is {media_type or 'untyped'}, not problem+json"
        )
    body = response.json()
    if not isinstance(body, dict):
        raise AssertionError(f"a problem is a JSON object, got {type(body).__name__}")
    if body.get("status") != response.status_code:
        raise AssertionError(f"problem status {body.get('status')!r} != {response.status_code}")
    if not isinstance(body.get("title"), str) or not body["title"]:
        raise AssertionError("a problem has a title")
    return True
