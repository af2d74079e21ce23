"""Normalisation: number words, misspellings, money and clock times."""

import pytest

from agent.understanding.normalise import fold, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Two adults and one child", "2 adults and 1 child"),
        ("twenty five nights", "25 nights"),
        ("twenty-five nights", "25 nights"),
        ("a night", "1 night"),
        ("an adult and a child", "1 adult and 1 child"),
        ("three hundred and twelve", "312"),
        ("five hundred seventeen", "517"),
        ("the twentieth of March", "the 20th of march"),
        ("twenty-first", "21st"),
        ("the thirty first", "the 31st"),
        ("the second floor", "the 2nd floor"),
        ("March second", "march 2nd"),
        ("wait a second", "wait a second"),
        ("this one is fine", "this one is fine"),
        ("no one told me", "no one told me"),
        ("a couple of nights", "2 nights"),
        ("Reservaton for tommorow", "reservation for tomorrow"),
        ("I want to cancell", "i want to cancel"),
        ("did you recieve it", "did you receive it"),
        ("breakfest included", "breakfast included"),
        ("checkin on friday", "check in on friday"),
        ("MARCH 20TH", "march 20th"),
    ],
)
def test_numbers_and_spelling(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$38.50", "$38.50"),
        ("$ 38.50", "$38.50"),
        ("$1,000", "$1000"),
        ("38 dollars 50", "$38.50"),
        ("38 dollars and 50 cents", "$38.50"),
        ("USD 20", "$20"),
        ("20 usd", "$20"),
        ("120 bucks", "$120"),
        ("forty dollars", "$40"),
        ("one hundred twenty dollars", "$120"),
        ("38.50 dollars", "$38.50"),
        ("\u20ac15", "$15"),
        ("50 cents", "$0.50"),
    ],
)
def test_money(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3pm", "15:00"),
        ("3 pm", "15:00"),
        ("3:30 p.m.", "15:30"),
        ("11am", "11:00"),
        ("12 am", "0:00"),
        ("12pm", "12:00"),
        ("noon", "12:00"),
        ("midnight", "0:00"),
        ("at 14:00", "at 14:00"),
    ],
)
def test_times(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_original_kept() -> None:
    n = normalise("My name is John Carter, JOHN@Example.com")
    assert n.original == "My name is John Carter, JOHN@Example.com"
    assert n.text == "my name is john carter, john@example.com"


def test_fold_quotes_dashes_accents() -> None:
    assert (
        fold("I\u2019m \u201cJos\u00e9\u201d \u2014 20\u201323  March")
        == 'i\'m "jose" - 20-23 march'
    )
