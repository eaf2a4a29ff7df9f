"""Identity business logic, one module per part of the service:

- `codes`: one-time codes in Redis and email verification
- `accounts`: sign-up and operator-made accounts
- `sessions`: sign-in, sessions and token rotation; `throttle`: the sign-in throttle
- `passwords`: reset and change
- `profile`: the caller's profile, withdrawal, public profiles
- `admin`: the admin console (users, suspension, sessions); `audit`: the one audit log
- `mail`: outbound mail behind the `MailerPort`; `shared`: hashing, lookups, helpers

Functions are keyword-only, take the caller's session (never commit: the RPC or task
boundary does) and `now` (so expiry and throttling are testable without sleeping).
The servicers and tasks import the modules; the names below are the operator entry points
(CLI, demo seed, test fixtures).
"""

from petful.identity.service.accounts import create_account_without_verification, create_admin
from petful.identity.service.admin import suspend_account
from petful.identity.service.shared import utc_now

__all__ = ["create_account_without_verification", "create_admin", "suspend_account", "utc_now"]
