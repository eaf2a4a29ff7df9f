"""The Helm chart renders offline, lints strictly, is valid Kubernetes, and wires PetFul right.

Rendered with helm-python-sdk (Helm's Go SDK in process) and validated against the
Kubernetes JSON schemas bundled by kubernetes-validate: no cluster, no helm binary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import helm_python as helm
import jsonschema
import kubernetes_validate  # type: ignore[import-untyped]
import pytest
import yaml
from pydantic import BaseModel

from petful.cli import build_parser
from petful.devstack.envoy import render_envoy_config
from petful.edge.health import routes as health_router
from petful.platform.jobs import BULK_QUEUE, QUICK_QUEUE
from petful.platform.settings import DEFAULT_PORTS, DOMAINS, Settings
from petful_operator.settings import OperatorSettings
from tests.unit.chart_support import (
    CI_VALUES,
    KUBE_VERSIONS,
    by_kind,
    component_of,
    env_of,
    lint,
    merged_values,
    pod_specs,
    render_ci,
    service_host,
    service_name,
    validate_monitoring,
    validate_values,
)
from tools.chart_render import (
    CHART,
    NAMESPACE,
    ROOT,
    Manifest,
    load_values,
    render,
    render_raw,
)

CI_FILES = [p.name for p in CI_VALUES]
DEFAULT = "default-values.yaml"
PRODUCTION = "production-values.yaml"
MINIMAL = "minimal-values.yaml"
# The domains the default values deploy (a service without an API yet is `enabled: false`).
DEPLOYED = tuple(d for d in DOMAINS if merged_values()["components"][d]["enabled"])
GRPC_CLIENTS = {"edge", "operator", "worker", "worker-bulk", "beat", *DEPLOYED}


def test_ci_values_files_exist() -> None:
    assert set(CI_FILES) == {DEFAULT, PRODUCTION, MINIMAL}


@pytest.mark.parametrize("filename", CI_FILES)
def test_lint_strict_has_no_warnings_or_errors(filename: str) -> None:
    report = lint(load_values(CHART / "ci" / filename))
    assert report["errors"] == []
    # severity: 1 info (e.g. "icon is recommended"), 2 warning, 3 error
    assert [m for m in report["messages"] if m["severity"] >= 2] == []


@pytest.mark.parametrize("filename", CI_FILES)
@pytest.mark.parametrize("kube_version", KUBE_VERSIONS)
def test_every_manifest_is_valid_kubernetes(filename: str, kube_version: str) -> None:
    manifests = render_ci(filename)
    assert manifests
    for m in manifests:
        if m["apiVersion"] == "monitoring.coreos.com/v1":
            continue  # not a core kind: test_monitoring_objects_match_their_schema
        try:
            kubernetes_validate.validate(m, kube_version, strict=True)
        except kubernetes_validate.ValidationError as err:  # pragma: no cover - on failure
            pytest.fail(f"{m['kind']}/{m['metadata']['name']}: {err.message} at {err.path}")


def test_kubernetes_validate_does_not_know_monitoring_kinds() -> None:
    # Why the ServiceMonitor/PrometheusRule get their own schema (chart_support).
    monitor = next(m for m in render_ci(PRODUCTION) if m["kind"] == "ServiceMonitor")
    with pytest.raises(kubernetes_validate.SchemaNotFoundError):
        kubernetes_validate.validate(monitor, KUBE_VERSIONS[-1], strict=True)


@pytest.mark.parametrize("filename", CI_FILES)
def test_names_are_unique_per_kind(filename: str) -> None:
    seen = [
        (m["kind"], m["metadata"].get("namespace", NAMESPACE), m["metadata"]["name"])
        for m in render_ci(filename)
    ]
    assert len(seen) == len(set(seen))


# --- security ---------------------------------------------------------------------------


@pytest.mark.parametrize("filename", CI_FILES)
def test_every_container_is_locked_down(filename: str) -> None:
    specs = list(pod_specs(render_ci(filename)))
    assert specs
    for name, spec in specs:
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        for c in [*spec.get("initContainers", []), *spec["containers"]]:
            sc = c["securityContext"]
            assert sc["runAsNonRoot"] is True, name
            assert sc["readOnlyRootFilesystem"] is True, name
            assert sc["allowPrivilegeEscalation"] is False, name
            assert sc["capabilities"]["drop"] == ["ALL"], name
            assert "add" not in sc["capabilities"], name
            assert c["resources"]["requests"], name
            assert c["resources"]["limits"]["memory"], name
            assert any(v["mountPath"] == "/tmp" for v in c["volumeMounts"]), name


def test_only_the_operator_gets_an_api_token() -> None:
    manifests = render_ci(DEFAULT)
    for name, spec in pod_specs(manifests):
        assert spec["automountServiceAccountToken"] is (name == service_name("operator")), name
    for sa in by_kind(manifests, "ServiceAccount").values():
        assert sa["automountServiceAccountToken"] is (component_of(sa) == "operator")


def test_image_tag_defaults_to_app_version() -> None:
    app_version = yaml.safe_load((CHART / "Chart.yaml").read_text())["appVersion"]
    deployments = by_kind(render_ci(DEFAULT), "Deployment")
    image = deployments[service_name("edge")]["spec"]["template"]["spec"]["containers"][0]
    assert image["image"] == f"petful:{app_version}"
    envoy = deployments[service_name("envoy")]["spec"]["template"]["spec"]["containers"][0]
    assert envoy["image"].startswith("envoyproxy/envoy:")


def test_image_digest_from_skaffold() -> None:
    values = {"default": {"image": {"repository": "reg/petful", "tag": "abc@sha256:00ff"}}}
    deployments = by_kind(render(values), "Deployment")
    container = deployments[service_name("pets")]["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "reg/petful:abc@sha256:00ff"


# --- components -------------------------------------------------------------------------


def _container(manifests: tuple[Manifest, ...] | list[Manifest], component: str) -> Manifest:
    deployment = by_kind(manifests, "Deployment")[service_name(component)]
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return dict(containers[0])


@pytest.mark.parametrize("filename", [DEFAULT, PRODUCTION])
def test_every_domain_service_has_a_deployment_and_service(filename: str) -> None:
    manifests = render_ci(filename)
    services = by_kind(manifests, "Service")
    for domain in DEPLOYED:
        container = _container(manifests, domain)
        grpc_port = DEFAULT_PORTS[f"grpc.{domain}"]
        metrics_port = DEFAULT_PORTS[f"metrics.{domain}"]
        assert container["command"] == ["petful", "serve", domain]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports == {"grpc": grpc_port, "metrics": metrics_port}
        # The process listens where the chart says: the ports reach it as PETFUL_PORTS.
        ports_env = json.loads(env_of(container)["PETFUL_PORTS"])
        settings = Settings(ports=ports_env)
        assert settings.port(f"grpc.{domain}") == grpc_port
        assert settings.port(f"metrics.{domain}") == metrics_port
        # Native gRPC probes on the gRPC port.
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert container[probe]["grpc"] == {"port": grpc_port}, (domain, probe)
        service = services[service_name(domain)]
        service_ports = {p["name"]: p for p in service["spec"]["ports"]}
        assert service_ports["grpc"]["port"] == grpc_port
        assert service_ports["grpc"]["appProtocol"] == "grpc"
        assert service_ports["http-metrics"]["port"] == metrics_port
        assert service["spec"]["selector"]["app.kubernetes.io/component"] == domain


def test_every_domain_service_is_deployed() -> None:
    deployments = by_kind(render_ci(DEFAULT), "Deployment")
    deployed = {component_of(d) for d in deployments.values()} & set(DOMAINS)
    assert deployed == set(DEPLOYED) == set(DOMAINS)


def test_values_ports_match_the_settings_table() -> None:
    components = merged_values()["components"]
    for domain in DOMAINS:
        assert components[domain]["ports"] == {
            "grpc": DEFAULT_PORTS[f"grpc.{domain}"],
            "metrics": DEFAULT_PORTS[f"metrics.{domain}"],
        }
    assert components["edge"]["ports"] == {"http": DEFAULT_PORTS["edge"]}
    assert components["worker"]["ports"] == {"metrics": DEFAULT_PORTS["metrics.worker"]}
    assert components["worker-bulk"]["ports"] == {"metrics": DEFAULT_PORTS["metrics.worker-bulk"]}
    assert components["beat"]["ports"] == {"metrics": DEFAULT_PORTS["metrics.beat"]}
    envoy = merged_values()["envoy"]
    assert (envoy["port"], envoy["adminPort"]) == (
        DEFAULT_PORTS["envoy"],
        DEFAULT_PORTS["envoy_admin"],
    )


def test_commands_are_real_cli_commands() -> None:
    parser = build_parser()
    manifests = render_ci(PRODUCTION)
    expected = {
        "edge": ["petful", "edge"],
        "worker": ["petful", "worker"],
        "worker-bulk": ["petful", "worker"],
        "beat": ["petful", "beat"],
    }
    for component, command in expected.items():
        assert _container(manifests, component)["command"] == command
    # One worker per queue (platform/jobs.py).
    assert _container(manifests, "worker")["args"] == ["--queues", QUICK_QUEUE]
    assert _container(manifests, "worker-bulk")["args"] == ["--queues", BULK_QUEUE]
    for name, spec in pod_specs(manifests):
        container = spec["containers"][0]
        command = container["command"]
        if command[0] == "petful":
            # exits (SystemExit) on an unknown command or option
            parser.parse_args([*command[1:], *container.get("args", [])])
        else:
            assert command[0] in {"envoy", "kopf"}, name


def test_edge_probes_hit_real_routes() -> None:
    container = _container(render_ci(DEFAULT), "edge")
    routes = {getattr(r, "path", None) for r in health_router.router.routes}
    assert container["livenessProbe"]["httpGet"] == {"path": "/api/v1/health/live", "port": "http"}
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["path"] in routes
    assert {p["name"]: p["containerPort"] for p in container["ports"]} == {
        "http": DEFAULT_PORTS["edge"]
    }


def test_worker_and_beat_probe_their_metrics_port() -> None:
    manifests = render_ci(DEFAULT)
    # (component, the port's name in its settings, the port): each worker pod serves its
    # metrics as metrics.worker, on the port the chart gives it.
    for component, setting, port in (
        ("worker", "metrics.worker", DEFAULT_PORTS["metrics.worker"]),
        ("worker-bulk", "metrics.worker", DEFAULT_PORTS["metrics.worker-bulk"]),
        ("beat", "metrics.beat", DEFAULT_PORTS["metrics.beat"]),
    ):
        container = _container(manifests, component)
        assert container["livenessProbe"]["httpGet"] == {"path": "/metrics", "port": "metrics"}
        assert json.loads(env_of(container)["PETFUL_PORTS"]) == {setting: port}


@pytest.mark.parametrize("filename", [DEFAULT, PRODUCTION])
def test_singletons_run_one_replica_with_recreate(filename: str) -> None:
    manifests = render_ci(filename)
    deployments = by_kind(manifests, "Deployment")
    for component in ("operator", "beat"):
        spec = deployments[service_name(component)]["spec"]
        assert spec["replicas"] == 1
        assert spec["strategy"] == {"type": "Recreate"}
    hpa_targets = {
        h["spec"]["scaleTargetRef"]["name"]
        for h in by_kind(manifests, "HorizontalPodAutoscaler").values()
    }
    pdbs = set(by_kind(manifests, "PodDisruptionBudget"))
    for component in ("operator", "beat"):
        assert service_name(component) not in hpa_targets | pdbs
    operator = _container(manifests, "operator")
    assert operator["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "health"}
    assert "--liveness=http://0.0.0.0:8080/healthz" in operator["command"]


def test_production_autoscales_edge_services_and_worker() -> None:
    manifests = render_ci(PRODUCTION)
    hpas = by_kind(manifests, "HorizontalPodAutoscaler")
    deployments = by_kind(manifests, "Deployment")
    for component in ("edge", "worker", "worker-bulk", *DEPLOYED):
        hpa = hpas[service_name(component)]
        assert hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": service_name(component),
        }
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]
        # The HPA owns the replica count.
        assert "replicas" not in deployments[service_name(component)]["spec"]
    assert by_kind(render_ci(DEFAULT), "HorizontalPodAutoscaler") == {}


def test_pdbs_cover_replicated_components() -> None:
    pdbs = by_kind(render_ci(DEFAULT), "PodDisruptionBudget")
    for component in ("envoy", "edge", "worker", "worker-bulk", *DEPLOYED):
        pdb = pdbs[service_name(component)]
        assert pdb["spec"]["maxUnavailable"] == 1
        assert pdb["spec"]["selector"]["matchLabels"]["app.kubernetes.io/component"] == component


def test_minimal_renders_only_what_is_enabled() -> None:
    manifests = render_ci(MINIMAL)
    assert {component_of(d) for d in by_kind(manifests, "Deployment").values()} == {
        "envoy",
        "edge",
        "identity",
    }
    kinds = {m["kind"] for m in manifests}
    assert not kinds & {"NetworkPolicy", "ClusterRole", "Job", "HorizontalPodAutoscaler"}
    targets = json.loads(
        by_kind(manifests, "ConfigMap")["petful-config"]["data"]["PETFUL_SERVICE_TARGETS"]
    )
    assert set(targets) == {"identity"}


# --- configuration ----------------------------------------------------------------------


@pytest.mark.parametrize("filename", CI_FILES)
def test_service_targets_match_services(filename: str) -> None:
    manifests = render_ci(filename)
    config = by_kind(manifests, "ConfigMap")["petful-config"]["data"]
    targets = json.loads(config["PETFUL_SERVICE_TARGETS"])
    services = by_kind(manifests, "Service")
    deployments = by_kind(manifests, "Deployment")
    enabled = {component_of(d) for d in deployments.values()} & set(DOMAINS)
    assert set(targets) == enabled
    for domain, target in targets.items():
        host, _, port = target.rpartition(":")
        assert host == service_host(domain)
        service = services[service_name(domain)]
        assert int(port) in {p["port"] for p in service["spec"]["ports"] if p["name"] == "grpc"}
    # The settings object accepts the env as the processes will read it.
    settings = Settings(service_targets=targets)
    for domain in enabled:
        assert settings.grpc_target(domain) == targets[domain]


def _settings_fields() -> set[str]:
    """Every env name the settings read: flat knobs, and `PETFUL_<GROUP>__<KNOB>`."""
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            names |= {f"PETFUL_{name.upper()}__{knob.upper()}" for knob in group.model_fields}
        else:
            names.add(f"PETFUL_{name.upper()}")
    return names | {f"PETFUL_OPERATOR_{name.upper()}" for name in OperatorSettings.model_fields}


@pytest.mark.parametrize("filename", CI_FILES)
def test_every_petful_env_var_is_a_setting(filename: str) -> None:
    fields = _settings_fields()
    manifests = render_ci(filename)
    names: set[str] = set()
    for cm in by_kind(manifests, "ConfigMap").values():
        names |= set(cm.get("data", {}))
    for secret in by_kind(manifests, "Secret").values():
        names |= set(secret.get("stringData", {}))
    for _, spec in pod_specs(manifests):
        names |= {e["name"] for e in spec["containers"][0].get("env", [])}
    petful = {n for n in names if n.startswith("PETFUL_")}
    assert petful, "no PETFUL_* env rendered"
    assert petful <= fields, petful - fields


def test_config_builds_a_production_settings_object(monkeypatch: pytest.MonkeyPatch) -> None:
    manifests = render_ci(DEFAULT)
    env = dict(by_kind(manifests, "ConfigMap")["petful-config"]["data"])
    env.update(by_kind(manifests, "Secret")["petful-env"]["stringData"])
    identity = _container(manifests, "identity")
    for key, value in {**env, "PETFUL_PORTS": env_of(identity)["PETFUL_PORTS"]}.items():
        monkeypatch.setenv(key, value)
    jwt = by_kind(manifests, "Secret")["petful-jwt"]["data"]["jwt-private-keys"]
    import base64

    monkeypatch.setenv("PETFUL_IDENTITY__JWT_PRIVATE_KEYS", base64.b64decode(jwt).decode())
    settings = Settings()
    assert settings.is_production
    assert settings.bind_host == "0.0.0.0"
    assert settings.service_targets["campaigns"] == f"{service_host('campaigns')}:50054"
    assert settings.port("grpc.identity") == 50051
    assert len(settings.identity.jwt_private_keys) == 1
    assert "BEGIN PRIVATE KEY" in settings.identity.jwt_private_keys[0]
    from petful.identity.tokens import KeyRing

    KeyRing.from_settings(settings)  # the generated Ed25519 key is usable


def test_jwt_keys_reach_only_identity() -> None:
    manifests = render_ci(PRODUCTION)
    for name, spec in pod_specs(manifests):
        env = env_of(spec["containers"][0])
        if name == service_name("identity"):
            assert env["PETFUL_IDENTITY__JWT_PRIVATE_KEYS"] == {
                "secretKeyRef": {"name": "petful-prod-jwt", "key": "keys.json"}
            }
        else:
            assert "PETFUL_IDENTITY__JWT_PRIVATE_KEYS" not in env, name


# The groups of the env Secret each process uses (issue 13, item 10); the rest it never sees.
SECRET_KEYS = {
    "database": {"PETFUL_DATABASE_URL"},
    "redis": {"PETFUL_REDIS_URL"},
    "media": {"PETFUL_MEDIA__S3_ACCESS_KEY_ID", "PETFUL_MEDIA__S3_SECRET_ACCESS_KEY"},
    "sns": {"PETFUL_SNS__APP_ID", "PETFUL_SNS__APP_SECRET", "PETFUL_SNS__TOKEN_KEYS"},
}
MEDIA_HOLDERS = {"identity", "pets", "advertisers", "campaigns", "community", "health"}
EXPECTED_GROUPS = {
    "envoy": set(),
    "operator": set(),
    "edge": {"media", "redis"},  # redis: the notification streams listen on pub/sub
    "beat": {"redis"},
    "worker": {"database", "redis", "media", "sns"},
    "worker-bulk": {"database", "redis", "media"},
    "sns": {"database", "redis", "sns"},
    **{name: {"database", "redis", "media"} for name in MEDIA_HOLDERS},
    **{name: {"database", "redis"} for name in ("matching", "notifications")},
}


@pytest.mark.parametrize("filename", CI_FILES)
def test_each_component_gets_only_the_secrets_it_uses(filename: str) -> None:
    manifests = render_ci(filename)
    env_secret = "petful-prod-env" if filename == PRODUCTION else "petful-env"
    s3 = by_kind(manifests, "ConfigMap")["petful-config"]["data"].get("PETFUL_MEDIA__BACKEND")
    seen = set()
    for name, d in by_kind(manifests, "Deployment").items():
        container = d["spec"]["template"]["spec"]["containers"][0]
        # No Secret arrives wholesale: each key is named, so a new key reaches no one.
        assert not [e for e in container.get("envFrom", []) if "secretRef" in e], name
        component = component_of(d)
        seen.add(component)
        groups = EXPECTED_GROUPS[component]
        if s3 != "s3":
            groups = groups - {"media"}
        expected = set().union(*(SECRET_KEYS[g] for g in groups))
        refs = {
            e["name"]: e["valueFrom"]["secretKeyRef"]
            for e in container.get("env", [])
            if e.get("valueFrom", {}).get("secretKeyRef", {}).get("name") == env_secret
        }
        assert set(refs) == expected, name
        for key, ref in refs.items():
            assert ref["key"] == key
            # The database and Redis are needed to start; the others may be left out.
            assert ref.get("optional", False) == (
                key not in SECRET_KEYS["database"] | SECRET_KEYS["redis"]
            )
    assert seen >= {"edge", "identity"}


@pytest.mark.parametrize("filename", CI_FILES)
def test_every_petful_pod_gets_the_internal_token_key(filename: str) -> None:
    """Services refuse gRPC calls without a token signed by this key: every petful process
    (clients and services alike) needs it, Envoy and the hook Jobs (no gRPC) do not."""
    import base64

    from petful.platform.internal_token import InternalTokens

    manifests = render_ci(filename)
    external = filename == PRODUCTION  # production names its own Secret
    ref = {
        "secretKeyRef": {"name": "petful-prod-internal-token", "key": "keys.json"}
        if external
        else {"name": "petful-internal-token", "key": "internal-token-keys"}
    }
    for name, d in by_kind(manifests, "Deployment").items():
        env = env_of(d["spec"]["template"]["spec"]["containers"][0])
        if component_of(d) == "envoy":
            assert "PETFUL_INTERNAL_TOKEN_KEYS" not in env, name
        else:
            assert env["PETFUL_INTERNAL_TOKEN_KEYS"] == ref, name
    if external:
        return
    data = by_kind(manifests, "Secret")["petful-internal-token"]["data"]["internal-token-keys"]
    keys = json.loads(base64.b64decode(data))
    assert len(keys) == 1
    InternalTokens.from_settings(Settings(env="production", internal_token_keys=keys))


def test_production_media_is_s3_and_secrets_are_external() -> None:
    manifests = render_ci(PRODUCTION)
    config = by_kind(manifests, "ConfigMap")["petful-config"]["data"]
    assert config["PETFUL_MEDIA__BACKEND"] == "s3"
    assert config["PETFUL_MEDIA__S3_BUCKET"] == "petful-media-prod"
    assert config["PETFUL_MEDIA__S3_REGION"] == "ap-northeast-2"
    assert "PETFUL_MEDIA__DIR" not in config
    assert config["OTEL_EXPORTER_OTLP_ENDPOINT"].endswith(":4317")
    assert config["OTEL_TRACES_SAMPLER_ARG"] == "0.2"
    # existingSecret: the chart creates none of the env, JWT or bootstrap Secrets.
    assert set(by_kind(manifests, "Secret")) == set()
    edge = _container(manifests, "edge")
    assert env_of(edge)["PETFUL_MEDIA__S3_SECRET_ACCESS_KEY"] == {
        "secretKeyRef": {
            "name": "petful-prod-env",
            "key": "PETFUL_MEDIA__S3_SECRET_ACCESS_KEY",
            "optional": True,
        }
    }
    attrs = env_of(edge)["OTEL_RESOURCE_ATTRIBUTES"]
    assert "k8s.cluster.name=prod-apne2" in attrs
    assert env_of(edge)["OTEL_SERVICE_NAME"] == "petful-edge"


def test_hook_jobs() -> None:
    manifests = render_ci(PRODUCTION)
    jobs = by_kind(manifests, "Job")
    migrate = jobs["petful-migrate"]
    assert migrate["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    container = migrate["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["petful", "migrate"]
    assert env_of(container)["PETFUL_DATABASE_URL"] == {
        "secretKeyRef": {"name": "petful-prod-env", "key": "PETFUL_DATABASE_URL"}
    }
    bootstrap = jobs["petful-bootstrap-admin"]
    assert bootstrap["metadata"]["annotations"]["helm.sh/hook"] == "post-install,post-upgrade"
    container = bootstrap["spec"]["template"]["spec"]["containers"][0]
    assert container["command"] == ["petful", "admin", "bootstrap"]
    assert {"secretRef": {"name": "petful-prod-bootstrap-admin"}} in container["envFrom"]
    # Only the bootstrap Job sees the admin password.
    for name, spec in pod_specs(manifests):
        if name != "petful-bootstrap-admin":
            refs = [
                e.get("secretRef", {}).get("name") for e in spec["containers"][0].get("envFrom", [])
            ]
            assert "petful-prod-bootstrap-admin" not in refs, name


def test_migration_runs_before_the_release_secret_exists() -> None:
    manifests = render_ci(DEFAULT)
    secret = by_kind(manifests, "Secret")["petful-migrate"]
    annotations = secret["metadata"]["annotations"]
    assert annotations["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert int(annotations["helm.sh/hook-weight"]) < int(
        by_kind(manifests, "Job")["petful-migrate"]["metadata"]["annotations"][
            "helm.sh/hook-weight"
        ]
    )


def test_bootstrap_admin_secret_from_values() -> None:
    values = {
        "bootstrapAdmin": {"enabled": True, "email": "root@petful.dev", "password": "s3cret-pass"}
    }
    secret = by_kind(render(values), "Secret")["petful-bootstrap-admin"]["stringData"]
    assert secret["PETFUL_IDENTITY__BOOTSTRAP_ADMIN_EMAIL"] == "root@petful.dev"
    assert secret["PETFUL_IDENTITY__BOOTSTRAP_ADMIN_PASSWORD"] == "s3cret-pass"
    with pytest.raises(helm.HelmError, match=r"bootstrapAdmin\.password is required"):
        render({"bootstrapAdmin": {"enabled": True, "email": "root@petful.dev"}})


# --- Envoy ------------------------------------------------------------------------------


@pytest.mark.parametrize("filename", CI_FILES)
def test_envoy_config_is_the_shared_template(filename: str) -> None:
    manifests = render_ci(filename)
    text = by_kind(manifests, "ConfigMap")["petful-envoy"]["data"]["envoy.yaml"]
    assert "{{" not in text
    envoy_values = {
        **merged_values(load_values(CHART / "ci" / filename))["envoy"],
        "edgeHost": service_host("edge"),
        "edgePort": DEFAULT_PORTS["edge"],
    }
    # Byte for byte what the devstack's renderer makes from the same values.
    assert text.strip() == render_envoy_config({"envoy": envoy_values}).strip()
    config = yaml.safe_load(text)
    edge = config["static_resources"]["clusters"][0]
    address = edge["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]
    assert address["socket_address"] == {"address": service_host("edge"), "port_value": 8001}
    services = by_kind(manifests, "Service")
    assert 8001 in {p["port"] for p in services[service_name("edge")]["spec"]["ports"]}
    deployment = by_kind(manifests, "Deployment")[service_name("envoy")]
    pod = deployment["spec"]["template"]
    assert "checksum/envoy-config" in pod["metadata"]["annotations"]
    container = pod["spec"]["containers"][0]
    assert container["command"][:3] == ["envoy", "-c", "/etc/envoy/envoy.yaml"]
    for probe in ("livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"] == {"path": "/ready", "port": "stats"}
    volumes = {v["name"]: v for v in pod["spec"]["volumes"]}
    assert volumes["envoy-config"]["configMap"]["name"] == "petful-envoy"
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    listeners = {
        listener["name"]: listener["address"]["socket_address"]["port_value"]
        for listener in config["static_resources"]["listeners"]
    }
    assert ports == {"http": listeners["public"], "stats": listeners["stats"]}


@pytest.mark.parametrize("filename", CI_FILES)
def test_envoy_admin_is_on_loopback_and_no_service(filename: str) -> None:
    manifests = render_ci(filename)
    text = by_kind(manifests, "ConfigMap")["petful-envoy"]["data"]["envoy.yaml"]
    config = yaml.safe_load(text)
    admin = config["admin"]["address"]["socket_address"]
    assert admin["address"] == "127.0.0.1"
    # The stats listener forwards exactly the probe and the scrape, nothing else of the admin.
    (stats,) = [lst for lst in config["static_resources"]["listeners"] if lst["name"] == "stats"]
    (hcm,) = stats["filter_chains"][0]["filters"]
    (vhost,) = hcm["typed_config"]["route_config"]["virtual_hosts"]
    assert {(r["match"]["path"], r["route"]["cluster"]) for r in vhost["routes"]} == {
        ("/ready", "admin"),
        ("/stats/prometheus", "admin"),
    }
    for service in by_kind(manifests, "Service").values():
        for port in service["spec"]["ports"]:
            assert port["port"] != admin["port_value"], service["metadata"]["name"]
            assert port["targetPort"] != "admin", service["metadata"]["name"]
    public = by_kind(manifests, "Service")[service_name("envoy")]
    assert [p["targetPort"] for p in public["spec"]["ports"]] == ["http"]


def test_a_load_balanced_envoy_keeps_the_client_address() -> None:
    public = by_kind(render_ci(PRODUCTION), "Service")[service_name("envoy")]
    assert public["spec"]["type"] == "LoadBalancer"
    # Without it kube-proxy SNATs every client to a node's address: one rate-limit bucket.
    assert public["spec"]["externalTrafficPolicy"] == "Local"
    default = by_kind(render_ci(DEFAULT), "Service")[service_name("envoy")]
    assert "externalTrafficPolicy" not in default["spec"]  # ClusterIP: not allowed


@pytest.mark.parametrize(
    ("values", "trusted"),
    [
        ({}, "*"),  # the NetworkPolicy admits only Envoy to the edge's port
        ({"networkPolicy": {"enabled": False}}, None),  # anyone could claim any address
        ({"envoy": {"podAddresses": "10.244.0.0/16"}}, "10.244.0.0/16"),
    ],
)
def test_the_edge_believes_x_forwarded_for_only_from_envoy(
    values: dict[str, Any], trusted: str | None
) -> None:
    edge = next(
        spec["containers"][0]
        for name, spec in pod_specs(render(values))
        if name == service_name("edge")
    )
    assert env_of(edge).get("PETFUL_FORWARDED_ALLOW_IPS") == trusted


# --- NetworkPolicies --------------------------------------------------------------------


def _policies(filename: str) -> dict[str, Manifest]:
    return {component_of(p): p for p in by_kind(render_ci(filename), "NetworkPolicy").values()}


def _selects(selector: Manifest, labels: dict[str, str]) -> bool:
    ok = all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())
    for expr in selector.get("matchExpressions", []):
        assert expr["operator"] == "In"
        ok = ok and labels.get(expr["key"]) in expr["values"]
    return ok


def _pod_labels(filename: str) -> dict[str, dict[str, str]]:
    return {
        component_of(d): d["spec"]["template"]["metadata"]["labels"]
        for d in by_kind(render_ci(filename), "Deployment").values()
    }


@pytest.mark.parametrize("filename", [DEFAULT, PRODUCTION])
def test_every_deployment_has_a_network_policy_selecting_it(filename: str) -> None:
    policies = _policies(filename)
    labels = _pod_labels(filename)
    assert set(policies) == set(labels)
    for component, policy in policies.items():
        assert policy["spec"]["policyTypes"] == ["Ingress"]
        selected = {c for c, lab in labels.items() if _selects(policy["spec"]["podSelector"], lab)}
        assert selected == {component}


@pytest.mark.parametrize("filename", [DEFAULT, PRODUCTION])
def test_domain_services_accept_grpc_only_from_platform_clients(filename: str) -> None:
    policies = _policies(filename)
    labels = _pod_labels(filename)
    for domain in DEPLOYED:
        rules = policies[domain]["spec"]["ingress"]
        grpc_rules = [r for r in rules if {"port": "grpc", "protocol": "TCP"} in r["ports"]]
        assert len(grpc_rules) == 1
        peers = grpc_rules[0]["from"]
        assert all(set(p) == {"podSelector"} for p in peers), "no namespace-wide or IP peers"
        allowed = {
            c for c, lab in labels.items() if any(_selects(p["podSelector"], lab) for p in peers)
        }
        assert allowed == GRPC_CLIENTS
        assert "envoy" not in allowed
        metrics = [r for r in rules if r is not grpc_rules[0]]
        assert metrics == [
            {
                "from": [
                    {
                        "namespaceSelector": {
                            "matchLabels": {"kubernetes.io/metadata.name": "monitoring"}
                        }
                    }
                ],
                "ports": [{"port": "metrics", "protocol": "TCP"}],
            }
        ]


def test_edge_accepts_http_only_from_envoy_and_monitoring() -> None:
    policies = _policies(DEFAULT)
    labels = _pod_labels(DEFAULT)
    rules = policies["edge"]["spec"]["ingress"]
    pod_rule = next(r for r in rules if "podSelector" in r["from"][0])
    allowed = {c for c, lab in labels.items() if _selects(pod_rule["from"][0]["podSelector"], lab)}
    assert allowed == {"envoy"}
    # Worker, beat and the operator take no inbound traffic except metrics scrapes.
    for component in ("worker", "worker-bulk", "beat"):
        (rule,) = policies[component]["spec"]["ingress"]
        assert rule["ports"] == [{"port": "metrics", "protocol": "TCP"}]
        assert "namespaceSelector" in rule["from"][0]
    # The operator takes no inbound traffic except metrics scrapes (its liveness port is
    # probed by the kubelet, which NetworkPolicies do not filter).
    (rule,) = policies["operator"]["spec"]["ingress"]
    assert rule["ports"] == [{"port": "metrics", "protocol": "TCP"}]
    assert "namespaceSelector" in rule["from"][0]


def test_production_restricts_envoy_to_the_ingress_controller() -> None:
    rules = _policies(PRODUCTION)["envoy"]["spec"]["ingress"]
    public = next(r for r in rules if {"port": "http", "protocol": "TCP"} in r["ports"])
    assert public["from"] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}
    ]


# --- operator RBAC ----------------------------------------------------------------------

ALLOWED_RESOURCES = {
    "petful.io": {
        "campaigns",
        "petstarapplications",
        "campaigns/status",
        "petstarapplications/status",
        "campaigns/finalizers",
        "petstarapplications/finalizers",
    },
    "": {"events"},
    "events.k8s.io": {"events"},
    "coordination.k8s.io": {"leases"},
}


def _rbac(filename: str) -> list[Manifest]:
    return [m for m in render_ci(filename) if m["kind"] in {"Role", "ClusterRole"}]


@pytest.mark.parametrize("filename", [DEFAULT, PRODUCTION])
def test_operator_rbac_is_least_privilege(filename: str) -> None:
    roles = _rbac(filename)
    assert roles
    granted: dict[str, set[str]] = {}
    for role in roles:
        for rule in role["rules"]:
            assert "*" not in rule["verbs"], role["metadata"]["name"]
            assert "*" not in rule["resources"], role["metadata"]["name"]
            assert not rule.get("resourceNames")
            assert set(rule["verbs"]) <= {"get", "list", "watch", "create", "update", "patch"}
            assert "delete" not in rule["verbs"]
            for group in rule["apiGroups"]:
                assert group in ALLOWED_RESOURCES, group
                assert set(rule["resources"]) <= ALLOWED_RESOURCES[group]
                granted.setdefault(group, set()).update(rule["resources"])
            if "leases" in rule["resources"]:
                assert role["kind"] == "Role", "leases only in the operator's own namespace"
    assert granted["petful.io"] == ALLOWED_RESOURCES["petful.io"]
    # The CRDs the chart ships are exactly the resources the operator is granted.
    crd_plurals = {
        yaml.safe_load(p.read_text())["spec"]["names"]["plural"]
        for p in (CHART / "crds").glob("*.yaml")
    }
    assert {r for r in granted["petful.io"] if "/" not in r} == crd_plurals


def test_operator_rbac_binds_the_operator_service_account() -> None:
    manifests = render_ci(DEFAULT)
    (cluster_role,) = by_kind(manifests, "ClusterRole").values()
    (binding,) = by_kind(manifests, "ClusterRoleBinding").values()
    assert binding["roleRef"]["name"] == cluster_role["metadata"]["name"]
    assert binding["subjects"] == [
        {"kind": "ServiceAccount", "name": service_name("operator"), "namespace": NAMESPACE}
    ]
    deployment = by_kind(manifests, "Deployment")[service_name("operator")]
    assert deployment["spec"]["template"]["spec"]["serviceAccountName"] == service_name("operator")


def test_operator_watching_namespaces_gets_roles_not_cluster_roles() -> None:
    manifests = render_ci(PRODUCTION)
    assert not by_kind(manifests, "ClusterRole")
    assert not by_kind(manifests, "ClusterRoleBinding")
    namespaced = {
        (r["metadata"].get("namespace"), r["metadata"]["name"]) for r in _rbac(PRODUCTION)
    }
    assert ("campaigns", "petful-operator") in namespaced
    assert (None, "petful-operator-leases") in namespaced


@pytest.mark.parametrize(
    ("filename", "args"),
    [(DEFAULT, ["--all-namespaces"]), (PRODUCTION, ["--namespace=campaigns"])],
)
def test_operator_watches_what_its_rbac_allows(filename: str, args: list[str]) -> None:
    container = _container(render_ci(filename), "operator")
    assert container["command"][:3] == ["kopf", "run", "--standalone"]
    assert container["args"] == args


# --- values schema ----------------------------------------------------------------------

BAD_VALUES: list[tuple[str, dict[str, Any], str]] = [
    (
        "writable root",
        {"default": {"securityContext": {"readOnlyRootFilesystem": False}}},
        "/default/securityContext/readOnlyRootFilesystem",
    ),
    (
        "root user",
        {"default": {"podSecurityContext": {"runAsNonRoot": False}}},
        "/default/podSecurityContext/runAsNonRoot",
    ),
    ("unknown role", {"components": {"edge": {"role": "gateway"}}}, "/components/edge/role"),
    (
        "service without ports",
        {"components": {"extra": {"enabled": True, "role": "service"}}},
        "missing property 'ports'",
    ),
    (
        "bad port",
        {"components": {"pets": {"ports": {"grpc": 70000}}}},
        "/components/pets/ports/grpc",
    ),
    ("s3 without bucket", {"media": {"backend": "s3"}}, "/media/s3/bucket"),
    ("unknown media backend", {"media": {"backend": "ftp"}}, "/media/backend"),
    ("typo at top level", {"netwrokPolicy": {"enabled": False}}, "netwrokPolicy"),
    ("bad env", {"config": {"env": "staging"}}, "/config/env"),
    ("non-PETFUL extra env", {"config": {"extraEnv": {"PATH": "/bin"}}}, "PATH"),
    ("monitoring typo", {"monitoring": {"enable": True}}, "enable"),
    (
        "error ratio above 1",
        {"monitoring": {"alerts": {"grpcErrorRatio": 5}}},
        "/monitoring/alerts/grpcErrorRatio",
    ),
    ("bad scrape interval", {"monitoring": {"interval": "30"}}, "/monitoring/interval"),
    ("envoy admin off loopback", {"envoy": {"adminAddress": "0.0.0.0"}}, "/envoy/adminAddress"),
    ("negative trusted hops", {"envoy": {"xffNumTrustedHops": -1}}, "/envoy/xffNumTrustedHops"),
]


@pytest.mark.parametrize(("why", "values", "error"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_values_schema_rejects(why: str, values: dict[str, Any], error: str) -> None:
    with pytest.raises(helm.HelmError, match=re.escape(error)):
        validate_values(values)
    with pytest.raises(helm.HelmError, match=re.escape(error)):
        render(values)


@pytest.mark.parametrize("filename", CI_FILES)
def test_values_schema_accepts_ci_values(filename: str) -> None:
    validate_values(load_values(CHART / "ci" / filename))


# --- dashboards -------------------------------------------------------------------------


def _defined_metrics() -> set[str]:
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for tree in (ROOT / "services" / "petful", ROOT / "operator")
        for p in tree.rglob("*.py")
    )
    named = re.findall(r'metric_name\(\s*"([a-z0-9_]+)"', source)
    return set(re.findall(r'"(petful_[a-z0-9_]+)"', source)) | {f"petful_{n}" for n in named}


def test_dashboards_are_valid_and_use_existing_metrics() -> None:
    defined = _defined_metrics()
    assert "petful_grpc_server_requests_total" in defined
    files = sorted((CHART / "files" / "dashboards").glob("*.json"))
    assert {p.stem for p in files} >= {"api-red", "workers", "operator", "business", "matching"}
    uids: set[str] = set()
    for path in files:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        assert dashboard["title"].startswith("PetFul")
        assert dashboard["uid"] not in uids
        uids.add(dashboard["uid"])
        assert dashboard["panels"], path.name
        for panel in dashboard["panels"]:
            assert panel["targets"], (path.name, panel["title"])
            for target in panel["targets"]:
                for metric in re.findall(r"petful_[a-z0-9_]+", target["expr"]):
                    base = re.sub(r"_(bucket|count|sum)$", "", metric)
                    assert base in defined, (path.name, metric)


def test_dashboards_configmaps_are_labelled_for_the_grafana_sidecar() -> None:
    maps = [
        m
        for m in by_kind(render_ci(DEFAULT), "ConfigMap").values()
        if "dashboard" in m["metadata"]["name"]
    ]
    assert len(maps) == len(list((CHART / "files" / "dashboards").glob("*.json")))
    for cm in maps:
        assert cm["metadata"]["labels"]["grafana_dashboard"] == "1"
        (body,) = cm["data"].values()
        json.loads(body)


def test_render_is_fast() -> None:
    import time

    start = time.perf_counter()
    for _ in range(5):
        render_raw()
    assert time.perf_counter() - start < 5


def _walk(node: Any, visit: Callable[[Any], None]) -> None:
    visit(node)
    if isinstance(node, dict):
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def test_no_template_leftovers() -> None:
    def visit(node: Any) -> None:
        if isinstance(node, str):
            assert "{{" not in node, node[:200]
            assert "<no value>" not in node, node[:200]

    for filename in CI_FILES:
        for m in render_ci(filename):
            if "grafana_dashboard" in m["metadata"].get("labels", {}):
                continue  # Grafana's own {{label}} legend templates
            if m["kind"] == "PrometheusRule":
                # Alert annotations are Prometheus templates; only those may remain.
                m = json.loads(
                    re.sub(
                        r"\{\{ \$(labels\.[a-z_]+|value)( \| [a-zA-Z]+)? \}\}", "x", json.dumps(m)
                    )
                )
            _walk(m, visit)


# --- monitoring (Prometheus Operator) ---------------------------------------------------


def _monitoring(filename: str, kind: str) -> dict[str, Manifest]:
    return by_kind(render_ci(filename), kind)


def test_monitoring_is_off_by_default() -> None:
    assert merged_values()["monitoring"]["enabled"] is False
    for filename in (DEFAULT, MINIMAL):
        kinds = {m["kind"] for m in render_ci(filename)}
        assert not kinds & {"ServiceMonitor", "PrometheusRule"}, filename


def test_monitoring_objects_match_their_schema() -> None:
    objects = [m for m in render_ci(PRODUCTION) if m["apiVersion"] == "monitoring.coreos.com/v1"]
    assert {m["kind"] for m in objects} == {"ServiceMonitor", "PrometheusRule"}
    for m in objects:
        validate_monitoring(m)
    # The schemas do catch mistakes.
    monitor = json.loads(json.dumps(objects[0]))
    monitor["spec"]["endpoints"][0]["interval"] = "30 seconds"
    with pytest.raises(jsonschema.ValidationError):
        validate_monitoring(monitor)
    monitor = json.loads(json.dumps(objects[0]))
    monitor["spec"]["endpoint"] = monitor["spec"].pop("endpoints")
    with pytest.raises(jsonschema.ValidationError):
        validate_monitoring(monitor)


def test_a_service_monitor_scrapes_every_metrics_port() -> None:
    manifests = render_ci(PRODUCTION)
    monitors = _monitoring(PRODUCTION, "ServiceMonitor")
    services = by_kind(manifests, "Service")
    policies = _policies(PRODUCTION)
    deployments = by_kind(manifests, "Deployment")
    # Every Deployment is scraped: the domain services, worker, beat and operator on their
    # metrics port, the edge on its HTTP port, Envoy on its stats port.
    assert set(monitors) == set(deployments)
    for name, monitor in monitors.items():
        component = component_of(monitor)
        spec = monitor["spec"]
        assert monitor["metadata"]["labels"]["release"] == "kube-prometheus-stack"
        assert spec["namespaceSelector"] == {"matchNames": [NAMESPACE]}
        assert spec["targetLabels"] == ["app.kubernetes.io/component"]
        # The selector picks exactly this component's Service (Envoy's public one carries no
        # stats: a ClusterIP Service of their own does).
        scraped = f"{name}-stats" if component == "envoy" else name
        selected = {
            n
            for n, svc in services.items()
            if _selects(spec["selector"], svc["metadata"]["labels"])
        }
        assert selected == {scraped}
        assert services[scraped]["spec"]["type"] == "ClusterIP"
        if scraped != name:  # the job is still the component's name, as the alerts expect
            assert services[scraped]["metadata"]["labels"][spec["jobLabel"]] == name
        (endpoint,) = spec["endpoints"]
        # The gRPC metrics' own `service` label (protobuf service) must win over the target's.
        assert endpoint["honorLabels"] is True
        assert (endpoint["interval"], endpoint["scrapeTimeout"]) == ("30s", "10s")
        service_ports = {p["name"]: p for p in services[scraped]["spec"]["ports"]}
        assert endpoint["port"] in service_ports, name
        target_port = service_ports[endpoint["port"]]["targetPort"]
        expected = {
            "envoy": ("stats", "/stats/prometheus"),
            "edge": ("http", "/metrics"),
        }.get(component, ("metrics", "/metrics"))
        assert (target_port, endpoint["path"]) == expected, name
        # ... and the NetworkPolicy lets the monitoring namespace reach that very port.
        scrape_rules = [
            r
            for r in policies[component]["spec"]["ingress"]
            if any("namespaceSelector" in peer for peer in r.get("from", []))
            and {"port": target_port, "protocol": "TCP"} in r["ports"]
        ]
        assert scrape_rules, component


def test_operator_metrics_port_reaches_the_operator() -> None:
    assert merged_values()["components"]["operator"]["ports"]["metrics"] == (
        OperatorSettings().metrics_port
    )
    container = _container(render_ci(PRODUCTION), "operator")
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert env_of(container)["PETFUL_OPERATOR_METRICS_PORT"] == str(ports["metrics"])
    assert OperatorSettings(metrics_port=ports["metrics"]).metrics_port == ports["metrics"]


def _rules(values: dict[str, Any] | None = None) -> dict[str, Manifest]:
    manifests = render_ci(PRODUCTION) if values is None else render(values)
    (rule,) = by_kind(manifests, "PrometheusRule").values()
    validate_monitoring(rule)
    groups = [g["name"] for g in rule["spec"]["groups"]]
    assert len(groups) == len(set(groups)), "group names must be unique"
    return {r["alert"]: r for g in rule["spec"]["groups"] for r in g["rules"]}


def _balanced(expr: str) -> bool:
    depth = 0
    for char in re.sub(r'"[^"]*"', "", expr):
        depth += {"(": 1, ")": -1, "{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_alerts_cover_errors_latency_and_down_processes() -> None:
    alerts = _rules()
    assert set(alerts) == {
        "PetfulProcessDown",
        "PetfulWorkerDown",
        "PetfulWorkerBulkDown",
        "PetfulBeatDown",
        "PetfulGrpcErrorRatioHigh",
        "PetfulGrpcLatencyHigh",
        "PetfulOperatorCannotReachServices",
    }
    defined = _defined_metrics()
    jobs = set(_monitoring(PRODUCTION, "ServiceMonitor"))  # job = the scraped Service's name
    for name, alert in alerts.items():
        expr = alert["expr"]
        assert _balanced(expr), name
        assert 'namespace="petful"' in expr, name
        for metric in re.findall(r"petful_[a-z0-9_]+", expr):
            assert re.sub(r"_(bucket|count|sum)$", "", metric) in defined, (name, metric)
        for job_re in re.findall(r'job=~?"([^"]+)"', expr):
            assert set(job_re.split("|")) <= jobs, (name, job_re)
        assert alert["labels"]["severity"] in {"warning", "critical"}
        assert alert["labels"]["team"] == "petful"  # monitoring.alerts.labels
        assert alert["annotations"]["summary"], name
    down = re.search(r'job=~"([^"]+)"', alerts["PetfulProcessDown"]["expr"])
    assert down is not None
    assert down.group(1).split("|") == sorted(jobs)
    assert alerts["PetfulWorkerDown"]["expr"] == (
        'absent(up{namespace="petful",job="petful-worker"} == 1)'
    )
    assert alerts["PetfulWorkerBulkDown"]["expr"] == (
        'absent(up{namespace="petful",job="petful-worker-bulk"} == 1)'
    )
    assert (
        alerts["PetfulBeatDown"]["expr"] == 'absent(up{namespace="petful",job="petful-beat"} == 1)'
    )
    assert alerts["PetfulBeatDown"]["labels"]["severity"] == "critical"
    errors = alerts["PetfulGrpcErrorRatioHigh"]["expr"]
    assert "petful_grpc_server_requests_total" in errors
    assert 'code=~"UNKNOWN|INTERNAL|UNAVAILABLE|DEADLINE_EXCEEDED|DATA_LOSS"' in errors
    assert errors.endswith("> 0.05")
    latency = alerts["PetfulGrpcLatencyHigh"]["expr"]
    assert latency.startswith("histogram_quantile(0.95, sum by (namespace, job, service, le) (")
    assert "petful_grpc_server_request_duration_seconds_bucket" in latency
    assert latency.endswith("> 1")
    assert alerts["PetfulGrpcLatencyHigh"]["for"] == "10m"


def test_alert_thresholds_follow_values() -> None:
    values = load_values(CHART / "ci" / PRODUCTION)
    values["monitoring"]["alerts"].update(
        {"grpcErrorRatio": 0.02, "grpcLatencyP95Seconds": 0.25, "for": "15m"}
    )
    alerts = _rules(values)
    assert alerts["PetfulGrpcErrorRatioHigh"]["expr"].endswith("> 0.02")
    assert "threshold 2%" in alerts["PetfulGrpcErrorRatioHigh"]["annotations"]["description"]
    assert alerts["PetfulGrpcLatencyHigh"]["expr"].endswith("> 0.25")
    assert alerts["PetfulGrpcErrorRatioHigh"]["for"] == "15m"


def test_alerts_follow_enabled_components() -> None:
    values = {"monitoring": {"enabled": True}, "components": {"operator": {"enabled": False}}}
    alerts = _rules(values)
    assert "PetfulOperatorCannotReachServices" not in alerts
    assert "PetfulOperatorCannotReachServices" in _rules({"monitoring": {"enabled": True}})
    assert {"PetfulWorkerDown", "PetfulBeatDown"} <= set(alerts)
    minimal = load_values(CHART / "ci" / MINIMAL)
    minimal["monitoring"] = {"enabled": True}
    alerts = _rules(minimal)
    assert not {"PetfulWorkerDown", "PetfulBeatDown"} & set(alerts)
    off = {"monitoring": {"enabled": True, "alerts": {"enabled": False}}}
    assert not by_kind(render(off), "PrometheusRule")
    assert by_kind(render(off), "ServiceMonitor")


# --- Skaffold and the image -------------------------------------------------------------


def _skaffold() -> list[Manifest]:
    return [d for d in yaml.safe_load_all((ROOT / "skaffold.yaml").read_text()) if d]


def test_skaffold_builds_the_image_and_deploys_the_chart() -> None:
    main, *required = _skaffold()
    assert re.fullmatch(r"skaffold/v4beta\d+", main["apiVersion"])
    assert main["kind"] == "Config"
    (artifact,) = main["build"]["artifacts"]
    assert artifact["docker"]["dockerfile"] == "Dockerfile"
    assert (ROOT / artifact.get("context", ".") / "Dockerfile").is_file()
    (release,) = main["manifests"]["helm"]["releases"]
    assert (ROOT / release["chartPath"]).resolve() == CHART
    image = artifact["image"]
    assert (
        release["setValueTemplates"]["default.image.repository"] == f"{{{{.IMAGE_REPO_{image}}}}}"
    )
    assert f"IMAGE_TAG_{image}" in release["setValueTemplates"]["default.image.tag"]
    for values_file in release.get("valuesFiles", []):
        assert (ROOT / values_file).is_file()
    assert "helm" in main["deploy"]
    profiles = {p["name"]: p for p in main["profiles"]}
    assert {"dev", "debug", "observability"} <= set(profiles)
    # The observability profile requires a config defined in the same file.
    names = {c["metadata"]["name"] for c in required}
    for req in profiles["observability"]["requires"]:
        assert set(req["configs"]) <= names
        assert "path" not in req
    # Values the profiles set exist in the chart (a typo would be silently ignored).
    defaults = merged_values()
    for profile in profiles.values():
        for patch in profile.get("patches", []):
            if not patch["path"].endswith("/setValues"):
                continue
            for dotted in patch["value"]:
                node: Any = defaults
                for key in dotted.split("."):
                    assert isinstance(node, dict), (profile["name"], dotted)
                    assert key in node, (profile["name"], dotted)
                    node = node[key]


def test_profile_values_render() -> None:
    (main, *_) = _skaffold()
    for profile in main["profiles"]:
        values: dict[str, Any] = {}
        for patch in profile.get("patches", []):
            if not patch["path"].endswith("/setValues"):
                continue
            for dotted, value in patch["value"].items():
                node = values
                *parents, last = dotted.split(".")
                for key in parents:
                    node = node.setdefault(key, {})
                node[last] = value
        assert render(values), profile["name"]


def test_dockerfile_is_multi_stage_non_root_and_matches_the_venv() -> None:
    import sys

    text = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", text, flags=re.MULTILINE)
    assert len(stages) >= 2
    version = re.search(r"^ARG PYTHON_VERSION=(\S+)", text, flags=re.MULTILINE)
    assert version is not None
    assert version.group(1) == f"{sys.version_info.major}.{sys.version_info.minor}"
    names = {name for _, name in stages if name}
    assert all(
        image.startswith("python:${PYTHON_VERSION}-slim") or image in names for image, _ in stages
    )
    # The last stage (what a plain build makes) is the production image, not the dev one.
    assert stages[-1] == ("runtime", "production")
    users = re.findall(r"^USER\s+(\S+)", text, flags=re.MULTILINE)
    assert users
    assert users[-1].split(":")[0] == "10001"
    assert merged_values()["default"]["podSecurityContext"]["runAsUser"] == 10001
    assert "pip install" in text
    assert "COPY services" in text
    # The chart runs the operator from the same image.
    assert "COPY operator ./operator" in text
    assert "!operator/" in (ROOT / ".dockerignore").read_text()
    ignore = (ROOT / ".dockerignore").read_text().split()
    assert "*" in ignore
    assert "!services/" in ignore
    # The worker reads prescriptions with Debian's Tesseract and its Korean model.
    runtime = text[text.index("AS runtime") : text.index("AS dev")]
    assert "tesseract-ocr tesseract-ocr-kor" in runtime


def test_dev_profile_syncs_code_into_the_editable_dev_image() -> None:
    (main, *_) = _skaffold()
    dev = next(p for p in main["profiles"] if p["name"] == "dev")
    patches = {p["path"]: p["value"] for p in dev["patches"]}
    assert patches["/build/artifacts/0/docker/target"] == "dev"
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM runtime AS dev$", text, flags=re.MULTILINE)
    assert "pip install --no-deps -e /opt/petful-src" in text
    for rule in patches["/build/artifacts/0/sync"]["manual"]:
        assert rule["dest"] == "/opt/petful-src"
        top = rule["src"].split("/")[0]
        assert f"COPY --chown=10001:10001 {top} /opt/petful-src/{top}" in text
    values = patches["/manifests/helm/releases/0/setValues"]
    assert values["config.devReload"] is True
    # Only a dev-reloading release may have a writable root; the schema refuses it otherwise.
    config = by_kind(render({"config": {"devReload": True}}), "ConfigMap")
    assert any(c["data"].get("PETFUL_DEV_RELOAD") == "true" for c in config.values())
    writable = {"default": {"securityContext": {"readOnlyRootFilesystem": False}}}
    assert render({**writable, "config": {"devReload": True, "env": "development"}})
