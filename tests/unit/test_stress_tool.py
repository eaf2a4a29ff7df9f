"""tools/stress.py reads each run's JUnit report and names every test that failed once."""

from __future__ import annotations

from pathlib import Path

from tools.stress import Run, failures, summary

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3">
<testcase classname="tests.integration.test_a" name="test_ok" time="0.1"/>
<testcase classname="tests.integration.test_a" name="test_flaky" time="0.1">
<failure message="assert 1 == 2">...</failure></testcase>
<testcase classname="tests.integration.test_b" name="test_setup" time="0.1">
<error message="fixture failed">...</error></testcase>
</testsuite></testsuites>
"""


def test_failures_and_errors_are_both_counted(tmp_path: Path) -> None:
    report = tmp_path / "run.xml"
    report.write_text(REPORT, encoding="utf-8")
    assert failures(report) == (
        3,
        ["tests.integration.test_a::test_flaky", "tests.integration.test_b::test_setup"],
    )


def test_a_run_without_a_report_counts_as_failed(tmp_path: Path) -> None:
    tests, failed = failures(tmp_path / "missing.xml")
    assert tests == 0
    assert failed == ["<no report: pytest did not finish>"]


def test_the_summary_names_each_failing_test_with_its_seeds() -> None:
    runs = [
        Run(11, 60.0, 3, ["tests.integration.test_a::test_flaky"]),
        Run(12, 60.0, 3, []),
        Run(13, 60.0, 3, ["tests.integration.test_a::test_flaky"]),
    ]
    text = summary(runs)
    assert "| 2 | 12 | 3 | 0 | 1.0 |" in text
    assert "- tests.integration.test_a::test_flaky: [11, 13]" in text


def test_a_clean_series_says_so() -> None:
    assert summary([Run(1, 6.0, 3, [])]).endswith("No test failed in any run.")
