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
    """A mail identity sends itself (codes, resets, reconnect notices) until notifications
    takes over the outbound mail; the Mailer port in identity is the seam."""

    to: str
    template: str
    params: dict[str, Any]


ACCOUNT_CREATED = Topic("identity.account.created", AccountCreated)
ACCOUNT_WITHDRAWN = Topic("identity.account.withdrawn", AccountWithdrawn)
ACCOUNT_ERASED = Topic("identity.account.erased", AccountErased)
ACCOUNT_SUSPENDED = Topic("identity.account.suspended", AccountSuspended)
ACCOUNT_REINSTATED = Topic("identity.account.reinstated", AccountReinstated)
MAIL_REQUESTED = Topic("identity.mail.requested", MailRequested)
