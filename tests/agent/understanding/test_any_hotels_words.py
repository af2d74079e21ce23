"""What any hotel's guests and staff write, read whatever the hotel: ranges whose days carry
their weekdays, amounts in another currency or with no sign, a plan whose code is an ordinary
word, and a plan whose alias says it has no breakfast (issue 13: the third hotel's first
contact). The hotel is built here, named for no real one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from agent.offline.hotel import words_of
from agent.offline.intents import recognise
from agent.offline.slots import extract
from agent.understanding.entities import find_amounts
from agent.understanding.people import find_party
from agent.understanding.requests import find_room_condition
from agent.understanding.stays import stay_range
from agent.understanding.vocabulary import best_match
from pms.hotels.profile import RoomTypeProfile
from tests.agent.quayside import PROFILE

T = date(2027, 3, 1)  # a Monday
WORDS = words_of(PROFILE)


@pytest.mark.parametrize(
    ("text", "check_in", "check_out"),
    [
        ("from Thursday 18 to Saturday 20 March", "2027-03-18", "2027-03-20"),
        ("over Easter, Friday 26th to Sunday 28th March?", "2027-03-26", "2027-03-28"),
        ("a double from the 5th to the 8th of July 2027", "2027-07-05", "2027-07-08"),
        ("the nights of Friday 2 and Saturday 3 April", "2027-04-02", "2027-04-04"),
        ("between 20 and 23 March", "2027-03-20", "2027-03-23"),
    ],
)
def test_a_range_whose_days_carry_weekdays_is_one_stay(
    text: str, check_in: str, check_out: str
) -> None:
    stay = stay_range(text, T)
    assert (str(stay.check_in), str(stay.check_out)) == (check_in, check_out)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("he still owes 110 for Sunday night's room", "110.00"),
        ("Please take a 200 deposit on his card.", "200.00"),
        ("Refund them 40 off what they've paid", "40.00"),
        ("that's GBP 30 for the parking", "30.00"),
        ("it was 45 pounds", "45.00"),
        ("paying 60 euros in cash", "60.00"),
    ],
)
def test_amounts_without_a_dollar_sign_are_money(text: str, amount: str) -> None:
    assert find_amounts(text) == [Decimal(amount)]


def test_a_plan_coded_as_an_ordinary_word_is_not_named_by_that_word() -> None:
    # "ROOM" is the code of Room Only; "a single room" does not ask for it.
    assert best_match("your non-refundable rate for a single room?", WORDS.plans) == "ADV"
    assert best_match("the ROOM rate please", WORDS.plans) == "ROOM"
    assert best_match("room only, we'll eat out", WORDS.plans) == "ROOM"


def test_a_plan_without_breakfast_is_not_the_breakfast_plan() -> None:
    # Room Only's alias "no breakfast" must not make it a match for "bed and breakfast".
    assert best_match("Bed and breakfast.", WORDS.plans) == "BB"
    assert best_match("with breakfast please", WORDS.plans) == "BB"
    assert best_match("no breakfast, thanks", WORDS.plans) == "ROOM"


def test_children_counted_by_their_ages_and_one_of_the_rooms_is_no_party() -> None:
    party = find_party("There'd be four of us: two adults and our boys, who are 6 and 9.")
    assert (party.adults, party.children) == (2, 2)
    assert find_party("swap our twin for one of the bay view rooms").adults is None


def test_rooms_waiting_to_be_cleaned_are_the_dirty_ones() -> None:
    assert find_room_condition("Which rooms are waiting to be cleaned?") == "dirty"
    assert find_room_condition("room 204 is cleaned") == "clean"


def test_a_near_spelling_of_an_ordinary_word_names_no_room() -> None:
    # "leave" is not the description's "level" ("level-access wet room").
    words = words_of(
        replace(PROFILE, room_types=(*PROFILE.room_types[:1], _twin_with_level_access()))
    )
    assert best_match("Could we leave on Tuesday the 16th instead?", words.rooms) is None


def _twin_with_level_access() -> RoomTypeProfile:
    return RoomTypeProfile(
        "TWN", "Yard Twin", ("twin",), "Two beds; a level-access wet room.", 2, 1
    )


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Water is dripping through the ceiling! I need someone up here now.", "handoff"),
        ("The radiator in 302 is banging. Can you log it for maintenance?", "create_task"),
        ("Is it possible to swap our twin for one of the doubles? Same dates.", "modify_booking"),
    ],
)
def test_requests_any_hotel_hears(text: str, intent: str) -> None:
    assert recognise(text) == intent


def test_a_swap_moves_to_the_room_type_named_last() -> None:
    slots = extract(
        "Is it possible to swap our double for a single?", T, "modify_booking", hotel=WORDS
    )
    assert slots["room_type"] == "SGL"


def test_common_words_of_a_description_name_no_room() -> None:
    # "under" and "looking" describe the room ("Under the eaves, looking out"), they don't ask for it.
    loft = RoomTypeProfile("LFT", "Eaves Loft", ("loft",), "Under the eaves, looking out.", 4, 1)
    words = words_of(replace(PROFILE, room_types=(*PROFILE.room_types, loft)))
    assert best_match("Put it under Ann Smith, ann@example.com", words.rooms) is None
    assert best_match("I won't have time to go looking for it", words.rooms) is None
