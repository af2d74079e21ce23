"""Engines, sessions and the one place that opens transactions.

Services receive a session and `flush()`; only `Database.unit_of_work()` commits. Races are
settled by the database (row locks, an exclusion constraint on PostgreSQL, SQLite's single
writer) and a transaction that loses one is retried from the start by `Database.run()`.

When the database itself is at fault (unreachable, restarting, its backend terminated, or a
race that keeps losing past the retries) a unit of work raises `DatabaseUnavailable`: a refusal
of type `unavailable`, which the API answers as 503 with Retry-After and the agent relays as
"try again in a moment", instead of an internal error.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from pms.clock import Clock, SystemClock
from pms.errors import Conflict, PmsError, RetryTransaction

T = TypeVar("T")

# The handle a unit of work gives to services. Layers above pms/ pass it through by this name
# and never use SQLAlchemy themselves.
UnitOfWork = Session

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available, and
# exclusion_violation: two check-ins raced for one room; the retry sees it taken and picks again.
_RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03", "23P01"}
# The last one means a real conflict when it keeps happening; the others mean the database is
# too busy to settle the race.
_CONFLICT_SQLSTATES = {"23P01"}

# SQLSTATE classes that say the server cannot serve now, whatever the statement: 08 connection
# exception, 53 insufficient resources (too many connections), 57 operator intervention
# (shutdown, backend terminated, statement timeout), 58 system error (I/O).
_UNAVAILABLE_CLASSES = ("08", "53", "57", "58")
# SQLite's counterparts (`sqlite_errorname`, with or without an extended suffix).
_SQLITE_UNAVAILABLE = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_FULL",
    "SQLITE_CANTOPEN",
)


class DatabaseUnavailable(PmsError):
    """The database cannot serve now; the same request is expected to succeed a little later.

    Nothing needs undoing: the transaction rolled back, except when the connection broke during
    COMMIT, where the database alone knows. Either way a client retries with the same
    idempotency key, which replays the write if it did commit.
    """

    type = "unavailable"

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "The hotel's system is briefly unavailable; nothing was changed. "
            "Please try again in a moment."
        )


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
        """One transaction: commits when the block ends, rolls back when it raises.

        A fault of the database rather than of the work (see `is_unavailable`) is raised as
        `DatabaseUnavailable`; anything else, including a lost race, is raised as it came.
        """
        try:
            with self._sessions() as session:
                session.info["clock"] = clock or self.clock
                with session.begin():
                    yield session
        except PoolTimeout as error:
            raise DatabaseUnavailable() from error
        except DBAPIError as error:
            # A lost race is left to `run()` to retry, even where it is also "busy" (SQLite).
            if is_unavailable(error) and not _is_retryable(error):
                raise DatabaseUnavailable() from error
            raise

    def run(
        self, work: Callable[[Session], T], *, clock: Clock | None = None, attempts: int = 8
    ) -> T:
        """Run `work` in a unit of work, retrying from the start when it loses a race.

        Retrying is safe, and done only, where the failed attempt committed nothing: a lost race
        (`RetryTransaction`, a serialization failure, a deadlock, a lock not granted, an
        exclusion violation) aborts the whole transaction, and `work` does database work only
        (services send nothing and call nothing outside it), so running it again is the same
        request once more. A connection that broke is never retried here, because it may have
        broken during COMMIT; it answers `DatabaseUnavailable` and the caller retries with its
        idempotency key. A race still lost after `attempts` is a `Conflict` when the records
        really are contended, and `DatabaseUnavailable` (too busy; try again) otherwise.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.unit_of_work(clock) as session:
                    return work(session)
            except RetryTransaction:
                if attempt == attempts:
                    raise Conflict(
                        "Too many simultaneous changes to the same records; please try again."
                    ) from None
            except DBAPIError as error:
                if not _is_retryable(error):
                    raise
                if attempt == attempts:
                    if _sqlstate(error) in _CONFLICT_SQLSTATES:
                        raise Conflict(
                            "Too many simultaneous changes to the same records; please try again."
                        ) from error
                    raise DatabaseUnavailable(
                        "The hotel's system is too busy to complete this right now; nothing was "
                        "changed. Please try again in a moment."
                    ) from error
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


def _sqlstate(error: DBAPIError) -> str | None:
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate if isinstance(sqlstate, str) else None


def _is_retryable(error: DBAPIError) -> bool:
    if _sqlstate(error) in _RETRYABLE_SQLSTATES:
        return True
    return "database is locked" in str(error.orig)


def is_unavailable(error: BaseException) -> bool:
    """Whether `error` is the database failing to serve, rather than the statement being wrong.

    True for SQLAlchemy's errors and for the drivers' own (the conversation checkpointer uses
    psycopg directly): a connection that could not be made or broke, the server shutting down
    or terminating the backend, too many connections, a statement timeout, SQLite busy or out
    of disk. False for constraint violations, bad SQL and the like: those are bugs to see.
    """
    if isinstance(error, PoolTimeout):
        return True
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:
            return True
        if not isinstance(error, (OperationalError, InterfaceError)):
            return False
        orig: BaseException = error.orig if isinstance(error.orig, BaseException) else error
        return _driver_unavailable(orig, default=True)
    return _driver_unavailable(error, default=False)


def _driver_unavailable(error: BaseException, *, default: bool) -> bool:
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "")
        return any(name == base or name.startswith(base + "_") for base in _SQLITE_UNAVAILABLE)
    if isinstance(error, psycopg.Error):
        if error.sqlstate:
            return error.sqlstate[:2] in _UNAVAILABLE_CLASSES
        # No SQLSTATE: the client failed before the server answered (connecting, or the
        # connection closed under it).
        return isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError))
    return default
