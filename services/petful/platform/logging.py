"""One logger setup: structlog over stdlib logging, JSON lines in production.

Every record (structlog or plain stdlib, e.g. uvicorn, celery, grpc) goes through the same
formatter and carries `service`, `trace_id`/`span_id` of the current OTel span and
`request_id` of the current principal when present.

No log line carries a credential: tracebacks never show local variables (one held the
`Authorization` header), they are cut to a bounded length (a long one took the edge 3 s to
write), and every line is redacted on its way out (`_redact`, `scrub`).

Callers: run uvicorn with `log_config=None` and Celery with `worker_hijack_root_logger=False`
so they keep these handlers instead of installing their own.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from typing import Any

import structlog
from opentelemetry import trace
from structlog.typing import EventDict, ExcInfo, Processor, WrappedLogger

from petful.platform.auth_context import current_principal
from petful.platform.settings import Settings, get_settings

# Third-party loggers that install their own handlers; we route them to the root one.
_ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "celery", "grpc", "kopf")
_HANDLER_NAME = "petful"


# Innermost frames kept per exception, and characters per traceback: enough to find a bug.
MAX_FRAMES = 20
MAX_TRACEBACK_CHARS = 8_000
REDACTED = "[redacted]"

# A key whose value is a credential, wherever it appears (event keys, key=value text).
_SECRET_KEY = (
    r"[\w-]*(?:authorization|cookie|passw(?:or)?d|secret|token|api[_-]?key|credential)[\w-]*"
)
_SECRET_KEY_RE = re.compile(_SECRET_KEY, re.IGNORECASE)
# (pattern, replacement) applied to every rendered line, in order.
_SCRUBS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), replacement)
    for pattern, replacement in (
        # "Bearer eyJ..." / "Basic dXNl...": the scheme stays, the credential goes.
        (r"\b(bearer|basic)(\s+)[\w.~+/=-]{16,}", rf"\1\2{REDACTED}"),
        # A JWT, whole or only its start ('{"' in base64 is "eyJ").
        (r"\beyJ[\w-]{8,}(?:\.[\w-]*){0,2}", REDACTED),
        # 'password': 'two words', "token":"x", secret='y' (quoted: JSON stays valid).
        (rf"({_SECRET_KEY}\\?[\"']?\s*[:=]\s*b?(\\?[\"']))(.*?)(\2)", rf"\1{REDACTED}\4"),
        # access_token=x in a query string or key=value text (a bare number is a count).
        (rf"({_SECRET_KEY}=)(?![\"'\\]|\d+(?:[\s&,;]|$))[^\s&,;\"'\\]+", rf"\1{REDACTED}"),
        # An OAuth redirect's query (`?code=...&state=...`, the Instagram link's callback):
        # the code buys an access token until it is used.
        (r"([?&](?:code|state)=)[^\s&\"'\\]+", rf"\1{REDACTED}"),
        # A calendar feed's and an unsubscribe link's address is its secret
        # (/api/v1/public/calendar/<token>.ics, /api/v1/public/unsubscribe/<token>).
        (r"(/(?:calendar|unsubscribe)/)[\w-]{16,}", rf"\1{REDACTED}"),
        # (b'cookie', b'session=...'): a raw header pair, also as a JSON list.
        (
            r"((?:authorization|cookie)\\?[\"']\"?,\s*\"?b?(\\?[\"']))(.*?)(\2)",
            rf"\1{REDACTED}\4",
        ),
    )
)


def scrub(text: str) -> str:
    """text without anything that looks like a credential."""
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def _redact(_: WrappedLogger, __: str, event: EventDict) -> EventDict:
    # A value under a credential's name goes whole (a password may hold spaces, which the
    # text scrub would cut short); numbers and flags under such names (`tokens_revoked=3`)
    # are no secret and stay.
    for key, value in event.items():
        if _SECRET_KEY_RE.fullmatch(key) and not isinstance(value, int | float | None):
            event[key] = REDACTED
    return event


def _scrubbed(renderer: Processor) -> Processor:
    """renderer whose output is scrubbed: covers messages, reprs and tracebacks alike."""

    def render(logger: WrappedLogger, name: str, event: EventDict) -> str:
        return scrub(str(renderer(logger, name, event)))

    return render


def short_traceback(exc_info: ExcInfo) -> str:
    """A plain traceback without local variables: the innermost frames, bounded in length."""
    exc = traceback.TracebackException(*exc_info, limit=-MAX_FRAMES, capture_locals=False)
    text = "".join(exc.format()).rstrip("\n")
    if len(text) > MAX_TRACEBACK_CHARS:  # keep the end: it names the error and where
        text = "[...]\n" + text[-MAX_TRACEBACK_CHARS:]
    return text


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
    tracebacks: Processor
    if settings.is_production:
        renderer = structlog.processors.JSONRenderer()
        # Structured tracebacks without local variables: locals may hold secrets.
        tracebacks = structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False, max_frames=MAX_FRAMES)
        )
    else:
        # Colours only on a terminal: under the supervisor, output goes to log files. The
        # traceback is rendered before (short, no locals), never by Rich's with locals.
        renderer = structlog.dev.ConsoleRenderer(
            colors=sys.stderr.isatty(), exception_formatter=structlog.dev.plain_traceback
        )
        tracebacks = structlog.processors.ExceptionRenderer(short_traceback)
    final: list[Processor] = [tracebacks, _redact, _scrubbed(renderer)]

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
