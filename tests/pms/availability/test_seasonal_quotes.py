"""Quotes priced from the hotel's data: seasons night by night, the plan's terms, its currency."""

from datetime import date

from pms.availability.schemas import AvailabilityQuery
from pms.availability.service import check_availability
from tests.pms.reservations.helpers import add_season, hotel_row, plan_row
from tests.support import principal

GUEST = principal("guest")
# Saturday 20 to Tuesday 23 March 2027: three nights, the demo's test stay.
ARRIVE, LEAVE = date(2027, 3, 20), date(2027, 3, 23)


def quotes(session, room_type="DLK", adults=2):
    result = check_availability(
        session,
        GUEST,
        AvailabilityQuery(check_in=ARRIVE, check_out=LEAVE, adults=adults, room_type=room_type),
    )
    return {rate.rate_plan: rate for rate in result.offers[0].rates}


def test_a_season_on_one_night_shows_each_nights_price_and_totals_them(db):
    with db.unit_of_work() as s:
        add_season(s, {"DLK": 30_000}, date(2027, 3, 21), date(2027, 3, 22))
        dlk = quotes(s)
        std = quotes(s, "STD")
    flex, nrf, bb = dlk["FLEX"], dlk["NRF"], dlk["BB"]
    assert [(n.date, n.price) for n in flex.night_prices] == [
        (date(2027, 3, 20), "240.00"),
        (date(2027, 3, 21), "300.00"),
        (date(2027, 3, 22), "240.00"),
    ]
    assert (flex.nightly, flex.total) == ("240.00", "780.00")
    # The plan's discount applies to the season's rate; breakfast is added to every night.
    assert [n.price for n in nrf.night_prices] == ["204.00", "255.00", "204.00"]
    assert nrf.total == "663.00"
    assert [n.price for n in bb.night_prices] == ["290.00", "350.00", "290.00"]
    assert bb.total == "930.00"
    # A room type the season does not name is quoted as before, without the per-night list.
    assert "night_prices" not in std["FLEX"].model_dump(mode="json")
    assert std["FLEX"].total == "600.00"


def test_a_season_for_some_days_of_the_week_prices_only_those_nights(db):
    with db.unit_of_work() as s:
        add_season(s, {"DLK": 20_000}, date(2027, 3, 1), date(2027, 4, 1))
        add_season(s, {"DLK": 32_000}, date(2027, 3, 1), date(2027, 4, 1), days=["sat"])
        flex = quotes(s)["FLEX"]
    # Saturday the later (weekend) season, Sunday and Monday the earlier one.
    assert [n.price for n in flex.night_prices] == ["320.00", "200.00", "200.00"]
    assert (flex.nightly, flex.total) == ("320.00", "720.00")


def test_stays_priced_the_same_every_night_are_quoted_as_before(db):
    with db.unit_of_work() as s:
        add_season(s, {"DLK": 26_000}, date(2027, 3, 1), date(2027, 4, 1))
        flex = quotes(s)["FLEX"]
    assert (flex.nightly, flex.total, flex.night_prices) == ("260.00", "780.00", None)
    assert "night_prices" not in flex.model_dump(mode="json")


def test_cancellation_terms_name_the_fee_in_the_hotels_currency(db):
    with db.unit_of_work() as s:
        hotel_row(s).currency = "EUR"
        add_season(s, {"DLK": 30_000}, date(2027, 3, 20), date(2027, 3, 21))
        flex = quotes(s)["FLEX"]
    assert flex.cancellation == (
        "Free cancellation until 2027-03-18 15:00 hotel time; "
        "after that one night (€300.00) is charged."
    )


def test_cancellation_terms_follow_the_plans_late_fee(db):
    with db.unit_of_work() as s:
        plan_row(s, "FLEX").late_cancellation_fee = "full_stay"
        plan_row(s, "BB").late_cancellation_fee = "none"
        nrf = plan_row(s, "NRF")
        nrf.prepaid, nrf.guest_modifiable = False, True
        dlk = quotes(s)
    assert dlk["FLEX"].cancellation.endswith("after that the whole stay ($720.00) is charged.")
    assert dlk["BB"].cancellation == "Free cancellation at any time before arrival."
    assert dlk["NRF"].cancellation == "Non-refundable: nothing is refunded."
