"""A Kubernetes API emulator for the operator tests: kmock's `KubernetesEmulator` with the
parts of the API server's behaviour kopf and our tests rely on (ARCHITECTURE.md, "Verified
toolchain facts"):

- `GET /api/v1/namespaces` (kmock's path parser cannot read it);
- uid, creationTimestamp, generation (bumped on spec changes only) and a global
  resourceVersion on every write; a stale `metadata.resourceVersion` in a write is a 409
  Conflict, a failed JSON-patch `test` a 422, as on a real server;
- 201 on create, 409 on a duplicate create, `generateName` (kopf's Events use it);
- list responses with `kind: <Kind>List` and the collection's resourceVersion;
- the status subresource: writes to the main resource never change `.status`, writes to
  `/status` change nothing else;
- finalizers: DELETE only marks `deletionTimestamp` while finalizers remain; the object goes
  away when the last one is removed.
"""

from __future__ import annotations

import copy
import itertools
import secrets
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp.web
import jsonpatch
import yaml
from kmock import KubernetesEmulator, ResourceInfo, resource
from kmock._internal import apps, enums, rendering

CRD_DIR = Path(__file__).resolve().parents[2] / "manifests" / "crds"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _merge(base: Any, patch: Any) -> Any:
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge(out.get(key), value)
    return out


def _res(key: Any) -> Any:
    return key if isinstance(key, resource) else resource(key)


def _status(code: int, reason: str, message: str) -> aiohttp.web.Response:
    return aiohttp.web.json_response(
        {
            "apiVersion": "v1",
            "kind": "Status",
            "metadata": {},
            "status": "Failure",
            "code": code,
            "reason": reason,
            "message": message,
        },
        status=code,
    )


