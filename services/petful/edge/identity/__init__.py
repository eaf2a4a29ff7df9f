"""Identity's REST face: sign-up and tokens, the own account, public profiles, the JWKS,
and the admin console for accounts, sessions and the audit log."""
