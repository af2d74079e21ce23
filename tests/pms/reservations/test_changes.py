from datetime import timedelta

import pytest

from pms.errors import Conflict, Invalid, PolicyViolation
from pms.folios.schemas import FolioRef
from pms.folios.service import get_folio
from pms.reservations.changes import cancel, modify
from pms.reservations.schemas import ReservationCancel, ReservationChange, RoomAssignment
from pms.reservations.stay import assign_room
from tests.pms.reservations.helpers import FRONT_DESK, book
from tests.support import T, principal


def change(code, **fields):
    return ReservationChange(confirmation_code=code, **fields)


def test_guest_moves_dates_and_the_total_is_repriced(db):
    guest = principal("guest", reservations=["HV1005"])
    with db.unit_of_work() as s:
        view = modify(s, guest, change("HV1005", check_out=T + timedelta(days=9)))
    assert (view.check_in, view.check_out, view.nights) == (
        T + timedelta(days=5),
        T + timedelta(days=9),
        4,
    )
    assert view.total == "640.00"


def test_upgrading_room_type_and_plan_reprices(db):
    with db.unit_of_work() as s:
        view = modify(s, FRONT_DESK, change("HV1005", room_type="DLK", rate_plan="BB"))
    assert (view.room_type, view.rate_plan, view.total) == ("DLK", "BB", "530.00")


def test_guest_may_not_change_a_non_refundable_stay(db):
    guest = principal("guest", reservations=["HV1003"])
    with db.unit_of_work() as s, pytest.raises(PolicyViolation, match="allows no changes"):
        modify(s, guest, change("HV1003", check_out=T + timedelta(days=15)))


def test_guest_may_not_change_an_in_house_stay_but_staff_may_extend_it(db):
    with db.unit_of_work() as s:
        with pytest.raises(PolicyViolation, match="only confirmed"):
            modify(
                s,
                principal("guest", reservations=["HV1001"]),
                change("HV1001", check_out=T + timedelta(days=2)),
            )
        view = modify(s, FRONT_DESK, change("HV1001", check_out=T + timedelta(days=2)))
    assert view.check_out == T + timedelta(days=2) and view.total == "960.00"
    assert view.room == "517"


def test_an_in_house_stay_changes_only_its_departure(db):
    with db.unit_of_work() as s:
        with pytest.raises(PolicyViolation, match="only its check_out"):
            modify(s, FRONT_DESK, change("HV1001", adults=1))
        with pytest.raises(Invalid, match="not before today"):
            modify(s, FRONT_DESK, change("HV1001", check_out=T - timedelta(days=1)))


def test_extending_into_a_night_the_room_is_promised_is_refused(db):
    with db.unit_of_work() as s:
        follower = book(
            s, room_type="DLK", check_in=T + timedelta(days=1), check_out=T + timedelta(days=3)
        )
        assign_room(
            s,
            FRONT_DESK,
            RoomAssignment(confirmation_code=follower.confirmation_code, room_number="517"),
        )
        with pytest.raises(Conflict, match="Room 517 is not free"):
            modify(s, FRONT_DESK, change("HV1001", check_out=T + timedelta(days=2)))


def test_moving_a_stay_off_or_onto_prepaid_is_refused(db):
    with db.unit_of_work() as s, pytest.raises(PolicyViolation, match="cancel it and book again"):
        modify(s, FRONT_DESK, change("HV1005", rate_plan="NRF"))


def test_nothing_to_change_is_refused_with_the_fields(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="check_in, check_out, adults"):
        modify(s, FRONT_DESK, change("HV1005"))


def test_a_changed_room_type_drops_the_preassigned_room(db):
    with db.unit_of_work() as s:
        assign_room(s, FRONT_DESK, RoomAssignment(confirmation_code="HV1005", room_number="306"))
        same = modify(s, FRONT_DESK, change("HV1005", adults=2))
        other = modify(s, FRONT_DESK, change("HV1005", room_type="STD"))
    assert same.room == "306" and other.room is None


def test_cancelling_early_is_free(db):
    with db.unit_of_work() as s:
        result = cancel(
            s,
            principal("guest", reservations=["HV1005"]),
            ReservationCancel(confirmation_code="HV1005"),
        )
        folio = get_folio(s, FRONT_DESK, FolioRef(confirmation_code="HV1005"))
    assert result.fee == "0.00" and result.reservation.status == "cancelled"
    assert folio.lines == []


def test_cancelling_inside_48_hours_charges_one_night(db):
    with db.unit_of_work() as s:
        result = cancel(
            s, FRONT_DESK, ReservationCancel(confirmation_code="HV1006", reason="flight cancelled")
        )
        folio = get_folio(s, FRONT_DESK, FolioRef(confirmation_code="HV1006"))
    assert result.fee == "240.00" and "cancellation fee of $240.00" in result.message
    assert [(line.kind, line.category, line.amount) for line in folio.lines] == [
        ("charge", "cancellation_fee", "240.00")
    ]


def test_the_free_window_ends_exactly_48_hours_before_15_00(db):
    from datetime import datetime

    from pms.clock import FrozenClock

    arrive = T + timedelta(days=3)  # 2027-03-04, deadline 2027-03-02 15:00
    with db.unit_of_work() as s:
        code = book(s, check_in=arrive, check_out=arrive + timedelta(days=1)).confirmation_code
    with db.unit_of_work(FrozenClock(datetime(2027, 3, 2, 14, 59))) as s:
        assert "Free cancellation" in modify(s, FRONT_DESK, change(code, adults=1)).cancellation
    with db.unit_of_work(FrozenClock(datetime(2027, 3, 2, 15, 0))) as s:
        assert cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code)).fee == "240.00"


def test_non_refundable_cancellation_keeps_the_prepayment(db):
    with db.unit_of_work() as s:
        result = cancel(s, FRONT_DESK, ReservationCancel(confirmation_code="HV1003"))
        folio = get_folio(s, FRONT_DESK, FolioRef(confirmation_code="HV1003"))
    assert result.fee == "0.00" and "nothing is refunded" in result.message
    assert folio.balance == "-680.00" and len(folio.lines) == 1


@pytest.mark.parametrize("code", ["HV1008", "HV1001"])
def test_only_confirmed_reservations_can_be_cancelled(db, code):
    with db.unit_of_work() as s, pytest.raises(Conflict, match="only confirmed"):
        cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code))
