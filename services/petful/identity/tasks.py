"""Identity subscribers: mail goes out here, after the RPC has committed, other services'
admin decisions reach the one audit log, and uploaded profile pictures get thumbnails.
Beat erases what outlived its retention period (service/retention.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import advertisers as advertisers_contract
from petful.contracts import community as community_contract
from petful.contracts import identity as identity_contract
from petful.contracts import sns as sns_contract
from petful.identity.rules import AuditTargetType
from petful.identity.service import audit, mail, retention
from petful.identity.service.shared import SCHEMA
from petful.platform import events, media
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

media.subscribe_thumbnails(SCHEMA)

# Where requested mail is handed over (the one Mailer seam; see service/mail.py).
mailer: mail.MailerPort = mail.SmtpMailer()


@events.subscriber(identity_contract.MAIL_REQUESTED, schema=SCHEMA, name="identity.send_mail")
async def send_requested_mail(
    session: AsyncSession, event: Received[identity_contract.MailRequested]
) -> None:
    """Render and send one requested mail. A failed send raises (the inbox row rolls back,
    so the event is retried)."""
    await mail.deliver(mailer, event.payload)
    log.info("identity mail sent", template=event.payload.template, event_id=str(event.id))


@events.subscriber(
    sns_contract.ACCOUNT_NEEDS_REAUTH, schema=SCHEMA, name="identity.instagram_reauth"
)
async def mail_instagram_reauth(
    session: AsyncSession, event: Received[sns_contract.AccountChanged]
) -> None:
    """sns cannot read an account any more: tell its owner by mail."""
    await mail.notify_instagram_reauth(
        session,
        user_id=event.payload.owner_user_id,
        username=event.payload.username,
        now=event.occurred_at,
    )


async def record_advertiser_decision(
    session: AsyncSession, event: Received[advertisers_contract.AdvertiserDecided]
) -> None:
    await audit.record_advertiser_decision(
        session, topic=event.topic, decision=event.payload, at=event.occurred_at
    )


for _advertiser_topic in advertisers_contract.DECISIONS:
    events.subscriber(
        _advertiser_topic, schema=SCHEMA, name=f"identity.audit.{_advertiser_topic.name}"
    )(record_advertiser_decision)


async def record_report_decision(
    session: AsyncSession, event: Received[community_contract.ReportDecided]
) -> None:
    await audit.record_report_decision(session, topic=event.topic, decision=event.payload)


for _report_topic in (community_contract.REPORT_RESOLVED, community_contract.REPORT_DISMISSED):
    events.subscriber(_report_topic, schema=SCHEMA, name=f"identity.audit.{_report_topic.name}")(
        record_report_decision
    )


# An admin's action on a post or comment (`ContentModerated.action`) -> the audit action.
CONTENT_ACTIONS: dict[str, str] = {
    "HIDDEN": "content.hide",
    "DELETED": "content.delete",
    "RESTORED": "content.restore",
    "WARNED": "author.warn",
}


@events.subscriber(
    community_contract.CONTENT_MODERATED,
    schema=SCHEMA,
    name=f"identity.audit.{community_contract.CONTENT_MODERATED.name}",
)
async def record_content_moderation(
    session: AsyncSession, event: Received[community_contract.ContentModerated]
) -> None:
    """Admins' actions on posts and comments. The report threshold hides content without an
    admin: nobody acted, so there is nothing to audit. A warning is about the author (the
    row's target), the content it concerns is in the details."""
    moderated = event.payload
    if moderated.admin_id is None:
        return
    warned = moderated.action == "WARNED"
    await audit.write(
        session,
        now=moderated.at,
        actor_id=moderated.admin_id,
        action=CONTENT_ACTIONS[moderated.action],
        target_type=AuditTargetType.USER.value if warned else moderated.target_type,
        target_id=moderated.author_id if warned else moderated.target_id,
        reason=moderated.reason,
        details={
            "source": event.topic,
            "content_type": moderated.target_type,
            "content_id": str(moderated.target_id),
            "post_id": str(moderated.post_id),
            "author_id": str(moderated.author_id),
        },
    )


ERASE_TASK = "identity.erase_due"


async def erase_due(now: datetime, settings: Settings | None = None) -> retention.Erased:
    settings = settings or get_settings()
    async with transaction(settings) as session:
        erased = await retention.erase_due(session, now=now, privacy=settings.privacy)
    if erased.sessions or erased.accounts:
        log.info("identity records erased", sessions=erased.sessions, accounts=erased.accounts)
    return erased


@celery_app.task(name=ERASE_TASK)  # type: ignore[untyped-decorator]
def erase_due_task() -> int:
    return run_async(erase_due(datetime.now(UTC))).accounts


beat("identity-erase-due", ERASE_TASK, timedelta(hours=1))
