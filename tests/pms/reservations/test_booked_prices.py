"""A stay is sold at the prices of its nights and keeps them: seasons, rate changes, late fees."""

from datetime import date

from sqlalchemy import select

from pms.folios.schemas import FolioRef, PaymentRequest
from pms.folios.service import get_folio, record_payment
from pms.models import Reservation
from pms.night_audit.service import run as night_audit
from pms.reservations.changes import cancel, modify
from pms.reservations.schemas import (
    CheckInRequest,
    ReservationCancel,
    ReservationChange,
    ReservationRef,
)
from pms.reservations.service import get
from pms.reservations.stay import check_in, check_out
from tests.pms.reservations.helpers import (
    FRONT_DESK,
    MANAGER,
    add_season,
    book,
    hotel_row,
    plan_row,
    room_type_row,
)
from tests.support import T

# Saturday 20 to Tuesday 23 March 2027, the demo's test stay (DLK at 240.00 a night).
ARRIVE, LEAVE = date(2027, 3, 20), date(2027, 3, 23)
SUNDAY = date(2027, 3, 21)


def stored(session, code):
    return session.scalars(select(Reservation).where(Reservation.code == code)).unique().one()


def change(code, **fields):
    return ReservationChange(confirmation_code=code, **fields)


def test_a_booking_keeps_each_nights_price_and_totals_them(db):
    with db.unit_of_work() as s:
        add_season(s, {"DLK": 30_000}, SUNDAY, date(2027, 3, 22))
        flex = book(s, check_in=ARRIVE, check_out=LEAVE)
        bb = book(s, check_in=ARRIVE, check_out=LEAVE, rate_plan="BB")
        rates = stored(s, flex.confirmation_code).night_rates_cents
    assert rates == [24_000, 30_000, 24_000]
    # nightly_rate stays the first night's rate; the total is every night's.
    assert (flex.nightly_rate, flex.total) == ("240.00", "780.00")
    assert (bb.nightly_rate, bb.breakfast_per_night, bb.total) == ("240.00", "50.00", "930.00")
    # The reservation shows each night's price, room and breakfast, as it was sold.
    assert [(n.date, n.price) for n in bb.night_prices] == [
        (ARRIVE, "290.00"),
        (SUNDAY, "350.00"),
        (date(2027, 3, 22), "290.00"),
    ]


def test_a_stay_priced_the_same_every_night_reads_as_before(db):
    with db.unit_of_work() as s:
        booked = book(s, check_in=ARRIVE, check_out=LEAVE).model_dump(mode="json")
    assert "night_prices" not in booked and booked["nightly_rate"] == "240.00"


def test_a_booked_stay_keeps_its_price_when_the_hotel_changes_its_rates(db):
    with db.unit_of_work() as s:
        code = book(s, check_in=ARRIVE, check_out=LEAVE).confirmation_code
        room_type_row(s, "DLK").flex_rate_cents = 26_000
        add_season(s, {"DLK": 35_000}, SUNDAY, date(2027, 3, 22))
        assert get(s, FRONT_DESK, ReservationRef(confirmation_code=code)).total == "720.00"
        # One more night: the three booked nights keep 240.00, the new one costs today's 260.00.
        longer = modify(s, FRONT_DESK, change(code, check_out=date(2027, 3, 24)))
        assert longer.total == "980.00"
        assert stored(s, code).night_rates_cents == [24_000, 24_000, 24_000, 26_000]
        # A day later: the nights still held keep their price; the night given up is gone.
        later = modify(s, FRONT_DESK, change(code, check_in=SUNDAY, check_out=date(2027, 3, 25)))
        assert stored(s, code).night_rates_cents == [24_000, 24_000, 26_000, 26_000]
    assert (later.nightly_rate, later.total) == ("240.00", "1000.00")


def test_another_room_type_or_plan_prices_the_whole_stay_at_todays_rates(db):
    with db.unit_of_work() as s:
        code = book(s, check_in=ARRIVE, check_out=LEAVE).confirmation_code
        room_type_row(s, "DLK").flex_rate_cents = 26_000
        add_season(s, {"STE": 50_000}, SUNDAY, date(2027, 3, 22))
        bb = modify(s, FRONT_DESK, change(code, rate_plan="BB"))
        assert stored(s, code).night_rates_cents == [26_000, 26_000, 26_000]
        suite = modify(s, FRONT_DESK, change(code, room_type="STE"))
        assert stored(s, code).night_rates_cents == [40_000, 50_000, 40_000]
    assert bb.total == "930.00"  # (260 + 2 x 25 breakfast) x 3
    assert suite.total == "1450.00"  # 400 + 500 + 400 + 3 x 50 breakfast


