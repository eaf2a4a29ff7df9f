"""The sandbox's runner: `SandboxServer` in a test's event loop, or the whole process."""

from __future__ import annotations

import argparse
from datetime import datetime

from petful.devstack.in_loop import InLoopServer
from petful.devstack.instagram_sandbox.app import create_app
from petful.devstack.instagram_sandbox.state import SandboxState
from petful.sns.sandbox_catalog import anchor_of, build_accounts


class SandboxServer(InLoopServer):
    """The sandbox on 127.0.0.1:port inside the running event loop (tests), or as the
    whole process (`main`)."""

    name = "Instagram sandbox"

    def __init__(self, port: int, *, host: str = "127.0.0.1", anchor: datetime | None = None):
        self.state = SandboxState(build_accounts(anchor), anchor=anchor_of(anchor))
        super().__init__(create_app(self.state), host=host, port=port)

    @property
    def url(self) -> str:
        """The base URL to put in PETFUL_SNS__GRAPH_BASE_URL (the version is appended)."""
        return f"http://{self.host}:{self.port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="A fake Instagram Graph API (sandbox data)")
    parser.add_argument("--host", default="127.0.0.1")
    # No default: ports come from the settings' table (the devstack passes one).
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    server = SandboxServer(args.port, host=args.host)
    print(f"instagram sandbox on {server.url} (tokens: sandbox-<user>)", flush=True)
    server.run()
    return 0
