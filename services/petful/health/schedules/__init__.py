"""Care schedules (RRULE recurrence), their occurrences, reminders and the iCalendar feed."""
