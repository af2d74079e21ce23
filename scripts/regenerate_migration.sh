#!/usr/bin/env bash
# Rebuild pms/migrations/versions/0001_initial.py from the models (pms/models/*.py).
#
# Until the first release the schema is one migration: delete it, autogenerate it against a
# fresh, empty SQLite database, then lint and format it. There are no hand edits to re-apply:
# what autogenerate cannot express on its own is done by hooks that run during generation
# (pms/migrations/hooks.py):
#   - UtcDateTime columns are written as sa.DateTime(timezone=True);
#   - the PostgreSQL-only exclusion constraint ex_reservations_room_nights (and the btree_gist
#     extension it needs) is moved out of create_table("reservations") into an
#     `if op.get_bind().dialect.name == "postgresql":` block.
# Afterwards run: .venv/bin/pytest tests/pms/test_migrations.py
set -euo pipefail

cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
ruff=${RUFF:-.venv/bin/ruff}
target=pms/migrations/versions/0001_initial.py

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

rm -f "$target"
"$python" - "$scratch/empty.db" <<'PY'
import sys

from alembic import command

from pms.schema import alembic_config

command.revision(
    alembic_config(url=f"sqlite:///{sys.argv[1]}"),
    message="initial",
    autogenerate=True,
    rev_id="0001",
)
PY
"$ruff" format --quiet "$target"
"$ruff" check --fix --quiet "$target"
"$ruff" check --quiet "$target"
echo "wrote $target"
