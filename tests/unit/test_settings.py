"""Domain knobs are grouped: `settings.sns.app_id`, env `PETFUL_SNS__APP_ID`."""

from __future__ import annotations

import pytest

from petful.platform.settings import Settings


def test_a_domain_knob_is_read_from_its_group_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PETFUL_SNS__APP_ID", "meta-app")
    monkeypatch.setenv("PETFUL_IDENTITY__LOGIN_MAX_FAILURES_PER_IP", "7")
    monkeypatch.setenv("PETFUL_MEDIA__THUMBNAIL_SIZES", "[160, 640]")
    settings = Settings()
    assert settings.sns.app_id == "meta-app"
    assert settings.identity.login_max_failures_per_ip == 7
    assert settings.media.thumbnail_sizes == (160, 640)
    # The rest of each group keeps its defaults.
    assert settings.sns.graph_api_version == "v23.0"


def test_shared_runtime_knobs_stay_flat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PETFUL_GRPC_DEADLINE_SECONDS", "2.5")
    assert Settings().grpc_deadline_seconds == 2.5
