"""The synthetic benchmark hotel, at a size a test can afford (40 rooms)."""

import math
import os
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import case, func, select

from pms.db import Database
from pms.errors import Conflict
from pms.models import (
    FolioLine,
    Hotel,
    HousekeepingTask,
    RatePlan,
    Reservation,
    RoomType,
    StaffUser,
)
from pms.seed.passwords import verify
from pms.seed.run import seed
from tests.pms.seed.queries import double_bookings, dump, held_per_night, hotel, reservations
from tests.pms.seed.queries import rooms as rooms_of
from tests.support import T

ROOMS = 40


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def synthetic(request, tmp_path_factory):
    """(database, what seed reported) for a synthetic hotel of 40 rooms on each backend."""
    name = f"concierge_test_{os.getpid()}_synthetic"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('synthetic') / 'synthetic.db'}"
    else:
        url = request.getfixturevalue("postgres").create(name)
    database = Database(url)
    counts = seed(database, T, rooms=ROOMS)
    yield database, counts
    database.dispose()
    if request.param == "postgresql":
        request.getfixturevalue("postgres").drop(name)


def test_rooms_floors_and_types_in_harbor_views_proportions(synthetic):
    database, counts = synthetic
    with database.unit_of_work() as s:
        the_hotel = hotel(s, "synthetic")
        found = rooms_of(s, "synthetic")
        types = {t.id: t for t in s.scalars(select(RoomType))}
        plans = {p.code for p in s.scalars(select(RatePlan))}
    assert (the_hotel.code_prefix, the_hotel.timezone) == ("SY", "America/New_York")
    assert the_hotel.business_date == T
    assert counts["rooms"] == ROOMS and set(found) == {f"1{n:02d}" for n in range(1, 41)}
    per_type = Counter(types[room.room_type_id].code for room in found.values())
    for code, share in {"STQ": 1 / 3, "STD": 1 / 3, "DLK": 1 / 4, "STE": 1 / 12}.items():
        assert abs(per_type[code] - share * ROOMS) <= 1, code
    prices = {t.code: (t.flex_rate_cents, t.max_occupancy) for t in types.values()}
    assert prices == {"STQ": (16_000, 2), "STD": (20_000, 4), "DLK": (24_000, 2),
                      "STE": (40_000, 4)}  # fmt: skip
    assert plans == {"FLEX", "NRF", "BB"}


def test_staff_one_housekeeper_per_15_rooms(synthetic):
    database, _ = synthetic
    with database.unit_of_work() as s:
        staff = s.scalars(select(StaffUser)).all()
    roles = Counter(user.role for user in staff)
    expected = {"admin": 1, "manager": 1, "front_desk": 2, "housekeeping": math.ceil(ROOMS / 15)}
    assert roles == expected
    assert len({user.username for user in staff}) == len(staff)
    for user in staff:
        assert verify(user.password_hash, f"synthetic-{user.role}")


def test_fifty_stays_per_room_over_two_years(synthetic):
    database, counts = synthetic
    with database.unit_of_work() as s:
        stays = reservations(s, "synthetic")
        next_number = hotel(s, "synthetic").next_confirmation_number
    assert counts["reservations"] == len(stays) == 50 * ROOMS
    assert sorted(int(stay.code[2:]) for stay in stays) == list(range(5001, 5001 + len(stays)))
    assert next_number == 5001 + len(stays)  # new bookings continue after the generated ones
    assert min(stay.check_in for stay in stays) >= T - timedelta(days=365)
    assert max(stay.check_out for stay in stays) <= T + timedelta(days=365)


def test_no_overbooking_and_no_double_occupancy(synthetic):
    database, _ = synthetic
    with database.unit_of_work() as s:
        stays = reservations(s, "synthetic")
        held = held_per_night(s, "synthetic", T - timedelta(days=366), T + timedelta(days=366))
        per_type = Counter(room.room_type_id for room in rooms_of(s, "synthetic").values())
        codes = {t.id: t.code for t in s.scalars(select(RoomType))}
    capacity = {codes[type_id]: count for type_id, count in per_type.items()}
    for code, per_night in held.items():
        assert max(per_night) <= capacity[code], code
    assert double_bookings(stays) == []


