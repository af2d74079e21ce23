"""Where conversations persist: SQLite embedded by default, PostgreSQL in production."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from langgraph.checkpoint.postgres import PostgresSaver
from langgraph.checkpoint.sqlite import SqliteSaver


@contextmanager
def sqlite_checkpointer(path: str | Path) -> Iterator[SqliteSaver]:
    """A SqliteSaver on a file (a `sqlite:///` URL is accepted too); the file survives restarts."""
    text = str(path).removeprefix("sqlite:///")
    if text != ":memory:":
        Path(text).parent.mkdir(parents=True, exist_ok=True)
    with SqliteSaver.from_conn_string(text) as saver:
        saver.setup()
        yield saver


def psycopg_url(url: str) -> str:
    """A SQLAlchemy-style PostgreSQL URL as psycopg's connection string."""
    for driver in ("postgresql+psycopg://", "postgresql+psycopg2://", "postgres://"):
        if url.startswith(driver):
            return "postgresql://" + url.removeprefix(driver)
    return url


@contextmanager
def postgres_checkpointer(url: str) -> Iterator[PostgresSaver]:
    """A PostgresSaver with its tables created (`setup()` is idempotent)."""
    with PostgresSaver.from_conn_string(psycopg_url(url)) as saver:
        saver.setup()
        yield saver
