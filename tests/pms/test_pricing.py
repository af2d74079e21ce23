"""Night-by-night prices: the room type's rate, seasons (later wins), the plan's discount."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pms.models import RatePlan, Reservation, RoomType
from pms.pricing import (
    SeasonalRate,
    StayPrice,
    booked_night_rates,
    late_cancellation_fee_cents,
    night_rate_on,
    night_rates,
    rebooked_night_rates,
)

TWIN = RoomType(code="TWN", name="Garden Twin", max_occupancy=2, flex_rate_cents=12_000)
FLEX = RatePlan(code="FLEX", name="Flexible", discount_bp=0, breakfast_cents_per_adult=0)
SAVER = RatePlan(code="SAVE", name="Saver", discount_bp=1_000, breakfast_cents_per_adult=0)
SUMMER = SeasonalRate(1, date(2027, 6, 1), date(2027, 9, 1), frozenset(), 15_000)
WEEKENDS = SeasonalRate(2, date(2027, 6, 1), date(2027, 9, 1), frozenset({"fri", "sat"}), 18_000)


def test_a_night_outside_every_season_costs_the_room_types_rate():
    assert night_rates(TWIN, FLEX, [SUMMER], date(2027, 5, 30), date(2027, 6, 2)) == (
        12_000,
        12_000,
        15_000,
    )


def test_the_later_season_wins_and_days_of_the_week_limit_it():
    # 2027-06-03 is a Thursday: Thu summer, Fri and Sat the weekend rate, Sun summer again.
    rates = night_rates(TWIN, FLEX, [SUMMER, WEEKENDS], date(2027, 6, 3), date(2027, 6, 7))
    assert rates == (15_000, 18_000, 18_000, 15_000)


def test_the_plans_discount_applies_to_the_seasons_rate():
    assert night_rates(TWIN, SAVER, [SUMMER], date(2027, 6, 1), date(2027, 6, 2)) == (13_500,)


@given(
    st.dates(min_value=date(2027, 1, 1), max_value=date(2027, 12, 1)),
    st.integers(min_value=1, max_value=30),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=5_000),
)
def test_a_stay_costs_its_nights_and_breakfasts(start, nights, adults, breakfast):
    end = date.fromordinal(start.toordinal() + nights)
    rates = night_rates(TWIN, FLEX, [SUMMER, WEEKENDS], start, end)
    price = StayPrice(rates, breakfast * adults)
    assert len(rates) == nights
    assert price.total_cents == sum(rates) + breakfast * adults * nights
    assert all(rate in (12_000, 15_000, 18_000) for rate in rates)


def _stay(nights: int, nightly: int, rates: list[int] | None) -> Reservation:
    return Reservation(
        check_in=date(2027, 6, 1),
        check_out=date(2027, 6, 1 + nights),
        nightly_rate_cents=nightly,
        night_rates_cents=rates,
    )


def test_a_stay_sold_before_night_rates_were_kept_costs_its_one_rate_every_night():
    # The bulk seed writes JSON null for the list; a booking from before seasons, an empty list.
    assert booked_night_rates(_stay(3, 9_900, None)) == (9_900, 9_900, 9_900)
    assert booked_night_rates(_stay(2, 9_900, [])) == (9_900, 9_900)
    assert booked_night_rates(_stay(2, 9_900, [9_900, 12_000])) == (9_900, 12_000)
    assert night_rate_on(_stay(2, 9_900, [9_900, 12_000]), date(2027, 6, 2)) == 12_000
    assert night_rate_on(_stay(2, 9_900, None), date(2027, 6, 2)) == 9_900


def test_new_dates_keep_the_booked_price_of_the_nights_already_held():
    booked = (10_000, 11_000, 12_000)  # nights of June 1, 2, 3
    today = (20_000, 21_000, 22_000, 23_000)  # today's rates from June 2
    assert rebooked_night_rates(booked, date(2027, 6, 1), today, date(2027, 6, 2)) == (
        11_000,
        12_000,
        22_000,
        23_000,
    )


@given(
    st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=30),
    st.integers(min_value=-40, max_value=40),
    st.lists(st.integers(min_value=0, max_value=50_000), min_size=1, max_size=30),
)
def test_each_new_night_is_booked_or_todays_price_by_whether_it_was_held(booked, shift, today):
    booked_in = date(2027, 6, 1)
    check_in = date.fromordinal(booked_in.toordinal() + shift)
    rates = rebooked_night_rates(booked, booked_in, today, check_in)
    assert len(rates) == len(today)
    for i, rate in enumerate(rates):
        held = shift + i
        assert rate == (booked[held] if 0 <= held < len(booked) else today[i])


def _plan(fee: str) -> RatePlan:
    return RatePlan(code="FLEX", name="Flexible", late_cancellation_fee=fee)


def test_a_late_cancellation_charges_what_the_plans_terms_say():
    nights = (15_000, 18_000, 18_000)
    assert late_cancellation_fee_cents(_plan("first_night"), nights) == 15_000
    assert late_cancellation_fee_cents(_plan("full_stay"), nights) == 51_000
    assert late_cancellation_fee_cents(_plan("none"), nights) == 0
