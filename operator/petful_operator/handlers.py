"""kopf handlers: thin. Each one runs the same level-based reconcile of `workflows.py` and
writes the `.status` that `reconcile.py` computes; a timer repeats it, so a missed event or
an operator restart converges."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from typing import Any

import kopf

from petful.platform.grpc_client import close_channels
from petful.platform.settings import get_settings
from petful.platform.telemetry import setup_telemetry, start_metrics_server
from petful_operator import metrics
from petful_operator import reconcile as r
from petful_operator import workflows as wf
from petful_operator.settings import get_operator_settings

GROUP, VERSION = "petful.io", "v1alpha1"
CAMPAIGNS, APPLICATIONS = "campaigns", "petstarapplications"

SETTINGS = get_operator_settings()
_locks: dict[str, asyncio.Lock] = {}
_written: dict[str, dict[str, Any]] = {}


@contextlib.asynccontextmanager
async def _exclusive(uid: str) -> AsyncIterator[None]:
    """One pass per object at a time (the timer and an event handler may overlap)."""
    lock = _locks.setdefault(uid, asyncio.Lock())
    async with lock:
        yield


def _now() -> datetime:
    return datetime.now(UTC)


def _previous(uid: str, body: kopf.Body) -> dict[str, Any]:
    """The status the last pass wrote: a handler's body can predate the timer's write (and
    vice versa), so the in-memory copy wins while this process lives."""
    return dict(_written.get(uid) or body.status)


def _write_status(
    uid: str,
    body: kopf.Body,
    patch: kopf.Patch,
    previous: Mapping[str, Any],
    new: Mapping[str, Any],
) -> bool:
    # The patch is computed against the stored object, so a lost write is redone.
    changes = r.status_patch(dict(body.status), new)
    if changes:
        patch["status"] = changes
    _written[uid] = dict(new)
    for event in r.status_events(previous, new):
        kopf.event(body, type=event.type, reason=event.reason, message=event.message)
    return bool(changes)


@kopf.on.startup()
async def configure(settings: kopf.OperatorSettings, logger: kopf.Logger, **_: Any) -> None:
    # Both watch timeouts: the API server ends each watch (timeoutSeconds) before the
    # client would give up on a silent connection; kopf then re-lists and re-watches.
    settings.watching.server_timeout = SETTINGS.watch_server_timeout_seconds
    settings.watching.client_timeout = SETTINGS.watch_client_timeout_seconds
    settings.watching.connect_timeout = SETTINGS.watch_connect_timeout_seconds
    # Least-privilege RBAC grants no CRD listing: serve the two known resources only.
    settings.scanning.disabled = True
    # Events: the operator's own (phase changes, degradations), not every log line of kopf
    # (a "Timer succeeded" Event per object every sync interval would drown them).
    settings.posting.enabled = True
    settings.posting.loggers = False
    settings.persistence.finalizer = SETTINGS.finalizer
    # The CRDs have structural schemas: kopf's own state goes into annotations, never into
    # `.status` (the API server would prune it).
    settings.persistence.progress_storage = kopf.AnnotationsProgressStorage(prefix=GROUP)
    settings.persistence.diffbase_storage = kopf.AnnotationsDiffBaseStorage(
        prefix=GROUP, key="last-handled-configuration"
    )
    if SETTINGS.log_format == "json" or (
        SETTINGS.log_format == "auto" and get_settings().is_production
    ):
        # Structured logs: kopf's JSON formatter, with the object reference under "k8s".
        kopf.configure(log_format=kopf.LogFormat.JSON, log_refkey="k8s")
    setup_telemetry("operator")
    if SETTINGS.metrics_port:
        try:
            start_metrics_server(SETTINGS.metrics_port, SETTINGS.metrics_host)
        except OSError as e:
            logger.warning(f"metrics endpoint not started on :{SETTINGS.metrics_port}: {e}")


@kopf.on.cleanup()
async def cleanup(**_: Any) -> None:
    await close_channels()


# --- Campaign -------------------------------------------------------------------------------


async def _reconcile_campaign(
    trigger: str, body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger
) -> None:
    uid = str(body.metadata.uid)
    async with _exclusive(uid):
        previous = _previous(uid, body)
        with metrics.timed("Campaign", trigger):
            try:
                result = await wf.sync_campaign(uid, body.spec, previous)
            except Exception:  # a bug, not a refusal: kopf logs it and retries
                metrics.record("Campaign", trigger, None, "Exception")
                raise
        outcome = result.outcome
        metrics.record("Campaign", trigger, outcome.synced, outcome.reason)
        recommend = bool((body.spec.get("autoRecommend") or {}).get("enabled"))
        new = r.campaign_status(
            previous=previous,
            view=result.view,
            outcome=outcome,
            generation=body.metadata.get("generation"),
            now=_now(),
            recommend=recommend,
        )
        changed = _write_status(uid, body, patch, previous, new)
        # Quiet when a timer pass changed nothing (one line per object per interval).
        log = logger.info if changed or trigger != "timer" else logger.debug
        log(
            f"campaign reconciled ({trigger}): phase={new.get('phase')} "
            f"synced={outcome.synced} reason={outcome.reason}"
        )


@kopf.on.resume(GROUP, VERSION, CAMPAIGNS)
async def campaign_resumed(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_campaign("resume", body, patch, logger)


@kopf.on.create(GROUP, VERSION, CAMPAIGNS)
async def campaign_created(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_campaign("create", body, patch, logger)


@kopf.on.update(GROUP, VERSION, CAMPAIGNS, field="spec")
async def campaign_updated(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_campaign("update", body, patch, logger)


@kopf.timer(GROUP, VERSION, CAMPAIGNS, interval=SETTINGS.sync_interval_seconds)
async def campaign_sync(body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any) -> None:
    await _reconcile_campaign("timer", body, patch, logger)


@kopf.on.delete(GROUP, VERSION, CAMPAIGNS)
async def campaign_deleted(
    body: kopf.Body, name: str, namespace: str | None, logger: kopf.Logger, **_: Any
) -> None:
    uid = str(body.metadata.uid)
    async with _exclusive(uid):
        try:
            warning = await wf.cancel_campaign(
                uid, body.spec, _previous(uid, body), namespace=namespace or "", name=name
            )
        except wf.Transient as e:
            metrics.FINALIZATIONS.labels("Campaign", "retry").inc()
            raise kopf.TemporaryError(f"cannot cancel yet: {e}", delay=10) from e
    _locks.pop(uid, None)
    _written.pop(uid, None)
    if warning:
        metrics.FINALIZATIONS.labels("Campaign", "not_cancelled").inc()
        kopf.event(body, type="Warning", reason="CancelRefused", message=warning)
        logger.warning(warning)
    else:
        metrics.FINALIZATIONS.labels("Campaign", "cancelled").inc()
        logger.info("campaign cancelled; releasing the resource")


# --- PetStarApplication ---------------------------------------------------------------------


async def _reconcile_application(
    trigger: str, body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger
) -> None:
    uid = str(body.metadata.uid)
    async with _exclusive(uid):
        previous = _previous(uid, body)
        with metrics.timed("PetStarApplication", trigger):
            try:
                result = await wf.sync_application(uid, body.spec, previous, SETTINGS)
            except Exception:  # a bug, not a refusal: kopf logs it and retries
                metrics.record("PetStarApplication", trigger, None, "Exception")
                raise
        outcome = result.outcome
        metrics.record("PetStarApplication", trigger, outcome.synced, outcome.reason)
        new = r.application_status(
            previous=previous,
            app=result.app,
            outcome=outcome,
            decision=str(body.spec.get("decision") or "Pending"),
            generation=body.metadata.get("generation"),
            now=_now(),
        )
        changed = _write_status(uid, body, patch, previous, new)
        # Quiet when a timer pass changed nothing (one line per object per interval).
        log = logger.info if changed or trigger != "timer" else logger.debug
        log(
            f"application reconciled ({trigger}): phase={new.get('phase')} "
            f"synced={outcome.synced} reason={outcome.reason}"
        )


@kopf.on.resume(GROUP, VERSION, APPLICATIONS)
async def application_resumed(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_application("resume", body, patch, logger)


@kopf.on.create(GROUP, VERSION, APPLICATIONS)
async def application_created(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_application("create", body, patch, logger)


@kopf.on.update(GROUP, VERSION, APPLICATIONS, field="spec")
async def application_updated(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_application("update", body, patch, logger)


@kopf.timer(GROUP, VERSION, APPLICATIONS, interval=SETTINGS.sync_interval_seconds)
async def application_sync(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, **_: Any
) -> None:
    await _reconcile_application("timer", body, patch, logger)


@kopf.on.delete(GROUP, VERSION, APPLICATIONS)
async def application_deleted(body: kopf.Body, logger: kopf.Logger, **_: Any) -> None:
    uid = str(body.metadata.uid)
    async with _exclusive(uid):
        try:
            warning = await wf.withdraw_application(body.spec, _previous(uid, body))
        except wf.Transient as e:
            metrics.FINALIZATIONS.labels("PetStarApplication", "retry").inc()
            raise kopf.TemporaryError(f"cannot withdraw yet: {e}", delay=10) from e
    _locks.pop(uid, None)
    _written.pop(uid, None)
    if warning:
        metrics.FINALIZATIONS.labels("PetStarApplication", "not_withdrawn").inc()
        kopf.event(body, type="Warning", reason="WithdrawRefused", message=warning)
    else:
        metrics.FINALIZATIONS.labels("PetStarApplication", "withdrawn").inc()
