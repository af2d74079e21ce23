"""Night-by-night prices: the room type's rate, seasons (later wins), the plan's discount."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pms.models import RatePlan, RoomType
from pms.pricing import SeasonalRate, StayPrice, night_rates

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
