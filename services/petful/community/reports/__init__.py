"""Reports (신고) and the moderation queue."""
