"""The hotel file (docs/hotel-file.md): one YAML document that defines a hotel, as a strict model.

Parsing never guesses: unknown keys are errors, amounts are strings of at most two decimals
("120.00"), times are "HH:MM", dates ISO. Every problem is reported with its place
(`room_types[2].rate: not an amount`), all of them at once, so whoever writes the file fixes it
in one pass instead of one error per run. Checks that need only the document (codes unique,
rooms of known types, reservations of known plans) are made here; checks against what the
database already holds are made by `pms.hotels.apply`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

import yaml
from babel.numbers import is_currency
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from pms.errors import Invalid
from pms.text import one_line, prose

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ROLES = ("admin", "manager", "front_desk", "housekeeping")
LATE_FEES = ("first_night", "full_stay", "none")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:\d{1,5})?$")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


class HotelFileInvalid(Invalid):
    """A hotel file that cannot be applied; `errors` lists every problem with its place."""

    def __init__(self, errors: Sequence[str], source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        where = f"{source}: " if source else ""
        count = len(self.errors)
        head = f"{where}the hotel file has {count} error{'s' if count != 1 else ''}"
        super().__init__(head + ": " + "; ".join(self.errors))


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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class RoomTypeEntry(_Strict):
    code: Code
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    aliases: list[Annotated[Text, Field(min_length=1, max_length=80)]] = []
    description: Annotated[LongText, Field(max_length=2000)] = ""
    max_occupancy: Annotated[StrictInt, Field(ge=1, le=20)]
    rate: Cents


class RatePlanEntry(_Strict):
    code: Code
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    aliases: list[Annotated[Text, Field(min_length=1, max_length=80)]] = []
    # An extension of the spec: the plan's terms in the hotel's words, shown to guests.
    description: Annotated[LongText, Field(max_length=2000)] = ""
    discount_percent: BasisPoints = 0
    breakfast_per_adult: Cents = 0
    prepaid: StrictBool = False
    refundable: StrictBool = True
    guest_modifiable: StrictBool = True
    free_cancellation_hours: Annotated[StrictInt, Field(ge=0, le=8760)] = 48
    late_cancellation_fee: Literal["first_night", "full_stay", "none"] = "first_night"


class SeasonEntry(_Strict):
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    from_date: Day = Field(alias="from")
    until_date: Day = Field(alias="until")
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = []
    rates: dict[str, Cents]


class RoomEntry(_Strict):
    number: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,8}$")] | None = None
    numbers: str | None = None
    floor: StrictInt
    type: str
    accessible: StrictBool = False

    def expand(self) -> list[str]:
        """The room numbers this entry stands for ("102-112": 102, 103, ..., 112)."""
        if self.number is not None:
            return [self.number]
        match = _RANGE.match(self.numbers or "")
        assert match is not None  # checked by `check`
        first, last = match.group(1), match.group(2)
        width = len(first) if first.startswith("0") else 0
        return [str(n).zfill(width) for n in range(int(first), int(last) + 1)]


class StaffEntry(_Strict):
    username: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")]
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    role: Literal["admin", "manager", "front_desk", "housekeeping"]


class GuestEntry(_Strict):
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
    phone: Annotated[Text, Field(max_length=40)] | None = None


class ReservationEntry(_Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2,4}\d{1,12}$")]
    guest: GuestEntry
    room_type: str
    rate_plan: str
    check_in: Day
    check_out: Day
    adults: Annotated[StrictInt, Field(ge=1, le=20)]
    children: Annotated[StrictInt, Field(ge=0, le=20)] = 0
    status: Literal["confirmed", "in_house"] = "confirmed"
    room: str | None = None
    special_requests: Annotated[LongText, Field(max_length=1000)] = ""


class HotelFile(_Strict):
    """One hotel as its file describes it. Amounts are cents, discounts basis points."""

    slug: Annotated[str, Field(pattern=r"^[a-z0-9-]{3,64}$")]
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    code_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,4}$")]
    timezone: Annotated[str, BeforeValidator(_timezone)]
    currency: Annotated[str, BeforeValidator(_currency)] = "USD"
    address: Annotated[Text, Field(max_length=200)] = ""
    phone: Annotated[Text, Field(max_length=40)] = ""
    check_in_time: Time = "15:00"
    check_out_time: Time = "11:00"
    # An extension of the spec: when `concierge serve` runs the night audit (hotel time).
    night_audit_time: Time = "03:00"
    web_origins: list[Annotated[str, BeforeValidator(_origin)]] = []
    documents: Text | None = None
    room_types: Annotated[list[RoomTypeEntry], Field(min_length=1)]
    rate_plans: Annotated[list[RatePlanEntry], Field(min_length=1)]
    seasons: list[SeasonEntry] = []
    rooms: list[RoomEntry] = []
    staff: list[StaffEntry] = []
    reservations: list[ReservationEntry] = []

    def room_list(self) -> Iterator[tuple[str, RoomEntry]]:
        """Every room number with the entry that defines it, in file order."""
        for entry in self.rooms:
            for number in entry.expand():
                yield number, entry


def parse_hotel_file(data: Any, source: str | None = None) -> HotelFile:
    """The document as a `HotelFile`, or HotelFileInvalid listing every error with its place."""
    if not isinstance(data, dict):
        raise HotelFileInvalid(["the file must be a mapping of keys (slug, name, ...)"], source)
    try:
        document = HotelFile.model_validate(data)
    except ValidationError as error:
        raise HotelFileInvalid([_describe(e) for e in error.errors()], source) from None
    problems = check(document)
    if problems:
        raise HotelFileInvalid(problems, source)
    return document


def load_hotel_file(path: str | Path) -> HotelFile:
    """Read and check a YAML hotel file; its `documents` folder must exist beside it."""
    path = Path(path)
    try:
        # libyaml's loader when PyYAML has it: five times faster on a hotel of 1,000 rooms.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except OSError as error:
        raise HotelFileInvalid([f"cannot read the file ({error.strerror})"], str(path)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise HotelFileInvalid([f"{where}{problem}"], str(path)) from None
    document = parse_hotel_file(data, str(path))
    folder = documents_folder(path, document)
    if folder is not None and not folder.is_dir():
        raise HotelFileInvalid(
            [f"documents: no folder {document.documents} beside the file"], str(path)
        )
    return document


def documents_folder(path: str | Path, document: HotelFile) -> Path | None:
    """The folder of the hotel's documents, relative to its file (None when there is none)."""
    if not document.documents:
        return None
    return (Path(path).parent / document.documents).resolve()


