"""The daily activity log (one record per pet per day), its calories and reports."""
