"""What the notifications tests share: events written to their producer's outbox as the
producer would, handed to one catalogue entry's subscriber as a worker would."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from petful.contracts import community as community_events
from petful.contracts import health as health_events
from petful.contracts.base import P, Topic
from petful.notifications.catalogue import BY_TYPE
from petful.notifications.tasks import subscriber_name
from petful.platform import outbox
from petful.platform.db import transaction
from tests.integration.conftest import deliver


async def emit(topic: Topic[P], payload: P, at: datetime | None = None) -> None:
    """The event in its producer's outbox (the topic's domain is the schema)."""
    async with transaction() as session:
        await outbox.add_event(session, topic.producer, topic, payload, now=at)


async def run(notification_type: str) -> int:
    """Every event of the entry's topic through the entry's subscriber; how many were new."""
    entry = BY_TYPE[notification_type]
    return await deliver(entry.topic.name, entry.topic.producer, subscriber_name(entry))


def reminder(owner_id: str, title: str = "심장사상충 약") -> health_events.ReminderDue:
    return health_events.ReminderDue(
        reminder_id=uuid.uuid4(),
        schedule_id=uuid.uuid4(),
        pet_id=uuid.uuid4(),
        pet_name="보리",
        owner_id=uuid.UUID(owner_id),
        kind="MEDICATION",
        sub_type="PILL",
        title=title,
        occurs_at=datetime(2025, 3, 7, 0, 0, tzinfo=UTC),
        lead_minutes=10,
    )


def liked(author_id: str, user_id: str, post_id: uuid.UUID) -> community_events.PostLiked:
    return community_events.PostLiked(
        post_id=post_id,
        author_id=uuid.UUID(author_id),
        user_id=uuid.UUID(user_id),
        post_title="보리 생일 파티",
        liked_at=datetime.now(UTC),
    )


def commented(
    author_id: str, recipient_id: str, *, reason: str = "POST_COMMENT"
) -> community_events.CommentCreated:
    return community_events.CommentCreated(
        comment_id=uuid.uuid4(),
        post_id=uuid.uuid4(),
        parent_id=uuid.uuid4() if reason == "REPLY" else None,
        author_id=uuid.UUID(author_id),
        recipient_id=uuid.UUID(recipient_id),
        reason=reason,
        post_title="산책 코스 추천",
        excerpt="저도 가봤어요!",
        created_at=datetime.now(UTC),
    )


def minutes(n: int) -> datetime:
    """A known instant n minutes after a fixed start: rows list in a known order."""
    return datetime(2025, 3, 6, 6, 0, tzinfo=UTC) + timedelta(minutes=n)
