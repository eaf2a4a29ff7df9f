"""The shared Envoy template renders from settings and Envoy itself accepts the result."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from petful.devstack.envoy import EnvoyConfig, TemplateError, envoy_binary, render_envoy_config
from petful.platform.settings import Settings


def test_renders_values_from_settings() -> None:
    settings = Settings(ports={"envoy": 18000, "envoy_admin": 19901, "edge": 18001})
    rendered = render_envoy_config(EnvoyConfig.from_settings(settings).values())
    assert "{{" not in rendered
    assert "port_value: 18000" in rendered
    assert "port_value: 19901" in rendered
    assert "port_value: 18001" in rendered


def test_admin_listens_on_loopback_whatever_the_bind_host() -> None:
    # The admin interface can stop Envoy: it is never reachable from another machine.
    config = EnvoyConfig.from_settings(Settings(bind_host="0.0.0.0"))
    rendered = yaml.safe_load(render_envoy_config(config.values()))
    assert rendered["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    public = rendered["static_resources"]["listeners"][0]
    assert public["address"]["socket_address"]["address"] == "0.0.0.0"


def test_unknown_value_is_an_error() -> None:
    with pytest.raises(TemplateError, match=r"\.Values\.envoy\.nope"):
        render_envoy_config({"envoy": {}}, "port: {{ .Values.envoy.nope }}")


@pytest.mark.parametrize(
    "template",
    [
        "{{ if .Values.envoy.port }}x{{ end }}",
        "{{ .Values.envoy.port | quote }}",
        "{{- .Values.envoy.port }}",
        '{{ include "x" . }}',
        "port: {{ .Values.envoy.port }",
    ],
)
def test_other_template_constructs_are_rejected(template: str) -> None:
    with pytest.raises(TemplateError):
        render_envoy_config({"envoy": {"port": 1}}, template)


def test_envoy_validates_rendered_config(tmp_path: Path) -> None:
    config = EnvoyConfig.from_settings(Settings()).write(tmp_path / "envoy.yaml")
    result = subprocess.run(
        [str(envoy_binary()), "--mode", "validate", "-c", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "OK" in result.stdout


def test_argv_uses_admin_port_as_base_id(tmp_path: Path) -> None:
    config = EnvoyConfig.from_settings(Settings(ports={"envoy_admin": 19902}))
    argv = config.argv(tmp_path / "envoy.yaml")
    assert argv[argv.index("--base-id") + 1] == "19902"
