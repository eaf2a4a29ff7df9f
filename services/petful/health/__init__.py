"""The `health` service: activity logs, care schedules with reminders and prescription OCR."""
