"""Identity subscribers and tasks: mail goes out here, after the RPC has committed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from petful.identity import mails
from petful.identity.service import (
    AUDITED_TOPICS,
    MAIL_TOPIC,
    audit_event,
    notify_instagram_reauth,
)
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


async def record_admin_decision(session: AsyncSession, event: Event) -> None:
    await audit_event(session, topic=event.topic, payload=event.payload, at=event.occurred_at)


for _topic in AUDITED_TOPICS:
    events.subscriber(_topic, schema="identity", name=f"identity.audit.{_topic}")(
        record_admin_decision
    )


@events.subscriber("sns.account.needs_reauth", schema="identity", name="identity.instagram_reauth")
async def mail_instagram_reauth(session: AsyncSession, event: Event) -> None:
    """sns cannot read an account any more: tell its owner by mail (identity knows the
    address; sns only knows the account id)."""
    await notify_instagram_reauth(
        session,
        user_id=str(event.payload["owner_user_id"]),
        username=str(event.payload.get("username", "")),
        now=event.occurred_at,
    )
