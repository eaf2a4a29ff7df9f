"""Request and response bodies of the user-report routes, and their protobuf mapping.

Shapes and size caps are checked here (422 naming the field); the service re-checks every
rule and owns the state (404 unknown reports, 409 a second open report or a decided one).
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from petful.edge.common import Body, Instant, reason_field
from petful.pb.community.v1 import reports_pb2 as pb
from petful.platform.protobuf import enum_name, timestamp_or_none

Reason = reason_field("repeated spam in the community")

ReportTargetType = Literal["USER", "POST", "COMMENT"]
# The fixed report categories: SPAM (advertising, flooding), ABUSE (harassment, insults,
# threats, hate), INAPPROPRIATE (sexual, violent or otherwise unsuitable content), FRAUD
# (scams, impersonation, fake campaigns), OTHER (explain in the text).
ReportCategory = Literal["SPAM", "ABUSE", "INAPPROPRIATE", "FRAUD", "OTHER"]
ReportStatus = Literal["OPEN", "RESOLVED", "DISMISSED"]


class ReportCreate(Body):
    target_type: ReportTargetType
    target_id: str = Field(
        pattern=r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$",
        description="The exact id of the reported user, post or comment (a UUID).",
    )
    category: ReportCategory
    text: str = Field(min_length=10, max_length=500)


class Report(BaseModel):
    id: str
    reporter_id: str
    target_type: str
    target_id: str
    category: str
    text: str
    status: str
    created_at: datetime | None
    handled_at: datetime | None
    handled_by: str | None
    resolution_reason: str | None
    target_suspended: bool

    @classmethod
    def from_pb(cls, r: pb.Report) -> Report:
        return cls(
            id=r.id,
            reporter_id=r.reporter_id,
            target_type=enum_name(pb.ReportTargetType, r.target_type, "REPORT_TARGET_TYPE_"),
            target_id=r.target_id,
            category=enum_name(pb.ReportCategory, r.category, "REPORT_CATEGORY_"),
            text=r.text,
            status=enum_name(pb.ReportStatus, r.status, "REPORT_STATUS_"),
            created_at=timestamp_or_none(r.created_at),
            handled_at=timestamp_or_none(r.handled_at),
            handled_by=r.handled_by or None,
            resolution_reason=r.resolution_reason or None,
            target_suspended=r.target_suspended,
        )


class ReportResolve(Body):
    reason: str = Reason
    suspend_target: bool = Field(
        default=False, description="Also suspend the reported user (USER reports only)."
    )
    suspend_until: Instant | None = None


class ReportDismiss(Body):
    reason: str = Reason
