"""On PostgreSQL withdrawing a room waits for bookings of its type: they take the same lock."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from pms.availability.repository import lock_room_type, room_type_by_code
from pms.clock import FrozenClock
from pms.db import Database
from pms.hotels.repository import hotel_for
from pms.rooms.schemas import SetRoomOutOfOrder
from pms.rooms.service import set_room_out_of_order
from tests.support import NOW, T, principal

MANAGER = principal("manager", "grace.kim")


@pytest.fixture
def two_databases(pg_fresh):
    first, second = (
        Database(pg_fresh, clock=FrozenClock(NOW)),
        Database(pg_fresh, clock=FrozenClock(NOW)),
    )
    yield first, second
    first.dispose()
    second.dispose()


def withdraw(session, number):
    return set_room_out_of_order(
        session,
        MANAGER,
        SetRoomOutOfOrder(
            room_number=number,
            start_date=T + timedelta(days=1),
            end_date=T + timedelta(days=2),
            reason="paint",
        ),
    )


def test_waits_for_a_booking_holding_the_room_type(two_databases):
    booking, manager = two_databases
    with booking.unit_of_work() as held:
        lock_room_type(held, room_type_by_code(held, hotel_for(held, MANAGER), "STE"))
        with pytest.raises(OperationalError) as blocked, manager.unit_of_work() as s:
            s.execute(text("SET LOCAL lock_timeout = '200ms'"))
            withdraw(s, "324")
        assert blocked.value.orig.sqlstate == "55P03"
        # Another type's rooms are not held up.
        with manager.unit_of_work() as s:
            s.execute(text("SET LOCAL lock_timeout = '200ms'"))
            assert withdraw(s, "306").room_type == "STQ"
