"""One logger setup: structlog over stdlib logging, JSON lines in production.

Every record (structlog or plain stdlib, e.g. uvicorn, celery, grpc) goes through the same
formatter and carries `service`, `trace_id`/`span_id` of the current OTel span and
`request_id` of the current principal when present.

Callers: run uvicorn with `log_config=None` and Celery with `worker_hijack_root_logger=False`
so they keep these handlers instead of installing their own.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog
from opentelemetry import trace
from structlog.typing import EventDict, Processor, WrappedLogger

from petful.platform.auth_context import current_principal
from petful.platform.settings import Settings, get_settings

# Third-party loggers that install their own handlers; we route them to the root one.
_ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "grpc", "kopf")
_HANDLER_NAME = "petful"


def _add_context(service: str) -> Processor:
    def processor(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
        event.setdefault("service", service)
        span_ctx = trace.get_current_span().get_span_context()
        if span_ctx.is_valid:
            event.setdefault("trace_id", format(span_ctx.trace_id, "032x"))
            event.setdefault("span_id", format(span_ctx.span_id, "016x"))
        principal = current_principal()
        if principal is not None:
            event.setdefault("request_id", principal.request_id)
        return event

    return processor


def setup_logging(service_name: str, settings: Settings | None = None) -> None:
    """Configure structlog and the stdlib root logger. Safe to call again (replaces)."""
    settings = settings or get_settings()
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_context(service_name),
        structlog.stdlib.ExtraAdder(),
        structlog.processors.StackInfoRenderer(),
    ]
    renderer: Processor
    final: list[Processor]
    if settings.is_production:
        renderer = structlog.processors.JSONRenderer()
        # Structured tracebacks without local variables: locals may hold secrets.
        tracebacks = structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
        )
        final = [tracebacks, renderer]
    else:
        # Colours only on a terminal: under the supervisor, output goes to log files.
        renderer = structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
        final = [renderer]

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *final],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(formatter)

    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == _HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in _ROUTED_LOGGERS:
        routed = logging.getLogger(name)
        routed.handlers.clear()
        routed.propagate = True
    # alembic logs its plugin set-up on every import. httpx logs every request URL at INFO,
    # and Graph API URLs may carry the app secret (token exchange) or a token (paging.next):
    # no credential in any log.
    for name in ("alembic.runtime.plugins", "httpx"):
        logging.getLogger(name).setLevel(logging.WARNING)


def get_logger(name: str | None = None, **initial: Any) -> structlog.stdlib.BoundLogger:
    """A structlog logger; use module `__name__` as name."""
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name, **initial)
    return logger
