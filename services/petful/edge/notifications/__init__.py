"""Notification routes: the inbox and its real-time stream (`/api/v1/notifications…`)."""
