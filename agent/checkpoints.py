"""Where conversations persist: SQLite embedded by default, PostgreSQL in production."""

from __future__ import annotations

import time
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


@contextmanager
def postgres_pool_checkpointer(url: str, size: int = 10) -> Iterator[PostgresSaver]:
    """A PostgresSaver over a connection pool: a server's concurrent turns do not queue on one
    connection, and several API processes share the conversations through the database."""
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    kwargs = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    with ConnectionPool(psycopg_url(url), min_size=1, max_size=size, kwargs=kwargs) as pool:
        saver = PostgresSaver(pool)  # type: ignore[arg-type]
        # Several API processes start at once on one database: one creates the tables while
        # the others wait, then find them made (setup() alone races on its migrations table).
        # The others poll rather than block: a session blocked in pg_advisory_lock is an open
        # transaction, which the migrations' CREATE INDEX CONCURRENTLY would wait for forever.
        with pool.connection() as connection:
            while not connection.execute(
                "SELECT pg_try_advisory_lock(%s) AS got", (_SETUP_LOCK,)
            ).fetchone()["got"]:  # type: ignore[call-overload, index]
                time.sleep(0.1)
            try:
                saver.setup()
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))
        yield saver


# An arbitrary, fixed key for the advisory lock around checkpoint table creation.
_SETUP_LOCK = 7_314_202_611
