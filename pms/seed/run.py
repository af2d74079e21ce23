"""`concierge seed`: bring a database to the current schema and fill it, in one transaction.

Either everything is written or nothing is: a seed that fails half-way (or is refused because
the database already holds the hotels) leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.db import Database
from pms.errors import Conflict, Invalid
from pms.hotels.apply import apply_hotel_file
from pms.hotels.file import load_hotel_file
from pms.models import Hotel
from pms.schema import upgrade
from pms.seed.demo import seed_demo
from pms.seed.rows import Rows
from pms.seed.synthetic import seed_synthetic

Progress = Callable[[str, int, int], None]


def seed(
    db: Database,
    today: date,
    *,
    rooms: int | None = None,
    reservations: int | None = None,
    progress: Progress | None = None,
    hotels: Sequence[str | Path] = (),
) -> dict[str, int]:
    """Migrate, then write the demo hotels, or with `rooms` a synthetic hotel of that size.

    `today` is T, the business date every seeded hotel starts on. `hotels` are more hotel files
    applied after the demo, in the same transaction, and also started on T (evaluation worlds
    with `--hotels`). Returns the rows written per table. Refuses (Conflict) to seed hotels that
    already exist.
    """
    extra = [load_hotel_file(path) for path in hotels]
    if reservations is not None and rooms is None:
        raise Invalid("reservations applies only to a synthetic hotel: give rooms as well.")
    report: Progress = progress or _quiet
    with db.unit_of_work() as session:
        report("migrating", 0, 1)
        upgrade(session.connection())
        report("migrating", 1, 1)
        rows = Rows(session, progress=report)
        if rooms is None:
            _refuse_unless_empty(session)
            seed_demo(session, rows, today)
        else:
            _refuse_if_present(session, "synthetic")
            seed_synthetic(
                session, rows, today, rooms=rooms, reservations=reservations, progress=report
            )
        counts = rows.finish()
        for document in extra:
            apply_hotel_file(session, document)
            hotel = session.scalars(select(Hotel).where(Hotel.slug == document.slug)).one()
            hotel.business_date = today
        report("committing", 0, 1)
    if db.dialect == "postgresql":
        # Fresh statistics, or the planner treats half a million new rows as an empty table.
        with db.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    report("done", 1, 1)
    return counts


def _refuse_unless_empty(session: Session) -> None:
    """The demo promises fixed ids (tasks 1-4), so it only goes into an empty database."""
    slugs = list(session.scalars(select(Hotel.slug).order_by(Hotel.slug)))
    if slugs:
        raise Conflict(
            f"This database already holds hotels ({', '.join(slugs)}); the demo seed needs an "
            "empty database. Seed a new database, or drop this one and seed again."
        )


def _refuse_if_present(session: Session, slug: str) -> None:
    if session.scalar(select(Hotel.id).where(Hotel.slug == slug)) is not None:
        raise Conflict(
            f"This database already holds the hotel '{slug}'. Seed a new database, or drop "
            "this one and seed again."
        )


def _quiet(stage: str, done: int, total: int) -> None:
    """The default progress report: none."""
