"""The demo hotels' documents that ship in this package, and a knowledge base built from them.

Tests, evaluation worlds and a `ToolRuntime` given no knowledge base search these documents: the
same files `concierge seed` ingests, embedded once per process in memory, so every trial of an
evaluation shares one embedder load and one index.
"""

from __future__ import annotations

import threading
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.embedders import LocalEmbedder
from knowledge.store import LocalStore

DOCUMENTS = Path(__file__).parent / "documents"
_lock = threading.Lock()
_shipped: KnowledgeBase | None = None


def demo_hotels() -> list[str]:
    return sorted(p.name for p in DOCUMENTS.iterdir() if p.is_dir())


def documents_of(hotel: str) -> Path:
    return DOCUMENTS / hotel


def shipped_knowledge() -> KnowledgeBase:
    """Every demo hotel's documents, in memory, with the local embedder (built on first use)."""
    global _shipped
    with _lock:
        if _shipped is None:
            base = KnowledgeBase(LocalStore(), LocalEmbedder())
            for hotel in demo_hotels():
                base.ingest(hotel, [documents_of(hotel)])
            _shipped = base
        return _shipped
