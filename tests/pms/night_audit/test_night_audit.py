import pytest
from sqlalchemy import func, select

from pms.errors import NotPermitted
from pms.folios.repository import balance_cents, lines
from pms.models import AuditEntry, FolioLine, Reservation
from pms.money import fmt
from pms.night_audit.service import run
from tests.pms.rooms.factories import add_stay, day, hotel
from tests.support import T, principal

MANAGER = principal("manager", "grace.kim")


def stay(session, code):
    return session.scalars(select(Reservation).where(Reservation.code == code)).unique().one()


def expected_charges(session):
    """Cents and count the audit of T should post: every in-house stay not due out."""
    stays = (
        session.scalars(
            select(Reservation).where(
                Reservation.hotel_id == hotel(session).id,
                Reservation.status == "in_house",
                Reservation.check_out > T,
            )
        )
        .unique()
        .all()
    )
    cents = sum(s.nightly_rate_cents + s.breakfast_cents_per_night for s in stays)
    count = len(stays) + sum(1 for s in stays if s.breakfast_cents_per_night)
    return cents, count


def test_posts_each_in_house_night_and_moves_the_date(db):
    with db.unit_of_work() as s:
        cents, count = expected_charges(s)
        summary = run(s, MANAGER)
        assert summary.audited_date == "2027-03-01" and summary.new_business_date == "2027-03-02"
        assert summary.charges_posted == count
        assert summary.charges_total == f"{cents // 100}.{cents % 100:02d}"
        assert summary.room_charges + summary.breakfast_charges == count
        assert hotel(s).business_date == day(1)
        posted = s.scalar(
            select(func.count())
            .select_from(FolioLine)
            .where(
                FolioLine.hotel_id == hotel(s).id,
                FolioLine.service_date == T,
                FolioLine.posted_by == "grace.kim",
            )
        )
        assert posted == count

    with db.unit_of_work() as s:
        carter = lines(s, stay(s, "HV1001").id)
        assert len(carter) == 4
        night = carter[-1]
        assert (night.line, night.kind, night.category, night.amount_cents) == (
            4,
            "charge",
            "room",
            24000,
        )
        assert night.description == "Room 517, night of 2027-03-01" and night.service_date == T
        assert balance_cents(s, stay(s, "HV1001").id) == 51850 + 24000
        haddad = lines(s, stay(s, "HV1007").id)
        assert (haddad[-1].line, haddad[-1].amount_cents, haddad[-1].description) == (
            3,
            20000,
            "Room 214, night of 2027-03-01",
        )


def test_a_departure_due_today_is_listed_not_charged(db):
    with db.unit_of_work() as s:
        summary = run(s, MANAGER)
        overdue = {d.confirmation_code: d for d in summary.overdue_departures}
        assert overdue["HV1004"].model_dump() == {
            "confirmation_code": "HV1004",
            "room_number": "623",
            "guest_name": "Sofia Rossi",
            "check_out": "2027-03-01",
        }
        rossi = stay(s, "HV1004")
        assert len(lines(s, rossi.id)) == 8 and rossi.status == "in_house"
        assert balance_cents(s, rossi.id) == 47000


def test_unarrived_reservations_become_no_shows(db):
    with db.unit_of_work() as s:
        summary = run(s, MANAGER)
        assert "HV1002" in summary.no_shows
        assert stay(s, "HV1002").status == "no_show"
        assert lines(s, stay(s, "HV1002").id) == []
        # Future arrivals are untouched.
        assert "HV1006" not in summary.no_shows and stay(s, "HV1006").status == "confirmed"
        assert stay(s, "HV1008").status == "cancelled"


def test_breakfast_is_charged_with_the_room(db):
    with db.unit_of_work() as s:
        guest = add_stay(
            s, "STQ", day(-1), day(2), status="in_house", room_number="306", breakfast_cents=5000
        )
        summary = run(s, MANAGER)
        posted = lines(s, guest.id)
        assert [(line.category, line.amount_cents, line.description) for line in posted] == [
            ("room", 16000, "Room 306, night of 2027-03-01"),
            ("breakfast", 5000, "Breakfast, night of 2027-03-01"),
        ]
        assert summary.breakfast_charges >= 1


def test_the_next_audit_charges_the_next_night_only(db):
    with db.unit_of_work() as s:
        run(s, MANAGER)
    with db.unit_of_work() as s:
        summary = run(s, principal("admin", "morgan.lee"))
        assert summary.audited_date == "2027-03-02" and summary.new_business_date == "2027-03-03"
        # HV1001 leaves on 2027-03-02: overdue now, and no third night is posted.
        assert "HV1001" in {d.confirmation_code for d in summary.overdue_departures}
        assert len(lines(s, stay(s, "HV1001").id)) == 4
        haddad = lines(s, stay(s, "HV1007").id)
        assert [line.service_date for line in haddad if line.category == "room"] == [
            day(-1),
            day(0),
            day(1),
        ]
        assert "HV1002" not in summary.no_shows  # already a no-show


def test_records_the_audit(db):
    with db.unit_of_work() as s:
        summary = run(s, MANAGER)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "night_audit")).one()
        assert entry.target == "2027-03-01"
        assert entry.details["charges_total"] == summary.charges_total


@pytest.mark.parametrize(
    "role,user", [("front_desk", "leo.martins"), ("housekeeping", "maria.santos"), ("guest", None)]
)
def test_only_managers_and_admins_run_it(db, role, user):
    with db.unit_of_work() as s:
        with pytest.raises(NotPermitted) as refusal:
            run(s, principal(role, user))
        assert "night_audit" in refusal.value.message and "manager, admin" in refusal.value.message
        assert hotel(s).business_date == T


def test_each_hotel_audits_only_itself(db):
    with db.unit_of_work() as s:
        summary = run(s, principal("manager", "hans.weber", hotel="alpine-lodge"))
        assert summary.room_charges == 1 and summary.charges_total == "260.00"
        assert summary.no_shows == [] and summary.overdue_departures == []
        assert hotel(s, "alpine-lodge").business_date == day(1)
        assert hotel(s).business_date == T
        assert len(lines(s, stay(s, "HV1001").id)) == 3
        felix = lines(s, stay(s, "AL1001").id)
        assert felix[-1].description == "Room 108, night of 2027-03-01"


def test_each_night_is_charged_at_its_booked_price(db):
    with db.unit_of_work() as s:
        seasonal = add_stay(s, "STQ", day(-1), day(2), status="in_house", room_number="306")
        seasonal.night_rates_cents = [16000, 17500, 19000]  # nights of T-1, T, T+1
        older = add_stay(s, "STQ", day(-1), day(2), status="in_house", room_number="307")
        older.night_rates_cents = []  # priced before night rates were kept: one rate
        s.flush()
        first = run(s, MANAGER)
        run(s, MANAGER)
        posted = [(line.amount_cents, line.service_date) for line in lines(s, seasonal.id)]
        assert posted == [(17500, day(0)), (19000, day(1))]
        assert [line.amount_cents for line in lines(s, older.id)] == [16000, 16000]
        # The summary adds up what was posted for the night.
        tonight = s.scalar(
            select(func.sum(FolioLine.amount_cents)).where(
                FolioLine.hotel_id == hotel(s).id,
                FolioLine.service_date == T,
                FolioLine.posted_by == "grace.kim",
            )
        )
    assert first.charges_total == fmt(tonight)
