"""PetFul: one distribution, many services (see ARCHITECTURE.md)."""
