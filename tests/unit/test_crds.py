"""The Campaign and PetStarApplication CRDs: real schemas, CEL rules, samples that pass.

Samples are admitted as the API server would: defaults, the openAPIV3Schema (JSON-schema
validator) and the CEL `x-kubernetes-validations` (cel-python), all offline.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import kubernetes_validate  # type: ignore[import-untyped]
import pytest

from petful.campaigns.rules import CampaignType, Phase, Species
from petful.pets.rules import AppState
from tests.unit.chart_crd_support import (
    CHART_CRD_DIR,
    CRD_DIR,
    SAMPLES_DIR,
    Schema,
    _program,
    admit,
    crds,
    load_yaml,
    rules,
    schema_of,
)

KINDS = ("Campaign", "PetStarApplication")


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def campaign() -> dict[str, Any]:
    sample: dict[str, Any] = load_yaml(SAMPLES_DIR / "campaign.yaml")
    return sample


def application() -> dict[str, Any]:
    sample: dict[str, Any] = load_yaml(SAMPLES_DIR / "petstarapplication.yaml")
    return sample


# --- the CRD objects --------------------------------------------------------------------


def test_chart_ships_the_same_crds() -> None:
    manifests = {p.name: p.read_bytes() for p in CRD_DIR.glob("*.yaml")}
    chart = {p.name: p.read_bytes() for p in CHART_CRD_DIR.glob("*.yaml")}
    assert set(manifests) == {"campaigns.petful.io.yaml", "petstarapplications.petful.io.yaml"}
    assert chart == manifests


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("kube_version", ["1.28", "1.37"])
def test_crd_is_a_valid_kubernetes_object(kind: str, kube_version: str) -> None:
    kubernetes_validate.validate(crds()[kind], kube_version, strict=True)


@pytest.mark.parametrize(
    ("kind", "plural", "short"),
    [("Campaign", "campaigns", "pfc"), ("PetStarApplication", "petstarapplications", "pfpa")],
)
def test_names(kind: str, plural: str, short: str) -> None:
    crd = crds()[kind]
    assert crd["metadata"]["name"] == f"{plural}.petful.io"
    spec = crd["spec"]
    assert spec["group"] == "petful.io"
    assert spec["scope"] == "Namespaced"
    assert spec["names"]["plural"] == plural
    assert spec["names"]["shortNames"] == [short]
    assert spec["names"]["categories"] == ["petful"]
    (version,) = spec["versions"]
    assert version["name"] == "v1alpha1"
    assert version["served"] is True
    assert version["storage"] is True
    assert version["subresources"] == {"status": {}}


def _walk_schema(schema: Schema, path: str = "") -> list[tuple[str, Schema]]:
    out = [(path or "<root>", schema)]
    for key, sub in schema.get("properties", {}).items():
        out.extend(_walk_schema(sub, f"{path}.{key}"))
    if "items" in schema:
        out.extend(_walk_schema(schema["items"], f"{path}[]"))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_structural_and_closed(kind: str) -> None:
    for path, node in _walk_schema(schema_of(kind)):
        assert "type" in node, f"{path} has no type"
        assert "x-kubernetes-preserve-unknown-fields" not in node, path
        assert "x-kubernetes-int-or-string" not in node, path
        assert "additionalProperties" not in node, path
        if node["type"] == "object" and path not in {".metadata"}:
            assert node.get("properties"), f"{path} is an object without properties"
        if node["type"] == "array":
            assert "maxItems" in node, f"{path}: unbounded list (CEL cost, etcd size)"
        if path in {".apiVersion", ".kind"}:
            continue
        if node["type"] == "string" and "enum" not in node and node.get("format") != "date-time":
            assert "maxLength" in node, f"{path}: unbounded string"
    spec = schema_of(kind)["properties"]["spec"]
    assert spec["required"]
    assert "status" in schema_of(kind)["properties"]


@pytest.mark.parametrize("kind", KINDS)
def test_printer_columns_point_at_schema_fields(kind: str) -> None:
    (version,) = crds()[kind]["spec"]["versions"]
    columns = {c["name"]: c for c in version["additionalPrinterColumns"]}
    assert columns["Phase"]["jsonPath"] == ".status.phase"
    assert columns["Age"] == {
        "name": "Age",
        "type": "date",
        "jsonPath": ".metadata.creationTimestamp",
    }
    if kind == "Campaign":
        assert columns["Applicants"]["jsonPath"] == ".status.applicants"
        assert columns["Selected"]["jsonPath"] == ".status.selected"
    for column in columns.values():
        if column["jsonPath"].startswith(".metadata"):
            continue
        node = schema_of(kind)
        for key in column["jsonPath"].lstrip(".").split("."):
            node = node["properties"][key]
        expected = {"integer": "integer", "string": "string", "boolean": "boolean"}[node["type"]]
        assert column["type"] == expected, column


def test_campaign_spec_fields() -> None:
    spec = schema_of("Campaign")["properties"]["spec"]["properties"]
    assert set(spec) == {
        "advertiserRef", "title", "product", "type", "targetSpecies", "headcount", "reward",
        "requiredHashtags", "requiredKeywords", "missions", "schedule", "postRetentionDays",
        "autoRecommend",
    }  # fmt: skip
    assert set(spec["product"]["properties"]) == {"name", "description", "url"}
    assert set(spec["reward"]["properties"]) == {"description", "valueKrw"}
    assert (spec["headcount"]["minimum"], spec["headcount"]["maximum"]) == (1, 500)
    assert spec["postRetentionDays"]["default"] == 180
    top_n = spec["autoRecommend"]["properties"]["topN"]
    assert (top_n["minimum"], top_n["maximum"]) == (1, 50)
    schedule = spec["schedule"]
    assert set(schedule["required"]) == set(schedule["properties"]) == {
        "recruitStart", "recruitEnd", "announceAt", "activityStart", "activityEnd",
    }  # fmt: skip
    assert {p["format"] for p in schedule["properties"].values()} == {"date-time"}


def test_crd_enums_mirror_the_domain() -> None:
    spec = schema_of("Campaign")["properties"]["spec"]["properties"]
    assert set(spec["type"]["enum"]) == {t.value.lower() for t in CampaignType}
    assert set(spec["targetSpecies"]["items"]["enum"]) == {s.value.lower() for s in Species}
    status = schema_of("Campaign")["properties"]["status"]["properties"]
    assert set(status["phase"]["enum"]) == {"Pending"} | {_camel(p.value) for p in Phase}
    app_status = schema_of("PetStarApplication")["properties"]["status"]["properties"]
    assert set(app_status["phase"]["enum"]) == {"Pending"} | {_camel(s.value) for s in AppState}
    for kind in KINDS:
        conditions = schema_of(kind)["properties"]["status"]["properties"]["conditions"]
        item = conditions["items"]["properties"]
        assert item["type"]["enum"] == ["Ready", "Synced", "Degraded"]
        assert set(item) == {"type", "status", "reason", "message", "lastTransitionTime"}
        assert conditions["x-kubernetes-list-map-keys"] == ["type"]
    assert set(schema_of("Campaign")["properties"]["status"]["properties"]) == {
        "phase", "campaignId", "applicants", "selected", "completed", "recommendations",
        "conditions", "observedGeneration",
    }  # fmt: skip
    assert {"phase", "metrics", "eligibility", "conditions", "observedGeneration"} <= set(
        app_status
    )
    metrics = app_status["metrics"]["properties"]
    assert {"followers", "engagementRate", "qualifyingPosts"} <= set(metrics)


@pytest.mark.parametrize("kind", KINDS)
def test_every_cel_rule_compiles(kind: str) -> None:
    found = list(rules(schema_of(kind)))
    assert found
    for _, _, rule in found:
        _program(rule["rule"])
        assert rule["message"]


# --- samples ----------------------------------------------------------------------------


def test_sample_campaign_is_admitted() -> None:
    stored, errors = admit(campaign())
    assert errors == []
    assert stored["spec"]["postRetentionDays"] == 180
    assert stored["apiVersion"] == "petful.io/v1alpha1"


def test_sample_application_is_admitted_with_defaults() -> None:
    sample = application()
    del sample["spec"]["decision"]
    stored, errors = admit(sample)
    assert errors == []
    assert stored["spec"]["decision"] == "Pending"


def test_defaults_fill_auto_recommend() -> None:
    sample = campaign()
    sample["spec"]["autoRecommend"] = {}
    del sample["spec"]["postRetentionDays"]
    stored, errors = admit(sample)
    assert errors == []
    assert stored["spec"]["autoRecommend"] == {"enabled": False, "topN": 10}
    assert stored["spec"]["postRetentionDays"] == 180


def test_status_as_the_operator_writes_it_is_valid() -> None:
    sample = campaign()
    sample["status"] = {
        "phase": "Recruiting",
        "campaignId": "0b9d2c8e-1f2a-4c3b-9d4e-5f6a7b8c9d0e",
        "applicants": 12,
        "selected": 0,
        "completed": 0,
        "recommendations": [{"petStarId": "p-1", "score": 0.93}],
        "conditions": [
            {
                "type": "Synced",
                "status": "True",
                "reason": "Reconciled",
                "message": "campaign is in step with the campaigns service",
                "lastTransitionTime": "2026-12-01T00:00:05Z",
            }
        ],
        "observedGeneration": 1,
    }
    assert admit(sample)[1] == []
    app = application()
    app["status"] = {
        "phase": "InReview",
        "metrics": {"followers": 1520, "engagementRate": 0.041, "qualifyingPosts": 4},
        "eligibility": {"eligible": True, "reasons": []},
        "conditions": [{"type": "Ready", "status": "False", "reason": "AwaitingDecision"}],
        "observedGeneration": 2,
    }
    assert admit(app)[1] == []
    app["status"]["conditions"][0]["type"] = "Happy"
    assert admit(app)[1]


# --- CEL: schedule order ----------------------------------------------------------------

ORDER_MESSAGES = {
    "recruitEnd": "recruitStart must be before recruitEnd",
    "announceAt": "announceAt must not be before recruitEnd",
    "activityStart": "activityStart must not be before announceAt",
    "activityEnd": "activityStart must be before activityEnd",
}


def _with_schedule(**changes: str) -> dict[str, Any]:
    sample = campaign()
    sample["spec"]["schedule"].update(changes)
    return sample


def test_bad_dates_are_rejected() -> None:
    bad = _with_schedule(
        recruitStart="2026-12-10T00:00:00+09:00", recruitEnd="2026-12-01T00:00:00+09:00"
    )
    assert admit(bad)[1] == [ORDER_MESSAGES["recruitEnd"]]


@pytest.mark.parametrize(
    ("changes", "broken"),
    [
        ({"recruitEnd": "2026-12-01T00:00:00+09:00"}, ["recruitEnd"]),  # == recruitStart
        ({"announceAt": "2026-12-10T23:59:58+09:00"}, ["announceAt"]),  # 1 s before recruitEnd
        ({"activityStart": "2026-12-11T11:00:00+09:00"}, ["activityStart"]),
        ({"activityEnd": "2026-12-14T00:00:00+09:00"}, ["activityEnd"]),  # == activityStart
        (
            {"recruitStart": "2027-01-01T00:00:00Z", "activityEnd": "2026-12-13T00:00:00Z"},
            ["recruitEnd", "activityEnd"],
        ),
    ],
)
def test_each_schedule_rule(changes: dict[str, str], broken: list[str]) -> None:
    assert admit(_with_schedule(**changes))[1] == [ORDER_MESSAGES[b] for b in broken]


def test_schedule_boundaries_that_are_allowed() -> None:
    # recruitEnd == announceAt and announceAt == activityStart are fine.
    ok = _with_schedule(
        recruitEnd="2026-12-11T12:00:00+09:00",
        announceAt="2026-12-11T12:00:00+09:00",
        activityStart="2026-12-11T12:00:00+09:00",
    )
    assert admit(ok)[1] == []


def test_schedule_compares_instants_not_strings() -> None:
    # 2026-12-10T16:00:00Z is 2026-12-11T01:00:00+09:00: after recruitEnd, though it
    # sorts before it as text.
    ok = _with_schedule(announceAt="2026-12-10T16:00:00Z")
    assert admit(ok)[1] == []
    bad = _with_schedule(announceAt="2026-12-10T14:00:00Z")  # 23:00 KST, before recruitEnd
    assert admit(bad)[1] == [ORDER_MESSAGES["announceAt"]]


# --- CEL: decision and reason -----------------------------------------------------------

REASON_MESSAGE = "reason is required when decision is Rejected"


@pytest.mark.parametrize(
    ("decision", "reason", "ok"),
    [
        ("Pending", None, True),
        ("Approved", None, True),
        ("Rejected", None, False),
        ("Rejected", "", False),
        ("Rejected", "   ", False),
        ("Rejected", "fewer than 1,000 followers", True),
    ],
)
def test_reason_required_when_rejected(decision: str, reason: str | None, ok: bool) -> None:
    sample = application()
    sample["spec"]["decision"] = decision
    if reason is not None:
        sample["spec"]["reason"] = reason
    assert admit(sample)[1] == ([] if ok else [REASON_MESSAGE])


# --- schema rejections ------------------------------------------------------------------


def _set(obj: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    obj = copy.deepcopy(obj)
    *parents, last = dotted.split(".")
    node = obj
    for key in parents:
        node = node[key]
    if value is _DELETE:
        del node[last]
    else:
        node[last] = value
    return obj


class _Delete:
    """Marks a field to remove; its repr names it, so test ids are stable across workers."""

    def __repr__(self) -> str:
        return "<deleted>"


_DELETE = _Delete()

CAMPAIGN_REJECTIONS: list[tuple[str, Any, str]] = [
    ("spec.headcount", 0, "spec.headcount"),
    ("spec.headcount", 501, "spec.headcount"),
    ("spec.type", "online", "spec.type"),
    ("spec.targetSpecies", ["dog", "hamster"], "spec.targetSpecies.1"),
    ("spec.targetSpecies", [], "spec.targetSpecies"),
    ("spec.autoRecommend", {"enabled": True, "topN": 51}, "spec.autoRecommend.topN"),
    ("spec.reward", {"description": "treats", "valueKrw": -1}, "spec.reward.valueKrw"),
    ("spec.requiredHashtags", ["#two words"], "spec.requiredHashtags.0"),
    ("spec.product", {"name": "x", "url": "ftp://example.com/x"}, "spec.product.url"),
    ("spec.schedule.recruitStart", "2026-12-01", "spec.schedule.recruitStart"),
    ("spec.schedule.recruitStart", "next monday", "spec.schedule.recruitStart"),
    ("spec.schedule.activityEnd", _DELETE, "spec.schedule"),
    ("spec.title", "", "spec.title"),
    ("spec.title", "x" * 101, "spec.title"),
    ("spec.advertiserRef", "not an id", "spec.advertiserRef"),
    ("spec.budget", 1000, "spec"),  # unknown field
    ("spec.postRetentionDays", 0, "spec.postRetentionDays"),
]


@pytest.mark.parametrize(
    ("field", "value", "where"),
    CAMPAIGN_REJECTIONS,
    ids=[f"{f}={v!r}"[:60] for f, v, _ in CAMPAIGN_REJECTIONS],
)
def test_campaign_schema_rejects(field: str, value: Any, where: str) -> None:
    errors = admit(_set(campaign(), field, value))[1]
    assert errors
    assert any(e.startswith(f"{where}:") for e in errors), errors


APPLICATION_REJECTIONS: list[tuple[str, Any, str]] = [
    ("spec.decision", "Maybe", "spec.decision"),
    ("spec.instagramAccount", "has space", "spec.instagramAccount"),
    ("spec.instagramAccount", "@" + "a" * 31, "spec.instagramAccount"),
    ("spec.petRef", _DELETE, "spec"),
    ("spec.ownerRef", "nobody", "spec.ownerRef"),
]


@pytest.mark.parametrize(
    ("field", "value", "where"),
    APPLICATION_REJECTIONS,
    ids=[f"{f}={v!r}"[:60] for f, v, _ in APPLICATION_REJECTIONS],
)
def test_application_schema_rejects(field: str, value: Any, where: str) -> None:
    errors = admit(_set(application(), field, value))[1]
    assert errors
    assert any(e.startswith(f"{where}:") for e in errors), errors


def test_samples_reference_the_crds() -> None:
    for path in SAMPLES_DIR.glob("*.yaml"):
        sample = load_yaml(path)
        assert sample["apiVersion"] == "petful.io/v1alpha1"
        assert sample["kind"] in KINDS
        assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", sample["metadata"]["name"])
