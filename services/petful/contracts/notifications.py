"""Events of the notifications service: administrators' announcements.

Identity records each broadcast in its one audit log (`notification.broadcast`, actor
`admin_id`); the notifications service itself starts the broadcast's fan-out from the same
event, so a broadcast committed is a broadcast sent even if the broker was down meanwhile.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from petful.contracts.base import Payload, Topic


class BroadcastCreated(Payload):
    broadcast_id: uuid.UUID
    admin_id: uuid.UUID  # who sent it
    audience: str  # ALL, USER, ADVERTISER or ADMIN
    title: str
    link: str  # a path of the web app
    email: bool  # also by mail
    recipients: int  # active accounts of the audience when it was created
    created_at: datetime


BROADCAST_CREATED = Topic("notifications.broadcast.created", BroadcastCreated)