def test_a_change_of_party_keeps_the_booked_breakfast_price(db):
    with db.unit_of_work() as s:
        code = book(s, check_in=ARRIVE, check_out=LEAVE, rate_plan="BB").confirmation_code
        plan_row(s, "BB").breakfast_cents_per_adult = 4_000
        view = modify(s, FRONT_DESK, change(code, adults=1))
    assert (view.breakfast_per_night, view.total) == ("25.00", "795.00")


def test_leaving_early_keeps_the_booked_price_of_the_nights_stayed(db):
    with db.unit_of_work() as s:
        add_season(s, {"DLK": 30_000}, date(2027, 3, 2), date(2027, 3, 3))
        code = book(s, check_in=T, check_out=date(2027, 3, 5)).confirmation_code
        check_in(s, FRONT_DESK, CheckInRequest(confirmation_code=code))
        night_audit(s, MANAGER)  # night of 1 March: 240.00
        night_audit(s, MANAGER)  # night of 2 March: the season's 300.00
        record_payment(
            s, FRONT_DESK, PaymentRequest(confirmation_code=code, amount="540.00", method="card")
        )
        result = check_out(s, FRONT_DESK, ReservationRef(confirmation_code=code))
        assert stored(s, code).night_rates_cents == [24_000, 30_000]
    assert result.reservation.check_out == date(2027, 3, 3)
    assert (result.reservation.total, result.reservation.balance) == ("540.00", "0.00")


def _late_booking(session, plan="FLEX"):
    """Two nights from tomorrow (inside the 48-hour window), the first in a 300.00 season."""
    add_season(session, {"DLK": 30_000}, date(2027, 3, 2), date(2027, 3, 3))
    return book(
        session, check_in=date(2027, 3, 2), check_out=date(2027, 3, 4), rate_plan=plan
    ).confirmation_code


def _fee_lines(session, code):
    folio = get_folio(session, FRONT_DESK, FolioRef(confirmation_code=code))
    return [(line.category, line.amount, line.description) for line in folio.lines]


def test_a_late_cancellation_charges_the_first_nights_booked_rate(db):
    with db.unit_of_work() as s:
        hotel_row(s).currency = "EUR"
        code = _late_booking(s)
        room_type_row(s, "DLK").flex_rate_cents = 50_000  # a later change does not matter
        note = get(s, FRONT_DESK, ReservationRef(confirmation_code=code)).cancellation
        result = cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code))
        lines = _fee_lines(s, code)
    assert note.endswith("cancelling now posts a cancellation fee of €300.00 (one night).")
    assert result.fee == "300.00"
    assert "a cancellation fee of €300.00 (one night) was charged" in result.message
    assert "$" not in result.message
    assert lines == [("cancellation_fee", "300.00", "Late cancellation: one night")]


def test_a_late_cancellation_on_full_stay_terms_charges_every_booked_night(db):
    with db.unit_of_work() as s:
        plan_row(s, "FLEX").late_cancellation_fee = "full_stay"
        code = _late_booking(s)
        note = get(s, FRONT_DESK, ReservationRef(confirmation_code=code)).cancellation
        result = cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code))
        lines = _fee_lines(s, code)
    assert note.endswith("a cancellation fee of $540.00 (the whole stay).")
    assert result.fee == "540.00" and "(the whole stay) was charged" in result.message
    assert lines == [("cancellation_fee", "540.00", "Late cancellation: the whole stay")]


def test_a_plan_without_a_late_fee_cancels_free_at_any_time(db):
    with db.unit_of_work() as s:
        plan_row(s, "FLEX").late_cancellation_fee = "none"
        code = _late_booking(s)
        note = get(s, FRONT_DESK, ReservationRef(confirmation_code=code)).cancellation
        result = cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code))
        lines = _fee_lines(s, code)
    assert note == "Free cancellation at any time before arrival."
    assert result.fee == "0.00" and "free of charge" in result.message
    assert lines == []


def test_a_non_refundable_plan_keeps_what_was_paid_and_charges_nothing_more(db):
    with db.unit_of_work() as s:
        nrf = plan_row(s, "NRF")
        nrf.prepaid = False  # paid at the desk, still never refunded
        nrf.late_cancellation_fee = "full_stay"  # ignored: the plan is not refundable
        code = _late_booking(s, plan="NRF")
        record_payment(
            s, FRONT_DESK, PaymentRequest(confirmation_code=code, amount="100.00", method="cash")
        )
        result = cancel(s, FRONT_DESK, ReservationCancel(confirmation_code=code))
        folio = get_folio(s, FRONT_DESK, FolioRef(confirmation_code=code))
    assert result.fee == "0.00"
    assert "what was paid is kept and nothing is refunded" in result.message
    assert [line.kind for line in folio.lines] == ["payment"] and folio.balance == "-100.00"
