"""Alembic's entry point, driven by `pms.schema` (no alembic.ini).

`pms.schema.upgrade` hands over a live connection in `config.attributes["connection"]`; the
migration then runs inside that connection's transaction. Without one (`alembic revision
--autogenerate` from scripts/regenerate_migration.sh) the URL in the config is used.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

import pms.models
from pms.db import make_engine
from pms.migrations.hooks import compare_options, split_postgresql_only

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=pms.models.Base.metadata,
        process_revision_directives=split_postgresql_only,
        **compare_options(),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_offline() -> None:
    """`--sql` mode: print the DDL for a DBA instead of running it."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=pms.models.Base.metadata,
        literal_binds=True,
        **compare_options(),
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("pms.migrations needs a connection or sqlalchemy.url")
        engine = make_engine(url)
        try:
            with engine.begin() as connection:
                _run(connection)
        finally:
            engine.dispose()
