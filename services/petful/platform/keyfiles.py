"""Development keys: made once under the data dir and shared by every local process.

Outside production a process without configured keys (JWT signing, token sealing, internal
call tokens) uses one generated here; production refuses to start without configured keys.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path


def generated_once(path: Path, make: Callable[[], str]) -> str:
    """The key stored at path, made with `make` the first time (mode 0600)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Written whole under a private name, then linked into place: a link fails when the
        # name exists, so when processes race the first key wins, and no process can read
        # a file another has created but not yet written (an empty key).
        draft = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as f:
                f.write(make())
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink(missing_ok=True)
    return path.read_text().strip()
