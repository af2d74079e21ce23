"""Databases for the tests: seeded once per session and backend, rolled back after each test.

Fixtures
- `db`: a `Database` bound to one connection of a demo-seeded database, parametrized over
  "sqlite" and "postgresql". The test runs inside an outer transaction that is rolled back
  afterwards; each unit of work becomes a savepoint. The clock is frozen at `support.NOW`.
  Keep to this one connection: on SQLite a second one would wait for the test's write lock.
- `sqlite_db`, `pg_db`: the same for one backend.
- `pg_fresh`: the URL of a committed, demo-seeded PostgreSQL database of the test's own (copied
  from a template), for tests that need several connections, such as races. Dropped afterwards.
- `sqlite_copy`: the same on SQLite (a copy of a seeded file), for the code under test to open.
- `pg_empty`: the URL of an empty PostgreSQL database, for this test alone (a scratch database
  emptied before each test that asks for it).

PostgreSQL comes from CONCIERGE_TEST_DATABASE_URL (an admin connection; default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres). If it cannot be reached, tests that need
it are skipped, or fail when CI=true. Database names carry the pytest process id, so several
runs can share one server.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

from pms.clock import FrozenClock
from pms.db import Database, make_engine, normalise_url
from pms.seed.run import seed
from tests.support import NOW, T

# The servers tests start run on the demo seed, whose business date (2027-03-01) is fixed: a
# night audit running by itself would move it once real time passes it. Tests of the scheduler
# turn it back on for their own process.
os.environ.setdefault("CONCIERGE_NIGHT_AUDIT", "off")

ADMIN_URL = normalise_url(
    os.environ.get(
        "CONCIERGE_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    )
)
PREFIX = f"concierge_test_{os.getpid()}"
_POSTGRES_FIXTURES = {"pg_db", "pg_fresh", "pg_empty", "pg_engine", "pg_template", "postgres"}
_numbers = itertools.count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses PostgreSQL, so `-m "not postgres"` leaves them all out."""
    for item in items:
        if _POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


class PostgresServer:
    """Creates and drops this run's databases through the admin connection."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.admin = make_engine(
            admin_url,
            isolation_level="AUTOCOMMIT",
            poolclass=NullPool,
            connect_args={"connect_timeout": 3},
        )

    def url(self, name: str) -> URL:
        return self.admin_url.set(database=name)

    def url_text(self, name: str) -> str:
        return self.url(name).render_as_string(hide_password=False)

    def create(self, name: str, template: str | None = None) -> str:
        self.drop(name)
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return self.url_text(name)

    def empty(self, name: str) -> None:
        """Drop everything in database `name`: its tables, types and extensions."""
        engine = make_engine(self.url_text(name), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
                connection.execute(text("DROP SCHEMA public CASCADE"))
                connection.execute(text("CREATE SCHEMA public"))
        finally:
            engine.dispose()

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres() -> PostgresServer:
    server = PostgresServer(ADMIN_URL)
    try:
        with server.admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        where = server.admin_url.render_as_string(hide_password=True)
        message = (
            f"PostgreSQL is not reachable at {where} ({type(error).__name__}). Start it, e.g. "
            "`docker compose up -d postgres` or `docker run -d -p 5432:5432 "
            "-e POSTGRES_HOST_AUTH_METHOD=trust postgres:16`, or point "
            "CONCIERGE_TEST_DATABASE_URL at a server where this user may create databases."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return server


def _seed_into(url: str) -> None:
    engine = make_engine(url, poolclass=NullPool)
    try:
        seed(Database(engine=engine), T)
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_template(postgres: PostgresServer) -> Iterator[str]:
    """The name of a demo-seeded database that is never connected to, only copied."""
    name = f"{PREFIX}_template"
    _seed_into(postgres.create(name))
    yield name
    postgres.drop(name)


@pytest.fixture(scope="session")
def pg_engine(postgres: PostgresServer, pg_template: str) -> Iterator[Engine]:
    name = f"{PREFIX}_shared"
    engine = make_engine(postgres.create(name, template=pg_template))
    yield engine
    engine.dispose()
    postgres.drop(name)


@pytest.fixture(scope="session")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'concierge.db'}"
    _seed_into(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def seeded_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo-seeded SQLite file, never opened by a test: copied by `sqlite_copy`."""
    path = tmp_path_factory.mktemp("sqlite-template") / "seeded.db"
    _seed_into(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_copy(seeded_sqlite_file: Path, tmp_path: Path) -> str:
    """The URL of a committed, demo-seeded SQLite database of the test's own (a file copy),
    for tests where the code under test opens connections of its own (an app, an adapter)."""
    copy = tmp_path / "concierge.db"
    shutil.copy(seeded_sqlite_file, copy)
    return f"sqlite:///{copy}"


def _rolled_back(engine: Engine) -> Iterator[Database]:
    """A Database on one connection whose outer transaction is rolled back at the end."""
    connection = engine.connect()
    outer = connection.begin()
    try:
        yield Database(bind=connection, clock=FrozenClock(NOW))
    finally:
        if outer.is_active:
            outer.rollback()
        connection.close()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
def db(request: pytest.FixtureRequest) -> Iterator[Database]:
    engine_fixture = "sqlite_engine" if request.param == "sqlite" else "pg_engine"
    yield from _rolled_back(request.getfixturevalue(engine_fixture))


@pytest.fixture
def sqlite_db(sqlite_engine: Engine) -> Iterator[Database]:
    yield from _rolled_back(sqlite_engine)


@pytest.fixture
def pg_db(pg_engine: Engine) -> Iterator[Database]:
    yield from _rolled_back(pg_engine)


@pytest.fixture
def pg_fresh(postgres: PostgresServer, pg_template: str) -> Iterator[str]:
    name = f"{PREFIX}_fresh_{next(_numbers)}"
    url = postgres.create(name, template=pg_template)
    yield url
    postgres.drop(name)


@pytest.fixture(scope="session")
def _pg_scratch(postgres: PostgresServer) -> Iterator[str]:
    name = f"{PREFIX}_empty"
    postgres.create(name)
    yield name
    postgres.drop(name)


@pytest.fixture
def pg_empty(postgres: PostgresServer, _pg_scratch: str) -> str:
    """One scratch database, emptied before each test (much faster than a new database)."""
    postgres.empty(_pg_scratch)
    return postgres.url_text(_pg_scratch)
