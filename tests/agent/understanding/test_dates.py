"""Dates and stay ranges; the business date is Monday 2027-03-01."""

from datetime import date

import pytest

from agent.understanding.dates import parse_dates
from agent.understanding.stays import parse_nights, stay_range

TODAY = date(2027, 3, 1)


def d(s: str) -> date:
    return date.fromisoformat(s)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-03-20", "2027-03-20"),
        ("on 2027-3-5", "2027-03-05"),
        ("3/20", "2027-03-20"),
        ("20/3", "2027-03-20"),
        ("3/4", "2027-03-04"),
        ("4/3/2028", "2028-04-03"),
        ("20/03/27", "2027-03-20"),
        ("March 20", "2027-03-20"),
        ("march 20, 2028", "2028-03-20"),
        ("20 March", "2027-03-20"),
        ("the 20th of March", "2027-03-20"),
        ("Mar 20th", "2027-03-20"),
        ("march twentieth", "2027-03-20"),
        ("the twentieth", "2027-03-20"),
        ("the 20th", "2027-03-20"),
        ("on the 1st", "2027-03-01"),
        ("today", "2027-03-01"),
        ("tonight", "2027-03-01"),
        ("tomorrow", "2027-03-02"),
        ("tommorow", "2027-03-02"),
        ("the day after tomorrow", "2027-03-03"),
        ("Friday", "2027-03-05"),
        ("this Friday", "2027-03-05"),
        ("next Friday", "2027-03-05"),
        ("on Monday", "2027-03-01"),
        ("next monday", "2027-03-08"),
        ("friday next week", "2027-03-12"),
        ("in 3 days", "2027-03-04"),
        ("in two weeks", "2027-03-15"),
        ("next week", "2027-03-08"),
        ("this weekend", "2027-03-06"),
        ("February 10", "2028-02-10"),
        ("Jan 5", "2028-01-05"),
        ("feb 29", "2028-02-29"),
        ("Dec 31st", "2027-12-31"),
        ("2028-02-29", "2028-02-29"),
    ],
)
def test_single_dates(text: str, expected: str) -> None:
    found = parse_dates(text, TODAY)
    assert [m.value for m in found] == [d(expected)]