class PetfulKubernetesEmulator(KubernetesEmulator):
    """The emulator plus resource versions, conflicts, status subresource, finalizers."""

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        self._rv = itertools.count(1)
        self._kinds: dict[Any, str] = {}
        self.namespaces: set[str] = {"default"}

    # --- setup -------------------------------------------------------------------------------

    def install_crds(self, directory: Path = CRD_DIR) -> None:
        """Serve the custom resources the CRD files define (discovery included)."""
        for path in sorted(directory.glob("*.yaml")):
            crd = yaml.safe_load(path.read_text())
            spec, names = crd["spec"], crd["spec"]["names"]
            for version in spec["versions"]:
                key = f"{spec['group']}/{version['name']}/{names['plural']}"
                self.resources[key] = ResourceInfo(
                    kind=names["kind"],
                    singular=names["singular"],
                    namespaced=spec["scope"] == "Namespaced",
                    verbs={"get", "list", "watch", "create", "update", "patch", "delete"},
                    shortnames=set(names.get("shortNames", ())),
                    categories=set(names.get("categories", ())),
                    subresources=set(version.get("subresources", {})),
                )
                self._kinds[resource(key)] = names["kind"]
        # The built-ins kopf's discovery expects to find (it waits for them at start-up).
        for key, kind, namespaced in (
            ("v1/events", "Event", True),
            ("v1/namespaces", "Namespace", False),
            (
                "apiextensions.k8s.io/v1/customresourcedefinitions",
                "CustomResourceDefinition",
                False,
            ),
        ):
            self.resources[key] = ResourceInfo(
                kind=kind,
                singular=kind.lower(),
                namespaced=namespaced,
                verbs={"create", "get", "list", "watch", "patch"},
            )
            self._kinds[resource(key)] = kind

    # --- reading, for tests ---------------------------------------------------------------

    def stored(self, key: str, namespace: str, name: str) -> dict[str, Any] | None:
        object_key: Any = (_res(key), namespace, name)
        if object_key not in self._objects or self._objects[object_key].deleted:
            return None
        found: dict[str, Any] = copy.deepcopy(self._objects[object_key].raw)
        return found

    def all(self, key: Any, namespace: str | None = None) -> list[dict[str, Any]]:
        res = _res(key)
        return [
            copy.deepcopy(obj.raw)
            for (r, ns, _), obj in self._objects.items()
            if r == res and not obj.deleted and (namespace is None or ns == namespace)
        ]

    # --- serving ----------------------------------------------------------------------------

    async def __call__(self, raw_request: aiohttp.web.BaseRequest) -> aiohttp.web.StreamResponse:
        if raw_request.method == "GET" and raw_request.path.rstrip("/") == "/api/v1/namespaces":
            return aiohttp.web.json_response(
                {
                    "apiVersion": "v1",
                    "kind": "NamespaceList",
                    "metadata": {"resourceVersion": str(next(self._rv))},
                    "items": [
                        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}
                        for ns in sorted(self.namespaces)
                    ],
                }
            )
        return await super().__call__(raw_request)

    def _has_status(self, res: Any) -> bool:
        try:
            return "status" in self._resources[res].subresources
        except KeyError:
            return False

    async def _emit(self, res: Any, type_: str, obj: Mapping[str, Any]) -> None:
        await self._buses[res].put({"type": type_, "object": copy.deepcopy(dict(obj))})

    async def _handle(self, request: rendering.Request) -> aiohttp.web.StreamResponse:
        res = request.resource
        if res is None or not res.plural:  # discovery: /api, /apis/<group>[/<version>]
            return await super()._handle(request)
        method = request.method
        if request.action == enums.action.CREATE:
            async with self._lock:
                return await self._create(request)
        if request.name is not None and method in (enums.method.PATCH, enums.method.PUT):
            async with self._lock:
                return await self._update(request, replace=method == enums.method.PUT)
        if request.action == enums.action.DELETE:
            async with self._lock:
                return await self._delete(request)
        if request.action == enums.action.LIST:
            async with self._lock:
                items = self.all(res, request.namespace)
            kind = self._kinds.get(res, "Object")
            return aiohttp.web.json_response(
                {
                    "apiVersion": f"{res.group}/{res.version}".lstrip("/"),
                    "kind": f"{kind}List",
                    "metadata": {"resourceVersion": str(next(self._rv))},
                    "items": items,
                }
            )
        # FETCH and WATCH: kmock's own handlers read the objects kept here.
        return await apps.RawHandler._handle(self, request)

    async def _create(self, request: rendering.Request) -> aiohttp.web.StreamResponse:
        res: Any = request.resource
        body = copy.deepcopy(request.data) if isinstance(request.data, dict) else {}
        meta = body.setdefault("metadata", {})
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = meta["generateName"] + secrets.token_hex(3)
        if not meta.get("name"):
            return _status(422, "Invalid", "metadata.name is required")
        namespace = request.namespace or meta.get("namespace")
        if namespace:
            meta["namespace"] = namespace
            self.namespaces.add(namespace)
        key: Any = (res, namespace, meta["name"])
        if key in self._objects and not self._objects[key].deleted:
            return _status(409, "AlreadyExists", f"{res.plural} {meta['name']!r} already exists")
        meta.update(
            uid=str(uuid.uuid4()),
            creationTimestamp=_now(),
            resourceVersion=str(next(self._rv)),
            generation=1,
        )
        meta.pop("deletionTimestamp", None)
        if self._has_status(res):
            body.pop("status", None)
        if key in self._objects:
            self._objects[key].create(body)
        else:
            self._objects[key] = body
        await self._emit(res, "ADDED", body)
        return aiohttp.web.json_response(body, status=201)

    async def _update(
        self, request: rendering.Request, *, replace: bool
    ) -> aiohttp.web.StreamResponse:
        res: Any = request.resource
        key: Any = (res, request.namespace, request.name)
        if key not in self._objects or self._objects[key].deleted:
            return _status(404, "NotFound", f"{res.plural} {request.name!r} not found")
        old = copy.deepcopy(self._objects[key].raw)
        data = request.data
        if isinstance(data, list):  # JSON patch (kopf's `test` of resourceVersion included)
            try:
                new = jsonpatch.apply_patch(old, data)
            except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as e:
                return _status(422, "Invalid", f"the JSON patch failed: {e}")
        elif isinstance(data, dict):
            wanted_rv = (data.get("metadata") or {}).get("resourceVersion")
            if wanted_rv is not None and wanted_rv != old["metadata"]["resourceVersion"]:
                return _status(
                    409,
                    "Conflict",
                    "the object has been modified; please apply your changes to the latest "
                    "version and try again",
                )
            new = copy.deepcopy(data) if replace else _merge(old, data)
        else:
            return _status(400, "BadRequest", "the body must be a JSON object or a JSON patch")
        if request.subresource == "status":
            result = old
            result["status"] = new.get("status")
            if result["status"] is None:
                result.pop("status")
        else:
            result = new
            if self._has_status(res):
                if "status" in old:
                    result["status"] = old["status"]
                else:
                    result.pop("status", None)
            # Immutable metadata stays the server's.
            for field in ("uid", "creationTimestamp", "generation", "deletionTimestamp", "name"):
                if field in old["metadata"]:
                    result.setdefault("metadata", {})[field] = old["metadata"][field]
            if result.get("spec") != old.get("spec"):
                result["metadata"]["generation"] = old["metadata"].get("generation", 1) + 1
        result["metadata"]["resourceVersion"] = str(next(self._rv))
        if result["metadata"].get("deletionTimestamp") and not result["metadata"].get("finalizers"):
            self._objects[key].history.append(result)  # the last state, then the removal
            self._objects[key].delete()
            await self._emit(res, "DELETED", result)
            return aiohttp.web.json_response(result)
        self._objects[key].history.append(result)
        await self._emit(res, "MODIFIED", result)
        return aiohttp.web.json_response(result)

    async def _delete(self, request: rendering.Request) -> aiohttp.web.StreamResponse:
        res: Any = request.resource
        key: Any = (res, request.namespace, request.name)
        if key not in self._objects or self._objects[key].deleted:
            return _status(404, "NotFound", f"{res.plural} {request.name!r} not found")
        obj = copy.deepcopy(self._objects[key].raw)
        meta = obj["metadata"]
        if meta.get("finalizers"):
            if not meta.get("deletionTimestamp"):
                meta["deletionTimestamp"] = _now()
                meta["resourceVersion"] = str(next(self._rv))
                self._objects[key].history.append(obj)
                await self._emit(res, "MODIFIED", obj)
            return aiohttp.web.json_response(obj, status=202)
        self._objects[key].delete()
        await self._emit(res, "DELETED", obj)
        return aiohttp.web.json_response(obj)
