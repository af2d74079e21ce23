"""What any hotel's guests and staff write, read whatever the hotel: ranges whose days carry
their weekdays, amounts in another currency or with no sign, a plan whose code is an ordinary
word, and a plan whose alias says it has no breakfast (issue 13: the third hotel's first
contact). The hotel is built here, named for no real one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from agent.offline.hotel import words_of
from agent.understanding.entities import find_amounts
from agent.understanding.stays import stay_range
from agent.understanding.vocabulary import best_match
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
