"""Events of the identity service: accounts, suspension and its own mail queue."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from petful.contracts.base import Payload, Topic


class AccountCreated(Payload):
    user_id: uuid.UUID
    role: str  # USER, ADVERTISER or ADMIN


class AccountWithdrawn(Payload):
    """The person left: every service removes what it holds about them that no law asks
    it to keep, and ends what they had running (docs/security.md, "Leaving")."""

    user_id: uuid.UUID
    role: str = ""  # USER, ADVERTISER or ADMIN; empty in events from before it was sent


class AccountErased(Payload):
    """The retention period of a withdrawn account's records ended
    (`settings.privacy.record_retention_days`): every service erases what it kept."""

    user_id: uuid.UUID


class AccountSuspended(Payload):
    user_id: uuid.UUID
    reason: str
    until: datetime | None  # None: until an admin reinstates the account
    actor_id: uuid.UUID


class AccountReinstated(Payload):
    user_id: uuid.UUID
    reason: str
    actor_id: uuid.UUID


class MailRequested(Payload):
    """An account mail identity asks the notifications service to send (codes, resets,
    notices): to an address rather than an account (a sign-up has none yet), and never held
    by quiet hours or settings. A one-time code is not in `params`: it waits in the
    platform's short-lived store (platform/handoff.py) under `secret_ref`."""

    to: str
    template: str
    params: dict[str, Any]
    secret_ref: str = ""


# The account mails (MailRequested.template); the notifications service renders them.
MAIL_VERIFICATION_CODE = "verification_code"
MAIL_ACCOUNT_EXISTS = "account_exists"
MAIL_PASSWORD_RESET_CODE = "password_reset_code"
MAIL_PASSWORD_CHANGED = "password_changed"
ACCOUNT_MAILS = (
    MAIL_VERIFICATION_CODE,
    MAIL_ACCOUNT_EXISTS,
    MAIL_PASSWORD_RESET_CODE,
    MAIL_PASSWORD_CHANGED,
)

ACCOUNT_CREATED = Topic("identity.account.created", AccountCreated)
ACCOUNT_WITHDRAWN = Topic("identity.account.withdrawn", AccountWithdrawn)
ACCOUNT_ERASED = Topic("identity.account.erased", AccountErased)
ACCOUNT_SUSPENDED = Topic("identity.account.suspended", AccountSuspended)
ACCOUNT_REINSTATED = Topic("identity.account.reinstated", AccountReinstated)
MAIL_REQUESTED = Topic("identity.mail.requested", MailRequested)
