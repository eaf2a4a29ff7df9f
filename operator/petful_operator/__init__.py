"""PetFul's Kubernetes operator: `kopf run -m petful_operator`.

Importing the package registers the kopf handlers (see `handlers.py`); the logic lives in
`reconcile.py` (pure) and `workflows.py` (gRPC).
"""

from petful_operator import handlers as handlers

__all__ = ["handlers"]
