"""One router per domain under /api/v1."""
