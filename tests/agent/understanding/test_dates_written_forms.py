"""Date forms met in guests' and staff's own words: European, British, nights named as nights."""

from datetime import date

import pytest

from agent.understanding.stays import stay_range

TODAY = date(2027, 3, 1)  # a Monday


@pytest.mark.parametrize(
    ("text", "check_in", "check_out"),
    [
        ("one double room from 15.03. to 18.03., only for me", "2027-03-15", "2027-03-18"),
        (
            "arriving Tuesday 16 March and departing on Thursday 18 March",
            "2027-03-16",
            "2027-03-18",
        ),
        ("from Friday the 12th to Sunday the 14th", "2027-03-12", "2027-03-14"),
        ("Easter weekend - Friday the 26th until Sunday the 28th", "2027-03-26", "2027-03-28"),
        (
            "I want to book a standard queen, March 14 to March 16, one adult",
            "2027-03-14",
            "2027-03-16",
        ),
        ("April 11th to the 13th", "2027-04-11", "2027-04-13"),
        ("for tonight and tomorrow night", "2027-03-01", "2027-03-03"),
        ("they need the family room for tonight and tomorrow", "2027-03-01", "2027-03-03"),
        ("is the suite free tomorrow night?", "2027-03-02", "2027-03-03"),
        ("a queen room for tonight only", "2027-03-01", "2027-03-02"),
        ("four nights, starting a week from today", "2027-03-08", "2027-03-12"),
        ("for a fortnight, arriving the 12th", "2027-03-12", "2027-03-26"),
        ("this Friday, March 5th, and stay two nights", "2027-03-05", "2027-03-07"),
        ("the week of March 20th - arrive the 20th, five nights", "2027-03-20", "2027-03-25"),
    ],
)
def test_stay_ranges_as_people_write_them(text: str, check_in: str, check_out: str) -> None:
    stay = stay_range(text, TODAY)
    assert (stay.check_in.isoformat() if stay.check_in else None) == check_in
    assert (stay.check_out.isoformat() if stay.check_out else None) == check_out


def test_friday_week_is_the_friday_after_next() -> None:
    assert stay_range("arriving Friday week for three nights", TODAY).check_in == date(2027, 3, 12)


def test_an_ordinal_that_is_not_a_day_makes_no_date() -> None:
    assert stay_range("And a second one, same dates, same rate", TODAY).check_in is None


def test_a_cue_word_far_from_the_date_does_not_give_it_a_role() -> None:
    # "to" in "want to book" must not make March 14 the departure.
    stay = stay_range("I want to book a standard queen, March 14 to March 16", TODAY)
    assert stay.nights == 2
