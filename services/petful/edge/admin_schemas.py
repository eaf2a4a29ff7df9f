"""Request and response bodies of the admin console and user-report routes.

Shapes and size caps are checked here (422 naming the field); the identity service re-checks
every rule and owns the state (404 unknown ids, 409 wrong state).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Literal

from google.protobuf.timestamp_pb2 import Timestamp
from pydantic import AwareDatetime, BaseModel, Field

from petful.edge.identity_schemas import Body, User, ts
from petful.pb.identity.v1 import admin_pb2, reports_pb2

Reason = Field(min_length=5, max_length=500, examples=["repeated spam in the community"])

ReportTargetType = Literal["USER", "POST", "COMMENT"]
# The fixed report categories: SPAM (advertising, flooding), ABUSE (harassment, insults,
# threats, hate), INAPPROPRIATE (sexual, violent or otherwise unsuitable content), FRAUD
# (scams, impersonation, fake campaigns), OTHER (explain in the text).
ReportCategory = Literal["SPAM", "ABUSE", "INAPPROPRIATE", "FRAUD", "OTHER"]
ReportStatus = Literal["OPEN", "RESOLVED", "DISMISSED"]


def to_ts(value: datetime) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(value.astimezone(UTC))
    return stamp


# --- users -------------------------------------------------------------------------------


class UserPage(BaseModel):
    items: list[User]
    next_cursor: str | None


class Suspension(Body):
    reason: str = Reason
    until: AwareDatetime | None = Field(
        default=None, description="Optional end of the suspension; must be in the future."
    )


class ReasonBody(Body):
    reason: str = Reason


class AdminSession(BaseModel):
    id: str
    created_at: datetime | None
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str | None
    client_ip: str
    user_agent: str
    active: bool

    @classmethod
    def from_pb(cls, s: admin_pb2.AdminSession) -> AdminSession:
        return cls(
            id=s.id,
            created_at=ts(s.created_at),
            last_used_at=ts(s.last_used_at),
            expires_at=ts(s.expires_at),
            revoked_at=ts(s.revoked_at),
            revoked_reason=s.revoked_reason or None,
            client_ip=s.client_ip,
            user_agent=s.user_agent,
            active=s.active,
        )


class SessionList(BaseModel):
    items: list[AdminSession]


class RevokedCount(BaseModel):
    revoked: int


class AuditEntry(BaseModel):
    id: str
    actor_id: str
    action: str
    target_type: str
    target_id: str
    reason: str
    details: dict[str, Any]
    at: datetime | None

    @classmethod
    def from_pb(cls, e: admin_pb2.AuditEntry) -> AuditEntry:
        return cls(
            id=e.id,
            actor_id=e.actor_id,
            action=e.action,
            target_type=e.target_type,
            target_id=e.target_id,
            reason=e.reason,
            details=json.loads(e.details_json or "{}"),
            at=ts(e.at),
        )


class AuditPage(BaseModel):
    items: list[AuditEntry]
    next_cursor: str | None


# --- reports -----------------------------------------------------------------------------


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
    def from_pb(cls, r: reports_pb2.Report) -> Report:
        return cls(
            id=r.id,
            reporter_id=r.reporter_id,
            target_type=reports_pb2.ReportTargetType.Name(r.target_type).removeprefix(
                "REPORT_TARGET_TYPE_"
            ),
            target_id=r.target_id,
            category=reports_pb2.ReportCategory.Name(r.category).removeprefix("REPORT_CATEGORY_"),
            text=r.text,
            status=reports_pb2.ReportStatus.Name(r.status).removeprefix("REPORT_STATUS_"),
            created_at=ts(r.created_at),
            handled_at=ts(r.handled_at),
            handled_by=r.handled_by or None,
            resolution_reason=r.resolution_reason or None,
            target_suspended=r.target_suspended,
        )


class ReportPage(BaseModel):
    items: list[Report]
    next_cursor: str | None


class ReportResolve(Body):
    reason: str = Reason
    suspend_target: bool = Field(
        default=False, description="Also suspend the reported user (USER reports only)."
    )
    suspend_until: AwareDatetime | None = None


class ReportDismiss(Body):
    reason: str = Reason
