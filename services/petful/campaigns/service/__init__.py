"""Campaigns: business logic, one module per part of a campaign's life. Functions receive a
session and never commit (the RPC/task boundary does).

- `campaigns`: the advertiser's campaigns and their review by admins (`campaign_input` checks
  the fields, `images` holds the product pictures);
- `applicants`: invitations, applications and what a pet still owes;
- `content`: selection, shipping, content submission, its automatic check and review;
- `schedule`: the clock-driven steps (`advance_due`);
- `reminders`: the content-due reminders to selected PetStars (3 days and 1 day before);
- `results`: a campaign's results and their CSV;
- `leaving`: what a person's withdrawal ends and clears, and what erasure removes later;
- `shared`: the state moves every module makes, and lookups with their access rules;
- `ports`: what campaigns needs from other services (adapters in `peers.py`).

Roles come from the caller's Principal. Every state change goes through `move_campaign` or
`move_applicant` (shared.py), which apply the pure state machines of rules and write the
outbox event in the same transaction.

Locking: a campaign row is locked (FOR UPDATE) before any of its applicants, by every
writer; the headcount is checked under that lock, so concurrent selections serialise.
`advance_due` takes campaigns with SKIP LOCKED, so concurrent runs split the work and a run
never waits for a user's transaction.
"""
