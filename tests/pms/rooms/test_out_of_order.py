import pytest
from sqlalchemy import select

from pms.availability.repository import free_per_night
from pms.errors import Conflict, Invalid, NotFound, NotPermitted
from pms.models import AuditEntry, OutOfOrderPeriod, Reservation
from pms.rooms.schemas import ReturnRoomToService, RoomQuery, SetRoomOutOfOrder
from pms.rooms.service import list_rooms, return_room_to_service, set_room_out_of_order
from tests.pms.rooms.factories import add_stay, day, hotel, room, rooms_of_type
from tests.support import principal

MANAGER = principal("manager", "grace.kim")
ADMIN = principal("admin", "morgan.lee")


def take_out(session, number, start, end, reason="new carpet", actor=MANAGER):
    return set_room_out_of_order(
        session,
        actor,
        SetRoomOutOfOrder(room_number=number, start_date=start, end_date=end, reason=reason),
    )


def periods(session, number):
    return [(p.start_date, p.end_date, p.reason) for p in period_rows(session, number)]


def period_rows(session, number):
    return session.scalars(
        select(OutOfOrderPeriod)
        .where(OutOfOrderPeriod.room_id == room(session, number).id)
        .order_by(OutOfOrderPeriod.start_date)
    ).all()


def test_a_manager_takes_a_vacant_room_out_of_order(db):
    with db.unit_of_work() as s:
        result = take_out(s, "306", day(0), day(2))
        assert result.model_dump() == {
            "room_number": "306",
            "room_type": "STQ",
            "start_date": "2027-03-01",
            "end_date": "2027-03-03",
            "nights": 2,
            "reason": "new carpet",
        }
    with db.unit_of_work() as s:
        assert periods(s, "306") == [(day(0), day(2), "new carpet")]
        period = period_rows(s, "306")[0]
        assert period.created_by == "grace.kim"
        shown = {r.number: r for r in list_rooms(s, MANAGER, RoomQuery(floor=3)).rooms}["306"]
        assert shown.out_of_order and shown.out_of_order_period.end_date == "2027-03-03"
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "set_room_out_of_order")
        ).one()
        assert entry.target == "306" and entry.details["reason"] == "new carpet"


def test_out_of_order_rooms_are_not_sold(db):
    with db.unit_of_work() as s:
        the_hotel = hotel(s)
        stq = room(s, "306").room_type_id
        before = free_per_night(s, the_hotel, day(5), day(8), room_type_id=stq)[stq]
        take_out(s, "306", day(6), day(7), actor=ADMIN)
        after = free_per_night(s, the_hotel, day(5), day(8), room_type_id=stq)[stq]
    assert after == [before[0], before[1] - 1, before[2]]


def test_a_future_period_leaves_the_room_in_service_today(db):
    with db.unit_of_work() as s:
        take_out(s, "307", day(3), day(5))
        shown = {r.number: r for r in list_rooms(s, MANAGER, RoomQuery(floor=3)).rooms}["307"]
    assert not shown.out_of_order


