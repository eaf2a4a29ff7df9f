"""The operator under test: kmock's emulator as the API server (on a real port, with a
kubeconfig) and `kopf run -m petful_operator` as a subprocess, so it can be killed."""

from __future__ import annotations

import asyncio
import copy
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
import yaml
from kmock import Server

from tests.operator.emulator import PetfulKubernetesEmulator
from tests.support import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "manifests" / "samples"
GROUP_VERSION = "petful.io/v1alpha1"
CAMPAIGNS = f"{GROUP_VERSION}/campaigns"
APPLICATIONS = f"{GROUP_VERSION}/petstarapplications"
NAMESPACE = "petful-test"
# How long the operator may take to react (a pass, a timer tick, a watch reconnect).
WITHIN = 45.0


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / f"{name}.yaml").read_text())
    return data


@dataclass
class Cluster:
    emulator: PetfulKubernetesEmulator
    url: str
    kubeconfig: Path
    http: aiohttp.ClientSession
    namespace: str = NAMESPACE

    def _path(self, key: str, name: str | None = None, sub: str | None = None) -> str:
        group_version, plural = key.rsplit("/", 1)
        prefix = "/api/" if group_version == "v1" else "/apis/"
        path = f"{prefix}{group_version}/namespaces/{self.namespace}/{plural}"
        return path + (f"/{name}" if name else "") + (f"/{sub}" if sub else "")

    async def apply(self, key: str, obj: dict[str, Any]) -> dict[str, Any]:
        body = copy.deepcopy(obj)
        body.setdefault("metadata", {})["namespace"] = self.namespace
        async with self.http.post(self._path(key), json=body) as r:
            assert r.status == 201, await r.text()
            created: dict[str, Any] = await r.json()
            return created

    async def patch(
        self, key: str, name: str, patch: dict[str, Any], sub: str | None = None
    ) -> dict[str, Any]:
        headers = {"Content-Type": "application/merge-patch+json"}
        async with self.http.patch(self._path(key, name, sub), json=patch, headers=headers) as r:
            assert r.status == 200, await r.text()
            patched: dict[str, Any] = await r.json()
            return patched

    async def delete(self, key: str, name: str) -> None:
        async with self.http.delete(self._path(key, name)) as r:
            assert r.status in (200, 202), await r.text()

    def get(self, key: str, name: str) -> dict[str, Any] | None:
        return self.emulator.stored(key, self.namespace, name)

    def status(self, key: str, name: str) -> dict[str, Any]:
        obj = self.get(key, name) or {}
        status: dict[str, Any] = obj.get("status") or {}
        return status

    def condition(self, key: str, name: str, type_: str) -> dict[str, Any]:
        for c in self.status(key, name).get("conditions") or ():
            if c["type"] == type_:
                return dict(c)
        return {}

    def events(self, name: str) -> list[dict[str, Any]]:
        """The Events posted so far about the object: a snapshot (see `wait_for_event`)."""
        return [
            e
            for e in self.emulator.all("v1/events", self.namespace)
            if e.get("involvedObject", {}).get("name") == name
        ]

    async def wait_for_event(
        self, name: str, reason: str, match: str = "", *, within: float = WITHIN
    ) -> dict[str, Any]:
        """The first Event about the object with this reason and a message matching the
        regex `match`, waited for. kopf posts Events from a background task, unordered with
        the status patch: seeing the new status says nothing about its Event yet."""
        deadline = time.monotonic() + within
        while True:
            for event in self.events(name):
                if event.get("reason") == reason and re.search(match, event.get("message", "")):
                    return event
            if time.monotonic() > deadline:
                seen = [(e.get("reason"), e.get("message")) for e in self.events(name)]
                raise AssertionError(
                    f"no {reason} Event matching {match!r} about {name} within {within} s; "
                    f"posted: {seen}"
                )
            await asyncio.sleep(0.05)


