"""The one migration builds exactly the models' schema, on SQLite and PostgreSQL alike."""

from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import Engine, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pms.db import make_engine
from pms.models import Base, Reservation, Room
from pms.schema import alembic_config, autogenerate_diff, current_revision, upgrade

TABLES = set(Base.metadata.tables)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
    else:
        url = request.getfixturevalue("pg_empty")
    engine = make_engine(url)
    yield engine
    engine.dispose()


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def test_upgrade_builds_every_table_from_any_working_directory(empty_engine, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the migrations are found next to the package, not the CWD
    assert current_revision(empty_engine) is None
    upgrade(empty_engine)
    assert table_names(empty_engine) == TABLES | {"alembic_version"}
    assert current_revision(empty_engine) == "0001"


def test_the_migrated_schema_matches_the_models(empty_engine):
    upgrade(empty_engine)
    assert autogenerate_diff(empty_engine) == []


def test_an_empty_database_differs_from_the_models(empty_engine):
    # The comparison itself works: without the migration every table is missing.
    missing = {op[1].name for op in autogenerate_diff(empty_engine) if op[0] == "add_table"}
    assert missing == TABLES


def test_upgrading_twice_changes_nothing(empty_engine):
    upgrade(empty_engine)
    upgrade(empty_engine)
    assert current_revision(empty_engine) == "0001"
    assert autogenerate_diff(empty_engine) == []


def test_downgrade_removes_the_schema_and_upgrade_rebuilds_it(empty_engine):
    upgrade(empty_engine)
    with empty_engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert table_names(empty_engine) == {"alembic_version"}
    upgrade(empty_engine)
    assert table_names(empty_engine) == TABLES | {"alembic_version"}


def test_upgrade_joins_the_callers_transaction(empty_engine):
    # Seeding migrates inside its unit of work: if the seed fails, the schema goes too.
    with empty_engine.connect() as connection:
        transaction = connection.begin()
        upgrade(connection)
        assert "reservations" in set(inspect(connection).get_table_names())
        transaction.rollback()
    assert table_names(empty_engine) == set()


def exclusion_constraints(connection) -> list[tuple[str, str]]:
    return [
        (row.conname, row.definition)
        for row in connection.execute(
            text(
                "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
                "WHERE contype = 'x' AND conrelid = 'reservations'::regclass"
            )
        )
    ]


def test_postgresql_gets_the_exclusion_constraint(pg_empty):
    engine = make_engine(pg_empty)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            [(name, definition)] = exclusion_constraints(connection)
            extensions = set(connection.scalars(text("SELECT extname FROM pg_extension")))
    finally:
        engine.dispose()
    assert name == "ex_reservations_room_nights"
    assert "EXCLUDE USING gist (room_id WITH =, daterange(check_in, check_out) WITH &&)" in (
        definition
    )
    assert "room_id IS NOT NULL" in definition and "checked_out" in definition
    assert "btree_gist" in extensions


def test_postgresql_searches_guest_names_by_trigram_index(pg_db):
    with pg_db.unit_of_work() as session:
        definition = session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_guests_name_trigram'")
        )
        session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            session.scalars(text("EXPLAIN SELECT id FROM guests WHERE lower(name) LIKE '%carter%'"))
        )
    assert definition is not None and "gin_trgm_ops" in definition
    assert "ix_guests_name_trigram" in plan


def test_sqlite_has_no_exclusion_constraint(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    try:
        upgrade(engine)
        with engine.connect() as connection:
            ddl = connection.scalar(
                text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reservations'")
            )
    finally:
        engine.dispose()
    assert "CREATE TABLE reservations" in ddl and "EXCLUDE" not in ddl.upper()


def _overlapping_copy(session: Session, code: str, status: str) -> dict[str, object]:
    """A new reservation row in the same room and nights as `code`."""
    stay = session.scalars(select(Reservation).where(Reservation.code == code)).unique().one()
    columns = Reservation.__table__.columns
    row = {c.name: getattr(stay, c.key) for c in columns if c.name != "id"}
    row.update(code="ZZ0001", status=status, check_in=stay.check_in + timedelta(days=1))
    row["check_out"] = row["check_in"] + timedelta(days=1)
    return row


def test_postgresql_refuses_two_stays_in_one_room_on_one_night(pg_db):
    with pytest.raises(IntegrityError, match="ex_reservations_room_nights"):  # noqa: SIM117
        with pg_db.unit_of_work() as session:
            session.execute(insert(Reservation), [_overlapping_copy(session, "HV1001", "in_house")])


def test_a_cancelled_stay_does_not_hold_the_room(pg_db):
    with pg_db.unit_of_work() as session:
        session.execute(insert(Reservation), [_overlapping_copy(session, "HV1001", "cancelled")])
        room = session.scalars(select(Room).where(Room.number == "517")).first()
        assert room is not None
        held = session.scalars(select(Reservation.code).where(Reservation.room_id == room.id)).all()
        assert {"HV1001", "ZZ0001"} <= set(held)
