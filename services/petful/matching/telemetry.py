"""Matching's own Prometheus instruments (RPC latency comes from the gRPC server's)."""

from __future__ import annotations

from prometheus_client import Counter, Histogram

EMBED_SECONDS = Histogram(
    "petful_matching_embed_seconds",
    "Time to embed one batch of texts with the sentence-embedding model.",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
INDEXED = Counter(
    "petful_matching_indexed_total",
    "Documents (re)indexed, by kind (petstar, campaign) and outcome (embedded, unchanged...).",
    ["kind", "outcome"],
)
CANDIDATES = Histogram(
    "petful_matching_candidates",
    "Candidates a search re-ranked (vector leg + keyword leg).",
    buckets=(0, 10, 20, 50, 100, 150, 200, 300),
)
