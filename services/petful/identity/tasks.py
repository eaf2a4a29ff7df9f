"""Identity subscribers: other services' admin decisions reach the one audit log, and
uploaded profile pictures get thumbnails. Beat erases what outlived its retention period
(service/retention.py). Account mail is sent by the notifications service
(service/mail.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from petful.contracts import Received
from petful.contracts import advertisers as advertisers_contract
from petful.contracts import community as community_contract
from petful.contracts import notifications as notifications_contract
from petful.identity.rules import AuditTargetType
from petful.identity.service import audit, retention
from petful.identity.service.shared import SCHEMA
from petful.platform import events, media
from petful.platform.db import transaction
from petful.platform.jobs import beat, celery_app, run_async
from petful.platform.logging import get_logger
from petful.platform.settings import Settings, get_settings

log = get_logger(__name__)

media.subscribe_thumbnails(SCHEMA)


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


# An announcement's target: not an `AuditTargetType` (the audit-log filter never offered it).
BROADCAST_TARGET = "BROADCAST"


@events.subscriber(
    notifications_contract.BROADCAST_CREATED,
    schema=SCHEMA,
    name=f"identity.audit.{notifications_contract.BROADCAST_CREATED.name}",
)
async def record_broadcast(
    session: AsyncSession, event: Received[notifications_contract.BroadcastCreated]
) -> None:
    """An admin's announcement to every account or one role (the notifications service's
    admin API); what it said and whom it reached are in the details."""
    sent = event.payload
    await audit.write(
        session,
        now=sent.created_at,
        actor_id=sent.admin_id,
        action="notification.broadcast",
        target_type=BROADCAST_TARGET,
        target_id=sent.broadcast_id,
        reason="",
        details={
            "source": event.topic,
            "audience": sent.audience,
            "title": sent.title,
            "link": sent.link,
            "email": sent.email,
            "recipients": sent.recipients,
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
