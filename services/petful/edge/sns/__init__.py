"""SNS's REST face: linked Instagram business accounts, their figures and analytics, and
comment moderation."""
