"""Building the long-lived objects once, from settings or command-line overrides."""

from __future__ import annotations

from pathlib import Path

from concierge.settings import Settings, get_settings
from knowledge.base import KnowledgeBase
from pms.clock import Clock
from pms.db import Database, normalise_url, sqlite_file


def database_url(override: str | None = None) -> str:
    return normalise_url(override or get_settings().database_url)


def open_database(override: str | None = None, *, clock: Clock | None = None) -> Database:
    """The configured database; an SQLite file's folder is created on first use."""
    url = database_url(override)
    path = sqlite_file(url)
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Database(url, clock=clock)


def knowledge_directory(db_override: str | None = None, settings: Settings | None = None) -> Path:
    """The local index: configured, else knowledge/ beside the SQLite file, else var/knowledge."""
    settings = settings or get_settings()
    if settings.knowledge_dir:
        return Path(settings.knowledge_dir)
    path = sqlite_file(database_url(db_override))
    return Path(path).parent / "knowledge" if path is not None else Path("var/knowledge")


def open_knowledge(db_override: str | None = None) -> KnowledgeBase:
    """The configured knowledge base: backend and embedder from settings."""
    from knowledge.embedders import make_embedder
    from knowledge.store import LocalStore, VectorStore

    settings = get_settings()
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    embedder = make_embedder(settings.embedder, openai_api_key=key)
    store: VectorStore
    if settings.knowledge_backend == "pinecone":
        from knowledge.pinecone_store import PineconeStore

        if not settings.pinecone_api_key or not settings.pinecone_host:
            raise ValueError(
                "The Pinecone backend needs CONCIERGE_PINECONE_API_KEY and CONCIERGE_PINECONE_HOST"
            )
        store = PineconeStore.connect(
            settings.pinecone_host, settings.pinecone_api_key.get_secret_value()
        )
    else:
        store = LocalStore(knowledge_directory(db_override, settings))
    return KnowledgeBase(store, embedder)
