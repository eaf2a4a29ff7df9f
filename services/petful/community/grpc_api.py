"""The community service's gRPC API: one servicer per part (petful.community.v1)."""

from __future__ import annotations

from typing import Protocol

import grpc

from petful.community import peers
from petful.community.base import Clock
from petful.community.comments import grpc_api as comments
from petful.community.posts import grpc_api as posts
from petful.community.posts.pets import PetsPort
from petful.community.posts.views import ProfilesPort
from petful.community.reports import grpc_api as reports
from petful.community.reports.service import IdentityPort
from petful.platform import korean
from petful.platform.settings import Settings, get_settings


class Identity(IdentityPort, ProfilesPort, Protocol):
    """Everything the community parts ask of identity (tests pass one fake for all)."""


def register(
    server: grpc.aio.Server,
    *,
    settings: Settings | None = None,
    clock: Clock | None = None,
    identity: Identity | None = None,
    pets: PetsPort | None = None,
) -> None:
    """Add every community servicer to server (health, reflection and diagnostics come with
    every server, see platform/grpc_server.py)."""
    korean.warm()  # posts and search analyse text on the request path
    identity = identity or peers.GrpcIdentity()
    # Pages of posts and comments keep their authors a few seconds; the moderation queue
    # (reports) always asks identity.
    ttl = (settings or get_settings()).community.author_cache_seconds
    authors = peers.CachedProfiles(identity, ttl=ttl) if ttl > 0 else identity
    reports.register(server, settings=settings, clock=clock, identity=identity)
    posts.register(server, settings=settings, clock=clock, identity=authors, pets=pets)
    comments.register(server, settings=settings, clock=clock, identity=authors)
