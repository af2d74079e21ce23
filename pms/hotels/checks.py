"""The checks a hotel file needs only itself for: duplicates, and references to nothing.

Apart from the models because they look across entries (a room of a type the file does not
define, a stay in a room another stay holds that night), which no single field validator can;
the checks against what the database holds are `pms.hotels.refusals`'.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from pms.hotels.entries import ROOM_RANGE, ReservationEntry

if TYPE_CHECKING:
    from pms.hotels.file import HotelFile


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
            match = ROOM_RANGE.match(room.numbers)
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
