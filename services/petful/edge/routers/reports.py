"""User reports (신고): any signed-in user files them; admins work the queue.

/api/v1/reports (create), /api/v1/me/reports (one's own), /api/v1/admin/reports (queue).
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, status

from petful.edge import clients
from petful.edge.admin_schemas import (
    Report,
    ReportCreate,
    ReportDismiss,
    ReportPage,
    ReportResolve,
    ReportStatus,
    to_ts,
)
from petful.edge.auth import AdminUser, CurrentUser
from petful.pb.identity.v1 import reports_pb2 as rpb
from petful.platform.auth_context import to_metadata

router = APIRouter(tags=["reports"])


def _page(r: rpb.ListReportsResponse) -> ReportPage:
    return ReportPage(items=[Report.from_pb(x) for x in r.items], next_cursor=r.next_cursor or None)


@router.post("/api/v1/reports", status_code=status.HTTP_201_CREATED, response_model=Report)
async def create_report(body: ReportCreate, user: CurrentUser) -> Report:
    """Report a user, post or comment by its exact id. A second open report about the same
    target is 409; reporting oneself is 422."""
    r = await clients.reports().CreateReport(
        rpb.CreateReportRequest(
            target_type="REPORT_TARGET_TYPE_" + body.target_type,
            target_id=body.target_id,
            category="REPORT_CATEGORY_" + body.category,
            text=body.text,
        ),
        metadata=to_metadata(user),
    )
    return Report.from_pb(r)


@router.get("/api/v1/me/reports", response_model=ReportPage)
async def my_reports(
    user: CurrentUser,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> ReportPage:
    r = await clients.reports().ListMyReports(
        rpb.ListMyReportsRequest(page_size=page_size, cursor=cursor or ""),
        metadata=to_metadata(user),
    )
    return _page(r)


@router.get("/api/v1/admin/reports", response_model=ReportPage)
async def report_queue(
    admin: AdminUser,
    status_: Annotated[ReportStatus | None, Query(alias="status")] = None,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> ReportPage:
    r = await clients.reports().ListReports(
        rpb.ListReportsRequest(
            status="REPORT_STATUS_" + status_ if status_ else "REPORT_STATUS_UNSPECIFIED",
            page_size=page_size,
            cursor=cursor or "",
        ),
        metadata=to_metadata(admin),
    )
    return _page(r)


@router.post("/api/v1/admin/reports/{report_id}/resolve", response_model=Report)
async def resolve_report(report_id: UUID, body: ReportResolve, admin: AdminUser) -> Report:
    """OPEN -> RESOLVED. suspend_target only for USER reports (422 on suspend_target
    otherwise): post and comment owners are known only to the community service."""
    req = rpb.ResolveReportRequest(
        report_id=str(report_id), reason=body.reason, suspend_target=body.suspend_target
    )
    if body.suspend_until is not None:
        req.suspend_until.CopyFrom(to_ts(body.suspend_until))
    r = await clients.reports().ResolveReport(req, metadata=to_metadata(admin))
    return Report.from_pb(r)


@router.post("/api/v1/admin/reports/{report_id}/dismiss", response_model=Report)
async def dismiss_report(report_id: UUID, body: ReportDismiss, admin: AdminUser) -> Report:
    """OPEN -> DISMISSED."""
    r = await clients.reports().DismissReport(
        rpb.DismissReportRequest(report_id=str(report_id), reason=body.reason),
        metadata=to_metadata(admin),
    )
    return Report.from_pb(r)
