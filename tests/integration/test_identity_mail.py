"""Sign-up with the code read from a real mail: identity's outbox -> relay -> Celery
worker -> the notifications service's account mail -> SMTP. The code never sits in the
event: it waits in the short-lived handoff store and is gone once the mail is out."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import uuid
from collections.abc import AsyncIterator
from typing import Any

import grpc
import pytest
from celery.contrib.testing.worker import start_worker

import petful.notifications.tasks  # noqa: F401  (registers notifications.account_mail)
from petful.contracts import identity as identity_contract
from petful.devstack import mail as mail_catcher
from petful.identity import grpc_api
from petful.pb.identity.v1 import identity_pb2 as pb
from petful.pb.identity.v1 import identity_pb2_grpc as pb_grpc
from petful.platform import events
from petful.platform import settings as settings_module
from petful.platform.db import get_engine
from petful.platform.grpc_client import client_interceptors
from petful.platform.grpc_server import start_server
from petful.platform.jobs import celery_app, use_broker
from petful.platform.mail import MailError, send_mail
from petful.platform.outbox import OutboxRelay
from petful.platform.redis import get_redis
from petful.platform.settings import Settings
from tests.integration.conftest import outbox_payloads
from tests.support import free_port, wait_for


@pytest.fixture
async def mail_settings(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Settings]:
    """Settings pointing at a real SMTP catcher running on this test's loop."""
    ports = {"smtp": free_port(), "inbox": free_port()}
    monkeypatch.setenv("PETFUL_PORTS", json.dumps(ports))
    monkeypatch.setenv("PETFUL_IDENTITY__PASSWORD_HASH_MEMORY_KIB", "1024")
    settings_module.get_settings.cache_clear()
    current = settings_module.get_settings()
    stop = asyncio.Event()
    task = asyncio.create_task(mail_catcher.serve(current, stop))

    async def listening() -> bool:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", ports["smtp"])
        except OSError:
            return False
        writer.close()
        return True

    try:
        await wait_for(listening, within=10)
        yield current
    finally:
        stop.set()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 10)


def _messages(settings: Settings, to: str) -> list[mail_catcher.StoredMessage]:
    store = mail_catcher.MailStore(settings.data_dir.resolve() / "mail" / "messages.jsonl")
    return [m for m in store.newest_first() if to in m.to]


@pytest.mark.slow
async def test_sign_up_with_the_code_from_the_mail(
    mail_settings: Settings, redis_server: Any
) -> None:
    settings = mail_settings
    use_broker(redis_server.url)
    relay = OutboxRelay("identity", get_engine(), events.publish_to_celery)
    server = await start_server("identity", grpc_api.register, settings=settings, port=0)
    ch = grpc.aio.insecure_channel(
        f"127.0.0.1:{server.port}", interceptors=client_interceptors(settings, "identity")
    )
    stub = pb_grpc.IdentityServiceStub(ch)
    email = f"mail-{uuid.uuid4().hex[:8]}@example.com"
    try:
        with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False):
            await stub.StartEmailVerification(pb.StartEmailVerificationRequest(email=email))

            async def delivered() -> bool:
                await relay.relay_once()
                return bool(_messages(settings, email))

            await wait_for(delivered, within=30)
            (message,) = _messages(settings, email)
            assert "인증 코드" in message.subject
            match = re.search(r"\b(\d{6})\b", message.subject)
            assert match is not None
            code = match.group(1)
            assert code in (message.text or "")
            assert code in (message.html or "")
            # The event names the code only by reference, and the reference is spent.
            (requested,) = [
                p
                for p in await outbox_payloads(identity_contract.MAIL_REQUESTED.name)
                if p["to"] == email
            ]
            assert code not in json.dumps(requested)
            assert requested["secret_ref"]
            assert await get_redis().get("handoff:" + requested["secret_ref"]) is None

            token = (
                await stub.ConfirmEmailVerification(
                    pb.ConfirmEmailVerificationRequest(email=email, code=code)
                )
            ).verification_token
            user = (
                await stub.SignUp(
                    pb.SignUpRequest(
                        verification_token=token,
                        email=email,
                        password="mail-pass-1",
                        name="메일",
                        nickname=f"m{uuid.uuid4().hex[:8]}",
                        phone="010-1111-2222",
                    )
                )
            ).user
            assert user.email == email

            # A second start for the now-registered email mails a notice, not a code.
            await stub.StartEmailVerification(pb.StartEmailVerificationRequest(email=email))

            async def notice_delivered() -> bool:
                await relay.relay_once()
                return len(_messages(settings, email)) == 2

            await wait_for(notice_delivered, within=30)
            notice = _messages(settings, email)[0]
            assert "already have an account" in notice.subject
            assert not re.search(r"\b\d{6}\b", notice.text or "")
    finally:
        await ch.close()
        await server.stop(0)


async def test_unreachable_smtp_raises_clearly() -> None:
    """Sending raises, so the account mail's event is tried again."""
    unreachable = Settings(env="test", smtp_host="127.0.0.1", smtp_port=free_port())
    with pytest.raises(MailError, match="cannot send mail via SMTP"):
        await send_mail("a@example.com", "s", "t", "<p>t</p>", settings=unreachable)
    unconfigured = Settings(env="test", smtp_host="")
    with pytest.raises(MailError, match="no SMTP server configured"):
        await send_mail("a@example.com", "s", "t", settings=unconfigured)
