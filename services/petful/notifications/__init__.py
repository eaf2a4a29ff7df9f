"""The `notifications` service: in-app, email and web-push notifications with per-user settings."""
