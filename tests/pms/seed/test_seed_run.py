"""Running the seed: identical rows every time, one transaction, no second helping."""

from datetime import date, timedelta
from typing import cast

import pytest
from sqlalchemy import func, inspect, select

from pms.db import Database, make_engine
from pms.errors import Conflict, Invalid
from pms.models import Hotel, Reservation
from pms.seed.run import seed
from tests.pms.seed.queries import dump
from tests.support import T


@pytest.fixture
def fresh_url(request, db, tmp_path):
    """An empty database of the backend under test (the one `db` runs on)."""
    if db.dialect == "postgresql":
        return request.getfixturevalue("pg_empty")
    return f"sqlite:///{tmp_path / 'fresh.db'}"


def seeded_copy(
    url: str, today: date = T
) -> tuple[dict[str, int], dict[str, list[tuple[object, ...]]]]:
    """Seed `url` and return (what seed reported, every row)."""
    database = Database(url)
    try:
        counts = seed(database, today)
        with database.unit_of_work() as session:
            return counts, dump(session)
    finally:
        database.dispose()


def test_two_seeds_with_the_same_today_are_identical(db, fresh_url):
    counts, rows = seeded_copy(fresh_url)
    with db.unit_of_work() as session:
        assert rows == dump(session)
    assert counts["hotels"] == 2 and counts["rooms"] == 140 and counts["housekeeping_tasks"] == 4
    assert counts["reservations"] == len(rows["reservations"])


def test_both_backends_hold_the_same_rows(sqlite_db, pg_db):
    with sqlite_db.unit_of_work() as sqlite, pg_db.unit_of_work() as postgresql:
        assert dump(sqlite) == dump(postgresql)


def test_another_today_shifts_the_same_world(tmp_path):
    _, first = seeded_copy(f"sqlite:///{tmp_path / 'a.db'}", T)
    _, later = seeded_copy(f"sqlite:///{tmp_path / 'b.db'}", T + timedelta(days=7))
    check_in = [c.name for c in Reservation.__table__.columns].index("check_in")
    week = timedelta(days=7)
    assert [row[check_in] for row in later["reservations"]] == [
        cast(date, row[check_in]) + week for row in first["reservations"]
    ]


def test_seeding_a_seeded_database_is_refused_and_changes_nothing(db, fresh_url):
    seeded_copy(fresh_url)
    database = Database(fresh_url)
    try:
        with pytest.raises(Conflict, match=r"already holds hotels \(alpine-lodge, harbor-view\)"):
            seed(database, T)
        with database.unit_of_work() as session:
            assert session.scalar(select(func.count()).select_from(Hotel)) == 2
            stays = session.scalar(select(func.count()).select_from(Reservation))
        with db.unit_of_work() as session:
            assert stays == session.scalar(select(func.count()).select_from(Reservation))
    finally:
        database.dispose()


def test_a_failed_seed_leaves_no_trace(db, fresh_url):
    # The migration runs in the seed's transaction: a refusal rolls the schema back too.
    database = Database(fresh_url)
    try:
        with pytest.raises(Invalid, match="rooms must be between 1 and"):
            seed(database, T, rooms=0)
    finally:
        database.dispose()
    engine = make_engine(fresh_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_reservations_without_rooms_is_refused(tmp_path):
    with pytest.raises(Invalid, match="give rooms as well"):
        seed(Database(f"sqlite:///{tmp_path / 'x.db'}"), T, reservations=10)


def test_progress_is_reported(tmp_path):
    stages = []
    database = Database(f"sqlite:///{tmp_path / 'progress.db'}")
    seed(database, T, progress=lambda stage, done, total: stages.append((stage, done, total)))
    database.dispose()
    assert stages[0] == ("migrating", 0, 1) and stages[-1] == ("done", 1, 1)
    assert any(stage == "writing rows" and done > 0 for stage, done, _ in stages)
