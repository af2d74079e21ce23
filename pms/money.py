"""Money: integer cents (hundredths of the hotel's currency) inside, two-decimal strings outside.

`fmt` is the form results and tools carry ("518.50"); `display` is what a person reads, with the
currency's symbol from CLDR (Babel): "$518.50", "€518.50", "CHF 518.50".
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

from babel.numbers import get_currency_symbol

from pms.errors import Invalid

MAX_AMOUNT_CENTS = 2_000_000  # $20,000.00, the largest single folio line


def to_cents(amount: Decimal | int | float | str, *, field: str = "amount") -> int:
    """Parse a positive amount of at most $20,000.00 with at most two decimals."""
    try:
        value = Decimal(str(amount).strip().lstrip("$").replace(",", ""))
    except (InvalidOperation, ValueError):
        raise Invalid(f"{field} must be an amount such as 38.50.") from None
    if not value.is_finite():
        raise Invalid(f"{field} must be an amount such as 38.50.")
    if value != value.quantize(Decimal("0.01")):
        raise Invalid(f"{field} may have at most two decimals (cents).")
    cents = int(value * 100)
    if cents <= 0:
        raise Invalid(f"{field} must be greater than zero.")
    if cents > MAX_AMOUNT_CENTS:
        raise Invalid(f"{field} may be at most 20000.00.")
    return cents


def fmt(cents: int) -> str:
    """Cents as a two-decimal string, the form every result uses: 51850 -> '518.50'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


@cache
def symbol_of(currency: str) -> str:
    """The symbol English readers know for `currency` ("$", "€", "£", "CHF")."""
    return get_currency_symbol(currency.upper(), locale="en_US")


def display(cents: int, currency: str = "USD") -> str:
    """Cents as a person reads them in `currency`: 123450, "EUR" -> '€1,234.50'."""
    symbol = symbol_of(currency)
    space = " " if symbol[-1:].isalpha() else ""
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}{symbol}{space}{whole:,}.{part:02d}"
