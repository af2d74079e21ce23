import pytest
from sqlalchemy import event, func, select

from pms.errors import NotPermitted
from pms.folios.repository import append_line
from pms.models import FolioLine, HousekeepingTask, Reservation, Room
from pms.models.stay import HOLDING_STATUSES
from pms.money import fmt
from pms.night_audit.service import run
from pms.reports.schemas import DailyReportQuery
from pms.reports.service import daily_report
from pms.rooms.schemas import SetRoomOutOfOrder
from pms.rooms.service import set_room_out_of_order
from tests.pms.rooms.factories import day, hotel
from tests.support import T, principal

MANAGER = principal("manager", "grace.kim")
FRONT_DESK = principal("front_desk", "leo.martins")


def report(session, actor=MANAGER, date=None):
    return daily_report(session, actor, DailyReportQuery(date=date))


def stay(session, code):
    return session.scalars(select(Reservation).where(Reservation.code == code)).unique().one()


def holding(session, night, slug="harbor-view"):
    return session.scalar(
        select(func.count())
        .select_from(Reservation)
        .where(
            Reservation.hotel_id == hotel(session, slug).id,
            Reservation.status.in_(HOLDING_STATUSES),
            Reservation.check_in <= night,
            Reservation.check_out > night,
        )
    )


def posted(session, night, kind, category=None):
    query = select(func.coalesce(func.sum(FolioLine.amount_cents), 0)).where(
        FolioLine.hotel_id == hotel(session).id,
        FolioLine.service_date == night,
        FolioLine.kind == kind,
    )
    if category:
        query = query.where(FolioLine.category == category)
    return session.scalar(query)


def money(cents):
    return fmt(cents)


def test_the_business_date_in_numbers(db):
    with db.unit_of_work() as s:
        result = report(s, FRONT_DESK)
        occupied = holding(s, T)
        in_house = s.scalar(
            select(func.count())
            .select_from(Reservation)
            .where(Reservation.hotel_id == hotel(s).id, Reservation.status == "in_house")
        )
        open_tasks = s.scalar(
            select(func.count())
            .select_from(HousekeepingTask)
            .where(HousekeepingTask.hotel_id == hotel(s).id, HousekeepingTask.status != "done")
        )
        conditions = dict(
            s.execute(
                select(Room.condition, func.count())
                .where(Room.hotel_id == hotel(s).id)
                .group_by(Room.condition)
            ).all()
        )
    assert (result.date, result.business_date) == ("2027-03-01", "2027-03-01")
    assert (result.rooms_total, result.rooms_out_of_order, result.rooms_in_service) == (120, 1, 119)
    assert result.rooms_occupied == occupied
    assert result.occupancy_percent == round(occupied * 100 / 119, 1)
    assert "HV1002" in result.arrivals and result.arrivals_count == len(result.arrivals)
    assert "HV1004" in result.departures and result.departures_count == len(result.departures)
    assert not {"HV1001", "HV1007", "HV1003", "HV1008"} & set(result.arrivals + result.departures)
    assert result.in_house == in_house >= 3
    assert result.open_housekeeping_tasks == open_tasks >= 4
    assert result.housekeeping_in_progress >= 1
    assert (result.rooms_dirty, result.rooms_clean, result.rooms_inspected) == (
        conditions.get("dirty", 0),
        conditions.get("clean", 0),
        conditions.get("inspected", 0),
    )
    assert result.rooms_dirty + result.rooms_clean + result.rooms_inspected == 120
    assert result.rooms_inspected >= 5 and result.rooms_dirty >= 8


def test_revenue_payments_and_refunds_of_the_day(db):
    with db.unit_of_work() as s:
        before = report(s)
        carter = stay(s, "HV1001")
        minibar = append_line(
            s,
            MANAGER,
            carter,
            kind="charge",
            category="minibar",
            amount_cents=1250,
            service_date=T,
            description="Minibar",
        )
        append_line(
            s,
            MANAGER,
            carter,
            kind="charge",
            category="spa",
            amount_cents=12000,
            service_date=T,
            description="Massage",
        )
        append_line(
            s,
            MANAGER,
            carter,
            kind="void",
            category="minibar",
            amount_cents=1250,
            service_date=T,
            description="Void",
            voids_line=minibar.line,
        )
        append_line(
            s,
            MANAGER,
            carter,
            kind="payment",
            method="cash",
            amount_cents=10000,
            service_date=T,
            description="Cash",
        )
        append_line(
            s,
            MANAGER,
            carter,
            kind="refund",
            amount_cents=2000,
            service_date=T,
            description="Refund",
        )
        append_line(
            s,
            MANAGER,
            carter,
            kind="charge",
            category="spa",
            amount_cents=9900,
            service_date=day(-1),
            description="Yesterday's spa",
        )
        after = report(s)

    def cents(text):
        return int(text.replace(".", ""))

    assert cents(after.revenue_by_category["minibar"]) == cents(
        before.revenue_by_category["minibar"]
    )
    assert (
        cents(after.revenue_by_category["spa"]) == cents(before.revenue_by_category["spa"]) + 12000
    )
    assert cents(after.revenue_total) == cents(before.revenue_total) + 12000
    assert (
        cents(after.payments_by_method["cash"]) == cents(before.payments_by_method["cash"]) + 10000
    )
    assert cents(after.payments_total) == cents(before.payments_total) + 10000
    assert cents(after.refunds_total) == cents(before.refunds_total) + 2000
    assert set(after.revenue_by_category) == {
        "room",
        "breakfast",
        "food_beverage",
        "minibar",
        "spa",
        "parking",
        "laundry",
        "cancellation_fee",
        "misc",
    }
    assert set(after.payments_by_method) == {"card", "cash", "bank_transfer"}


