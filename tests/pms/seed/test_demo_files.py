"""The demo hotels are the project's hotel files, applied by the seed before the story."""

from __future__ import annotations

from sqlalchemy import select

from pms.db import Database
from pms.hotels.apply import apply_hotel_file
from pms.hotels.file import load_hotel_file
from pms.models import RatePlan, Reservation, RoomType
from pms.seed.demo import DEMO_FILES


def test_the_seeded_hotels_are_exactly_their_files(db: Database) -> None:
    with db.unit_of_work() as session:
        for path in DEMO_FILES:
            report = apply_hotel_file(session, load_hotel_file(path), dry_run=True)
            assert (report.slug, report.changes, report.skipped) == (path.stem, [], [])


def test_guests_words_for_room_types_and_plans_come_from_the_files(db: Database) -> None:
    with db.unit_of_work() as session:
        suite = session.scalars(select(RoomType).where(RoomType.code == "STE")).one()
        assert (suite.name, suite.aliases) == ("Harbor Suite", ["suite"])
        plans = session.scalars(select(RatePlan).where(RatePlan.code == "NRF")).all()
        assert [p.aliases for p in plans] == [["non refundable", "nonrefundable", "prepaid"]] * 2


def test_bulk_written_stays_hold_a_list_of_night_rates_not_null(db: Database) -> None:
    # Rows written in bulk once took None for columns whose default is a callable (`list`):
    # stored as JSON null, read back as None by code that expects a list.
    with db.unit_of_work() as session:
        values = session.scalars(select(Reservation.night_rates_cents)).all()
        assert values and all(value == [] for value in values)
