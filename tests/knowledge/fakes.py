"""A deterministic stand-in embedder for tests of ingestion and storage (no model load)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from knowledge.embedders import Vectors


class CountingEmbedder:
    """Hashed bag of words, unit length; counts what it was asked to embed."""

    name = "test:hashed-words"
    dimension = 64

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> Vectors:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.embedded.extend(texts)
        return np.asarray([self._vector(t) for t in texts], dtype=np.float32).reshape(
            len(texts), self.dimension
        )

    def embed_query(self, text: str) -> Vectors:
        return self._vector(text)
