"""The Pinecone backend: one namespace per hotel in one dense index (cosine, the embedder's size).

Each vector carries its chunk in metadata (text, source, heading, hash) and the hotel's slug.
Queries name the hotel's namespace AND filter on the slug, so even a vector written to the
wrong namespace by some other tool could not reach another hotel's guests. BM25 runs beside it
over the chunks listed from the namespace, so both backends search the same way.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from knowledge.chunks import Chunk
from knowledge.embedders import Vectors
from knowledge.store import check_hotel

FETCH_BATCH = 100
UPSERT_BATCH = 100
DELETE_BATCH = 1000


class PineconeStore:
    def __init__(self, index: Any) -> None:
        """`index` is a `pinecone.Index` (the data-plane client of one index)."""
        self.index = index

    @classmethod
    def connect(cls, host: str, api_key: str) -> PineconeStore:
        from pinecone import Index

        return cls(Index(host=host, api_key=api_key, source_tag="concierge"))

    def _ids(self, hotel: str) -> list[str]:
        ids: list[str] = []
        for page in self.index.list(namespace=hotel):
            ids.extend(item.id for item in page.vectors if item.id)
        return ids

    def _fetched(self, hotel: str) -> Iterator[tuple[str, dict[str, Any]]]:
        ids = self._ids(hotel)
        for start in range(0, len(ids), FETCH_BATCH):
            response = self.index.fetch(ids=ids[start : start + FETCH_BATCH], namespace=hotel)
            for vector_id, vector in response.vectors.items():
                metadata = dict(vector.metadata or {})
                if metadata.get("hotel") == hotel:
                    yield vector_id, metadata

    def fingerprints(self, hotel: str) -> dict[str, str]:
        check_hotel(hotel)
        return {vector_id: str(meta.get("hash", "")) for vector_id, meta in self._fetched(hotel)}

    def chunks(self, hotel: str) -> list[Chunk]:
        check_hotel(hotel)
        return sorted(
            (
                Chunk(
                    id=vector_id,
                    source=str(meta.get("source", "")),
                    heading=str(meta.get("heading", "")),
                    text=str(meta.get("text", "")),
                    hash=str(meta.get("hash", "")),
                )
                for vector_id, meta in self._fetched(hotel)
            ),
            key=lambda chunk: chunk.id,
        )

    def upsert(self, hotel: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        check_hotel(hotel)
        records = [
            {
                "id": chunk.id,
                "values": [float(x) for x in vector],
                "metadata": {
                    "hotel": hotel,
                    "source": chunk.source,
                    "heading": chunk.heading,
                    "text": chunk.text,
                    "hash": chunk.hash,
                },
            }
            for chunk, vector in zip(chunks, vectors, strict=True)
        ]
        for start in range(0, len(records), UPSERT_BATCH):
            self.index.upsert(vectors=records[start : start + UPSERT_BATCH], namespace=hotel)

    def delete(self, hotel: str, ids: Sequence[str]) -> None:
        check_hotel(hotel)
        ids = list(ids)
        for start in range(0, len(ids), DELETE_BATCH):
            self.index.delete(ids=ids[start : start + DELETE_BATCH], namespace=hotel)

    def version(self, hotel: str) -> str:
        """Constant: asking Pinecone on every search would cost a request. A process sees its
        own ingestions at once; another process's after a restart."""
        return ""

    def nearest(self, hotel: str, vector: Vectors, k: int) -> list[tuple[str, float]]:
        check_hotel(hotel)
        if k <= 0:
            return []
        response = self.index.query(
            vector=[float(x) for x in vector],
            top_k=k,
            namespace=hotel,
            filter={"hotel": {"$eq": hotel}},
        )
        return [(match.id, float(match.score)) for match in response.matches]
