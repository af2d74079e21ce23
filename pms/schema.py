"""Building and checking the database schema with Alembic, without an alembic.ini.

The migrations ship inside the package (`pms/migrations/`), so `concierge seed`, the tests and
the evaluation harness can bring any database to the current schema from wherever they run:
the script location is found next to this file, never relative to the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine

import pms.models
from pms.migrations.hooks import compare_options

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An in-memory Alembic configuration for our migrations.

    A live connection travels in `attributes` (env.py uses it as is, inside the caller's
    transaction); a URL is only needed for `alembic revision --autogenerate`.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # ConfigParser interpolates '%': a password with one must survive the trip.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    """`alembic upgrade head` on the database behind `bind`.

    Given an engine it commits on its own; given a connection it runs inside that connection's
    transaction, so a caller can migrate and seed atomically (PostgreSQL and SQLite both have
    transactional DDL).
    """
    if isinstance(bind, Engine):
        with bind.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    else:
        command.upgrade(alembic_config(bind), revision)


def current_revision(bind: Engine | Connection) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    return MigrationContext.configure(bind).get_current_revision()


def autogenerate_diff(bind: Engine | Connection) -> list[Any]:
    """What autogenerate would change to make the database match the models.

    Empty means the migrations and `pms.models` agree; the tests hold both backends to that.
    """
    metadata = pms.models.Base.metadata
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            context = MigrationContext.configure(connection, opts=compare_options(checking=True))
            return list(compare_metadata(context, metadata))
    context = MigrationContext.configure(bind, opts=compare_options(checking=True))
    return list(compare_metadata(context, metadata))
