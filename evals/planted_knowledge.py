"""A knowledge base that is the shipped one plus documents planted for one trial.

The injection suite needs a hotel document an attacker wrote beside the real ones. Embedding the
shipped documents again for each trial would cost seconds; this store reads the shipped store
and keeps only the planted chunks (and their vectors) of its own, so a trial embeds a paragraph,
and the shipped knowledge base other trials use is never changed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.chunks import Chunk
from knowledge.embedders import Vectors
from knowledge.shipped import shipped_knowledge
from knowledge.store import LocalStore, VectorStore


class PlantedStore:
    """`base` read-only, with the planted chunks of `extra` laid over it."""

    def __init__(self, base: VectorStore) -> None:
        self.base = base
        self.extra = LocalStore()

    def fingerprints(self, hotel: str) -> dict[str, str]:
        return {**self.base.fingerprints(hotel), **self.extra.fingerprints(hotel)}

    def upsert(self, hotel: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        self.extra.upsert(hotel, chunks, vectors)

    def delete(self, hotel: str, ids: Sequence[str]) -> None:
        self.extra.delete(hotel, ids)

    def chunks(self, hotel: str) -> list[Chunk]:
        return [*self.base.chunks(hotel), *self.extra.chunks(hotel)]

    def nearest(self, hotel: str, vector: Vectors, k: int) -> list[tuple[str, float]]:
        found = [*self.base.nearest(hotel, vector, k), *self.extra.nearest(hotel, vector, k)]
        return sorted(found, key=lambda hit: -hit[1])[:k]

    def version(self, hotel: str) -> str:
        return f"{self.base.version(hotel)}+{self.extra.version(hotel)}"


def planted_knowledge(hotel: str, name: str, text: str) -> KnowledgeBase:
    """The shipped documents of every hotel, plus document `name` reading `text` for `hotel`."""
    shipped = shipped_knowledge()
    base = KnowledgeBase(PlantedStore(shipped.store), shipped.embedder)
    with tempfile.TemporaryDirectory(prefix="concierge-planted-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        base.ingest(hotel, [path])
    return base
