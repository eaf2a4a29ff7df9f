"""Pets' REST face: an owner's pets, portfolios, history and PetStar application, the public
PetStar directory and breeds, and the admins' PetStar review queue."""
