"""Amounts as a person reads them, in the hotel's own currency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pms.money import display, fmt, to_cents


@pytest.mark.parametrize(
    ("cents", "currency", "shown"),
    [
        (51850, "USD", "$518.50"),
        (123450, "EUR", "€1,234.50"),
        (9900, "GBP", "£99.00"),
        (18000, "CHF", "CHF 180.00"),
        (-2500, "usd", "-$25.00"),
    ],
)
def test_an_amount_is_shown_with_its_currencys_symbol(cents: int, currency: str, shown: str):
    assert display(cents, currency) == shown


@given(st.integers(min_value=1, max_value=2_000_000))
def test_what_is_shown_reads_back_as_the_same_cents(cents: int):
    assert to_cents(fmt(cents)) == cents
    assert to_cents(display(cents, "USD").replace(",", "")) == cents


def test_a_wrong_amount_is_explained_without_naming_a_currency():
    with pytest.raises(Exception, match="an amount such as 38.50"):
        to_cents("a lot")
