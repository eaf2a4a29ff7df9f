"""Web push rules: what a subscription must look like, how push services' answers are read,
what one push carries; and the install's VAPID key (made once outside production, required
in production)."""

from __future__ import annotations

import base64
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from petful.notifications import push, push_rules
from petful.notifications.push_rules import Outcome
from petful.platform.settings import Settings
from petful.platform.validation import RuleError


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def a_point(secret: int | None = None) -> bytes:
    """A fresh point, or a fixed one (test ids must be the same in every xdist worker)."""
    key = (
        ec.generate_private_key(ec.SECP256R1())
        if secret is None
        else ec.derive_private_key(secret, ec.SECP256R1())
    )
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


FIXED = a_point(7)


def reason(fn: object, *args: object, **kw: object) -> str:
    with pytest.raises(RuleError) as info:
        fn(*args, **kw)  # type: ignore[operator]
    return info.value.reason


# --- endpoint ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://fcm.googleapis.com/fcm/send/dX9k:APA91b",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABn",
        "https://web.push.apple.com/QGx1yR?x=1",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA%3d",
        "  https://push.example.com:8443/p/1  ",
    ],
)
def test_push_services_endpoints_are_accepted(url: str) -> None:
    assert push_rules.check_endpoint(url) == url.strip()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("http://fcm.googleapis.com/fcm/send/x", "must be an https URL"),
        ("ftp://fcm.googleapis.com/x", "must be an https URL"),
        ("fcm.googleapis.com/fcm/send/x", "must be an https URL"),
        ("https://fcm.googleapis.com/a b", "must be an https URL"),
        ("https://fcm.googleapis.com/a\x00b", "must be an https URL"),
        ("https://user:pw@fcm.googleapis.com/x", "must be an https URL"),
        ("https://fcm.googleapis.com:99999/x", "must be an https URL"),
        ("https://fcm.googleapis.com/x#frag", "must not have a fragment"),
        ("https://10.0.0.7/push", "must name its host, not an IP address"),
        ("https://169.254.169.254/latest", "must name its host, not an IP address"),
        ("https://[::1]/push", "must name its host, not an IP address"),
        ("https://intranet/push", "must be an https URL of a public host"),
        ("https://bad_host.example.com/push", "must be an https URL of a public host"),
        ("https://localhost/push", "must not point at this machine"),
        ("http://127.0.0.1:9000/push/1", "must not point at this machine"),
        ("https://x.com/" + "a" * push_rules.ENDPOINT_MAX, "must be at most 2048 characters"),
    ],
)
def test_bad_endpoints_are_refused(url: str, why: str) -> None:
    assert reason(push_rules.check_endpoint, url) == why


def test_local_endpoints_only_when_allowed() -> None:
    for url in ("http://127.0.0.1:9000/push/1", "http://localhost:9000/push/1"):
        assert push_rules.check_endpoint(url, allow_local=True) == url
    # Allowing this machine allows nothing else: other addresses and plain http stay out.
    assert reason(push_rules.check_endpoint, "http://10.0.0.7/p", allow_local=True)
    assert reason(push_rules.check_endpoint, "http://push.example.com/p", allow_local=True)


def test_local_endpoints_are_never_allowed_in_production(tmp_path: Path) -> None:
    on = {"push_allow_local_endpoints": True}
    dev = Settings(env="development", data_dir=tmp_path, notifications=on)  # type: ignore[arg-type]
    prod = Settings(env="production", data_dir=tmp_path, notifications=on)  # type: ignore[arg-type]
    assert push.Policy.from_settings(dev).allow_local
    assert not push.Policy.from_settings(prod).allow_local


def test_origin_is_the_vapid_audience() -> None:
    assert push_rules.origin_of("https://FCM.googleapis.com/fcm/send/x?y") == (
        "https://fcm.googleapis.com"
    )
    assert push_rules.origin_of("http://127.0.0.1:9000/push/1") == "http://127.0.0.1:9000"


# --- keys ----------------------------------------------------------------------------------------


