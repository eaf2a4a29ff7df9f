"""The pets gRPC API: `messages` maps protobuf to service values, `servicer` holds the RPCs."""

from __future__ import annotations

import grpc

from petful.pb.pets.v1 import pets_pb2_grpc as pb_grpc
from petful.pets import peers
from petful.pets.grpc_api.servicer import PetServicer
from petful.pets.service.access import Clock, utc_now
from petful.pets.service.ports import CampaignsPort, SnsPort
from petful.platform.settings import Settings, get_settings


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    sns: SnsPort | None = None,
    campaigns: CampaignsPort | None = None,
) -> None:
    """Add PetService to server."""
    settings = settings or get_settings()
    pb_grpc.add_PetServiceServicer_to_server(
        PetServicer(
            settings,
            clock or utc_now,
            sns or peers.GrpcSns(),
            campaigns or peers.GrpcCampaigns(),
        ),
        server,
    )