def test_a_void_lowers_the_day_it_is_posted(db):
    with db.unit_of_work() as s:
        yesterday = report(s, date=day(-1))
        carter = stay(s, "HV1001")
        append_line(
            s,
            MANAGER,
            carter,
            kind="void",
            category="food_beverage",
            amount_cents=3850,
            service_date=T,
            description="Void",
            voids_line=3,
        )
        assert report(s, date=day(-1)) == yesterday
        assert report(s).revenue_by_category["food_beverage"] == money(
            posted(s, T, "charge", "food_beverage") - 3850
        )


def test_a_past_night_matches_what_was_posted(db):
    with db.unit_of_work() as s:
        result = report(s, date=day(-1))
        room = posted(s, day(-1), "charge", "room") - posted(s, day(-1), "void", "room")
        occupied = holding(s, day(-1))
    assert result.date == "2027-02-28" and result.business_date == "2027-03-01"
    assert result.rooms_out_of_order == 1 and result.rooms_occupied == occupied
    assert result.room_revenue == money(room) and room >= 24000 + 40000 + 20000
    assert result.adr == money((2 * room + occupied) // (2 * occupied))
    assert result.revpar == money((2 * room + 119) // (2 * 119))
    assert "HV1007" in result.arrivals and "HV1004" not in result.departures


def test_room_revenue_arrives_with_the_night_audit(db):
    with db.unit_of_work() as s:
        assert report(s).room_revenue == money(posted(s, T, "charge", "room"))
        audit = run(s, MANAGER)
        result = report(s, date=T)
        room = posted(s, T, "charge", "room")
        assert result.business_date == "2027-03-02"
        # HV1002 became a no-show, so it no longer holds the night.
        assert "HV1002" not in result.arrivals
        assert result.room_revenue == money(room) and room >= 24000 + 20000
        assert audit.room_charges >= 2
        assert result.adr == money(
            (2 * room + result.rooms_occupied) // (2 * result.rooms_occupied)
        )


def test_out_of_order_rooms_leave_the_inventory(db):
    with db.unit_of_work() as s:
        set_room_out_of_order(
            s,
            MANAGER,
            SetRoomOutOfOrder(
                room_number="306", start_date=day(5), end_date=day(7), reason="paint"
            ),
        )
        result = report(s, date=day(6))
        assert (result.rooms_out_of_order, result.rooms_in_service) == (1, 119)
        assert report(s, date=day(2)).rooms_out_of_order == 0
        assert result.room_revenue == "0.00" and result.adr == "0.00"


def test_runs_a_fixed_number_of_queries(db):
    statements = []

    def count(*_args):
        statements.append(1)

    with db.unit_of_work() as s:
        report(s)  # warm the hotel cache
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            report(s)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert len(statements) <= 10


@pytest.mark.parametrize("role,user", [("housekeeping", "maria.santos"), ("guest", None)])
def test_housekeeping_and_guests_may_not_read_it(db, role, user):
    with db.unit_of_work() as s, pytest.raises(NotPermitted) as refusal:
        report(s, principal(role, user))
    assert (
        "daily_report" in refusal.value.message
        and "front_desk, manager, admin" in refusal.value.message
    )


def test_another_hotel_reports_only_itself(db):
    with db.unit_of_work() as s:
        result = report(s, principal("front_desk", "lena.vogt", hotel="alpine-lodge"))
        assert result.rooms_total == 20 and result.rooms_out_of_order == 0
        assert result.rooms_occupied == holding(s, T, "alpine-lodge")
        assert not [code for code in result.arrivals + result.departures if code.startswith("HV")]
        assert result.open_housekeeping_tasks == s.scalar(
            select(func.count())
            .select_from(HousekeepingTask)
            .where(
                HousekeepingTask.hotel_id == hotel(s, "alpine-lodge").id,
                HousekeepingTask.status != "done",
            )
        )