@pytest.fixture
async def cluster(tmp_path: Path) -> AsyncIterator[Cluster]:
    async with PetfulKubernetesEmulator() as emulator, Server(emulator) as server:
        emulator.install_crds()
        emulator.namespaces.add(NAMESPACE)
        url = str(server.url).rstrip("/")
        kubeconfig = tmp_path / "kubeconfig"
        kubeconfig.write_text(
            yaml.safe_dump(
                {
                    "apiVersion": "v1",
                    "kind": "Config",
                    "clusters": [{"name": "kmock", "cluster": {"server": url}}],
                    "users": [{"name": "kmock", "user": {}}],
                    "contexts": [
                        {
                            "name": "kmock",
                            "context": {
                                "cluster": "kmock",
                                "user": "kmock",
                                "namespace": NAMESPACE,
                            },
                        }
                    ],
                    "current-context": "kmock",
                }
            )
        )
        async with aiohttp.ClientSession(base_url=url) as http:
            yield Cluster(emulator, url, kubeconfig, http)


@dataclass
class Operator:
    """`kopf run -m petful_operator` in a subprocess, as the chart runs it."""

    cluster: Cluster
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None
    health_port: int = 0
    starts: int = 0

    def start(self) -> None:
        assert self.proc is None
        self.health_port = free_port()
        # Services the test does not run answer UNAVAILABLE (a closed port), never a
        # devstack that happens to listen on a default port.
        targets = json.loads(os.environ.get("PETFUL_SERVICE_TARGETS") or "{}")
        targets.setdefault("matching", f"127.0.0.1:{free_port()}")
        env = {
            **os.environ,
            "KUBECONFIG": str(self.cluster.kubeconfig),
            "PETFUL_SERVICE_TARGETS": json.dumps(targets),
            "PETFUL_OPERATOR_SYNC_INTERVAL_SECONDS": "1",
            "PETFUL_OPERATOR_METRICS_PORT": str(free_port()),
            "PETFUL_OPERATOR_METRICS_HOST": "127.0.0.1",
            # Short watches: reconnects (and their relists) are part of what is tested.
            "PETFUL_OPERATOR_WATCH_SERVER_TIMEOUT_SECONDS": "20",
            "PETFUL_OPERATOR_WATCH_CLIENT_TIMEOUT_SECONDS": "25",
            **self.env,
        }
        self.starts += 1
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts} ===\n".encode())
            out.flush()
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "kopf",
                    "run",
                    "--standalone",
                    f"--namespace={self.cluster.namespace}",
                    f"--liveness=http://127.0.0.1:{self.health_port}/healthz",
                    "-m",
                    "petful_operator",
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    async def healthy(self) -> None:
        async def up() -> bool:
            assert self.proc is not None
            assert self.proc.poll() is None, self.log.read_text()[-4000:]
            try:
                async with httpx.AsyncClient() as c:
                    r = await c.get(f"http://127.0.0.1:{self.health_port}/healthz", timeout=1)
                return r.status_code == 200
            except httpx.HTTPError:
                return False

        await wait_for(up, within=60)

    def kill(self) -> None:
        """SIGKILL: no cleanup, as when a node dies mid-reconcile."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None

    def metrics_text(self) -> str:
        port = self.env.get("PETFUL_OPERATOR_METRICS_PORT")
        assert port, "set env PETFUL_OPERATOR_METRICS_PORT to read metrics"
        return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text


@pytest.fixture
def operator(cluster: Cluster, tmp_path: Path) -> Any:
    op = Operator(cluster, tmp_path / "operator.log")
    yield op
    op.stop()
    # Shown by pytest only when the test failed.
    if op.log.exists():
        print(op.log.read_text(errors="replace")[-15000:])
    for obj in cluster.emulator.all("petful.io/v1alpha1/campaigns") + cluster.emulator.all(
        "petful.io/v1alpha1/petstarapplications"
    ):
        print(obj["metadata"]["name"], obj.get("status"))
