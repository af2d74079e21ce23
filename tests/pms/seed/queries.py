"""Reading a seeded database back, for the seed tests (plain queries, no services)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import Base, Hotel, OutOfOrderPeriod, Reservation, Room, RoomType
from pms.models.stay import HOLDING_STATUSES


def hotel(session: Session, slug: str) -> Hotel:
    return session.scalars(select(Hotel).where(Hotel.slug == slug)).one()


def reservations(session: Session, slug: str) -> list[Reservation]:
    return list(
        session.scalars(
            select(Reservation)
            .where(Reservation.hotel_id == hotel(session, slug).id)
            .order_by(Reservation.id)
        ).unique()
    )


def rooms(session: Session, slug: str) -> dict[str, Room]:
    found = session.scalars(select(Room).where(Room.hotel_id == hotel(session, slug).id))
    return {room.number: room for room in found}


def room_type_codes(session: Session, slug: str) -> dict[int, str]:
    found = session.scalars(select(RoomType).where(RoomType.hotel_id == hotel(session, slug).id))
    return {room_type.id: room_type.code for room_type in found}


def held_per_night(session: Session, slug: str, start: date, end: date) -> dict[str, list[int]]:
    """Rooms of each type taken on each night of [start, end): holding stays and broken rooms."""
    codes = room_type_codes(session, slug)
    nights = (end - start).days
    held = {code: [0] * nights for code in codes.values()}

    def spread(code: str, first: date, last: date) -> None:
        for i in range(max((first - start).days, 0), min((last - start).days, nights)):
            held[code][i] += 1

    for stay in reservations(session, slug):
        if stay.status in HOLDING_STATUSES:
            spread(codes[stay.room_type_id], stay.check_in, stay.check_out)
    by_id = {room.id: room for room in rooms(session, slug).values()}
    for period in session.scalars(
        select(OutOfOrderPeriod).where(OutOfOrderPeriod.hotel_id == hotel(session, slug).id)
    ):
        spread(codes[by_id[period.room_id].room_type_id], period.start_date, period.end_date)
    return held


def double_bookings(stays: list[Reservation]) -> list[tuple[str, str]]:
    """Pairs of holding stays that share a room on some night."""
    by_room: dict[int, list[Reservation]] = defaultdict(list)
    for stay in stays:
        if stay.room_id is not None and stay.status in HOLDING_STATUSES:
            by_room[stay.room_id].append(stay)
    clashes = []
    for in_room in by_room.values():
        in_room.sort(key=lambda s: s.check_in)
        for before, after in pairwise(in_room):
            if after.check_in < before.check_out:
                clashes.append((before.code, after.code))
    return clashes


def nights(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days)]


def dump(session: Session) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in id order: what "two seeds are identical" compares."""
    return {
        table.name: [tuple(row) for row in session.execute(select(table).order_by(table.c.id))]
        for table in Base.metadata.sorted_tables
    }
