"""A hotel's profile: what the agent knows of it, read from its rows, kept for a while."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.db import Database
from pms.errors import NotFound
from pms.hotels.profile import Profiles, business_date_of, load_profile
from pms.models import Hotel, RatePlan, RoomType


def test_a_profile_carries_the_hotels_facts_room_types_and_plan_terms(db: Database) -> None:
    profile = db.run(lambda s: load_profile(s, "harbor-view"))
    assert (profile.code_prefix, profile.timezone, profile.currency) == (
        "HV",
        "America/New_York",
        "USD",
    )
    assert (profile.check_in_time, profile.check_out_time) == ("15:00", "11:00")
    assert profile.address and profile.phone
    assert [t.code for t in profile.room_types] == ["STQ", "STD", "DLK", "STE"]
    assert profile.room_type("STD") is not None and profile.room_type("STD").max_occupancy == 4  # type: ignore[union-attr]
    nrf = profile.rate_plan("NRF")
    assert nrf is not None and not nrf.refundable and nrf.prepaid
    assert str(nrf.discount_percent) == "15"
    bb = profile.rate_plan("BB")
    assert bb is not None and bb.breakfast and bb.late_cancellation_fee == "first_night"
    other = db.run(lambda s: load_profile(s, "alpine-lodge"))
    assert other.code_prefix == "AL" and [t.code for t in other.room_types] == ["DBL", "FAM"]


def test_aliases_come_from_the_rows(db: Database) -> None:
    def add_alias(session: Session) -> None:
        suite = session.scalars(select(RoomType).where(RoomType.code == "STE")).first()
        assert suite is not None
        suite.aliases = ["penthouse"]
        plan = session.scalars(select(RatePlan).where(RatePlan.code == "BB")).first()
        assert plan is not None
        plan.aliases = ["b and b"]

    db.run(add_alias)
    profile = db.run(lambda s: load_profile(s, "harbor-view"))
    assert profile.room_type("STE").aliases == ("penthouse",)  # type: ignore[union-attr]
    assert profile.rate_plan("BB").aliases == ("b and b",)  # type: ignore[union-attr]


def test_an_unknown_hotel_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound):
        db.run(lambda s: load_profile(s, "nowhere"))
    with pytest.raises(NotFound):
        db.run(lambda s: business_date_of(s, "nowhere"))


def test_the_business_date_is_read_as_it_is_now(db: Database) -> None:
    def advance(session: Session) -> None:
        hotel = session.scalars(select(Hotel).where(Hotel.slug == "harbor-view")).one()
        hotel.business_date = date(2027, 3, 2)

    assert db.run(lambda s: business_date_of(s, "harbor-view")) == date(2027, 3, 1)
    db.run(advance)
    assert db.run(lambda s: business_date_of(s, "harbor-view")) == date(2027, 3, 2)


def test_profiles_are_read_once_then_again_after_their_time(db: Database) -> None:
    """An admin's change reaches the agent within `ttl`; before that, no read per turn."""
    seconds = [0.0]
    profiles = Profiles(db, ttl=30.0, monotonic=lambda: seconds[0])
    assert profiles.get("harbor-view").check_in_time == "15:00"

    def later_check_in(session: Session) -> None:
        hotel = session.scalars(select(Hotel).where(Hotel.slug == "harbor-view")).one()
        hotel.check_in_time = "14:00"

    db.run(later_check_in)
    seconds[0] = 29.0
    assert profiles.get("harbor-view").check_in_time == "15:00"  # kept
    seconds[0] = 30.0
    assert profiles.get("harbor-view").check_in_time == "14:00"  # read again
    assert profiles.get("alpine-lodge").code_prefix == "AL"  # each hotel its own
