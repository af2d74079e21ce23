"""`concierge serve`: the API, the widget and the console, from the configured settings.

Uvicorn builds the app in each worker process through `app_from_settings` (a factory), so every
process opens its own database pool, checkpointer and Redis connection. Everything a process
keeps is a cache: conversations live in the checkpointer's database and shared counters in
Redis, which is why several processes can serve one conversation.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterator
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
    from pms.db import Database
    from pms.night_audit.schedule import AuditRun, NightAuditScheduler

log = logging.getLogger("concierge.api")


# Parts of the placeholders people leave in configuration files (compared case-insensitively,
# ignoring - and _), and the fixed value docker-compose.yml once fell back to.
_PLACEHOLDERS = (
    "changeme", "replaceme", "yoursecret", "secretkey", "mysecret", "placeholder", "example",
    "default", "password", "insecure", "notsecret", "dontuse",
)  # fmt: skip
_MIN_LENGTH = 32
_MIN_DISTINCT = 10


def secret_weakness(secret: str) -> str | None:
    """Why `secret` is too weak to sign tokens with, or None.

    Weak: shorter than 32 characters; containing a known placeholder ("change-me", "secret-key",
    "example"...); or of very low variety: fewer than 10 distinct characters, one character
    making up over a third of it, or one short pattern repeated. A generated key
    (`python -c "import secrets; print(secrets.token_urlsafe(48))"`) passes every rule.
    """
    if len(secret) < _MIN_LENGTH:
        return f"it is shorter than {_MIN_LENGTH} characters"
    folded = secret.lower().replace("-", "").replace("_", "")
    if any(word in folded for word in _PLACEHOLDERS):
        return "it contains a well-known placeholder"
    if len(set(secret)) < _MIN_DISTINCT:
        return f"it has fewer than {_MIN_DISTINCT} distinct characters"
    if max(secret.count(c) for c in set(secret)) * 3 > len(secret):
        return "one character makes up over a third of it"
    if any(secret == (secret[:size] * len(secret))[: len(secret)] for size in range(1, 17)):
        return "it repeats a short pattern"
    return None


class UnsafeSecret(Exception):
    """The token secret must not be served with; the message says why and what to do."""


def secret_key(settings: Settings) -> str:
    """The token secret: configured, or (the embedded SQLite demo only) kept in secret.key beside
    the database, made on first use. UnsafeSecret when missing elsewhere or weak."""
    if settings.secret_key is not None:
        secret = settings.secret_key.get_secret_value()
        origin = "CONCIERGE_SECRET_KEY"
    else:
        database = sqlite_file(database_url())
        if database is None:
            raise UnsafeSecret(
                "CONCIERGE_SECRET_KEY is not set. Serving from PostgreSQL needs a secret every "
                "API process shares; generate one with: "
                'python -c "import secrets; print(secrets.token_urlsafe(48))"'
            )
        path = Path(database).parent / "secret.key"
        secret = _generated_secret(path)
        origin = f"{path} (used while CONCIERGE_SECRET_KEY is not set)"
    weakness = secret_weakness(secret)
    if weakness is not None:
        raise UnsafeSecret(
            f"The token secret in {origin} is weak: {weakness}. Anyone who guesses it can forge "
            "guest and staff tokens. Set CONCIERGE_SECRET_KEY to a random value: "
            'python -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
    return secret


def _generated_secret(path: Path) -> str:
    """The key in `path`, made on first use: written 0600 from the start, complete before it
    appears under its name, and the same for every process that races to make it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w") as out:
                out.write(secrets.token_urlsafe(48))
                out.flush()
                os.fsync(out.fileno())
            try:
                # A hard link appears whole and never replaces a key another process made.
                os.link(draft, path)
                log.warning(
                    "Generated a token secret in %s; set CONCIERGE_SECRET_KEY in production.", path
                )
            except FileExistsError:
                pass
        finally:
            draft.unlink(missing_ok=True)
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
    audits = night_audit_scheduler(settings, db, services.metrics.observe_night_audit)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Load the embedder in the background, so the first guest question does not wait.
        threading.Thread(target=runtime.knowledge_base, name="warm-knowledge", daemon=True).start()
        if audits is not None:
            audits.start()
        try:
            yield
        finally:
            if audits is not None:
                audits.stop()
            stack.close()

    return create_app(services, lifespan=lifespan)


def night_audit_scheduler(
    settings: Settings, db: Database, on_run: Callable[[AuditRun], None]
) -> NightAuditScheduler | None:
    """Each hotel's night audit at its own time, in this process (None when turned off).

    Every process runs one; each date is closed once whichever gets there first
    (pms/night_audit/schedule.py).
    """
    if settings.night_audit == "off":
        log.info("The night audit does not run by itself here (CONCIERGE_NIGHT_AUDIT=off).")
        return None
    from pms.night_audit.schedule import NightAuditScheduler

    return NightAuditScheduler(db, on_run=on_run)


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
@click.option("--db", "db_url", help="Database URL (default: CONCIERGE_DATABASE_URL).")
@click.option("--host", help="Listen address (default: the configured one, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: the configured one, 8000).")
@click.option("--workers", type=click.IntRange(min=1), help="API processes (default: 1).")
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(
    db_url: str | None, host: str | None, port: int | None, workers: int | None, reload: bool
) -> None:
    """Serve the API, the chat widget's demo page (/) and the staff console (/console)."""
    import uvicorn

    if db_url:
        # The workers build the app from the environment (app_from_settings), so pass it on.
        os.environ["CONCIERGE_DATABASE_URL"] = db_url
        get_settings.cache_clear()
    settings = get_settings()
    try:
        # Checked (and the demo's key made) here, once, before any worker starts.
        secret_key(settings)
    except UnsafeSecret as error:
        raise click.ClickException(str(error)) from None
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
