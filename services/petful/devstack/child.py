"""A server run as our own child process (tests and one-off tools; `petful up` uses the
supervisor instead): start it, wait until it answers, stop it without leaking it."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any


class ChildServer:
    def __init__(self, name: str, log_file: Path, stop_signal: int = signal.SIGTERM) -> None:
        self.name = name
        self.log_file = log_file
        self.stop_signal = stop_signal
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(
        self,
        argv: Sequence[str],
        is_ready: Callable[[], bool],
        *,
        timeout: float,
        wait: bool = True,
        **popen: Any,
    ) -> None:
        if self.running:
            return
        self._log = self.log_file.open("ab")
        self._proc = subprocess.Popen(
            argv,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
            **popen,
        )
        if wait:
            try:
                self.wait_ready(is_ready, timeout)
            except BaseException:
                self.stop()  # don't leak a half-started server
                raise

    def wait_ready(self, is_ready: Callable[[], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not is_ready():
            if self._proc is not None and self._proc.poll() is not None:
                code = self._proc.returncode
                raise RuntimeError(f"{self.name} exited with {code}; see {self.log_file}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name} not ready after {timeout}s")
            time.sleep(0.05)

    def stop(self, timeout: float = 30.0) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(self.stop_signal)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """preexec_fn: the child gets `sig` when the process that started it dies.

    So a supervisor or test killed with SIGKILL (which runs no clean-up) leaves no
    orphaned servers behind. Linux only; elsewhere a no-op.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, sig)
    except (OSError, AttributeError):
        pass
