"""The chart's web push key: one VAPID key per install in a Secret that outlives upgrades,
mounted as a file into the processes that push (the notifications service and the worker)
and no others; its contact (`sub`) in the shared config."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from petful.notifications import push
from petful.platform.settings import Settings
from tests.unit.chart_support import CI_VALUES, by_kind, component_of, env_of, render_ci
from tools.chart_render import render

PUSHERS = {"notifications", "worker"}
KEY_FILE = "/etc/petful/vapid/vapid-private-key.pem"
DEFAULT = "default-values.yaml"
PRODUCTION = "production-values.yaml"


def _vapid_volume(spec: dict[str, object]) -> dict[str, object] | None:
    volumes = spec.get("volumes", [])
    assert isinstance(volumes, list)
    return next((v for v in volumes if v["name"] == "vapid"), None)


@pytest.mark.parametrize("filename", [p.name for p in CI_VALUES])
def test_only_the_pushers_get_the_key_as_a_read_only_file(filename: str) -> None:
    manifests = render_ci(filename)
    secret = "petful-prod-vapid" if filename == PRODUCTION else "petful-vapid"
    key = "vapid.pem" if filename == PRODUCTION else "vapid-private-key.pem"
    seen = set()
    for d in by_kind(manifests, "Deployment").values():
        spec = d["spec"]["template"]["spec"]
        container = spec["containers"][0]
        env = env_of(container)
        mounts = [m for m in container["volumeMounts"] if m["name"] == "vapid"]
        volume = _vapid_volume(spec)
        if component_of(d) not in PUSHERS:
            assert "PETFUL_NOTIFICATIONS__VAPID_PRIVATE_KEY_FILE" not in env, component_of(d)
            assert (mounts, volume) == ([], None), component_of(d)
            continue
        seen.add(component_of(d))
        assert env["PETFUL_NOTIFICATIONS__VAPID_PRIVATE_KEY_FILE"] == KEY_FILE
        assert mounts == [{"name": "vapid", "mountPath": "/etc/petful/vapid", "readOnly": True}]
        assert volume == {
            "name": "vapid",
            "secret": {
                "secretName": secret,
                "defaultMode": 0o440,
                "items": [{"key": key, "path": "vapid-private-key.pem"}],
            },
        }
    deployed = {component_of(d) for d in by_kind(manifests, "Deployment").values()}
    assert seen == PUSHERS & deployed
    if filename != "minimal-values.yaml":  # which deploys neither
        assert seen == PUSHERS


def test_the_generated_key_is_a_usable_p256_key_kept_across_upgrades(tmp_path: Path) -> None:
    secret = by_kind(render_ci(DEFAULT), "Secret")["petful-vapid"]
    assert secret["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    pem = base64.b64decode(secret["data"]["vapid-private-key.pem"])
    path = tmp_path / "vapid.pem"
    path.write_bytes(pem)
    settings = Settings(
        env="production",
        notifications={"vapid_private_key_file": path},  # type: ignore[arg-type]
    )
    raw = base64.urlsafe_b64decode(push.vapid_keys(settings).public_key + "==")
    assert len(raw) == 65


def test_a_given_key_and_an_existing_secret() -> None:
    pem = push.generate_private_pem()
    manifests = render({"vapid": {"privateKey": pem}})
    data = by_kind(manifests, "Secret")["petful-vapid"]["data"]["vapid-private-key.pem"]
    assert base64.b64decode(data).decode() == pem
    # With existingSecret the chart makes none (production, the plain install).
    assert "petful-prod-vapid" not in by_kind(render_ci(PRODUCTION), "Secret")
    assert not [s for s in by_kind(render_ci(PRODUCTION), "Secret") if "vapid" in s]


def test_the_contact_is_in_the_config() -> None:
    default = by_kind(render_ci(DEFAULT), "ConfigMap")["petful-config"]["data"]
    production = by_kind(render_ci(PRODUCTION), "ConfigMap")["petful-config"]["data"]
    assert default["PETFUL_NOTIFICATIONS__VAPID_SUBJECT"] == "mailto:push@petful.dev"
    assert production["PETFUL_NOTIFICATIONS__VAPID_SUBJECT"] == "mailto:ops@petful.example.com"
    Settings(notifications={"vapid_subject": production["PETFUL_NOTIFICATIONS__VAPID_SUBJECT"]})  # type: ignore[arg-type]
