"""The values a hotel file writes (amounts, percentages, times, dates, zones, currencies, origins).

Kept apart from the entries that use them so each rule for reading one value lives in one place
and reads on its own: every value is checked strictly, and a wrong one says how to write it
right ('not a time (put it in quotes: "14:00")'), since the reader of the error is whoever
writes the file.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Annotated, Any
from zoneinfo import available_timezones

from babel.numbers import is_currency
from pydantic import AfterValidator, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from pms.text import one_line, prose

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ROLES = ("admin", "manager", "front_desk", "housekeeping")
LATE_FEES = ("first_night", "full_stay", "none")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")


def _amount(value: Any) -> int:
    """An amount ("120.00", or a whole number) as cents."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PydanticCustomError("amount", 'not an amount (write it as a string: "120.00")')
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PydanticCustomError("amount", "not an amount") from None
    if not number.is_finite() or number != number.quantize(Decimal("0.01")):
        raise PydanticCustomError("amount", "not an amount (at most two decimals)")
    if number < 0:
        raise PydanticCustomError("amount", "not an amount (negative)")
    return int(number * 100)


def _percent(value: Any) -> int:
    """A percentage (0-100, at most two decimals) as basis points."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PydanticCustomError("percent", "not a percentage between 0 and 100")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise PydanticCustomError("percent", "not a percentage between 0 and 100") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise PydanticCustomError("percent", "not a percentage between 0 and 100")
    if number != number.quantize(Decimal("0.01")):
        raise PydanticCustomError("percent", "a percentage with at most two decimals")
    return int(number * 100)


def _time(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML reads an unquoted 14:00 as the number 840 (base 60).
        raise PydanticCustomError("time", 'not a time (put it in quotes: "14:00")')
    if not isinstance(value, str) or not _TIME.match(value.strip()):
        raise PydanticCustomError("time", 'not a time such as "15:00"')
    return value.strip()


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date", 'not a date such as "2027-06-01"')


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _timezone(value: Any) -> str:
    """An IANA name from the zone database: looked up in the list, never opened as a path (a
    long or odd name made ZoneInfo raise OSError, which no caller expects)."""
    if isinstance(value, str) and value.strip() in _zones():
        return value.strip()
    raise PydanticCustomError("timezone", 'not an IANA time zone such as "Europe/Lisbon"')


def _currency(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"[A-Z]{3}", value) and is_currency(value):
        return value
    raise PydanticCustomError("currency", 'not an ISO 4217 currency code such as "EUR"')


def _origin(value: Any) -> str:
    if isinstance(value, str) and _ORIGIN.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("origin", 'not a web origin such as "https://hotel.example"')


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("text", "not text")
    return value.strip()


Cents = Annotated[int, BeforeValidator(_amount)]
BasisPoints = Annotated[int, BeforeValidator(_percent)]
Time = Annotated[str, BeforeValidator(_time)]
Day = Annotated[date, BeforeValidator(_date)]
Text = Annotated[str, BeforeValidator(_text), AfterValidator(one_line)]
LongText = Annotated[str, BeforeValidator(_text), AfterValidator(prose)]
Code = Annotated[str, Field(pattern=r"^[A-Z0-9]{2,8}$")]
Timezone = Annotated[str, BeforeValidator(_timezone)]
Currency = Annotated[str, BeforeValidator(_currency)]
Origin = Annotated[str, BeforeValidator(_origin)]