def check(document: HotelFile) -> list[str]:
    """Problems the document has on its own: duplicates and references to nothing."""
    problems: list[str] = []
    types = _unique(problems, "room_types", [t.code for t in document.room_types], "code")
    plans = _unique(problems, "rate_plans", [p.code for p in document.rate_plans], "code")
    for i, season in enumerate(document.seasons):
        place = f"seasons[{i}]"
        if season.until_date <= season.from_date:
            problems.append(f"{place}.until: must be after from ({season.from_date})")
        if not season.rates:
            problems.append(f"{place}.rates: names no room type")
        for code in season.rates:
            if code not in types:
                problems.append(f"{place}.rates.{code}: no room type {code}")
        if len(set(season.days)) != len(season.days):
            problems.append(f"{place}.days: a day is named twice")
    seen: dict[str, str] = {}
    for i, room in enumerate(document.rooms):
        place = f"rooms[{i}]"
        if (room.number is None) == (room.numbers is None):
            problems.append(f"{place}: give either number or numbers")
            continue
        if room.numbers is not None:
            match = _RANGE.match(room.numbers)
            if match is None or int(match.group(1)) > int(match.group(2)):
                problems.append(f'{place}.numbers: not a range such as "102-112"')
                continue
            if int(match.group(2)) - int(match.group(1)) >= 10_000:
                problems.append(f"{place}.numbers: more than 10,000 rooms in one range")
                continue
        if room.type not in types:
            problems.append(f"{place}.type: no room type {room.type}")
        for number in room.expand():
            if len(number) > 8:
                problems.append(f"{place}: room number {number} is longer than 8 characters")
            elif number in seen:
                problems.append(f"{place}: room {number} is already defined at {seen[number]}")
            else:
                seen[number] = place
    _unique(problems, "staff", [s.username for s in document.staff], "username")
    _unique(problems, "reservations", [r.code for r in document.reservations], "code")
    occupancy = {t.code: t.max_occupancy for t in document.room_types}
    room_types = {number: entry.type for number, entry in document.room_list()}
    for i, stay in enumerate(document.reservations):
        place = f"reservations[{i}]"
        if (
            not stay.code.startswith(document.code_prefix)
            or not stay.code[len(document.code_prefix) :].isdigit()
        ):
            problems.append(
                f"{place}.code: {stay.code} is not {document.code_prefix} followed by digits"
            )
        if stay.room_type not in types:
            problems.append(f"{place}.room_type: no room type {stay.room_type}")
        if stay.rate_plan not in plans:
            problems.append(f"{place}.rate_plan: no rate plan {stay.rate_plan}")
        if stay.check_out <= stay.check_in:
            problems.append(f"{place}.check_out: must be after check_in ({stay.check_in})")
        if stay.room_type in occupancy and stay.adults + stay.children > occupancy[stay.room_type]:
            problems.append(
                f"{place}: {stay.adults + stay.children} guests is more than {stay.room_type} "
                f"takes ({occupancy[stay.room_type]})"
            )
        if stay.status == "in_house" and stay.room is None:
            problems.append(f"{place}.room: an in_house stay needs a room")
        if stay.room is not None:
            if stay.room not in room_types:
                problems.append(f"{place}.room: no room {stay.room}")
            elif stay.room_type in types and room_types[stay.room] != stay.room_type:
                problems.append(
                    f"{place}.room: room {stay.room} is {room_types[stay.room]}, "
                    f"not {stay.room_type}"
                )
    problems += _room_clashes(document)
    return problems


