"""Sending mail over SMTP to `settings.smtp_host:smtp_port_resolved`, from `mail_from`.

Only tasks send mail (never inside an RPC transaction): services write an outbox event and
a subscriber calls `send_mail`. A missing or unreachable SMTP server raises `MailError`.
"""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from petful.platform.settings import Settings, get_settings


class MailError(RuntimeError):
    """The message could not be handed to the SMTP server."""


def build_message(
    to: str,
    subject: str,
    text: str,
    html: str | None,
    *,
    sender: str,
    headers: Mapping[str, str] | None = None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="petful.dev")
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def send_mail_sync(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    settings: Settings | None = None,
    timeout: float = 10.0,
    headers: Mapping[str, str] | None = None,
) -> None:
    settings = settings or get_settings()
    if not settings.smtp_host:
        raise MailError("no SMTP server configured (set PETFUL_SMTP_HOST)")
    host, port = settings.smtp_host, settings.smtp_port_resolved
    msg = build_message(to, subject, text, html, sender=settings.mail_from, headers=headers)
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"cannot send mail via SMTP {host}:{port}: {exc}") from exc


async def send_mail(
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    *,
    settings: Settings | None = None,
    connect_timeout: float = 10.0,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Send one message; smtplib blocks, so it runs on a worker thread."""
    await asyncio.to_thread(
        send_mail_sync,
        to,
        subject,
        text,
        html,
        settings=settings,
        timeout=connect_timeout,
        headers=headers,
    )
