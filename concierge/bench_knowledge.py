"""`concierge bench knowledge`: embedder load time, ingestion throughput, search latency.

Latency is timed on the demo index (Harbor View's documents) and on a synthetic index of N
chunks (default 10,000) made of the demo documents' sentences recombined. The synthetic
chunks get random unit vectors instead of embeddings: embedding 10,000 chunks takes minutes
on a CPU, and search time does not depend on what the vectors say. Queries are the retrieval
development set's questions, embedded for real on every call (the query cache is off).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from knowledge.base import KnowledgeBase, Mode
from knowledge.chunks import Chunk, chunk_document
from knowledge.embedders import LocalEmbedder
from knowledge.shipped import documents_of
from knowledge.store import LocalStore

HOTEL = "harbor-view"


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "n": len(ordered),
    }


def _time(call: Callable[[str], object], queries: list[str], iterations: int) -> dict[str, float]:
    samples = []
    for number in range(iterations):
        query = queries[number % len(queries)]
        started = time.perf_counter()
        call(query)
        samples.append(time.perf_counter() - started)
    return _percentiles(samples)


def _searcher(base: KnowledgeBase, mode: Mode) -> Callable[[str], object]:
    return lambda query: base.search(HOTEL, query, 4, mode=mode)


def _synthetic_chunks(count: int, seed: int = 7) -> list[Chunk]:
    sentences = [
        sentence.strip() + "."
        for path in sorted(documents_of(HOTEL).iterdir())
        for chunk in chunk_document(path)
        for sentence in chunk.text.split(". ")
        if sentence.strip()
    ]
    pick = random.Random(seed)
    return [
        Chunk(
            id=f"synthetic-{n // 20}.md#{n:06d}",
            source=f"synthetic-{n // 20}.md",
            heading=f"Section {n}",
            text=" ".join(pick.sample(sentences, 3)),
            hash=f"{n}",
        )
        for n in range(count)
    ]


def _write_documents(folder: Path, chunks: list[Chunk]) -> None:
    """Synthetic Markdown documents, 20 sections each, for the ingestion throughput figure."""
    for start in range(0, len(chunks), 20):
        part = chunks[start : start + 20]
        body = "\n\n".join(f"## {c.heading}\n\n{c.text}" for c in part)
        (folder / f"synthetic-{start // 20:04d}.md").write_text(f"# Guide\n\n{body}\n")


def run_benchmark(
    *,
    chunks: int = 10_000,
    iterations: int = 200,
    ingest_chunks: int = 300,
    queries: list[str],
    console: Console | None = None,
) -> dict[str, Any]:
    console = console or Console(stderr=True)
    embedder = LocalEmbedder()
    results: dict[str, Any] = {"embedder": embedder.name}
    results["embedder_load_s"] = round(embedder.load_seconds, 3)
    with tempfile.TemporaryDirectory() as folder:
        demo = KnowledgeBase(LocalStore(Path(folder)), embedder, query_cache=0)
        report = demo.ingest(HOTEL, [documents_of(HOTEL)])
        results["demo_ingest"] = {
            "chunks": report.chunks,
            "seconds": round(report.seconds, 3),
            "chunks_per_s": round(report.chunks_per_second, 1),
        }
        documents = Path(folder) / "synthetic-documents"
        documents.mkdir()
        _write_documents(documents, _synthetic_chunks(ingest_chunks, seed=11))
        bulk = demo.ingest("synthetic-hotel", [documents])
        results["synthetic_ingest"] = {
            "chunks": bulk.chunks,
            "seconds": round(bulk.seconds, 3),
            "chunks_per_s": round(bulk.chunks_per_second, 1),
        }
        operations: dict[str, Any] = {}
        for mode in Mode:
            operations[f"demo_{mode.value}"] = _time(_searcher(demo, mode), queries, iterations)
        operations["query_embedding"] = _time(embedder.embed_query, queries, iterations)

        store = LocalStore()
        synthetic = _synthetic_chunks(chunks)
        vectors = np.random.default_rng(7).normal(size=(chunks, embedder.dimension))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.upsert(HOTEL, synthetic, vectors.astype(np.float32))
        large = KnowledgeBase(store, embedder, query_cache=0)
        large.search(HOTEL, "warm up", 4)  # builds the BM25 index once
        for mode in Mode:
            operations[f"synthetic_{mode.value}"] = _time(
                _searcher(large, mode), queries, iterations
            )
    results["synthetic_chunks"] = chunks
    results["operations"] = operations
    _print(results, console)
    return results


def _print(results: dict[str, Any], console: Console) -> None:
    console.print(f"embedder {results['embedder']}: loaded in {results['embedder_load_s']} s")
    for name in ("demo_ingest", "synthetic_ingest"):
        ingest = results[name]
        console.print(
            f"{name}: {ingest['chunks']} chunks in {ingest['seconds']} s "
            f"({ingest['chunks_per_s']} chunks/s)"
        )
    table = Table(title=f"knowledge search, top 4 (synthetic index: {results['synthetic_chunks']})")
    for column in ("operation", "p50 ms", "p95 ms", "n"):
        table.add_column(column, justify="left" if column == "operation" else "right")
    for name, row in results["operations"].items():
        table.add_row(name, f"{row['p50_ms']:.2f}", f"{row['p95_ms']:.2f}", str(row["n"]))
    console.print(table)
