"""What the API server does with a custom resource, done offline for the PetFul CRDs.

`admit(crd, obj)` applies the schema defaults, validates against the openAPIV3Schema with a
JSON-schema validator (unknown fields rejected, as `kubectl apply` does with its default
strict field validation) and evaluates every `x-kubernetes-validations` CEL rule with
cel-python, typing values as Kubernetes does (`format: date-time` strings are timestamps).
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import celpy
import celpy.adapter
import jsonschema
import yaml
from celpy import celtypes

from tools.chart_render import ROOT

CRD_DIR = ROOT / "manifests" / "crds"
CHART_CRD_DIR = ROOT / "charts" / "petful" / "crds"
SAMPLES_DIR = ROOT / "manifests" / "samples"

Schema = dict[str, Any]

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def crds() -> dict[str, dict[str, Any]]:
    """kind -> CRD object from manifests/crds/."""
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(CRD_DIR.glob("*.yaml")):
        crd = load_yaml(path)
        out[crd["spec"]["names"]["kind"]] = crd
    return out


def schema_of(kind: str) -> Schema:
    (version,) = crds()[kind]["spec"]["versions"]
    schema: Schema = version["schema"]["openAPIV3Schema"]
    return schema


# --- JSON schema ------------------------------------------------------------------------


def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _RFC3339.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    return True


def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and parts.netloc)


def _is_int32(value: object) -> bool:
    return not isinstance(value, int) or -(2**31) <= value < 2**31


def _is_int64(value: object) -> bool:
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _is_double(value: object) -> bool:
    return True


_formats = jsonschema.FormatChecker(formats=())
for _name, _check in {
    "date-time": _is_date_time,
    "uri": _is_uri,
    "int32": _is_int32,
    "int64": _is_int64,
    "double": _is_double,
}.items():
    _formats.checks(_name)(_check)


def _strict(schema: Schema, *, at_root: bool = True) -> Schema:
    """Copy of schema with unknown fields forbidden (metadata is left to the API server)."""
    out = dict(schema)
    if "properties" in out:
        out["properties"] = {
            key: (sub if at_root and key == "metadata" else _strict(sub, at_root=False))
            for key, sub in out["properties"].items()
        }
        out.setdefault("additionalProperties", False)
    if "items" in out:
        out["items"] = _strict(out["items"], at_root=False)
    return out


def schema_errors(kind: str, obj: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(_strict(schema_of(kind)), format_checker=_formats)
    return [
        f"{'.'.join(str(p) for p in e.absolute_path) or '<root>'}: {e.message}"
        for e in sorted(validator.iter_errors(obj), key=lambda e: list(e.absolute_path))
    ]


# --- defaulting -------------------------------------------------------------------------


def apply_defaults(schema: Schema, value: Any) -> Any:
    """Structural defaulting: fill absent properties that declare a default, recursively."""
    value = copy.deepcopy(value)
    if isinstance(value, dict) and "properties" in schema:
        for key, sub in schema["properties"].items():
            if key not in value and "default" in sub:
                value[key] = copy.deepcopy(sub["default"])
            if key in value:
                value[key] = apply_defaults(sub, value[key])
    elif isinstance(value, list) and "items" in schema:
        value = [apply_defaults(schema["items"], v) for v in value]
    return value


# --- CEL --------------------------------------------------------------------------------


def to_cel(schema: Schema, value: Any) -> Any:
    """A JSON value as the CEL value Kubernetes would bind for this schema node."""
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return celtypes.MapType(
            {celtypes.StringType(k): to_cel(props.get(k, {}), v) for k, v in value.items()}
        )
    if kind == "array":
        return celtypes.ListType([to_cel(schema.get("items", {}), v) for v in value])
    if kind == "string":
        if schema.get("format") in {"date-time", "date"}:
            return celtypes.TimestampType(value)
        return celtypes.StringType(value)
    if kind == "integer":
        return celtypes.IntType(value)
    if kind == "number":
        return celtypes.DoubleType(value)
    if kind == "boolean":
        return celtypes.BoolType(value)
    return celpy.adapter.json_to_cel(value)


def rules(
    schema: Schema, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], Schema, dict[str, Any]]]:
    """(path of object properties, schema node, rule) for every CEL rule in the schema."""
    for rule in schema.get("x-kubernetes-validations", []):
        yield path, schema, rule
    for key, sub in schema.get("properties", {}).items():
        yield from rules(sub, (*path, key))
    if "items" in schema and list(rules(schema["items"])):
        raise NotImplementedError("CEL rules inside arrays are not needed by these CRDs")


@cache
def _program(rule: str) -> celpy.Runner:
    env = celpy.Environment()
    return env.program(env.compile(rule))


def cel_errors(kind: str, obj: dict[str, Any]) -> list[str]:
    """Messages of the CEL rules the (defaulted) object breaks."""
    failures: list[str] = []
    for path, node, rule in rules(schema_of(kind)):
        value: Any = obj
        for key in path:
            if not isinstance(value, dict) or key not in value:
                value = None
                break
            value = value[key]
        if value is None:
            continue  # Kubernetes evaluates a rule only where its value is present
        result = _program(rule["rule"]).evaluate({"self": to_cel(node, value)})
        if not (isinstance(result, celtypes.BoolType) and bool(result)):
            failures.append(rule["message"])
    return failures


def admit(obj: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """(defaulted object, errors): what the API server would store or refuse."""
    kind = obj["kind"]
    defaulted = apply_defaults(schema_of(kind), obj)
    errors = schema_errors(kind, defaulted)
    if errors:
        return defaulted, errors
    return defaulted, cel_errors(kind, defaulted)
