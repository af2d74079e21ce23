"""The one settings object. Nothing else reads the environment."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONCIERGE_", env_file=".env", extra="ignore")

    database_url: str = Field(
        "sqlite:///var/concierge.db",
        description="SQLAlchemy URL; postgresql://user@host/db selects PostgreSQL (psycopg 3).",
    )
    default_hotel: str = Field("harbor-view", description="Hotel slug commands use by default.")
    model: str = Field(
        "offline",
        description="Chat model: offline, none, openai:<model> or "
        "openai-compatible:<model>@<base url>.",
    )
    openai_api_key: SecretStr | None = Field(
        None, description="Key for openai: and openai-compatible: models."
    )
    knowledge_backend: Literal["local", "pinecone"] = Field(
        "local", description="Where hotel documents are indexed: local files or Pinecone."
    )
    knowledge_dir: str | None = Field(
        None,
        description="Local index folder (one subfolder per hotel); default: knowledge/ beside "
        "the SQLite database, or var/knowledge.",
    )
    embedder: str = Field(
        "local", description="Embeddings: local (all-MiniLM-L6-v2, offline) or openai:<model>."
    )
    pinecone_api_key: SecretStr | None = Field(None, description="Key for the Pinecone backend.")
    pinecone_host: str | None = Field(
        None, description="Host of the Pinecone index (one namespace per hotel)."
    )
    conversations_url: str = Field(
        "sqlite:///var/conversations.db",
        description="Where conversations are kept: an SQLite file, or a PostgreSQL URL.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
