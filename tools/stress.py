"""Run a suite several times in random order and report every test that failed even once
(`make test-stress`: the integration suite, 5 runs).

A test that passes in the order it was written but fails in another depends on state a
neighbour left behind, or on timing: either blocks landing as surely as a real bug. Each run
shuffles with its own seed (pytest-randomly; `make test` keeps the written order, which the
browser stories need) and writes JUnit XML; the summary names each failing test with the
seeds it failed under, so `--randomly-seed=<seed>` replays that order.

    python tools/stress.py [--runs N] [--seed S] [paths...] [-- extra pytest args]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".stress"


@dataclass
class Run:
    seed: int
    seconds: float
    tests: int = 0
    failed: list[str] = field(default_factory=list)


def failures(report: Path) -> tuple[int, list[str]]:
    """How many tests a JUnit report holds, and the ids of those that failed or erred."""
    if not report.exists():
        return 0, ["<no report: pytest did not finish>"]
    tests, failed = 0, []
    for case in ET.parse(report).getroot().iter("testcase"):
        tests += 1
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(f"{case.get('classname')}::{case.get('name')}")
    return tests, failed


def run_once(index: int, seed: int, paths: list[str], extra: list[str]) -> Run:
    report = OUT / f"run-{index}.xml"
    report.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "pytest",
        *paths,
        "-n",
        "2",
        "--dist",
        "loadgroup",
        # The project's addopts switch pytest-randomly off; here it is the point.
        "-o",
        "addopts=",
        "-p",
        "randomly",
        f"--randomly-seed={seed}",
        # Shuffle only: tests that draw random values keep drawing different ones.
        "--randomly-dont-reset-seed",
        f"--basetemp={ROOT / f'.pytest-stress-{index}'}",
        f"--junitxml={report}",
        "-q",
        *extra,
    ]
    started = time.monotonic()
    subprocess.run(command, cwd=ROOT, check=False)
    result = Run(seed, time.monotonic() - started)
    result.tests, result.failed = failures(report)
    return result


def summary(runs: list[Run]) -> str:
    lines = ["| run | seed | tests | failed | minutes |", "|---|---|---|---|---|"]
    for i, run in enumerate(runs, 1):
        lines.append(
            f"| {i} | {run.seed} | {run.tests} | {len(run.failed)} | {run.seconds / 60:.1f} |"
        )
    seeds_by_test: dict[str, list[int]] = defaultdict(list)
    for run in runs:
        for test in run.failed:
            seeds_by_test[test].append(run.seed)
    if seeds_by_test:
        lines.append("\nFailed at least once (test: seeds):")
        lines += [f"- {test}: {seeds}" for test, seeds in sorted(seeds_by_test.items())]
    else:
        lines.append("\nNo test failed in any run.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    ours, extra = argv[:split], argv[split + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=int(time.time()), help="the first run's")
    parser.add_argument("paths", nargs="*", default=["tests/integration"])
    args = parser.parse_args(ours)
    OUT.mkdir(exist_ok=True)
    runs = []
    for i in range(args.runs):
        runs.append(run_once(i + 1, args.seed + i, args.paths, extra))
        print(summary(runs), flush=True)
    text = summary(runs)
    (OUT / "summary.md").write_text(text + "\n", encoding="utf-8")
    return 1 if any(run.failed for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
