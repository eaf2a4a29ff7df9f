"""Public media objects (`GET /media/{key}`), served from the configured storage."""
