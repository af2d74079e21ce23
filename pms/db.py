"""Engines, sessions and the one place that opens transactions.

Services receive a session and `flush()`; only `Database.unit_of_work()` commits. Races are
settled by the database (row locks, an exclusion constraint on PostgreSQL, SQLite's single
writer) and a transaction that loses one is retried from the start by `Database.run()`.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from pms.clock import Clock, SystemClock
from pms.errors import Conflict, RetryTransaction

T = TypeVar("T")

# The handle a unit of work gives to services. Layers above pms/ pass it through by this name
# and never use SQLAlchemy themselves.
UnitOfWork = Session

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available, and
# exclusion_violation: two check-ins raced for one room; the retry sees it taken and picks again.
_RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03", "23P01"}


def normalise_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://) and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_file(url: str) -> str | None:
    """The file an SQLite URL points at (None for other databases and in-memory SQLite)."""
    parsed = make_url(normalise_url(url))
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        return parsed.database
    return None


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine on `url`; its errors and logs never show a statement's parameters.

    Parameters are guests' names, emails and phones: an error's text ends up in the server log
    (and a traceback wherever it is sent), so only the statement is shown, never the values.
    """
    url = normalise_url(url)
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _make_sqlite_transactional(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _make_sqlite_transactional(engine: Engine) -> None:
    """Take SQLite's write lock at BEGIN, so a transaction never fails half-way on a lock.

    pysqlite's own transaction handling is switched off (it breaks SAVEPOINT) and every
    transaction starts as BEGIN IMMEDIATE: the embedded default serialises writers, which is
    what makes "the last room" go to exactly one booking without PostgreSQL's locks.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def clock_of(session: Session) -> Clock:
    clock: Clock = session.info.get("clock") or SystemClock()
    return clock


class Database:
    """A connection to the system of record and the transactions opened on it."""

    def __init__(
        self,
        url: str | None = None,
        *,
        engine: Engine | None = None,
        bind: Connection | None = None,
        clock: Clock | None = None,
    ) -> None:
        if bind is not None:
            # Tests: every unit of work becomes a savepoint inside the test's transaction.
            self.engine = bind.engine
            self._sessions = sessionmaker(
                bind=bind, join_transaction_mode="create_savepoint", expire_on_commit=False
            )
        else:
            if engine is None:
                if url is None:
                    raise ValueError("Database needs a URL, an engine or a connection")
                engine = make_engine(url)
            self.engine = engine
            self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self.clock: Clock = clock or SystemClock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self, clock: Clock | None = None) -> Iterator[Session]:
        """One transaction: commits when the block ends, rolls back when it raises."""
        with self._sessions() as session:
            session.info["clock"] = clock or self.clock
            with session.begin():
                yield session

    def run(
        self, work: Callable[[Session], T], *, clock: Clock | None = None, attempts: int = 8
    ) -> T:
        """Run `work` in a unit of work, retrying from the start when it loses a race."""
        for attempt in range(1, attempts + 1):
            try:
                with self.unit_of_work(clock) as session:
                    return work(session)
            except RetryTransaction:
                if attempt == attempts:
                    raise Conflict(
                        "Too many simultaneous changes to the same records; please try again."
                    ) from None
            except (DBAPIError, OperationalError) as error:
                if attempt == attempts or not _is_retryable(error):
                    raise
            time.sleep(random.uniform(0, 0.005 * attempt))
        raise AssertionError("unreachable")

    def ping(self) -> bool:
        """Whether the database answers a trivial query now (for readiness checks)."""
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
        except (DBAPIError, OperationalError):
            return False
        return True

    def dispose(self) -> None:
        self.engine.dispose()


def _is_retryable(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in _RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)
