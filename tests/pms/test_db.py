"""The unit of work's answers when the database, not the request, is at fault."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from pms.db import Database, DatabaseUnavailable, is_unavailable, make_engine

pytestmark = pytest.mark.postgres

LOCK_HOTEL = "SELECT id FROM hotels WHERE slug = 'harbor-view' FOR UPDATE"


def test_a_race_lost_past_the_retries_is_unavailable_not_a_crash(pg_engine: Engine):
    """Another transaction holds the row throughout: every attempt's NOWAIT lock is refused
    (lock_not_available, retried like a deadlock), and the caller is told to try again later."""
    url = pg_engine.url.render_as_string(hide_password=False)
    database = Database(engine=make_engine(url, poolclass=NullPool))
    attempts = 0

    def work(session) -> None:
        nonlocal attempts
        attempts += 1
        session.execute(text(LOCK_HOTEL + " NOWAIT"))

    try:
        with pg_engine.connect() as holder:
            holder.execute(text(LOCK_HOTEL))
            with pytest.raises(DatabaseUnavailable) as raised:
                database.run(work, attempts=3)
            holder.rollback()
        assert attempts == 3
        assert raised.value.as_dict()["type"] == "unavailable"
        assert "try again" in raised.value.message
        # Once the row is free the same work goes through.
        database.run(work)
        assert attempts == 4
    finally:
        database.dispose()


def test_a_wrong_statement_is_not_passed_off_as_unavailable(pg_db: Database):
    """Constraint violations are bugs to see in the log, not outages to wait out."""
    with pytest.raises(IntegrityError):
        pg_db.run(lambda session: session.execute(text("INSERT INTO hotels (id) VALUES (NULL)")))


def test_the_drivers_own_connection_faults_count_as_unavailable(postgres, pg_fresh):
    """The conversation store uses psycopg without SQLAlchemy: its faults are recognised too,
    so the API answers them 503 rather than 500."""
    url = make_url(pg_fresh)
    name, dsn = url.database, url.set(drivername="postgresql").render_as_string(False)
    connection = psycopg.connect(dsn, autocommit=True)
    with postgres.admin.connect() as admin:
        admin.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
        admin.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
            {"name": name},
        )
    try:
        with pytest.raises(psycopg.Error) as terminated:
            connection.execute("SELECT 1")
        with pytest.raises(psycopg.Error) as refused:
            psycopg.connect(dsn, connect_timeout=3)
    finally:
        connection.close()
        with postgres.admin.connect() as admin:
            admin.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
    assert is_unavailable(terminated.value), repr(terminated.value)
    assert is_unavailable(refused.value), repr(refused.value)
    with psycopg.connect(dsn) as healthy, pytest.raises(psycopg.Error) as wrong:
        healthy.execute("SELECT no_such_column FROM hotels")
    assert not is_unavailable(wrong.value)
