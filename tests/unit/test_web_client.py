"""The web app's generated API client matches the edge's OpenAPI document now.

Like the protos: change an edge route or schema, run `make web-client`, commit the two files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_client_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "openapi_dump.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
