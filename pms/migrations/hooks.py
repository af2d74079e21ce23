"""How autogenerate reads our models, shared by env.py and `pms.schema.autogenerate_diff`.

Two things in the models need help to become one migration that runs on SQLite and PostgreSQL:

- `UtcDateTime` is our own type; the migration should say what the database stores
  (`sa.DateTime(timezone=True)`) instead of importing application code.
- The exclusion constraint `ex_reservations_room_nights` exists only on PostgreSQL
  (`.ddl_if(dialect="postgresql")` on the model), but autogenerate puts it inline in
  `create_table`, which would break SQLite. `split_postgresql_only` moves it into an
  `if op.get_bind().dialect.name == "postgresql":` block after the table, together with the
  `btree_gist` extension it needs. Because this is done on the operations autogenerate
  produces, regenerating the migration (scripts/regenerate_migration.sh) needs no hand edits.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import renderers
from alembic.autogenerate.api import AutogenContext
from alembic.autogenerate.render import render_op
from alembic.autogenerate.rewriter import Rewriter
from alembic.ddl.postgresql import CreateExcludeConstraintOp
from alembic.operations import ops
from alembic.runtime.migration import MigrationContext
from sqlalchemy.dialects.postgresql import ExcludeConstraint

from pms.models.base import UtcDateTime

# GiST cannot index `room_id =` without it; CREATE EXTENSION needs a superuser or a trusted
# extension (btree_gist is trusted since PostgreSQL 13), and IF NOT EXISTS keeps reruns quiet.
# pg_trgm serves the trigram index on guest names (trusted since PostgreSQL 13 as well).
POSTGRESQL_EXTENSIONS = ("btree_gist", "pg_trgm")


def include_object(
    item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Leave PostgreSQL-only indexes out of comparisons.

    Alembic cannot compare an expression index with an operator class reliably, and SQLite never
    has them; the migration tests check that PostgreSQL has each one instead.
    """
    return not (type_ == "index" and name in POSTGRESQL_ONLY_INDEXES)


POSTGRESQL_ONLY_INDEXES = ("ix_guests_name_trigram",)
# DDL that SQLAlchemy's models cannot declare portably, run after the PostgreSQL-only block.
POSTGRESQL_STATEMENTS = (
    "CREATE INDEX IF NOT EXISTS ix_guests_name_trigram ON guests "
    "USING gin (lower(name) gin_trgm_ops)",
)


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | bool:
    """Write `UtcDateTime` columns as the plain type the database holds."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def compare_options(*, checking: bool = False) -> dict[str, Any]:
    """Options for autogenerate; when checking models against a database, PostgreSQL-only
    indexes are left out (see `include_object`)."""
    options: dict[str, Any] = {
        "compare_type": True,
        "render_item": render_item,
        "render_as_batch": False,
    }
    if checking:
        options["include_object"] = include_object
    return options


class PostgresqlOnlyOp(ops.MigrateOperation):
    """Operations rendered inside `if op.get_bind().dialect.name == "postgresql":`."""

    def __init__(self, operations: list[ops.MigrateOperation]) -> None:
        self.operations = operations

    def reverse(self) -> PostgresqlOnlyOp:
        return PostgresqlOnlyOp([inner.reverse() for inner in reversed(self.operations)])


@renderers.dispatch_for(PostgresqlOnlyOp)
def _render_postgresql_only(
    autogen_context: AutogenContext, operation: PostgresqlOnlyOp
) -> list[str | None]:
    lines: list[str | None] = ['if op.get_bind().dialect.name == "postgresql":']
    lines += [
        f'op.execute("CREATE EXTENSION IF NOT EXISTS {name}")' for name in POSTGRESQL_EXTENSIONS
    ]
    for inner in operation.operations:
        lines += render_op(autogen_context, inner)
    lines += [f'op.execute("{statement}")' for statement in POSTGRESQL_STATEMENTS]
    lines.append(None)  # closes the `if` block in alembic's PythonPrinter
    return lines


split_postgresql_only = Rewriter()


@split_postgresql_only.rewrites(ops.CreateTableOp)
def _split_exclusion_constraints(
    context: MigrationContext, revision: Any, operation: ops.CreateTableOp
) -> ops.MigrateOperation | list[ops.MigrateOperation]:
    exclusions = [item for item in operation.columns if isinstance(item, ExcludeConstraint)]
    if not exclusions:
        return operation
    operation.columns = [
        item for item in operation.columns if not isinstance(item, ExcludeConstraint)
    ]
    creates: list[ops.MigrateOperation] = [
        CreateExcludeConstraintOp.from_constraint(item) for item in exclusions
    ]
    return [operation, PostgresqlOnlyOp(creates)]
