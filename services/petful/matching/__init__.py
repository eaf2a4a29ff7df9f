"""The `matching` service: PetStar <-> campaign recommendations on pgvector."""
