"""User reports (신고): filed by any signed-in user, worked by admins; served by the
community service."""
