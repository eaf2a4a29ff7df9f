"""Advertiser profiles: business logic. Receives a session and never commits.

- `profiles`: the advertiser's own company profile, its review submission and approval
- `files`: the logo (public) and the business registration certificate (private)
- `admin`: the administrators' list and decisions

Roles come from the caller's Principal (the edge put them there after checking the access
token). This service cannot read identity's accounts, so it trusts the role in the metadata:
advertiser RPCs need ADVERTISER and act on the caller's own profile; admin RPCs need ADMIN.
"""
