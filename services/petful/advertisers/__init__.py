"""The `advertisers` service: advertiser company profiles and their approval."""
