"""The committed `petful.pb` package matches what `tools/protogen.py` generates now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_code_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "protogen.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_generated_imports_use_pb_package() -> None:
    from petful.pb.common.v1 import diagnostics_pb2, diagnostics_pb2_grpc, errors_pb2

    assert diagnostics_pb2.PingResponse.__module__ == "petful.pb.common.v1.diagnostics_pb2"
    # Wire names keep the proto package: only Python import paths move under petful.pb.
    assert errors_pb2.ErrorInfo.DESCRIPTOR.full_name == "petful.common.v1.ErrorInfo"
    assert diagnostics_pb2_grpc.DiagnosticsServiceStub is not None
