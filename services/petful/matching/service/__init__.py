"""Matching business logic, one module per concern:

- `ports`: the other services (pets, campaigns, sns) and the clock, as Protocols;
- `indexing`: keep the PetStar and campaign documents fresh (idempotent, content-hashed);
- `ranking`: recommend PetStars and campaigns, and find similar PetStars.

Import the module you need (`from petful.matching.service import ranking`).
"""
