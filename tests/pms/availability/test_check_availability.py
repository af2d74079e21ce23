from datetime import timedelta

import pytest

from pms.availability.schemas import AvailabilityQuery
from pms.availability.service import check_availability
from pms.errors import Invalid
from tests.support import T, principal

GUEST = principal("guest")


def offers_by_type(result):
    return {offer.room_type: offer for offer in result.offers}


def test_quotes_every_plan_with_the_contract_prices(db):
    with db.unit_of_work() as s:
        result = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T + timedelta(days=19), check_out=T + timedelta(days=22), adults=2
            ),
        )
    offers = offers_by_type(result)
    assert set(offers) == {"STQ", "STD", "DLK", "STE"}
    dlk = {rate.rate_plan: rate for rate in offers["DLK"].rates}
    assert dlk["FLEX"].nightly == "240.00" and dlk["FLEX"].total == "720.00"
    assert dlk["NRF"].nightly == "204.00" and dlk["NRF"].total == "612.00"
    # Bed & Breakfast adds $25 per adult per night.
    assert dlk["BB"].nightly == "290.00" and dlk["BB"].total == "870.00"
    assert dlk["NRF"].prepaid and not dlk["FLEX"].prepaid
    assert "2027-03-18 15:00" in dlk["FLEX"].cancellation


def test_children_breakfast_is_free(db):
    with db.unit_of_work() as s:
        result = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T + timedelta(days=30),
                check_out=T + timedelta(days=31),
                adults=2,
                children=2,
                room_type="STD",
            ),
        )
    rates = {rate.rate_plan: rate for rate in result.offers[0].rates}
    assert rates["BB"].total == "250.00"


def test_room_types_too_small_for_the_party_are_left_out_with_a_reason(db):
    with db.unit_of_work() as s:
        result = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T + timedelta(days=5), check_out=T + timedelta(days=6), adults=3
            ),
        )
    assert set(offers_by_type(result)) == {"STD", "STE"}
    assert any("STQ" in note and "at most 2" in note for note in result.not_offered)


def test_room_type_by_name_or_code(db):
    with db.unit_of_work() as s:
        by_name = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T, check_out=T + timedelta(days=1), adults=1, room_type="harbor suite"
            ),
        )
    assert [o.room_type for o in by_name.offers] == ["STE"]


@pytest.mark.parametrize(
    ("check_in", "check_out", "message"),
    [
        (T - timedelta(days=1), T + timedelta(days=1), "in the past"),
        (T + timedelta(days=3), T + timedelta(days=3), "must be after"),
        (T, T + timedelta(days=31), "at most 30 nights"),
        (T + timedelta(days=366), T + timedelta(days=367), "365 days ahead"),
    ],
)
def test_date_rules_are_refused_with_the_rule(db, check_in, check_out, message):
    with db.unit_of_work() as s, pytest.raises(Invalid, match=message):
        check_availability(
            s, GUEST, AvailabilityQuery(check_in=check_in, check_out=check_out, adults=1)
        )


def test_unknown_room_type_lists_the_hotels_types(db):
    with db.unit_of_work() as s, pytest.raises(Invalid, match="DLK \\(Deluxe King"):
        check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T, check_out=T + timedelta(days=1), adults=1, room_type="penthouse"
            ),
        )


def test_out_of_order_room_reduces_what_is_sold(db):
    """Floor 3's room 312 (STQ) is out of order T-1 -> T+2, so STQ has one room fewer tonight."""
    with db.unit_of_work() as s:
        tonight = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T, check_out=T + timedelta(days=1), adults=1, room_type="STQ"
            ),
        )
        later = check_availability(
            s,
            GUEST,
            AvailabilityQuery(
                check_in=T + timedelta(days=2),
                check_out=T + timedelta(days=3),
                adults=1,
                room_type="STQ",
            ),
        )
    assert tonight.offers and later.offers
    # Both nights see the room type's real stock; this only holds if 312 is counted out tonight.
    assert tonight.offers[0].available_rooms <= 40 - 1


def test_alpine_has_no_breakfast_plan(db):
    with db.unit_of_work() as s:
        result = check_availability(
            s,
            principal("guest", hotel="alpine-lodge"),
            AvailabilityQuery(
                check_in=T + timedelta(days=7), check_out=T + timedelta(days=8), adults=2
            ),
        )
    fam = offers_by_type(result)["FAM"]
    assert {r.rate_plan: r.nightly for r in fam.rates} == {"FLEX": "260.00", "NRF": "221.00"}
