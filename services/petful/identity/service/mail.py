"""Outbound mail, through one seam.

The service asks for a mail inside its transaction (`request_mail` writes an
`identity.mail.requested` event, so nothing is sent for a rolled-back request); after
commit the subscriber renders it and hands it to a `MailerPort`. SMTP is the adapter today
(`SmtpMailer`); when the notifications service takes outbound mail over, it is another
adapter of the same port.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import identity as contract
from petful.identity import mails, repository
from petful.identity.mails import RenderedMail
from petful.identity.rules import AccountStatus
from petful.identity.service.shared import SCHEMA
from petful.platform import outbox
from petful.platform.mail import send_mail
from petful.platform.settings import Settings


class MailerPort(Protocol):
    async def send(self, to: str, mail: RenderedMail) -> None:
        """Hand one rendered mail over for delivery; raise when it could not be."""
        ...


class SmtpMailer:
    """The platform's SMTP client (`settings.smtp_host`); failures raise `MailError`."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings

    async def send(self, to: str, mail: RenderedMail) -> None:
        await send_mail(to, mail.subject, mail.text, mail.html, settings=self.settings)


async def request_mail(
    session: AsyncSession, to: str, template: str, *, now: datetime, **params: Any
) -> None:
    """Queue one mail of `mails.<template>` in the caller's transaction."""
    request = contract.MailRequested(to=to, template=template, params=params)
    await outbox.add_event(session, SCHEMA, contract.MAIL_REQUESTED, request, now=now)


async def deliver(mailer: MailerPort, request: contract.MailRequested) -> RenderedMail:
    """Render a requested mail and send it (the subscriber's work)."""
    rendered = mails.render(request.template, dict(request.params))
    await mailer.send(request.to, rendered)
    return rendered


async def notify_instagram_reauth(
    session: AsyncSession, *, user_id: uuid.UUID, username: str, now: datetime
) -> bool:
    """Mail the owner that an Instagram account must be connected again (sns said so; sns
    knows only the account id, identity the address). False when there is no one to mail."""
    account = await repository.get_account(session, user_id)
    if account is None or account.status_enum is not AccountStatus.ACTIVE:
        return False
    await request_mail(session, account.email, mails.INSTAGRAM_REAUTH, now=now, username=username)
    return True