def test_p256dh_is_an_uncompressed_point_on_the_curve() -> None:
    point = a_point()
    assert push_rules.check_p256dh(b64url(point)) == b64url(point)
    # Padded base64url is accepted and normalised.
    padded = base64.urlsafe_b64encode(point).decode()
    assert push_rules.check_p256dh(padded) == b64url(point)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("", "is required"),
        ("not base64!", "must be base64url"),
        ("a+b/", "must be base64url"),
        (b64url(FIXED[:33]), "must be an uncompressed P-256 point (65 bytes)"),
        (b64url(b"\x02" + FIXED[1:]), "must be an uncompressed P-256 point (65 bytes)"),
        (b64url(b"\x04" + b"\x01" * 64), "must be a point on the P-256 curve"),
    ],
)
def test_bad_p256dh_is_refused(value: str, why: str) -> None:
    assert reason(push_rules.check_p256dh, value) == why


def test_auth_is_16_bytes() -> None:
    secret = os.urandom(16)
    assert push_rules.check_auth(b64url(secret)) == b64url(secret)
    assert reason(push_rules.check_auth, b64url(os.urandom(15))) == "must be 16 bytes"
    assert reason(push_rules.check_auth, b64url(os.urandom(32))) == "must be 16 bytes"
    assert reason(push_rules.check_auth, "") == "is required"
    assert reason(push_rules.check_auth, "%%%") == "must be base64url"


# --- device --------------------------------------------------------------------------------------

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15"
)
WINDOWS_EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
LINUX_FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"


@pytest.mark.parametrize(
    ("ua", "label"),
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (MAC_SAFARI, "Safari on macOS"),
        (WINDOWS_EDGE, "Edge on Windows"),
        (LINUX_FIREFOX, "Firefox on Linux"),
        ("curl/8.5", ""),
    ],
)
def test_a_device_is_named_from_its_user_agent(ua: str, label: str) -> None:
    assert push_rules.check_device("", user_agent=ua) == label


def test_a_given_device_name_wins_and_is_one_short_line() -> None:
    assert push_rules.check_device("  내   폰 ", user_agent=ANDROID_CHROME) == "내 폰"
    assert reason(push_rules.check_device, "x" * 101) == "must be at most 100 characters"
    assert reason(push_rules.check_device, "a\x07b") == "must not contain control characters"


# --- answers and payloads ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (200, Outcome.ACCEPTED),
        (201, Outcome.ACCEPTED),
        (202, Outcome.ACCEPTED),
        (404, Outcome.GONE),
        (410, Outcome.GONE),
        (429, Outcome.RETRY),
        (500, Outcome.RETRY),
        (503, Outcome.RETRY),
        (None, Outcome.RETRY),
        (400, Outcome.REJECTED),
        (401, Outcome.REJECTED),
        (403, Outcome.REJECTED),
        (413, Outcome.REJECTED),
        (301, Outcome.REJECTED),
    ],
)
def test_push_service_answers(status: int | None, outcome: Outcome) -> None:
    assert push_rules.outcome_of(status) is outcome


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2025, 3, 6, 6, 0, tzinfo=UTC)
    assert push_rules.retry_after_seconds("120", now) == 120
    assert push_rules.retry_after_seconds("Thu, 06 Mar 2025 06:05:00 GMT", now) == 300
    assert push_rules.retry_after_seconds("Thu, 06 Mar 2025 05:00:00 GMT", now) == 0
    assert push_rules.retry_after_seconds("999999999", now) == push_rules.RETRY_AFTER_MAX
    assert push_rules.retry_after_seconds("soon", now) is None
    assert push_rules.retry_after_seconds(None, now) is None


