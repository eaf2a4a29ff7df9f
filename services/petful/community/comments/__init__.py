"""Comments, replies and their likes."""