@pytest.mark.parametrize(
    "text",
    [
        "$38.50",
        "38.50",
        "room 517",
        "3rd floor",
        "2 adults",
        "2027",
        "February 30",
        "2027-02-29",
        "at 15:00",
        "I'll wait a second",
        "HV1001",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_dates(text, TODAY) == []


def test_next_friday_when_today_is_friday() -> None:
    friday = date(2027, 3, 5)
    assert [m.value for m in parse_dates("next Friday", friday)] == [date(2027, 3, 12)]
    assert [m.value for m in parse_dates("this Friday", friday)] == [friday]


def test_the_nth_rolls_to_next_month_when_past() -> None:
    today = date(2027, 3, 15)
    assert [m.value for m in parse_dates("the 10th", today)] == [date(2027, 4, 10)]
    assert [m.value for m in parse_dates("the 31st", date(2027, 4, 2))] == [date(2027, 5, 31)]


def test_year_rollover_for_past_month() -> None:
    assert [m.value for m in parse_dates("March 1", date(2027, 3, 2))] == [date(2028, 3, 1)]


def test_leap_day_in_leap_year() -> None:
    assert [m.value for m in parse_dates("Feb 29", date(2028, 1, 10))] == [date(2028, 2, 29)]


@pytest.mark.parametrize(
    ("text", "check_in", "check_out", "nights"),
    [
        ("from 2027-03-20 to 2027-03-23", "2027-03-20", "2027-03-23", 3),
        ("from March 20 to 23", "2027-03-20", "2027-03-23", 3),
        ("March 20 to 23", "2027-03-20", "2027-03-23", 3),
        ("20 to 23 March", "2027-03-20", "2027-03-23", 3),
        ("20-23 March", "2027-03-20", "2027-03-23", 3),
        ("20th-23rd of March", "2027-03-20", "2027-03-23", 3),
        ("March 20 - March 23", "2027-03-20", "2027-03-23", 3),
        ("mar 20 until mar 23", "2027-03-20", "2027-03-23", 3),
        ("3/20 to 3/23", "2027-03-20", "2027-03-23", 3),
        ("arriving the 20th leaving the 23rd", "2027-03-20", "2027-03-23", 3),
        ("from the 20th to the 23rd", "2027-03-20", "2027-03-23", 3),
        ("check in Friday check out Sunday", "2027-03-05", "2027-03-07", 2),
        ("March 30 to April 2", "2027-03-30", "2027-04-02", 3),
        ("March 30 to 2", "2027-03-30", "2027-04-02", 3),
        ("30 March to 2 April", "2027-03-30", "2027-04-02", 3),
        ("December 30 to January 2", "2027-12-30", "2028-01-02", 3),
        ("Feb 27 to March 2", "2028-02-27", "2028-03-02", 4),
        ("March 20 for three nights", "2027-03-20", "2027-03-23", 3),
        ("3 nights from the 20th", "2027-03-20", "2027-03-23", 3),
        ("2 nights starting Friday", "2027-03-05", "2027-03-07", 2),
        ("tonight for a night", "2027-03-01", "2027-03-02", 1),
        ("tomorrow for a week", "2027-03-02", "2027-03-09", 7),
        ("from tomorrow until Friday", "2027-03-02", "2027-03-05", 3),
        ("leaving on the 23rd, arriving on the 20th", "2027-03-20", "2027-03-23", 3),
        ("we arrive on Friday and stay until Monday", "2027-03-05", "2027-03-08", 3),
        ("from Saturday to Friday", "2027-03-06", "2027-03-12", 6),
        ("arriving the 28th leaving the 2nd", "2027-03-28", "2027-04-02", 5),
        ("from Friday 5 March to Sunday 7 March", "2027-03-05", "2027-03-07", 2),
        ("from 4/10 through 4/12", "2027-04-10", "2027-04-12", 2),
        ("I need a room from the 10th for 2 nights", "2027-03-10", "2027-03-12", 2),
        ("Can I book 3 nights starting on 15 April?", "2027-04-15", "2027-04-18", 3),
        (
            "I'd like to check in on March 20th and check out on the 23rd",
            "2027-03-20",
            "2027-03-23",
            3,
        ),
    ],
)
def test_stay_ranges(text: str, check_in: str, check_out: str, nights: int) -> None:
    r = stay_range(text, TODAY)
    assert (r.check_in, r.check_out, r.nights) == (d(check_in), d(check_out), nights)
    assert r.complete


def test_partial_only_start() -> None:
    r = stay_range("arriving on March 20", TODAY)
    assert (r.check_in, r.check_out, r.nights) == (d("2027-03-20"), None, None)
    assert not r.complete


def test_partial_only_end() -> None:
    r = stay_range("we are leaving on the 23rd", TODAY)
    assert (r.check_in, r.check_out) == (None, d("2027-03-23"))


def test_partial_end_and_nights() -> None:
    r = stay_range("3 nights, checking out the 23rd", TODAY)
    assert (r.check_in, r.check_out, r.nights) == (d("2027-03-20"), d("2027-03-23"), 3)


def test_partial_only_nights() -> None:
    r = stay_range("for three nights please", TODAY)
    assert (r.check_in, r.check_out, r.nights) == (None, None, 3)


@pytest.mark.parametrize(
    ("text", "nights"),
    [
        ("3 nights", 3),
        ("for three nights", 3),
        ("one night", 1),
        ("a night", 1),
        ("a week", 7),
        ("2 weeks", 14),
        ("two more nights", 2),
        ("$240 per night", None),
        ("in a week", None),
        ("2 adults", None),
    ],
)
def test_nights(text: str, nights: int | None) -> None:
    assert parse_nights(text) == nights


def test_roles_from_cues() -> None:
    found = parse_dates("arriving Friday, departing Sunday", TODAY)
    assert [(m.value, m.role) for m in found] == [
        (d("2027-03-05"), "check_in"),
        (d("2027-03-07"), "check_out"),
    ]
