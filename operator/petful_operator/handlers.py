"""kopf handlers: thin. Every handler of a kind runs the same level-based pass (`_reconcile`):
the kind's sync in `workflows.py`, then the `.status` that `reconcile.py` computes; a timer
repeats it, so a missed event or an operator restart converges. What the process remembers
about one object lives in kopf's per-resource memo, which kopf drops with the object."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
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


def _now() -> datetime:
    return datetime.now(UTC)


# --- per-object memory ----------------------------------------------------------------------


@dataclass
class Remembered:
    """What this process remembers of one object, kept in its kopf memo."""

    # One pass per object at a time: the timer and an event handler may overlap.
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # The status the last pass wrote: a handler's body can predate the timer's write (and
    # vice versa), so this copy wins over the body while the process lives.
    written: dict[str, Any] | None = None

    def previous(self, body: kopf.Body) -> dict[str, Any]:
        return dict(self.written if self.written is not None else body.status)


_MEMO_KEY = "petful"


def remembered(memo: kopf.Memo) -> Remembered:
    """The object's memory (kopf hands every handler of one object the same memo)."""
    found = memo.get(_MEMO_KEY)
    if not isinstance(found, Remembered):
        found = memo[_MEMO_KEY] = Remembered()
    return found


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


# --- one pass, the same for both kinds -------------------------------------------------------


@dataclass(frozen=True)
class Pass:
    """What one sync of an object came to: how it went, and the whole `.status` to write."""

    outcome: r.Outcome
    status: dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """The per-kind parts of a pass and of the finalizer; the rest is shared."""

    name: str  # metrics label, and the first word of log lines
    sync: Callable[[str, kopf.Body, Mapping[str, Any]], Awaitable[Pass]]
    # The finalizer's call: a warning when the service refuses, Transient to retry.
    release: Callable[[kopf.Body, Mapping[str, Any]], Awaitable[str | None]]
    verb: str  # what the finalizer does: "cancel"
    done: str  # finalizations_total result when it did: "cancelled"
    refused: str  # Warning Event reason when it could not: "CancelRefused"


def _write_status(
    memory: Remembered,
    body: kopf.Body,
    patch: kopf.Patch,
    previous: Mapping[str, Any],
    new: Mapping[str, Any],
) -> bool:
    # The patch is computed against the stored object, so a lost write is redone.
    changes = r.status_patch(dict(body.status), new)
    if changes:
        patch["status"] = changes
    memory.written = dict(new)
    for event in r.status_events(previous, new):
        kopf.event(body, type=event.type, reason=event.reason, message=event.message)
    return bool(changes)


async def _reconcile(
    kind: Kind,
    trigger: str,
    body: kopf.Body,
    patch: kopf.Patch,
    logger: kopf.Logger,
    memo: kopf.Memo,
) -> None:
    memory = remembered(memo)
    async with memory.lock:
        previous = memory.previous(body)
        with metrics.timed(kind.name, trigger):
            try:
                result = await kind.sync(str(body.metadata.uid), body, previous)
            except Exception:  # a bug, not a refusal: kopf logs it and retries
                metrics.record(kind.name, trigger, None, "Exception")
                raise
        outcome = result.outcome
        metrics.record(kind.name, trigger, outcome.synced, outcome.reason)
        changed = _write_status(memory, body, patch, previous, result.status)
    # Quiet when a timer pass changed nothing (one line per object per interval).
    log = logger.info if changed or trigger != "timer" else logger.debug
    log(
        f"{kind.name} reconciled ({trigger}): phase={result.status.get('phase')} "
        f"synced={outcome.synced} reason={outcome.reason}"
    )


async def _finalize(kind: Kind, body: kopf.Body, logger: kopf.Logger, memo: kopf.Memo) -> None:
    memory = remembered(memo)
    async with memory.lock:
        try:
            warning = await kind.release(body, memory.previous(body))
        except wf.Transient as e:
            metrics.FINALIZATIONS.labels(kind.name, "retry").inc()
            raise kopf.TemporaryError(f"cannot {kind.verb} yet: {e}", delay=10) from e
        memory.written = None
    if warning:
        metrics.FINALIZATIONS.labels(kind.name, f"not_{kind.done}").inc()
        kopf.event(body, type="Warning", reason=kind.refused, message=warning)
        logger.warning(warning)
    else:
        metrics.FINALIZATIONS.labels(kind.name, kind.done).inc()
        logger.info(f"{kind.name} {kind.done}; releasing the resource")


