"""Campaigns' (체험단) REST face: approved advertisers' campaigns and applicants, PetStar
owners' applications and invitations, and the admins' campaign review."""
