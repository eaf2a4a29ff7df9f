"""The CampaignService servicer: protobuf <-> service calls, one transaction per RPC.

One class per part of the API (`campaigns`, `applicants`, `content`, `results`), combined
here; `messages` maps the protobuf messages. Other services are reached through the ports'
gRPC adapters (`peers.py`), which tests may replace.
"""

from __future__ import annotations

import grpc

from petful.campaigns import peers
from petful.campaigns.grpc_api.applicants import ApplicantRpcs
from petful.campaigns.grpc_api.campaigns import CampaignRpcs
from petful.campaigns.grpc_api.content import ContentRpcs
from petful.campaigns.grpc_api.results import ResultRpcs
from petful.campaigns.service.ports import AdvertiserPort, PetPort, PostPort
from petful.campaigns.service.shared import Clock, utc_now
from petful.pb.campaigns.v1 import campaigns_pb2_grpc as pb_grpc
from petful.platform.settings import Settings, get_settings


class CampaignServicer(CampaignRpcs, ApplicantRpcs, ContentRpcs, ResultRpcs):
    """Every CampaignService RPC (the parts share `ServicerBase`'s state)."""


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    advertisers: AdvertiserPort | None = None,
    pets: PetPort | None = None,
    posts: PostPort | None = None,
) -> None:
    """Add CampaignService to server."""
    settings = settings or get_settings()
    pb_grpc.add_CampaignServiceServicer_to_server(
        CampaignServicer(
            settings,
            clock or utc_now,
            advertisers or peers.GrpcAdvertisers(),
            pets or peers.GrpcPets(),
            posts or peers.GrpcPosts(),
        ),
        server,
    )