# --- Campaign -------------------------------------------------------------------------------


async def _sync_campaign(uid: str, body: kopf.Body, previous: Mapping[str, Any]) -> Pass:
    result = await wf.sync_campaign(uid, body.spec, previous)
    status = r.campaign_status(
        previous=previous,
        view=result.view,
        outcome=result.outcome,
        generation=body.metadata.get("generation"),
        now=_now(),
        recommend=bool((body.spec.get("autoRecommend") or {}).get("enabled")),
    )
    return Pass(result.outcome, status)


async def _cancel_campaign(body: kopf.Body, previous: Mapping[str, Any]) -> str | None:
    meta = body.metadata
    return await wf.cancel_campaign(
        str(meta.uid), body.spec, previous, namespace=meta.namespace or "", name=meta.name or ""
    )


CAMPAIGN = Kind(
    "Campaign", _sync_campaign, _cancel_campaign, "cancel", "cancelled", "CancelRefused"
)


@kopf.on.resume(GROUP, VERSION, CAMPAIGNS)
async def campaign_resumed(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(CAMPAIGN, "resume", body, patch, logger, memo)


@kopf.on.create(GROUP, VERSION, CAMPAIGNS)
async def campaign_created(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(CAMPAIGN, "create", body, patch, logger, memo)


@kopf.on.update(GROUP, VERSION, CAMPAIGNS, field="spec")
async def campaign_updated(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(CAMPAIGN, "update", body, patch, logger, memo)


@kopf.timer(GROUP, VERSION, CAMPAIGNS, interval=SETTINGS.sync_interval_seconds)
async def campaign_sync(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(CAMPAIGN, "timer", body, patch, logger, memo)


@kopf.on.delete(GROUP, VERSION, CAMPAIGNS)
async def campaign_deleted(body: kopf.Body, logger: kopf.Logger, memo: kopf.Memo, **_: Any) -> None:
    await _finalize(CAMPAIGN, body, logger, memo)


# --- PetStarApplication ---------------------------------------------------------------------


async def _sync_application(uid: str, body: kopf.Body, previous: Mapping[str, Any]) -> Pass:
    result = await wf.sync_application(uid, body.spec, previous, SETTINGS)
    status = r.application_status(
        previous=previous,
        app=result.app,
        outcome=result.outcome,
        decision=str(body.spec.get("decision") or "Pending"),
        generation=body.metadata.get("generation"),
        now=_now(),
    )
    return Pass(result.outcome, status)


async def _withdraw_application(body: kopf.Body, previous: Mapping[str, Any]) -> str | None:
    return await wf.withdraw_application(body.spec, previous)


APPLICATION = Kind(
    "PetStarApplication",
    _sync_application,
    _withdraw_application,
    "withdraw",
    "withdrawn",
    "WithdrawRefused",
)


@kopf.on.resume(GROUP, VERSION, APPLICATIONS)
async def application_resumed(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(APPLICATION, "resume", body, patch, logger, memo)


@kopf.on.create(GROUP, VERSION, APPLICATIONS)
async def application_created(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(APPLICATION, "create", body, patch, logger, memo)


@kopf.on.update(GROUP, VERSION, APPLICATIONS, field="spec")
async def application_updated(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(APPLICATION, "update", body, patch, logger, memo)


@kopf.timer(GROUP, VERSION, APPLICATIONS, interval=SETTINGS.sync_interval_seconds)
async def application_sync(
    body: kopf.Body, patch: kopf.Patch, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _reconcile(APPLICATION, "timer", body, patch, logger, memo)


@kopf.on.delete(GROUP, VERSION, APPLICATIONS)
async def application_deleted(
    body: kopf.Body, logger: kopf.Logger, memo: kopf.Memo, **_: Any
) -> None:
    await _finalize(APPLICATION, body, logger, memo)
