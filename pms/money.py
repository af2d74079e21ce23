"""Money: integer cents inside, two-decimal strings outside."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from pms.errors import Invalid

MAX_AMOUNT_CENTS = 2_000_000  # $20,000.00, the largest single folio line


def to_cents(amount: Decimal | int | float | str, *, field: str = "amount") -> int:
    """Parse a positive amount of at most $20,000.00 with at most two decimals."""
    try:
        value = Decimal(str(amount).strip().lstrip("$").replace(",", ""))
    except (InvalidOperation, ValueError):
        raise Invalid(f"{field} must be a number of dollars such as 38.50.") from None
    if not value.is_finite():
        raise Invalid(f"{field} must be a number of dollars such as 38.50.")
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
