"""The hotel file (docs/hotel-file.md): one YAML document that defines a hotel, as a strict model.

Parsing never guesses: unknown keys are errors, amounts are strings of at most two decimals
("120.00"), times are "HH:MM", dates ISO. Every problem is reported with its place
(`room_types[2].rate: not an amount`), all of them at once, so whoever writes the file fixes it
in one pass instead of one error per run. Checks that need only the document (codes unique,
rooms of known types, reservations of known plans) are made here; checks against what the
database already holds are made by `pms.hotels.apply`.

This module reads the file; the values it writes are `pms.hotels.fields`', its entries
`pms.hotels.entries`' and the checks across entries `pms.hotels.checks`'. Their names are
importable from here too, as they always were.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, ValidationError

from pms.errors import Invalid
from pms.hotels.checks import check
from pms.hotels.entries import (
    GuestEntry,
    RatePlanEntry,
    ReservationEntry,
    RoomEntry,
    RoomTypeEntry,
    SeasonEntry,
    StaffEntry,
    Strict,
)
from pms.hotels.fields import (
    LATE_FEES,
    ROLES,
    WEEKDAYS,
    BasisPoints,
    Cents,
    Code,
    Currency,
    Day,
    LongText,
    Origin,
    Text,
    Time,
    Timezone,
)

__all__ = [
    "LATE_FEES",
    "ROLES",
    "WEEKDAYS",
    "BasisPoints",
    "Cents",
    "Code",
    "Day",
    "GuestEntry",
    "HotelFile",
    "HotelFileInvalid",
    "LongText",
    "RatePlanEntry",
    "ReservationEntry",
    "RoomEntry",
    "RoomTypeEntry",
    "SeasonEntry",
    "StaffEntry",
    "Text",
    "Time",
    "check",
    "documents_folder",
    "load_hotel_file",
    "parse_hotel_file",
]


class HotelFileInvalid(Invalid):
    """A hotel file that cannot be applied; `errors` lists every problem with its place."""

    def __init__(self, errors: Sequence[str], source: str | None = None) -> None:
        self.errors = list(errors)
        self.source = source
        where = f"{source}: " if source else ""
        count = len(self.errors)
        head = f"{where}the hotel file has {count} error{'s' if count != 1 else ''}"
        super().__init__(head + ": " + "; ".join(self.errors))


class HotelFile(Strict):
    """One hotel as its file describes it. Amounts are cents, discounts basis points."""

    slug: Annotated[str, Field(pattern=r"^[a-z0-9-]{3,64}$")]
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    code_prefix: Annotated[str, Field(pattern=r"^[A-Z]{2,4}$")]
    timezone: Timezone
    currency: Currency = "USD"
    address: Annotated[Text, Field(max_length=200)] = ""
    phone: Annotated[Text, Field(max_length=40)] = ""
    check_in_time: Time = "15:00"
    check_out_time: Time = "11:00"
    # An extension of the spec: when `concierge serve` runs the night audit (hotel time).
    night_audit_time: Time = "03:00"
    web_origins: list[Origin] = []
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
