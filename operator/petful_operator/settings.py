"""Operator settings (env prefix `PETFUL_OPERATOR_`); the gRPC targets, deadlines and log
level come from the platform's one `petful.platform.settings.Settings`."""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict

# The operator's own user id for admin decisions (pets records `decided_by` as a UUID, so a
# bare "service:operator" is refused): a fixed, recognisable UUIDv5, never a real account.
OPERATOR_USER_ID = str(uuid.uuid5(uuid.NAMESPACE_DNS, "operator.petful.io"))


class OperatorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PETFUL_OPERATOR_", extra="ignore")

    # Level-based convergence: every object is re-synced this often even without events.
    sync_interval_seconds: float = 30.0
    # Watch timeouts: the server closes a watch after server_timeout (the `timeoutSeconds`
    # query); the client gives up a silent connection after client_timeout.
    watch_server_timeout_seconds: float = 270.0
    watch_client_timeout_seconds: float = 300.0
    watch_connect_timeout_seconds: float = 30.0
    # Prometheus /metrics port; 0 turns the endpoint off.
    metrics_port: int = 9112
    metrics_host: str = "0.0.0.0"
    # Principal of admin decisions on PetStarApplications.
    admin_user_id: str = OPERATOR_USER_ID
    # kopf's log lines: json (structured, one object per line), full (text), or auto: json
    # when PETFUL_ENV=production (as in the image), text otherwise.
    log_format: Literal["auto", "json", "full"] = "auto"
    # Finalizer and annotation prefix.
    finalizer: str = "petful.io/operator"


@lru_cache(maxsize=1)
def get_operator_settings() -> OperatorSettings:
    return OperatorSettings()
