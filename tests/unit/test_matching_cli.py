"""`petful matching reindex` is wired into the one CLI, and importing the matching service
or its tasks (the worker does) loads neither torch nor the model."""

from __future__ import annotations

import subprocess
import sys

from petful import cli


def test_reindex_subcommand_parses() -> None:
    args = cli.build_parser().parse_args(["matching", "reindex", "--force"])
    assert args.fn is cli._matching_reindex
    assert args.force is True
    assert cli.build_parser().parse_args(["matching", "reindex"]).force is False


def test_importing_the_service_and_tasks_loads_no_model() -> None:
    code = (
        "import sys, petful.matching.grpc_api, petful.matching.tasks, petful.matching.demo\n"
        "heavy = {'torch', 'sentence_transformers', 'kiwipiepy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
