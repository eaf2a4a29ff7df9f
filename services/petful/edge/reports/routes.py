"""User reports (신고): /api/v1/reports (create), /api/v1/me/reports (one's own) and
/api/v1/admin/reports (the queue, ADMIN)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from petful.edge import clients
from petful.edge.auth import AdminUser, CurrentUser
from petful.edge.common import Page, PageSize
from petful.edge.reports.schemas import (
    QueuedReport,
    Report,
    ReportCreate,
    ReportDismiss,
    ReportResolve,
    ReportStatusFilter,
    ReportTargetType,
)
from petful.pb.community.v1 import reports_pb2 as pb
from petful.platform.protobuf import to_timestamp

router = APIRouter(tags=["reports"])

Cursor = Annotated[str | None, Query(max_length=200)]


def _page(r: pb.ListReportsResponse) -> Page[Report]:
    return Page[Report](
        items=[Report.from_pb(x) for x in r.items], next_cursor=r.next_cursor or None
    )


@router.post("/api/v1/reports", status_code=status.HTTP_201_CREATED, response_model=Report)
async def create_report(body: ReportCreate, user: CurrentUser) -> Report:
    """Report a user, post or comment by its exact id. A second open report about the same
    target is 409; reporting oneself is 422."""
    r = await clients.reports().CreateReport(
        pb.CreateReportRequest(
            target_type=f"REPORT_TARGET_TYPE_{body.target_type}",
            target_id=body.target_id,
            category=f"REPORT_CATEGORY_{body.category}",
            text=body.text,
        )
    )
    return Report.from_pb(r)


@router.get("/api/v1/me/reports", response_model=Page[Report])
async def my_reports(
    user: CurrentUser, page_size: PageSize = 20, cursor: Cursor = None
) -> Page[Report]:
    r = await clients.reports().ListMyReports(
        pb.ListMyReportsRequest(page_size=page_size, cursor=cursor or "")
    )
    return _page(r)


@router.get("/api/v1/admin/reports", response_model=Page[QueuedReport])
async def report_queue(
    admin: AdminUser,
    status_: Annotated[ReportStatusFilter, Query(alias="status")] = "OPEN",
    target_type: ReportTargetType | None = None,
    page_size: PageSize = 20,
    cursor: Cursor = None,
) -> Page[QueuedReport]:
    """The moderation queue, newest first: each report with the user, post or comment it is
    about (in full, hidden or deleted too) and how many open reports that target has."""
    r = await clients.reports().ListReports(
        pb.ListReportsRequest(
            status=None if status_ == "ALL" else f"REPORT_STATUS_{status_}",
            target_type=f"REPORT_TARGET_TYPE_{target_type}" if target_type else None,
            page_size=page_size,
            cursor=cursor or "",
        )
    )
    return Page[QueuedReport](
        items=[QueuedReport.from_queue_pb(x) for x in r.items], next_cursor=r.next_cursor or None
    )


@router.post("/api/v1/admin/reports/{report_id}/resolve", response_model=Report)
async def resolve_report(report_id: UUID, body: ReportResolve, admin: AdminUser) -> Report:
    """OPEN -> RESOLVED for every open report about the same target, doing `action`. 422 on
    action when the target type does not allow it; 409 for a decided report, content that
    no longer exists or is already deleted (hide/delete); suspending an administrator is
    refused (403) and nothing changes. Content the report threshold hid stays hidden."""
    req = pb.ResolveReportRequest(
        report_id=str(report_id),
        reason=body.reason,
        action=f"MODERATION_ACTION_{body.action}",
    )
    if body.suspend_until is not None:
        req.suspend_until.CopyFrom(to_timestamp(body.suspend_until))
    r = await clients.reports().ResolveReport(req)
    return Report.from_pb(r)


@router.post("/api/v1/admin/reports/{report_id}/dismiss", response_model=Report)
async def dismiss_report(report_id: UUID, body: ReportDismiss, admin: AdminUser) -> Report:
    """OPEN -> DISMISSED for every open report about the same target; a post or comment the
    report threshold hid is shown again."""
    r = await clients.reports().DismissReport(
        pb.DismissReportRequest(report_id=str(report_id), reason=body.reason)
    )
    return Report.from_pb(r)
