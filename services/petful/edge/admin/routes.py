"""GET /api/v1/admin/dashboard: the admin console's first page, gathered from identity
(accounts), campaigns (phases) and the four review queues (advertisers, PetStars,
campaigns, reports) in parallel. ADMIN only (403 for anyone else, checked here and again by
every service)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter

from petful.edge import clients
from petful.edge.admin.schemas import (
    QUEUE_PAGE,
    AdminAccountDay,
    AdminAccounts,
    AdminDashboard,
    AdminPhaseCount,
    AdminQueueCount,
    AdminQueues,
)
from petful.edge.auth import AdminUser
from petful.pb.advertisers.v1 import advertisers_pb2
from petful.pb.campaigns.v1 import campaigns_pb2
from petful.pb.community.v1 import reports_pb2
from petful.pb.identity.v1 import admin_pb2
from petful.pb.pets.v1 import pets_pb2
from petful.platform.protobuf import enum_name

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

DAYS = 30


@router.get("/dashboard", response_model=AdminDashboard)
async def dashboard(admin: AdminUser) -> AdminDashboard:
    """Accounts (totals, active in the last 7 and 30 days), campaigns by phase, what waits
    in each queue (up to 100, `more` beyond), and the last 30 days (Korea's) one by one."""
    stats, phases, advertisers, petstars, reports = await asyncio.gather(
        clients.identity_admin().GetAccountStats(admin_pb2.GetAccountStatsRequest(days=DAYS)),
        clients.campaigns().CountCampaignsByPhase(campaigns_pb2.CountCampaignsByPhaseRequest()),
        clients.advertisers().ListProfiles(
            advertisers_pb2.ListProfilesRequest(
                status=advertisers_pb2.PROFILE_STATUS_PENDING, page_size=QUEUE_PAGE
            )
        ),
        clients.pets().ListApplications(
            pets_pb2.ListApplicationsRequest(
                state=pets_pb2.APPLICATION_STATE_IN_REVIEW, page_size=QUEUE_PAGE
            )
        ),
        clients.reports().ListReports(
            reports_pb2.ListReportsRequest(
                status=reports_pb2.REPORT_STATUS_OPEN, page_size=QUEUE_PAGE
            )
        ),
    )
    campaigns = [
        AdminPhaseCount.model_validate(
            {"phase": enum_name(campaigns_pb2.Phase, p.phase, "PHASE_"), "count": p.count}
        )
        for p in phases.items
    ]
    in_review = sum(p.count for p in campaigns if p.phase == "PENDING_REVIEW")
    days = [AdminAccountDay(date=d.date, sign_ups=d.sign_ups, active=d.active) for d in stats.days]
    return AdminDashboard(
        accounts=AdminAccounts(
            total=stats.accounts,
            suspended=stats.suspended,
            active_30_days=stats.active_in_window,
            active_7_days=stats.active_last_7_days,
            sign_ups_30_days=sum(d.sign_ups for d in days),
        ),
        campaigns=campaigns,
        queues=AdminQueues(
            advertisers=AdminQueueCount.of_page(len(advertisers.items), advertisers.next_cursor),
            petstars=AdminQueueCount.of_page(len(petstars.applications), petstars.next_cursor),
            campaigns=AdminQueueCount(waiting=in_review, more=False),
            reports=AdminQueueCount.of_page(len(reports.items), reports.next_cursor),
        ),
        days=days,
    )
