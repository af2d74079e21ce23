"""Where chunks and their vectors live, one separate collection per hotel.

Two backends answer the same questions: the local store (the embedded default: numpy in memory,
persisted as files under the data directory, no server) and Pinecone (a namespace per hotel).
Every call names the hotel, and a store keeps each hotel's chunks apart, so no query can reach
another hotel's passages.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
from threadpoolctl import threadpool_limits

from knowledge.chunks import Chunk
from knowledge.embedders import Vectors

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def check_hotel(hotel: str) -> str:
    """Hotel slugs name directories and namespaces: nothing but letters, digits and dashes."""
    if not _SLUG.match(hotel):
        raise ValueError(f"'{hotel}' is not a hotel slug")
    return hotel


class VectorStore(Protocol):
    def fingerprints(self, hotel: str) -> dict[str, str]:
        """Chunk id → the fingerprint (content hash and embedder) it was stored with."""
        ...

    def upsert(self, hotel: str, chunks: Sequence[Chunk], vectors: Vectors) -> None: ...

    def delete(self, hotel: str, ids: Sequence[str]) -> None: ...

    def chunks(self, hotel: str) -> list[Chunk]:
        """Every chunk of the hotel, for the keyword (BM25) side of the search."""
        ...

    def nearest(self, hotel: str, vector: Vectors, k: int) -> list[tuple[str, float]]:
        """The ids of the k chunks closest to `vector`, with their cosine similarity."""
        ...

    def version(self, hotel: str) -> str:
        """Changes whenever the hotel's chunks may have changed, so caches know to rebuild."""
        ...


_generations = itertools.count(1)


@dataclass
class _Collection:
    chunks: list[Chunk] = field(default_factory=list)
    vectors: Vectors = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    # The chunks file as loaded or saved (mtime, size): another process's ingestion shows.
    stamp: tuple[int, int] | None = None
    generation: int = field(default_factory=lambda: next(_generations))

    def position(self) -> dict[str, int]:
        return {chunk.id: index for index, chunk in enumerate(self.chunks)}


_single_threaded = threading.Lock()
_limited = False


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in a process that searches.

    A search multiplies one vector by the matrix: memory-bound, done in well under a millisecond
    by one thread. More BLAS threads only spin afterwards and slow the next query's embedding
    (measured on two cores: p95 of a dense search on 10,000 chunks fell from ~10 ms to ~1 ms).
    """
    global _limited
    with _single_threaded:
        if not _limited:
            threadpool_limits(1, user_api="blas")
            _limited = True


class LocalStore:
    """Chunks and a vector matrix per hotel; with `directory`, saved in `<directory>/<hotel>/`.

    Exact search (one matrix product) is fast enough for a hotel's documents: about a millisecond
    for 10,000 chunks of 384 dimensions, so no approximate index is needed.
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._collections: dict[str, _Collection] = {}
        self._lock = threading.RLock()

    def _collection(self, hotel: str) -> _Collection:
        check_hotel(hotel)
        with self._lock:
            collection = self._collections.get(hotel)
            if collection is None or collection.stamp != self._stamp(hotel):
                collection = self._load(hotel)
                self._collections[hotel] = collection
            return collection

    def _stamp(self, hotel: str) -> tuple[int, int] | None:
        files = self._files(hotel)
        if files is None:
            return None
        try:
            status = files[0].stat()
        except FileNotFoundError:
            return None
        return status.st_mtime_ns, status.st_size

    def version(self, hotel: str) -> str:
        return str(self._collection(hotel).generation)

    def _files(self, hotel: str) -> tuple[Path, Path] | None:
        if self.directory is None:
            return None
        folder = self.directory / hotel
        return folder / "chunks.json", folder / "vectors.npy"

    def _load(self, hotel: str) -> _Collection:
        files = self._files(hotel)
        if files is None or not files[0].exists() or not files[1].exists():
            return _Collection()
        stamp = self._stamp(hotel)
        rows = json.loads(files[0].read_text(encoding="utf-8"))
        vectors = np.load(files[1]).astype(np.float32)
        return _Collection([Chunk(**row) for row in rows], vectors, stamp)

    def _save(self, hotel: str, collection: _Collection) -> None:
        files = self._files(hotel)
        if files is None:
            return
        chunks_file, vectors_file = files
        chunks_file.parent.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: a reader never sees half a file.
        temporary = chunks_file.with_suffix(".json.tmp")
        temporary.write_text(json.dumps([asdict(c) for c in collection.chunks]), encoding="utf-8")
        with open(vectors_file.with_suffix(".tmp"), "wb") as handle:
            np.save(handle, collection.vectors)
        vectors_file.with_suffix(".tmp").replace(vectors_file)
        temporary.replace(chunks_file)
        collection.stamp = self._stamp(hotel)

    def fingerprints(self, hotel: str) -> dict[str, str]:
        return {chunk.id: chunk.hash for chunk in self._collection(hotel).chunks}

    def upsert(self, hotel: str, chunks: Sequence[Chunk], vectors: Vectors) -> None:
        if not chunks:
            return
        with self._lock:
            current = self._collection(hotel)
            where = current.position()
            kept = list(current.chunks)
            dimension = vectors.shape[1]
            matrix = current.vectors if current.chunks else np.zeros((0, dimension))
            if matrix.shape[1] != dimension:
                raise ValueError(
                    f"{hotel}: vectors of {dimension} dimensions into an index of "
                    f"{matrix.shape[1]}; re-ingest everything with one embedder"
                )
            rows = [*matrix]
            for chunk, vector in zip(chunks, vectors, strict=True):
                if chunk.id in where:
                    kept[where[chunk.id]] = chunk
                    rows[where[chunk.id]] = vector
                else:
                    where[chunk.id] = len(kept)
                    kept.append(chunk)
                    rows.append(vector)
            updated = _Collection(kept, np.asarray(rows, dtype=np.float32))
            self._collections[hotel] = updated
            self._save(hotel, updated)

    def delete(self, hotel: str, ids: Sequence[str]) -> None:
        gone = set(ids)
        if not gone:
            return
        with self._lock:
            current = self._collection(hotel)
            keep = [i for i, chunk in enumerate(current.chunks) if chunk.id not in gone]
            updated = _Collection([current.chunks[i] for i in keep], current.vectors[keep])
            self._collections[hotel] = updated
            self._save(hotel, updated)

    def chunks(self, hotel: str) -> list[Chunk]:
        return list(self._collection(hotel).chunks)

    def nearest(self, hotel: str, vector: Vectors, k: int) -> list[tuple[str, float]]:
        collection = self._collection(hotel)
        if not collection.chunks or k <= 0:
            return []
        _one_blas_thread()
        scores = collection.vectors @ vector.astype(np.float32)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(collection.chunks[i].id, float(scores[i])) for i in top]