@pytest.mark.parametrize(
    "role,user", [("front_desk", "leo.martins"), ("housekeeping", "tom.reed"), ("guest", None)]
)
def test_only_managers_and_admins_take_rooms_out_of_order(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        take_out(s, "306", day(0), day(1), actor=principal(role, user))
    assert "set_room_out_of_order" in refusal.value.message
    assert "manager, admin" in refusal.value.message


def test_the_period_may_not_start_before_the_business_date(db):
    with db.unit_of_work() as s, pytest.raises(Invalid) as refusal:
        take_out(s, "306", day(-1), day(1))
    assert "on or after the business date 2027-03-01" in refusal.value.message


@pytest.mark.parametrize("end_offset", [0, -1])
def test_end_date_is_after_start_date(db, end_offset):
    with db.unit_of_work() as s, pytest.raises(Invalid) as refusal:
        take_out(s, "306", day(2), day(2 + end_offset))
    assert "end_date" in refusal.value.message and "2027-03-04" in refusal.value.message


def test_a_period_lasts_at_most_a_year(db):
    with db.unit_of_work() as s, pytest.raises(Invalid) as refusal:
        take_out(s, "306", day(0), day(366))
    assert "365 nights" in refusal.value.message


def test_an_occupied_room_is_refused_while_the_guest_stays(db):
    with db.unit_of_work() as s, pytest.raises(Conflict) as refusal:
        take_out(s, "517", day(0), day(3))
    message = refusal.value.message
    assert "517 is occupied" in message and "HV1001" in message and "2027-03-02" in message


def test_a_guest_due_out_today_still_occupies_the_room_today(db):
    with db.unit_of_work() as s, pytest.raises(Conflict) as refusal:
        take_out(s, "623", day(0), day(1))
    assert "623 is occupied" in refusal.value.message and "from 2027-03-02" in refusal.value.message


def test_an_occupied_room_can_be_scheduled_after_the_guest_leaves(db):
    with db.unit_of_work() as s:
        result = take_out(s, "517", day(1), day(3))
    assert result.start_date == "2027-03-02"


def test_a_room_assigned_to_a_stay_in_the_period_is_refused(db):
    with db.unit_of_work() as s:
        stay = add_stay(s, "STQ", day(4), day(6), room_number="308")
        with pytest.raises(Conflict) as refusal:
            take_out(s, "308", day(5), day(9))
        message = refusal.value.message
        assert "308 is assigned to" in message and stay.code in message
        assert "2027-03-05 to 2027-03-07" in message
        # Nights that do not touch the stay are fine.
        assert take_out(s, "308", day(6), day(9)).nights == 3
        assert take_out(s, "308", day(1), day(4)).nights == 3


def test_a_cancelled_stay_does_not_block_the_room(db):
    with db.unit_of_work() as s:
        add_stay(s, "STQ", day(4), day(6), room_number="308", status="cancelled")
        assert take_out(s, "308", day(4), day(6)).nights == 2


def test_a_room_already_out_of_order_is_refused(db):
    with db.unit_of_work() as s, pytest.raises(Conflict) as refusal:
        take_out(s, "312", day(1), day(5))
    message = refusal.value.message
    assert "already out of order from 2027-02-28 to 2027-03-03 (bathroom leak)" in message
    assert "return the room to service" in message


def test_a_period_may_follow_the_existing_one(db):
    with db.unit_of_work() as s:
        take_out(s, "312", day(2), day(5), reason="retiling")
        assert periods(s, "312")[-1] == (day(2), day(5), "retiling")


def fill(session, room_type, night):
    """Sell every in-service room of the type for `night`."""
    the_hotel = hotel(session)
    type_id = rooms_of_type(session, room_type)[0].room_type_id
    free = free_per_night(
        session, the_hotel, night, night + (day(1) - day(0)), room_type_id=type_id
    )
    for _ in range(free[type_id][0]):
        add_stay(session, room_type, night, night + (day(1) - day(0)))


def test_refused_when_the_room_type_would_be_oversold(db):
    with db.unit_of_work() as s:
        fill(s, "STE", day(40))
        with pytest.raises(Conflict) as refusal:
            take_out(s, "324", day(39), day(42))
        message = refusal.value.message
        assert "Harbor Suite (STE) oversold" in message and "2027-04-10" in message
        assert "2027-04-09" not in message and "2027-04-11" not in message
        # The nights around it still have a suite to spare.
        assert take_out(s, "324", day(41), day(43)).nights == 2
        assert take_out(s, "324", day(38), day(40)).nights == 2


def test_sold_counts_only_confirmed_and_in_house_stays(db):
    with db.unit_of_work() as s:
        fill(s, "STE", day(40))
        stays = s.scalars(
            select(Reservation).where(Reservation.check_in == day(40), Reservation.code.like("ZZ%"))
        ).all()
        stays[0].status = "cancelled"
        s.flush()
        assert take_out(s, "324", day(40), day(41)).nights == 1


def test_other_rooms_already_down_count_against_the_type(db):
    with db.unit_of_work() as s:
        fill(s, "STE", day(40))
        # One suite spare again, then withdrawn: the last sold night must still fit.
        stays = s.scalars(select(Reservation).where(Reservation.code.like("ZZ%"))).all()
        stays[0].status = "cancelled"
        s.flush()
        take_out(s, "224", day(40), day(41))
        with pytest.raises(Conflict):
            take_out(s, "324", day(40), day(41))


def test_another_hotels_room_is_not_found(db):
    alpine = principal("manager", "hans.weber", hotel="alpine-lodge")
    with db.unit_of_work() as s, pytest.raises(NotFound) as refusal:
        take_out(s, "312", day(1), day(2), actor=alpine)
    assert refusal.value.message.startswith("There is no room 312 at ")


def test_return_to_service_ends_a_period_that_has_begun(db):
    with db.unit_of_work() as s:
        result = return_room_to_service(s, MANAGER, ReturnRoomToService(room_number="312"))
        assert result.model_dump() == {
            "room_number": "312",
            "in_service_from": "2027-03-01",
            "condition": "dirty",
            "periods_shortened": 1,
            "periods_cancelled": 0,
        }
    with db.unit_of_work() as s:
        # The night already past stays on record; tonight the room is for sale again.
        assert periods(s, "312") == [(day(-1), day(0), "bathroom leak")]
        shown = {r.number: r for r in list_rooms(s, MANAGER, RoomQuery(floor=3)).rooms}["312"]
        assert not shown.out_of_order
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "return_room_to_service")
        ).one()
        assert entry.target == "312"


