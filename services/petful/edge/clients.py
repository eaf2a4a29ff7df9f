"""gRPC stubs the edge calls, built on the platform's one client factory."""

from __future__ import annotations

from petful.pb.advertisers.v1 import advertisers_pb2_grpc
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pb.identity.v1 import admin_pb2_grpc, identity_pb2_grpc, reports_pb2_grpc
from petful.pb.pets.v1 import pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2_grpc
from petful.platform.grpc_client import channel


def identity() -> identity_pb2_grpc.IdentityServiceStub:
    return identity_pb2_grpc.IdentityServiceStub(channel("identity"))


def identity_admin() -> admin_pb2_grpc.IdentityAdminServiceStub:
    return admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))


def reports() -> reports_pb2_grpc.ReportServiceStub:
    return reports_pb2_grpc.ReportServiceStub(channel("identity"))


def advertisers() -> advertisers_pb2_grpc.AdvertiserServiceStub:
    return advertisers_pb2_grpc.AdvertiserServiceStub(channel("advertisers"))


def pets() -> pets_pb2_grpc.PetServiceStub:
    return pets_pb2_grpc.PetServiceStub(channel("pets"))


def campaigns() -> campaigns_pb2_grpc.CampaignServiceStub:
    return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))


def sns() -> sns_pb2_grpc.SnsServiceStub:
    return sns_pb2_grpc.SnsServiceStub(channel("sns"))
