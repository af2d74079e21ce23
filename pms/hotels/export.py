"""A hotel written back as its hotel file (docs/hotel-file.md): apply, then export, round-trips.

The export is the hotel's definition: its settings, room types, plans, seasons, rooms (runs of
consecutive numbers of one floor and type written as a range) and active staff. It leaves out
what is data rather than definition: reservations (a file's `reservations:` section is for a
one-time move from another system), room conditions, and the `documents` folder (the documents
are in the knowledge base, not in the database). Applying the export to the same hotel changes
nothing.
"""

from __future__ import annotations

from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.hotels.apply import HOTEL_FIELDS
from pms.hotels.repository import hotel_by_slug
from pms.models import Hotel, RatePlan, Room, RoomType, Season, SeasonRate, StaffUser
from pms.money import fmt


def export_hotel(session: Session, slug: str) -> dict[str, Any]:
    """The hotel file of `slug` as plain data (amounts as strings), ready for YAML or JSON."""
    hotel = hotel_by_slug(session, slug)
    types = list(
        session.scalars(select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.id))
    )
    plans = session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id)
    )
    document: dict[str, Any] = {"slug": hotel.slug}
    for name in HOTEL_FIELDS:
        value = getattr(hotel, name)
        document[name] = list(value) if isinstance(value, list) else value
    document["room_types"] = [_room_type(t) for t in types]
    document["rate_plans"] = [_rate_plan(p) for p in plans]
    seasons = _seasons(session, hotel, {t.id: t.code for t in types})
    if seasons:
        document["seasons"] = seasons
    document["rooms"] = _rooms(session, hotel, {t.id: t.code for t in types})
    document["staff"] = [
        {"username": s.username, "name": s.full_name, "role": s.role}
        for s in session.scalars(
            select(StaffUser)
            .where(StaffUser.hotel_id == hotel.id, StaffUser.active.is_(True))
            .order_by(StaffUser.id)
        )
    ]
    return document


def export_yaml(session: Session, slug: str) -> str:
    """The hotel file of `slug` as YAML text."""
    return to_yaml(export_hotel(session, slug))


def to_yaml(document: dict[str, Any]) -> str:
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _room_type(room_type: RoomType) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": room_type.code, "name": room_type.name}
    if room_type.aliases:
        entry["aliases"] = list(room_type.aliases)
    if room_type.description:
        entry["description"] = room_type.description
    entry["max_occupancy"] = room_type.max_occupancy
    entry["rate"] = fmt(room_type.flex_rate_cents)
    return entry


def _rate_plan(plan: RatePlan) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": plan.code, "name": plan.name}
    if plan.aliases:
        entry["aliases"] = list(plan.aliases)
    if plan.description:
        entry["description"] = plan.description
    whole, part = divmod(plan.discount_bp, 100)
    entry["discount_percent"] = whole if not part else f"{whole}.{part:02d}"
    entry["breakfast_per_adult"] = fmt(plan.breakfast_cents_per_adult)
    entry["prepaid"] = plan.prepaid
    entry["refundable"] = plan.refundable
    entry["guest_modifiable"] = plan.guest_modifiable
    entry["free_cancellation_hours"] = plan.free_cancellation_hours
    entry["late_cancellation_fee"] = plan.late_cancellation_fee
    return entry


def _seasons(session: Session, hotel: Hotel, code_of: dict[int, str]) -> list[dict[str, Any]]:
    seasons = list(
        session.scalars(select(Season).where(Season.hotel_id == hotel.id).order_by(Season.position))
    )
    rates: dict[int, dict[str, str]] = {s.id: {} for s in seasons}
    if seasons:
        for season_id, type_id, cents in session.execute(
            select(SeasonRate.season_id, SeasonRate.room_type_id, SeasonRate.rate_cents)
            .where(SeasonRate.season_id.in_(rates))
            .order_by(SeasonRate.id)
        ):
            rates[season_id][code_of[type_id]] = fmt(cents)
    exported = []
    for season in seasons:
        entry: dict[str, Any] = {
            "name": season.name,
            "from": season.from_date.isoformat(),
            "until": season.until_date.isoformat(),
        }
        if season.days:
            entry["days"] = list(season.days)
        entry["rates"] = rates[season.id]
        exported.append(entry)
    return exported


def _rooms(session: Session, hotel: Hotel, code_of: dict[int, str]) -> list[dict[str, Any]]:
    """Rooms in the order they were created, consecutive numbers alike in all else as ranges."""
    runs: list[list[Room]] = []
    for room in session.scalars(select(Room).where(Room.hotel_id == hotel.id).order_by(Room.id)):
        last = runs[-1][-1] if runs else None
        if last is not None and _continues(last, room):
            runs[-1].append(room)
        else:
            runs.append([room])
    entries = []
    for run in runs:
        first = run[0]
        entry: dict[str, Any] = (
            {"number": first.number}
            if len(run) == 1
            else {"numbers": f"{first.number}-{run[-1].number}"}
        )
        entry["floor"] = first.floor
        entry["type"] = code_of[first.room_type_id]
        if first.accessible:
            entry["accessible"] = True
        entries.append(entry)
    return entries


def _continues(last: Room, room: Room) -> bool:
    """Whether `room` can join the range that ends with `last` (and expand back to the same)."""
    if not (_plain(last.number) and _plain(room.number)):
        return False
    return (
        int(room.number) == int(last.number) + 1
        and len(room.number) == len(last.number)
        and (room.floor, room.room_type_id, room.accessible)
        == (last.floor, last.room_type_id, last.accessible)
    )


def _plain(number: str) -> bool:
    """Digits without a leading zero: a number a range expands back to exactly."""
    return number.isdigit() and not number.startswith("0")
