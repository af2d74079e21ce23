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
    secret_key: SecretStr | None = Field(
        None,
        description="Signs guest and staff tokens (32+ characters; every API process needs the "
        "same one). Default: a key generated into var/secret.key on first use.",
    )
    redis_url: str | None = Field(
        None,
        description="Redis for rate limits, sign-outs and shared state (redis://host:6379/0). "
        "Without it these are kept per process: fine for one process only.",
    )
    forwarded_allow_ips: str = Field(
        "",
        description="Proxies whose X-Forwarded-For/-Proto are believed (comma-separated IPs or "
        "CIDRs, '*' for any). Empty: none, the client address is the connection's.",
    )
    host: str = Field("127.0.0.1", description="Address `concierge serve` listens on.")
    port: int = Field(8000, description="Port `concierge serve` listens on.")
    workers: int = Field(1, description="API processes `concierge serve` starts.")
    guest_session_seconds: int = Field(86_400, description="Lifetime of a guest session.")
    staff_token_seconds: int = Field(3_600, description="Lifetime of a staff token.")
    chat_limit: str = Field("30/minute", description="Turns and tool calls per principal.")
    address_limit: str = Field("300/minute", description="API requests per client address.")
    session_limit: str = Field("20/minute", description="Guest sessions opened per address.")
    login_limit: str = Field("10/minute", description="Sign-in attempts per address and user.")
    slack_signing_secret: SecretStr | None = Field(None, description="Slack app signing secret.")
    slack_bot_token: SecretStr | None = Field(None, description="Slack bot token (xoxb-...).")
    teams_app_id: str | None = Field(None, description="Microsoft Teams bot app id.")
    teams_app_password: SecretStr | None = Field(None, description="Teams bot app password.")
    night_audit: Literal["on", "off"] = Field(
        "on",
        description="on: `concierge serve` runs each hotel's night audit at its night_audit_time "
        "(once across processes, catching up missed days). off: only `concierge night-audit`.",
    )
    conversations_url: str = Field(
        "sqlite:///var/conversations.db",
        description="Where conversations are kept: an SQLite file, or a PostgreSQL URL.",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
