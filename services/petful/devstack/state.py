"""The devstack state file: the only contract between the supervisor and `petful status`.

The supervisor rewrites it (atomically) whenever a process starts, exits or restarts and
removes it at exit; `status` only reads it.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from petful.platform.settings import Settings

STATE_VERSION = 1


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class ProcessState:
    name: str
    pid: int | None
    ports: list[int] = field(default_factory=list)
    restarts: int = 0
    started_at: str | None = None


@dataclass
class StackState:
    supervisor_pid: int
    started_at: str
    processes: list[ProcessState] = field(default_factory=list)
    version: int = STATE_VERSION


def state_file_path(settings: Settings) -> Path:
    return settings.data_dir.resolve() / "devstack.json"


def log_dir_path(settings: Settings) -> Path:
    return settings.data_dir.resolve() / "logs"


def write_state(path: Path, state: StackState) -> None:
    # Write-then-rename so a concurrent `petful status` never reads a half-written file.
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(state), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_state(path: Path) -> StackState | None:
    """The state, or None when no devstack is running (or the file is unreadable)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        processes = [ProcessState(**p) for p in raw.get("processes", [])]
        return StackState(
            supervisor_pid=int(raw["supervisor_pid"]),
            started_at=str(raw["started_at"]),
            processes=processes,
            version=int(raw.get("version", STATE_VERSION)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
