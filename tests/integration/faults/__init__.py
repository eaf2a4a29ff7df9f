"""Fault tests: the whole platform's processes, one thing broken, recovery asserted."""
