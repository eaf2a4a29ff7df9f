"""The `sns` service: Instagram account links, sync, analytics and comment moderation."""
