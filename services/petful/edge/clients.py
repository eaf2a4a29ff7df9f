"""gRPC stubs the edge calls, built on the platform's one client factory.

Every call carries the current principal (bound per request by `auth.optional_user`) and the
default deadline through the factory's interceptors; a failed call reaches the app-wide
handler in problems.py as the domain error it stands for.
"""

from __future__ import annotations

from petful.pb.advertisers.v1 import advertisers_pb2_grpc
from petful.pb.campaigns.v1 import campaigns_pb2_grpc
from petful.pb.common.v1 import diagnostics_pb2_grpc
from petful.pb.community.v1 import reports_pb2_grpc
from petful.pb.identity.v1 import admin_pb2_grpc, identity_pb2_grpc
from petful.pb.matching.v1 import matching_pb2_grpc
from petful.pb.notifications.v1 import notifications_pb2_grpc
from petful.pb.pets.v1 import pets_pb2_grpc
from petful.pb.sns.v1 import sns_pb2_grpc
from petful.platform.grpc_client import channel


def identity() -> identity_pb2_grpc.IdentityServiceStub:
    return identity_pb2_grpc.IdentityServiceStub(channel("identity"))


def identity_admin() -> admin_pb2_grpc.IdentityAdminServiceStub:
    return admin_pb2_grpc.IdentityAdminServiceStub(channel("identity"))


def reports() -> reports_pb2_grpc.ReportServiceStub:
    return reports_pb2_grpc.ReportServiceStub(channel("community"))


def advertisers() -> advertisers_pb2_grpc.AdvertiserServiceStub:
    return advertisers_pb2_grpc.AdvertiserServiceStub(channel("advertisers"))


def pets() -> pets_pb2_grpc.PetServiceStub:
    return pets_pb2_grpc.PetServiceStub(channel("pets"))


def campaigns() -> campaigns_pb2_grpc.CampaignServiceStub:
    return campaigns_pb2_grpc.CampaignServiceStub(channel("campaigns"))


def sns() -> sns_pb2_grpc.SnsServiceStub:
    return sns_pb2_grpc.SnsServiceStub(channel("sns"))


def matching() -> matching_pb2_grpc.MatchingServiceStub:
    return matching_pb2_grpc.MatchingServiceStub(channel("matching"))


def notifications() -> notifications_pb2_grpc.NotificationServiceStub:
    return notifications_pb2_grpc.NotificationServiceStub(channel("notifications"))


def diagnostics(domain: str) -> diagnostics_pb2_grpc.DiagnosticsServiceStub:
    """Any domain's diagnostics (every domain server registers them)."""
    return diagnostics_pb2_grpc.DiagnosticsServiceStub(channel(domain))
