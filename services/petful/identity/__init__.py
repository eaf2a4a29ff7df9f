"""The `identity` service: accounts, email verification, sessions, roles, user admin."""
