"""Operator commands against a real database: admin creation and demo seeding."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from petful.platform.settings import Settings


def _petful(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "petful", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _rows(settings: Settings, sql: str) -> list[tuple[object, ...]]:
    dsn = settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql).fetchall()


def test_admin_create_makes_an_admin_and_rejects_a_weak_password(settings: Settings) -> None:
    args = ["admin", "create", "--email", "Root@Example.com", "--name", "Root"]
    args += ["--nickname", "root", "--phone", "01099998888"]
    weak = _petful(settings, *args, PETFUL_ADMIN_PASSWORD="short")
    assert weak.returncode == 2
    assert "password:" in weak.stderr

    ok = _petful(settings, *args, PETFUL_ADMIN_PASSWORD="a-strong-secret-1")
    assert ok.returncode == 0, ok.stderr
    assert _rows(settings, "SELECT email, role, phone FROM identity.accounts") == [
        ("root@example.com", "ADMIN", "010-9999-8888")
    ]


def test_admin_bootstrap_from_settings_is_idempotent(settings: Settings) -> None:
    env = {
        "PETFUL_IDENTITY__BOOTSTRAP_ADMIN_EMAIL": "ops@example.com",
        "PETFUL_IDENTITY__BOOTSTRAP_ADMIN_PASSWORD": "bootstrap-secret-1",
    }
    assert _petful(settings, "admin", "bootstrap").stdout.startswith(
        "PETFUL_IDENTITY__BOOTSTRAP_ADMIN_EMAIL is not set"
    )
    first = _petful(settings, "admin", "bootstrap", **env)
    second = _petful(settings, "admin", "bootstrap", **env)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "already exists" in second.stdout
    assert _rows(settings, "SELECT email, role FROM identity.accounts") == [
        ("ops@example.com", "ADMIN")
    ]


def test_seed_is_idempotent_and_refused_in_production(settings: Settings) -> None:
    assert _petful(settings, "seed").returncode == 0
    assert _petful(settings, "seed").returncode == 0
    emails = sorted(r[0] for r in _rows(settings, "SELECT email FROM identity.accounts"))
    assert emails == sorted(
        [
            "admin@petful.dev",
            "advertiser@petful.dev",
            "pending-advertiser@petful.dev",
            "owner@petful.dev",
            "owner2@petful.dev",
            "owner3@petful.dev",
        ]
    )
    # Advertisers' seed attached profiles to identity's demo advertisers.
    profiles = _rows(settings, "SELECT status FROM advertisers.profiles ORDER BY status")
    assert profiles == [("APPROVED",), ("PENDING",)]
    # Pets with pictures, two approved PetStars on sandbox Instagram accounts, one in review.
    pets = _rows(
        settings,
        "SELECT name, petstar_status, image_media_id IS NOT NULL, instagram_username "
        "FROM pets.pets ORDER BY name",
    )
    assert pets == [
        ("나비", "APPROVED", True, "nabi_russianblue"),
        ("두부", "APPLYING", True, "dubu_corgi"),
        ("보리", "APPROVED", True, "bori_maltese"),
        ("콩이", "NONE", True, "kongi_cat"),
    ]
    # One campaign of the demo advertiser in every phase.
    phases = {r[0] for r in _rows(settings, "SELECT phase FROM campaigns.campaigns")}
    assert phases == {
        "DRAFT",
        "PENDING_REVIEW",
        "REJECTED",
        "RECRUITING",
        "SELECTING",
        "ANNOUNCED",
        "IN_PROGRESS",
        "REVIEWING",
        "COMPLETED",
        "CANCELLED",
    }
    # Twenty posts on the three boards (some with pictures, a pet tagged), comments with
    # replies, likes kept in the counters, and one open report waiting for an admin.
    boards = _rows(settings, "SELECT board, count(*) FROM community.posts GROUP BY 1 ORDER BY 1")
    assert boards == [("INFORMATION", 8), ("QUESTION", 7), ("SHOW_OFF", 5)]
    counts = _rows(
        settings,
        "SELECT (SELECT count(*) FROM community.post_images),"
        " (SELECT count(*) FROM community.comments WHERE parent_id IS NOT NULL),"
        " (SELECT sum(like_count) = (SELECT count(*) FROM community.post_likes)"
        "  FROM community.posts),"
        " (SELECT count(*) FROM community.posts WHERE pets <> '[]')",
    )
    [(pictures, replies, counters_match, tagged)] = counts
    assert (pictures > 0, replies > 0, counters_match, tagged > 0) == (True, True, True, True)
    assert _rows(settings, "SELECT target_type, status FROM community.reports") == [
        ("POST", "OPEN")
    ]
    refused = _petful(settings, "seed", PETFUL_ENV="production")
    assert refused.returncode != 0
    assert "production" in refused.stderr
