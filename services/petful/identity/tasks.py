"""Identity subscribers and tasks: mail goes out here, after the RPC has committed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import mails
from petful.identity.service import MAIL_TOPIC
from petful.platform import events
from petful.platform.logging import get_logger
from petful.platform.mail import send_mail
from petful.platform.outbox import Event

log = get_logger(__name__)


@events.subscriber(MAIL_TOPIC, schema="identity", name="identity.send_mail")
async def send_requested_mail(session: AsyncSession, event: Event) -> None:
    """Render and send one requested mail. SMTP failures raise (the inbox row rolls back)."""
    payload = event.payload
    rendered = mails.render(str(payload["template"]), dict(payload.get("params") or {}))
    await send_mail(str(payload["to"]), rendered.subject, rendered.text, rendered.html)
    log.info("identity mail sent", template=payload["template"], event_id=str(event.id))
