"""Development keys: processes starting together all read the one key that was written."""

from __future__ import annotations

import threading
from pathlib import Path

from petful.platform.keyfiles import generated_once

RACERS = 8


def test_racing_processes_never_read_a_half_written_key(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "signing.key"
    lock = threading.Condition()
    arrived = 0  # racers that are making a key or are done
    seen: list[str] = []

    def arrive() -> None:
        nonlocal arrived
        with lock:
            arrived += 1
            lock.notify_all()

    def slow_key() -> str:
        # Nobody's key is written until every racer is making one or has read the file:
        # a racer that read the file before the key was in it would have read nothing.
        arrive()
        with lock:
            lock.wait_for(lambda: arrived == RACERS, timeout=10)
        return "the-key"

    def start(gate: threading.Barrier) -> None:
        gate.wait()
        key = generated_once(path, slow_key)
        seen.append(key)
        if key != "the-key":
            arrive()

    gate = threading.Barrier(RACERS)
    threads = [threading.Thread(target=start, args=(gate,)) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["the-key"] * RACERS
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["signing.key"]
