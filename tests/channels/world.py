"""What the channel tests share: linking platform users as the admin, and the database's state."""

from __future__ import annotations

from sqlalchemy import text

from pms.access.channels import link
from pms.db import Database
from pms.principal import Principal, Role

ADMIN = Principal("harbor-view", Role.ADMIN, user="morgan.lee", channel="test")
TABLES = (
    "reservations",
    "folio_lines",
    "housekeeping_tasks",
    "handoffs",
    "approval_requests",
    "idempotency_records",
    "audit_log",
)


def link_staff(db: Database, channel: str, external_id: str, username: str) -> None:
    db.run(lambda session: link(session, ADMIN, channel, external_id, username))


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table: what a refused request must leave as it was."""
    with db.engine.connect() as connection:
        return {
            table: int(connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())
            for table in TABLES
        }
