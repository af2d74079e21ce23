"""The policies the agent states come from the plan's terms, in the hotel's currency."""

from __future__ import annotations

from dataclasses import replace

from agent.hotel_terms import cancellation, facts, money, plan_choice, plan_terms
from tests.agent.profiles import demo_profile


def test_each_late_cancellation_fee_is_stated_as_the_plan_says() -> None:
    profile = demo_profile()
    flex = profile.rate_plan("FLEX")
    assert flex is not None
    assert cancellation(flex, profile) == (
        "free cancellation until 48 h before 15:00 on arrival day, then first night charged"
    )
    whole = replace(flex, late_cancellation_fee="full_stay", free_cancellation_hours=24)
    assert cancellation(whole, profile).endswith(
        "24 h before 15:00 on arrival day, then full stay charged"
    )
    assert cancellation(replace(flex, late_cancellation_fee="none"), profile) == "free cancellation"
    nrf = profile.rate_plan("NRF")
    assert nrf is not None
    assert plan_terms(nrf, profile) == "15% off, prepaid, never refunded, guests cannot change it"
    assert plan_choice(nrf, profile) == "Non-refundable (15% off, prepaid)"


def test_amounts_are_in_the_hotels_currency() -> None:
    euro = replace(demo_profile(), currency="EUR", check_in_time="14:00")
    bb = euro.rate_plan("BB")
    assert bb is not None
    assert money(123450, euro) == "€1,234.50"
    assert plan_terms(bb, euro).startswith(
        "breakfast €25.00/adult/night, free cancellation until 48 h before 14:00"
    )
    assert "Check-in from 14:00, check-out by 11:00; amounts in EUR." in facts(euro)
