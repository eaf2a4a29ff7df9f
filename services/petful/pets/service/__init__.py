"""Pets: business logic, one module per part of the product. Receives a session and never
commits (the RPC or task boundary does).

- `pets`: the pet cards, their picture and breed suggestions
- `instagram`: linking a pet to an sns account, and following that account's events
- `portfolio`: the portfolio and its activity history
- `petstar`: the owner's side of the PetStar application, and its verification
- `admin`: the administrators' side (review queue, decisions, revocation)
- `directory`: the public PetStar directory
- `privacy`: what the owner's account events do (leaving removes the pets, a suspension
  hides them)
- `ports`: what this service needs from sns and campaigns (adapters in `peers.py`)
- `access` and `views`: who may see or change what, and what the servicer renders

The caller is the Principal the edge set. Owners act on their own pets; another user's
private pet is NotFound (ids do not leak). Approved PetStars, their published portfolios
and history are public, unless their owner is suspended. ADMIN may act on any pet; SERVICE
(internal callers) may read.
"""