def test_return_to_service_cancels_future_periods(db):
    with db.unit_of_work() as s:
        take_out(s, "312", day(4), day(6))
        take_out(s, "306", day(0), day(3))
        take_out(s, "306", day(5), day(6))
        shortened = return_room_to_service(s, ADMIN, ReturnRoomToService(room_number="312"))
        cancelled = return_room_to_service(s, ADMIN, ReturnRoomToService(room_number="306"))
        assert (shortened.periods_shortened, shortened.periods_cancelled) == (1, 1)
        assert (cancelled.periods_shortened, cancelled.periods_cancelled) == (0, 2)
        assert periods(s, "312") == [(day(-1), day(0), "bathroom leak")]
        assert periods(s, "306") == []


def test_a_room_in_service_cannot_be_returned(db):
    with db.unit_of_work() as s:
        with pytest.raises(Conflict) as refusal:
            return_room_to_service(s, MANAGER, ReturnRoomToService(room_number="306"))
        assert refusal.value.message == (
            "Room 306 has no out-of-order period on or after 2027-03-01; it is already in service."
        )
        return_room_to_service(s, MANAGER, ReturnRoomToService(room_number="312"))
        with pytest.raises(Conflict):
            return_room_to_service(s, MANAGER, ReturnRoomToService(room_number="312"))


@pytest.mark.parametrize("role,user", [("front_desk", "ana.silva"), ("housekeeping", "ivy.chen")])
def test_only_managers_and_admins_return_rooms(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        return_room_to_service(s, principal(role, user), ReturnRoomToService(room_number="312"))
    assert "return_room_to_service" in refusal.value.message


def test_another_hotel_cannot_return_our_room(db):
    alpine = principal("manager", "hans.weber", hotel="alpine-lodge")
    with db.unit_of_work() as s:
        with pytest.raises(NotFound):
            return_room_to_service(s, alpine, ReturnRoomToService(room_number="312"))
        assert periods(s, "312") == [(day(-1), day(2), "bathroom leak")]
