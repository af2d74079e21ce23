"""`concierge serve`: the API, the widget and the console, from the configured settings.

Uvicorn builds the app in each worker process through `app_from_settings` (a factory), so every
process opens its own database pool, checkpointer and Redis connection. Everything a process
keeps is a cache: conversations live in the checkpointer's database and shared counters in
Redis, which is why several processes can serve one conversation.
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from concierge.settings import Settings, get_settings
from concierge.wiring import database_url, open_database, open_knowledge
from pms.db import sqlite_file

if TYPE_CHECKING:
    from fastapi import FastAPI
    from langgraph.checkpoint.base import BaseCheckpointSaver

    from channels.config import SlackConfig, TeamsConfig

log = logging.getLogger("concierge.api")


def secret_key(settings: Settings) -> str:
    """The configured token secret, or one kept in var/secret.key (made on first use)."""
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value()
    folder = Path(sqlite_file(database_url()) or "var/concierge.db").parent
    path = folder / "secret.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
        log.warning("Generated a token secret in %s; set CONCIERGE_SECRET_KEY in production.", path)
    return path.read_text().strip()


@contextmanager
def server_conversations(url: str) -> Iterator[BaseCheckpointSaver[Any]]:
    from agent.checkpoints import postgres_pool_checkpointer, sqlite_checkpointer

    if url.startswith(("postgres://", "postgresql")):
        with postgres_pool_checkpointer(url) as saver:
            yield saver
    else:
        with sqlite_checkpointer(url) as saver:
            yield saver


def app_from_settings(settings: Settings | None = None) -> FastAPI:
    """The whole service, as configured (uvicorn calls this in each worker)."""
    from agent.desk import Desk
    from agent.models import get_chat_model
    from api.app import create_app
    from api.config import ApiConfig
    from api.services import Services
    from api.shared import shared_state
    from tools.runtime import ToolRuntime

    settings = settings or get_settings()
    stack = ExitStack()
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    model = get_chat_model(settings.model, api_key=key)
    db = open_database()
    stack.callback(db.dispose)
    runtime = ToolRuntime(db, knowledge=_lazy_knowledge())
    saver = stack.enter_context(server_conversations(settings.conversations_url))
    desk = Desk(runtime, saver, model, model_name=settings.model)
    config = ApiConfig(
        secret_key=secret_key(settings),
        redis_url=settings.redis_url,
        guest_session_seconds=settings.guest_session_seconds,
        staff_token_seconds=settings.staff_token_seconds,
        chat_limit=settings.chat_limit,
        address_limit=settings.address_limit,
        session_limit=settings.session_limit,
        login_limit=settings.login_limit,
        slack=slack_config(settings),
        teams=teams_config(settings),
    )
    services = Services.build(desk, config, shared_state(settings.redis_url))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Load the embedder in the background, so the first guest question does not wait.
        threading.Thread(target=runtime.knowledge_base, name="warm-knowledge", daemon=True).start()
        try:
            yield
        finally:
            stack.close()

    return create_app(services, lifespan=lifespan)


def slack_config(settings: Settings) -> SlackConfig | None:
    from channels.config import SlackConfig

    if settings.slack_signing_secret is None or settings.slack_bot_token is None:
        return None
    return SlackConfig(
        settings.slack_signing_secret.get_secret_value(),
        settings.slack_bot_token.get_secret_value(),
    )


def teams_config(settings: Settings) -> TeamsConfig | None:
    from channels.config import TeamsConfig

    if settings.teams_app_id is None or settings.teams_app_password is None:
        return None
    return TeamsConfig(settings.teams_app_id, settings.teams_app_password.get_secret_value())


def _lazy_knowledge() -> Any:
    """The knowledge base, built at the first search (the embedder takes seconds to load)."""
    built: list[Any] = []

    def provide() -> Any:
        if not built:
            built.append(open_knowledge())
        return built[0]

    return provide


@click.command()
@click.option("--host", help="Listen address (default: the configured one, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: the configured one, 8000).")
@click.option("--workers", type=click.IntRange(min=1), help="API processes (default: 1).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str | None, port: int | None, workers: int | None, reload: bool) -> None:
    """Serve the API, the chat widget's demo page (/) and the staff console (/console)."""
    import uvicorn

    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    click.echo(f"Concierge on http://{host}:{port}/  (console: /console, API docs: /docs)")
    uvicorn.run(
        "concierge.serve:app_from_settings",
        factory=True,
        host=host,
        port=port,
        workers=workers or settings.workers,
        reload=reload,
        http="httptools",
        log_level="info",
        access_log=False,
        **forwarding(settings),
    )


def forwarding(settings: Settings) -> dict[str, Any]:
    """Uvicorn's proxy-header options: X-Forwarded-* believed only from configured proxies.

    Uvicorn believes them from loopback by default, so anyone reaching a loopback listener
    (or a proxy on the same host that passes the header through) could pick their own client
    address and step around the per-address limits.
    """
    allowed = settings.forwarded_allow_ips.strip()
    if not allowed:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": allowed}
