"""Small builders shared by the reservation tests."""

from datetime import timedelta

from pms.reservations.schemas import ReservationCreate
from pms.reservations.service import create
from tests.support import T, principal

FRONT_DESK = principal("front_desk", "leo.martins")
MANAGER = principal("manager", "grace.kim")


def booking(**changes):
    fields = {
        "room_type": "DLK",
        "check_in": T + timedelta(days=19),
        "check_out": T + timedelta(days=22),
        "adults": 2,
        "guest_name": "Hannah Berg",
        "guest_email": "hannah.berg@example.com",
        "rate_plan": "FLEX",
    }
    fields.update(changes)
    return ReservationCreate(**fields)


def book(session, actor=FRONT_DESK, **changes):
    return create(session, actor, booking(**changes))
