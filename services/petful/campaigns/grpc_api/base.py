"""What every part of the CampaignService servicer shares: settings, the clock and the ports
to other services. Each RPC is one transaction (`transaction(self.settings)`)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from petful.campaigns.grpc_api.messages import applicant_to_pb, campaign_to_pb
from petful.campaigns.models import Campaign
from petful.campaigns.service import images
from petful.campaigns.service.ports import AdvertiserPort, PetPort, PostPort
from petful.campaigns.service.shared import ApplicantView, Clock
from petful.pb.campaigns.v1 import campaigns_pb2 as pb
from petful.pb.campaigns.v1 import campaigns_pb2_grpc as pb_grpc
from petful.platform.paging import Page
from petful.platform.settings import Settings


class ServicerBase(pb_grpc.CampaignServiceServicer):
    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        advertisers: AdvertiserPort,
        pets: PetPort,
        posts: PostPort,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.advertisers = advertisers
        self.pets = pets
        self.posts = posts

    @property
    def grace_days(self) -> int:
        return self.settings.campaigns.content_grace_days

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.campaigns.timezone)


async def render(session: AsyncSession, c: Campaign) -> pb.Campaign:
    return campaign_to_pb(c, await images.campaign_images(session, [c]))


async def render_page(session: AsyncSession, page: Page[Campaign]) -> pb.ListCampaignsResponse:
    found = await images.campaign_images(session, page.items)
    return pb.ListCampaignsResponse(
        items=[campaign_to_pb(c, found) for c in page.items], next_cursor=page.next_cursor
    )


def applicant_page(page: Page[ApplicantView]) -> pb.ListApplicantsResponse:
    return pb.ListApplicantsResponse(
        items=[applicant_to_pb(v) for v in page.items], next_cursor=page.next_cursor
    )
