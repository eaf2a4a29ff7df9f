"""The `pets` service: pets, portfolios, activity history and the PetStar application workflow."""