def test_past_stays_are_settled_in_house_assigned_future_unassigned(synthetic):
    database, _ = synthetic
    signed = case(
        (FolioLine.kind.in_(("charge", "refund")), FolioLine.amount_cents),
        else_=-FolioLine.amount_cents,
    )
    with database.unit_of_work() as s:
        stays = reservations(s, "synthetic")
        per_stay = select(FolioLine.reservation_id, func.sum(signed))
        balances = dict(s.execute(per_stay.group_by(FolioLine.reservation_id)).all())
        room_nights = dict(
            s.execute(
                select(FolioLine.reservation_id, func.count())
                .where(FolioLine.category == "room")
                .group_by(FolioLine.reservation_id)
            ).all()
        )
    statuses: Counter[str] = Counter()
    for stay in stays:
        statuses[stay.status] += 1
        if stay.check_out <= T:
            assert stay.status == "checked_out" and stay.room_id is not None
            assert balances[stay.id] == 0 and room_nights[stay.id] == stay.nights
        elif stay.check_in < T:
            assert stay.status == "in_house" and stay.room_id is not None
            assert room_nights[stay.id] == (T - stay.check_in).days
        else:
            assert stay.status == "confirmed" and stay.room_id is None
            assert stay.id not in room_nights
    assert statuses["checked_out"] > 0 and statuses["confirmed"] > 0


def test_housekeeping_a_year_done_and_today_open(synthetic):
    database, counts = synthetic
    per_day = round(0.8 * ROOMS)
    with database.unit_of_work() as s:
        tasks = s.scalars(select(HousekeepingTask)).all()
        keepers = set(s.scalars(select(StaffUser.id).where(StaffUser.role == "housekeeping")))
        zone = hotel(s, "synthetic").zone
    assert counts["housekeeping_tasks"] == len(tasks) == per_day * 366
    today = [t for t in tasks if t.created_at.astimezone(zone).date() == T]
    assert len(today) == per_day
    assert {t.status for t in today} == {"open", "in_progress"}
    assert all(t.completed_at is None for t in today)
    past = [t for t in tasks if t not in today]
    assert {t.status for t in past} == {"done"}
    assert all(t.created_at < t.completed_at for t in past)
    assert {t.assignee_id for t in tasks} <= keepers
    per_room_day = Counter((t.room_id, t.created_at.astimezone(zone).date()) for t in tasks)
    assert max(per_room_day.values()) == 1


def test_the_same_arguments_give_the_same_rows(synthetic, tmp_path):
    # A second seed, on SQLite, equals the first on whichever backend it was made.
    database, _ = synthetic
    again = Database(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        seed(again, T, rooms=ROOMS)
        with again.unit_of_work() as s, database.unit_of_work() as original:
            assert dump(s) == dump(original)
    finally:
        again.dispose()


def test_reservations_overrides_the_number_of_stays(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'small.db'}")
    try:
        counts = seed(database, T, rooms=10, reservations=123)
        with database.unit_of_work() as s:
            assert s.scalar(select(func.count()).select_from(Reservation)) == 123
    finally:
        database.dispose()
    assert counts["reservations"] == 123 and counts["rooms"] == 10


def test_a_synthetic_hotel_goes_next_to_the_demo_once(pg_fresh):
    database = Database(pg_fresh)
    try:
        seed(database, T, rooms=15, reservations=200)
        with pytest.raises(Conflict, match="already holds the hotel 'synthetic'"):
            seed(database, T, rooms=15)
        with database.unit_of_work() as s:
            slugs = set(s.scalars(select(Hotel.slug)))
            first_tasks = s.scalars(
                select(HousekeepingTask.id).order_by(HousekeepingTask.id).limit(4)
            ).all()
            assert len(reservations(s, "synthetic")) == 200
            # New ids continue after the generated rows (PostgreSQL's sequences were moved).
            s.add(StaffUser(hotel_id=hotel(s, "synthetic").id, username="new.hire",
                            full_name="New Hire", role="front_desk", password_hash="x"))  # fmt: skip
            s.flush()
    finally:
        database.dispose()
    assert slugs == {"harbor-view", "alpine-lodge", "synthetic"}
    assert first_tasks == [1, 2, 3, 4]
