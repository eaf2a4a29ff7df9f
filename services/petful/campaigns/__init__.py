"""The `campaigns` service: campaigns (체험단), applicants, content reviews and campaign results."""
