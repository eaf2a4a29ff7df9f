"""Security regression tests use the integration suite's servers and clients."""

from tests.integration.conftest import *  # noqa: F403
