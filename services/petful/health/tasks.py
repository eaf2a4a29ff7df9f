"""The health service's Celery subscribers and jobs, one module per part."""

from petful.health.activities import tasks as activities
from petful.health.prescriptions import tasks as prescriptions
from petful.health.schedules import tasks as schedules

__all__ = ["activities", "prescriptions", "schedules"]
