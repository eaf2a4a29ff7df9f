"""The edge's liveness, its readiness, and the platform health check (`/api/v1/health`)."""
