"""Events of the community service: the moderation queue's decisions on reports (신고).

Identity records each decision in its audit log (actor `admin_id`, `reason`); the reporter
is told the outcome (notifications). A suspension asked for by the decision is identity's
own event (`identity.account.suspended`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from petful.contracts.base import Payload, Topic


class ReportDecided(Payload):
    report_id: uuid.UUID
    reporter_id: uuid.UUID  # the nil UUID once the reporter's account was erased
    target_type: str  # USER, POST or COMMENT
    target_id: uuid.UUID
    status: str  # RESOLVED or DISMISSED
    target_suspended: bool
    admin_id: uuid.UUID  # who decided
    reason: str  # the admin's reason, 5-500 characters
    handled_at: datetime


REPORT_RESOLVED = Topic("community.report.resolved", ReportDecided)
REPORT_DISMISSED = Topic("community.report.dismissed", ReportDecided)
