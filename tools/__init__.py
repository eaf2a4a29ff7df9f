"""Developer tools run by make (`make proto`, `make manifests`); importable by tests."""