def _room_clashes(document: HotelFile) -> list[str]:
    """Two imported stays in one room on the same night."""
    problems = []
    by_room: dict[str, list[tuple[int, ReservationEntry]]] = {}
    for i, stay in enumerate(document.reservations):
        if stay.room is not None and stay.check_out > stay.check_in:
            by_room.setdefault(stay.room, []).append((i, stay))
    for room, stays in by_room.items():
        stays.sort(key=lambda item: item[1].check_in)
        for (_, before), (i, after) in pairwise(stays):
            if after.check_in < before.check_out:
                problems.append(
                    f"reservations[{i}].room: room {room} is taken by {before.code} "
                    f"until {before.check_out}"
                )
    return problems


def _unique(problems: list[str], section: str, values: list[str], key: str) -> set[str]:
    first: dict[str, int] = {}
    for i, value in enumerate(values):
        if value in first:
            problems.append(
                f"{section}[{i}].{key}: {value} is already at {section}[{first[value]}]"
            )
        else:
            first[value] = i
    return set(values)


def _describe(error: Any) -> str:
    """One pydantic error as `place: problem`."""
    place = _place(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        message = "unknown key"
    elif kind == "missing":
        message = "required"
    elif kind == "string_pattern_mismatch":
        message = f"not valid ({_PATTERN_HINTS.get(str(error['loc'][-1]), 'wrong form')})"
    elif kind == "literal_error":
        message = "not one of " + str(error.get("ctx", {}).get("expected", ""))
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
        message = message[:1].lower() + message[1:]
    return f"{place}: {message}" if place else message


_PATTERN_HINTS = {
    "slug": "3-64 of a-z, 0-9 and -",
    "code_prefix": "2-4 capital letters",
    "code": "2-8 capitals or digits",
    "username": "lower-case letters, digits, dots, dashes",
    "email": "an email address",
    "number": "up to 8 letters or digits",
}


def _place(loc: Sequence[str | int]) -> str:
    place = ""
    for part in loc:
        if isinstance(part, int):
            place += f"[{part}]"
        else:
            place += f".{part}" if place else str(part)
    return place
