"""Pet health at the edge: under the pet (/api/v1/pets/{pet_id}/activities, schedules,
health-report), plus /api/v1/me/schedules, /api/v1/me/reminders and /api/v1/prescriptions.
(/api/v1/health is the platform's own health check: see petful.edge.health.)"""
