"""Local mail catcher: an SMTP server that keeps every message, plus a dev inbox over HTTP.

`python -m petful.devstack.mail` runs both in one asyncio process. Messages are appended to
`<data_dir>/mail/messages.jsonl`, so the inbox survives restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import email.policy
import html
import json
import signal
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from aiosmtpd.smtp import SMTP, Envelope, Session
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from petful.devstack.state import utc_now_iso
from petful.platform.settings import Settings, get_settings


@dataclass(frozen=True)
class StoredMessage:
    id: str
    sender: str
    to: list[str]
    subject: str
    text: str | None
    html: str | None
    received_at: str
    # The ones a test or a person checks beyond the bodies (List-Unsubscribe...).
    headers: dict[str, str] = field(default_factory=dict)


def parse_message(raw: bytes, sender: str, recipients: list[str]) -> StoredMessage:
    """Decode headers (RFC 2047, e.g. Korean subjects) and pick the text/html bodies."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    return StoredMessage(
        id=uuid.uuid4().hex,
        sender=sender,
        to=list(recipients),
        subject=str(msg.get("Subject", "")),
        text=text_part.get_content() if text_part is not None else None,
        html=html_part.get_content() if html_part is not None else None,
        received_at=utc_now_iso(),
        headers={k: str(v) for k, v in msg.items() if k.lower().startswith("list-")},
    )


class MailStore:
    """Append-only JSONL file plus an in-memory copy (the inbox is small)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._messages: list[StoredMessage] = list(self._load())

    def _load(self) -> Iterator[StoredMessage]:
        if not self.path.exists():
            return
        for line in self.path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, TypeError):
                yield StoredMessage(**json.loads(line))

    def add(self, message: StoredMessage) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(message), ensure_ascii=False) + "\n")
        self._messages.append(message)

    def newest_first(self) -> list[StoredMessage]:
        return list(reversed(self._messages))

    def get(self, message_id: str) -> StoredMessage | None:
        return next((m for m in self._messages if m.id == message_id), None)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
        self._messages.clear()


class _Handler:
    def __init__(self, store: MailStore) -> None:
        self.store = store

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        self.store.add(parse_message(raw, str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


def _json(message: StoredMessage) -> dict[str, Any]:
    data = asdict(message)
    data["from"] = data.pop("sender")
    return data


def create_inbox_app(store: MailStore) -> Starlette:
    async def list_messages(request: Request) -> Response:
        return JSONResponse([_json(m) for m in store.newest_first()])

    async def get_message(request: Request) -> Response:
        message = store.get(request.path_params["message_id"])
        if message is None:
            return JSONResponse({"detail": "no such message"}, status_code=404)
        return JSONResponse(_json(message))

    async def delete_messages(request: Request) -> Response:
        store.clear()
        return Response(status_code=204)

    async def page(request: Request) -> Response:
        rows = "".join(
            f"<tr><td>{html.escape(m.received_at)}</td><td>{html.escape(', '.join(m.to))}</td>"
            f'<td><a href="/api/messages/{m.id}">{html.escape(m.subject)}</a></td></tr>'
            for m in store.newest_first()
        )
        return HTMLResponse(
            "<!doctype html><meta charset=utf-8><title>PetFul dev inbox</title>"
            "<h1>PetFul dev inbox</h1><table border=1 cellpadding=4>"
            "<tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr>"
            f"{rows or '<tr><td colspan=3>No messages yet</td></tr>'}</table>"
        )

    return Starlette(
        routes=[
            Route("/", page),
            Route("/api/messages", list_messages, methods=["GET"]),
            Route("/api/messages", delete_messages, methods=["DELETE"]),
            Route("/api/messages/{message_id}", get_message, methods=["GET"]),
        ]
    )


class _InboxServer(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        # main() owns SIGINT/SIGTERM and stops both servers itself.
        yield


async def serve(settings: Settings, stop: asyncio.Event) -> None:
    """Run the SMTP catcher and the inbox until `stop` is set."""
    store = MailStore(settings.data_dir.resolve() / "mail" / "messages.jsonl")
    handler = _Handler(store)
    loop = asyncio.get_running_loop()
    smtp = await loop.create_server(
        lambda: SMTP(handler, enable_SMTPUTF8=True),
        host=settings.smtp_host,
        port=settings.smtp_port_resolved,
    )
    config = uvicorn.Config(
        create_inbox_app(store),
        host=settings.bind_host,
        port=settings.port("inbox"),
        log_level="warning",
        lifespan="off",
    )
    inbox = _InboxServer(config)
    inbox_task = asyncio.create_task(inbox.serve())
    print(
        f"mail: SMTP on {settings.smtp_host}:{settings.smtp_port_resolved}, "
        f"inbox on http://{settings.bind_host}:{settings.port('inbox')}/",
        flush=True,
    )
    try:
        await asyncio.wait(
            {inbox_task, asyncio.create_task(stop.wait())},
            return_when=asyncio.FIRST_COMPLETED,
        )
    finally:
        inbox.should_exit = True
        await inbox_task
        smtp.close()
        await smtp.wait_closed()


async def _main() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(get_settings(), stop)


def main() -> None:
    asyncio.run(_main())


if __name__ == "__main__":
    main()
