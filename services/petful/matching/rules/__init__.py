"""Matching rules, pure functions (no I/O; Korean terms come from `petful.platform.korean`):

- `documents`: the PetStar and campaign profiles and the text, terms and hash each becomes;
- `scoring`: the hybrid score (semantic, lexical, engagement) and its explanation;
- `checks`: a recommendation request's field checks.

Import the module you need (`from petful.matching.rules import scoring`).
"""
