"""Development keys: made once under the data dir and shared by every local process.

Outside production a process without configured keys (JWT signing, token sealing, internal
call tokens) uses one generated here; production refuses to start without configured keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def generated_once(path: Path, make: Callable[[], str]) -> str:
    """The key stored at path, made with `make` the first time (mode 0600)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:  # O_EXCL: when two processes race, the first key wins and both use it
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(make())
    return path.read_text().strip()
