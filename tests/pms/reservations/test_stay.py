from datetime import timedelta

import pytest
from sqlalchemy import select

from pms.errors import Conflict, Invalid, PolicyViolation
from pms.folios.schemas import PaymentRequest
from pms.folios.service import record_payment
from pms.hotels.repository import hotel_for
from pms.models import HousekeepingTask, Room
from pms.reservations.schemas import CheckInRequest, ReservationRef, RoomAssignment
from pms.reservations.stay import assign_room, check_in, check_out
from tests.pms.reservations.helpers import FRONT_DESK, book, hotel_row
from tests.support import T


def room(s, number):
    hotel = hotel_for(s, FRONT_DESK)
    return s.scalars(select(Room).where(Room.hotel_id == hotel.id, Room.number == number)).one()


def test_check_in_picks_the_lowest_inspected_room_of_the_type(db):
    with db.unit_of_work() as s:
        result = check_in(s, FRONT_DESK, CheckInRequest(confirmation_code="HV1002"))
    assert result.reservation.status == "in_house" and result.reservation.room == "201"
    assert "checked in to room 201" in result.message


def test_check_in_takes_clean_when_nothing_is_inspected(db):
    with db.unit_of_work() as s:
        hotel = hotel_for(s, FRONT_DESK)
        for r in s.scalars(
            select(Room).where(Room.hotel_id == hotel.id, Room.condition == "inspected")
        ):
            r.condition = "dirty"
        room(s, "306").condition = "clean"
        s.flush()
        result = check_in(s, FRONT_DESK, CheckInRequest(confirmation_code="HV1002"))
    chosen = result.reservation.room
    assert chosen is not None
    with db.unit_of_work() as s:
        assert room(s, chosen).condition == "clean"


def test_check_in_only_on_the_arrival_date(db):
    with db.unit_of_work() as s, pytest.raises(PolicyViolation, match="arrives on 2027-03-06"):
        check_in(s, FRONT_DESK, CheckInRequest(confirmation_code="HV1005"))


@pytest.mark.parametrize(
    ("number", "error", "message"),
    [
        ("301", Conflict, "is dirty"),
        ("209", Invalid, "not a Standard Queen"),
    ],
)
def test_a_given_room_must_be_ready_of_the_type_and_in_service(db, number, error, message):
    with db.unit_of_work() as s, pytest.raises(error, match=message):
        check_in(s, FRONT_DESK, CheckInRequest(confirmation_code="HV1002", room_number=number))


def test_an_out_of_order_room_is_refused(db):
    with db.unit_of_work() as s:
        walk_in = book(s, room_type="STD", check_in=T, check_out=T + timedelta(days=1), adults=1)
        with pytest.raises(Conflict, match="Room 312 is out of order"):
            check_in(
                s,
                FRONT_DESK,
                CheckInRequest(confirmation_code=walk_in.confirmation_code, room_number="312"),
            )


def test_an_occupied_room_is_refused(db):
    with db.unit_of_work() as s:
        walk_in = book(s, room_type="STD", check_in=T, check_out=T + timedelta(days=1), adults=1)
        with pytest.raises(Conflict, match="already taken|occupied"):
            check_in(
                s,
                FRONT_DESK,
                CheckInRequest(confirmation_code=walk_in.confirmation_code, room_number="214"),
            )


def test_assigned_rooms_are_not_given_to_someone_else(db):
    with db.unit_of_work() as s:
        assign_room(s, FRONT_DESK, RoomAssignment(confirmation_code="HV1005", room_number="306"))
        other = book(
            s,
            room_type="STQ",
            check_in=T + timedelta(days=6),
            check_out=T + timedelta(days=8),
            adults=1,
        )
        with pytest.raises(Conflict, match="already taken"):
            assign_room(
                s,
                FRONT_DESK,
                RoomAssignment(confirmation_code=other.confirmation_code, room_number="306"),
            )
        # HV1002 leaves before HV1005 arrives: the same room is fine for it.
        assert (
            assign_room(
                s, FRONT_DESK, RoomAssignment(confirmation_code="HV1002", room_number="306")
            ).reservation.room
            == "306"
        )


def test_assignment_is_for_confirmed_reservations_of_the_type(db):
    with db.unit_of_work() as s:
        with pytest.raises(Conflict, match="in_house"):
            assign_room(
                s, FRONT_DESK, RoomAssignment(confirmation_code="HV1001", room_number="518")
            )
        with pytest.raises(Invalid, match="not a Standard Queen"):
            assign_room(
                s, FRONT_DESK, RoomAssignment(confirmation_code="HV1005", room_number="517")
            )


def test_check_out_is_refused_while_money_is_owed(db):
    with db.unit_of_work() as s, pytest.raises(PolicyViolation, match="open balance of \\$470.00"):
        check_out(s, FRONT_DESK, ReservationRef(confirmation_code="HV1004"))


def test_the_balance_owed_at_check_out_is_in_the_hotels_currency(db):
    with db.unit_of_work() as s, pytest.raises(PolicyViolation, match="open balance of €470.00"):
        hotel_row(s).currency = "EUR"
        check_out(s, FRONT_DESK, ReservationRef(confirmation_code="HV1004"))


def test_check_out_leaves_the_room_dirty_with_a_cleaning_task(db):
    with db.unit_of_work() as s:
        record_payment(
            s,
            FRONT_DESK,
            PaymentRequest(confirmation_code="HV1004", amount="470.00", method="card"),
        )
        result = check_out(s, FRONT_DESK, ReservationRef(confirmation_code="HV1004"))
        suite = room(s, "623")
        tasks = s.scalars(
            select(HousekeepingTask).where(
                HousekeepingTask.room_id == suite.id, HousekeepingTask.kind == "checkout_clean"
            )
        ).all()
    assert result.reservation.status == "checked_out" and result.reservation.check_out == T
    assert suite.condition == "dirty"
    assert [(t.status, t.priority) for t in tasks] == [("open", "normal")]


def test_leaving_early_shortens_the_stay_to_today(db):
    with db.unit_of_work() as s:
        result = check_out(s, FRONT_DESK, ReservationRef(confirmation_code="HV1007"))
    assert result.reservation.check_out == T and result.reservation.nights == 1
    assert result.reservation.total == "200.00"
    assert "shortened to end on 2027-03-01" in result.message


def test_only_in_house_guests_check_out(db):
    with db.unit_of_work() as s, pytest.raises(Conflict, match="only in-house"):
        check_out(s, FRONT_DESK, ReservationRef(confirmation_code="HV1002"))