def test_the_payload_is_the_messages_json() -> None:
    p = push_rules.payload_of(title="보리 · 약", body="9시예요", link="/schedules", tag="t:1")
    assert json.loads(p.body) == {
        "title": "보리 · 약",
        "body": "9시예요",
        "link": "/schedules",
        "tag": "t:1",
    }
    same = push_rules.payload_of(title="보리 · 약", body="9시예요", link="/schedules", tag="t:1")
    other = push_rules.payload_of(title="보리 · 약", body="10시예요", link="/schedules", tag="t:1")
    assert p.key == same.key != other.key
    # The topic follows the tag only, in RFC 8030's alphabet and length.
    assert p.topic == other.topic
    assert len(p.topic) == 32
    assert set(p.topic) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_a_long_message_is_shortened_to_fit_one_push() -> None:
    body = "산책 " * 2000  # 3 bytes a syllable: far over 4 KB
    p = push_rules.payload_of(title="제목", body=body, link="/community/posts/1", tag="t")
    message = json.loads(p.body)
    assert len(p.body.encode()) <= push_rules.PAYLOAD_MAX
    assert len(p.body.encode()) > push_rules.PAYLOAD_MAX - 8  # cut no more than needed
    assert message["body"].endswith("…")
    assert body.startswith(message["body"][:-1])
    assert message["title"] == "제목"
    assert (message["link"], message["tag"]) == ("/community/posts/1", "t")

    huge_title = push_rules.payload_of(title="가" * 3000, body="본문", link="/", tag="t")
    message = json.loads(huge_title.body)
    assert message["body"] == ""
    assert message["title"].endswith("…")
    assert len(huge_title.body.encode()) <= push_rules.PAYLOAD_MAX

    with pytest.raises(RuleError):
        push_rules.payload_of(title="t", body="b", link="/" + "x" * 4000, tag="t")


def test_a_message_a_device_accepted_lately_is_not_sent_again() -> None:
    now = datetime(2025, 3, 6, 6, 0, tzinfo=UTC)
    day = timedelta(days=1)

    def sent(last_key: str | None, ago: timedelta | None) -> bool:
        at = None if ago is None else now - ago
        return push_rules.already_sent(
            last_key=last_key, last_success_at=at, key="k", now=now, within=day
        )

    assert sent("k", timedelta(minutes=5))
    assert not sent("other", timedelta(minutes=5))
    assert not sent("k", timedelta(days=2))
    assert not sent("k", None)
    assert not sent(None, timedelta(minutes=5))


# --- the VAPID key -------------------------------------------------------------------------------


def test_the_dev_key_is_made_once_private_and_a_p256_key(tmp_path: Path) -> None:
    settings = Settings(env="development", data_dir=tmp_path)
    keys = push.vapid_keys(settings)
    path = tmp_path / "keys" / push.DEV_KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert push.vapid_keys(settings).public_key == keys.public_key
    raw = base64.urlsafe_b64decode(keys.public_key + "==")
    assert len(raw) == 65
    assert raw[0] == 4
    assert "=" not in keys.public_key


def test_a_configured_key_file_is_used(tmp_path: Path) -> None:
    path = tmp_path / "vapid.pem"
    # Helm's genPrivateKey "ecdsa" writes SEC1 ("EC PRIVATE KEY"); openssl's PKCS#8 works too.
    key = ec.generate_private_key(ec.SECP256R1())
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    settings = Settings(
        env="production",
        data_dir=tmp_path,
        notifications={"vapid_private_key_file": path},  # type: ignore[arg-type]
    )
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    assert push.vapid_keys(settings).public_key == b64url(point)


def test_production_refuses_to_push_without_a_key(tmp_path: Path) -> None:
    with pytest.raises(push.VapidKeyError, match="VAPID_PRIVATE_KEY_FILE"):
        push.vapid_keys(Settings(env="production", data_dir=tmp_path))
    assert not (tmp_path / "keys").exists()


def test_unusable_key_files_are_clear_errors(tmp_path: Path) -> None:
    def settings_for(path: Path) -> Settings:
        return Settings(notifications={"vapid_private_key_file": path})  # type: ignore[arg-type]

    with pytest.raises(push.VapidKeyError, match="cannot be read"):
        push.vapid_keys(settings_for(tmp_path / "missing.pem"))
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("not a key")
    with pytest.raises(push.VapidKeyError, match="not a readable PEM"):
        push.vapid_keys(settings_for(garbage))
    edwards = tmp_path / "ed25519.pem"
    edwards.write_bytes(
        ed25519.Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(push.VapidKeyError, match="P-256"):
        push.vapid_keys(settings_for(edwards))
    other_curve = tmp_path / "p384.pem"
    other_curve.write_bytes(
        ec.generate_private_key(ec.SECP384R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(push.VapidKeyError, match="P-256"):
        push.vapid_keys(settings_for(other_curve))


def test_the_vapid_subject_must_be_a_contact() -> None:
    with pytest.raises(ValueError, match="vapid_subject"):
        Settings(notifications={"vapid_subject": "push@petful.dev"})  # type: ignore[arg-type]
