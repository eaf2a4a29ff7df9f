"""The ReportService servicer: protobuf <-> service calls. Each RPC is one transaction."""

from __future__ import annotations

from typing import Any

import grpc

from petful.community import peers
from petful.community.base import Clock, utc_now
from petful.community.peers import Profile
from petful.community.reports import decisions, queue, service
from petful.community.reports.models import Report
from petful.pb.community.v1 import reports_pb2 as pb
from petful.pb.community.v1 import reports_pb2_grpc as pb_grpc
from petful.platform.auth_context import require_principal
from petful.platform.db import transaction
from petful.platform.paging import Page
from petful.platform.protobuf import (
    enum_name,
    from_timestamp,
    opt_timestamp,
    to_timestamp,
)
from petful.platform.settings import Settings, get_settings


def report_to_pb(report: Report) -> pb.Report:
    return pb.Report(
        id=str(report.id),
        reporter_id=str(report.reporter_id),
        # Enum fields take their value's name: the domain's name with the message prefix.
        target_type=f"REPORT_TARGET_TYPE_{report.target_type}",
        target_id=str(report.target_id),
        category=f"REPORT_CATEGORY_{report.category}",
        text=report.text,
        status=f"REPORT_STATUS_{report.status}",
        created_at=to_timestamp(report.created_at),
        handled_at=opt_timestamp(report.handled_at),
        handled_by=str(report.handled_by) if report.handled_by else "",
        resolution_reason=report.resolution_reason or "",
        target_suspended=report.target_suspended,
        action=f"MODERATION_ACTION_{report.action}" if report.action else None,
    )


def _page_to_pb(page: Page[Report]) -> pb.ListReportsResponse:
    return pb.ListReportsResponse(
        items=[report_to_pb(r) for r in page.items], next_cursor=page.next_cursor
    )


def _user_pb(profile: Profile) -> pb.ReportedUser:
    return pb.ReportedUser(
        id=str(profile.id), nickname=profile.nickname, withdrawn=profile.withdrawn
    )


def _target_pb(target: queue.Target | None) -> pb.ReportTarget | None:
    match target:
        case queue.ReportedUser(profile):
            return pb.ReportTarget(user=_user_pb(profile))
        case queue.ReportedPost(post, author, image):
            return pb.ReportTarget(
                post=pb.ReportedPost(
                    id=str(post.id),
                    board=f"BOARD_{post.board}",
                    title=post.title,
                    body=post.body,
                    image_url=image.url if image else "",
                    thumbnails=image.thumbnail_urls if image else {},
                    author=_user_pb(author),
                    hidden=post.hidden_at is not None,
                    deleted=post.deleted_at is not None,
                    created_at=to_timestamp(post.created_at),
                )
            )
        case queue.ReportedComment(comment, post, author):
            return pb.ReportTarget(
                comment=pb.ReportedComment(
                    id=str(comment.id),
                    body=comment.body,
                    post_id=str(post.id),
                    post_title=post.title,
                    author=_user_pb(author),
                    hidden=comment.hidden_at is not None,
                    deleted=comment.deleted_at is not None or post.deleted_at is not None,
                    created_at=to_timestamp(comment.created_at),
                )
            )
    return None


def _queue_to_pb(page: Page[queue.QueueItem]) -> pb.ListQueueResponse:
    return pb.ListQueueResponse(
        items=[
            pb.QueuedReport(
                report=report_to_pb(item.report),
                target=_target_pb(item.target),
                open_reports=item.open_reports,
            )
            for item in page.items
        ],
        next_cursor=page.next_cursor,
    )


class ReportServicer(pb_grpc.ReportServiceServicer):
    def __init__(self, settings: Settings, clock: Clock, identity: service.IdentityPort) -> None:
        self.settings = settings
        self.clock = clock
        self.identity = identity

    async def CreateReport(self, request: pb.CreateReportRequest, context: Any) -> pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await service.create_report(
                session,
                actor=actor,
                identity=self.identity,
                now=self.clock(),
                hide_threshold=self.settings.community.report_hide_threshold,
                target_type=enum_name(
                    pb.ReportTargetType, request.target_type, "REPORT_TARGET_TYPE_"
                ),
                target_id=request.target_id,
                category=enum_name(pb.ReportCategory, request.category, "REPORT_CATEGORY_"),
                text=request.text,
            )
            return report_to_pb(report)

    async def ListMyReports(
        self, request: pb.ListMyReportsRequest, context: Any
    ) -> pb.ListReportsResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await service.list_my_reports(
                session, actor=actor, page_size=request.page_size, cursor=request.cursor
            )
            return _page_to_pb(page)

    async def ListReports(
        self, request: pb.ListReportsRequest, context: Any
    ) -> pb.ListQueueResponse:
        actor = require_principal()
        async with transaction(self.settings) as session:
            page = await queue.list_reports(
                session,
                actor=actor,
                identity=self.identity,
                status=enum_name(pb.ReportStatus, request.status, "REPORT_STATUS_"),
                target_type=enum_name(
                    pb.ReportTargetType, request.target_type, "REPORT_TARGET_TYPE_"
                ),
                page_size=request.page_size,
                cursor=request.cursor,
            )
            return _queue_to_pb(page)

    async def ResolveReport(self, request: pb.ResolveReportRequest, context: Any) -> pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await decisions.resolve_report(
                session,
                actor=actor,
                identity=self.identity,
                now=self.clock(),
                report_id=request.report_id,
                reason=request.reason,
                action=enum_name(pb.ModerationAction, request.action, "MODERATION_ACTION_"),
                suspend_until=from_timestamp(request, "suspend_until"),
            )
            return report_to_pb(report)

    async def DismissReport(self, request: pb.DismissReportRequest, context: Any) -> pb.Report:
        actor = require_principal()
        async with transaction(self.settings) as session:
            report = await decisions.dismiss_report(
                session,
                actor=actor,
                now=self.clock(),
                report_id=request.report_id,
                reason=request.reason,
            )
            return report_to_pb(report)


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    identity: service.IdentityPort | None = None,
) -> None:
    pb_grpc.add_ReportServiceServicer_to_server(
        ReportServicer(
            settings or get_settings(), clock or utc_now, identity or peers.GrpcIdentity()
        ),
        server,
    )
