"""The Mailer seam: a requested mail is rendered once and handed to whichever adapter the
identity worker uses (SMTP today), so replacing the adapter changes nothing else."""

from __future__ import annotations

import pytest

from petful.contracts import identity as identity_contract
from petful.identity import mails
from petful.identity.mails import RenderedMail
from petful.identity.service.mail import MailerPort, SmtpMailer, deliver


class RecordingMailer:
    """An adapter that keeps what it was handed."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, RenderedMail]] = []

    async def send(self, to: str, mail: RenderedMail) -> None:
        self.sent.append((to, mail))


async def test_a_requested_code_is_rendered_and_handed_to_the_mailer() -> None:
    mailer = RecordingMailer()
    request = identity_contract.MailRequested(
        to="bori@example.com",
        template=mails.VERIFICATION_CODE,
        params={"code": "123456", "minutes": 5},
    )
    rendered = await deliver(mailer, request)
    assert mailer.sent == [("bori@example.com", rendered)]
    assert "123456" in rendered.subject
    assert "5분" in rendered.text


async def test_an_unknown_template_is_not_sent() -> None:
    mailer = RecordingMailer()
    request = identity_contract.MailRequested(to="bori@example.com", template="nope", params={})
    with pytest.raises(ValueError, match="unknown mail template"):
        await deliver(mailer, request)
    assert mailer.sent == []


def test_both_adapters_fit_the_port() -> None:
    adapters: list[MailerPort] = [SmtpMailer(), RecordingMailer()]
    assert all(callable(a.send) for a in adapters)
