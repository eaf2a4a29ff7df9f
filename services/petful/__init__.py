"""PetFul: one distribution, many services (see ARCHITECTURE.md)."""

import os

# Processes here fork only to exec another program (the devstack's servers, the
# reloader's child), never to keep using gRPC in the child. gRPC's fork support would run
# its handlers in that short-lived child while other threads are inside gRPC, which can
# abort the child before it execs (seen as a PostgreSQL start dying with SIGABRT). It must
# be decided before grpc is imported, hence here.
os.environ.setdefault("GRPC_ENABLE_FORK_SUPPORT", "false")
