"""Events of the health service: a pet's newest weight, and reminders that are due.

Pets keeps the pet's current weight: a day's record whose weight is the newest one tells it
(`health.weight.recorded`); pets never reads health's tables. Notifications delivers
`health.reminder.due` (until it lands, the owner sees due reminders in the app).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from petful.contracts.base import Payload, Topic


class WeightRecorded(Payload):
    pet_id: uuid.UUID
    owner_id: uuid.UUID
    weight_kg: float
    measured_on: date  # the record's day (Asia/Seoul); pets keeps only the newest day's
    # When the record was written: orders two edits of the same day delivered out of order.
    recorded_at: datetime


class ReminderDue(Payload):
    reminder_id: uuid.UUID  # one per schedule occurrence: delivering it twice is a no-op
    schedule_id: uuid.UUID
    pet_id: uuid.UUID
    pet_name: str
    owner_id: uuid.UUID
    kind: str  # MEDICATION, CARE, VACCINATION, EXERCISE or TRAINING
    sub_type: str
    title: str
    occurs_at: datetime  # the occurrence (UTC)
    lead_minutes: int  # how long before it the reminder fires (0: at the time)


WEIGHT_RECORDED = Topic("health.weight.recorded", WeightRecorded)
REMINDER_DUE = Topic("health.reminder.due", ReminderDue)
