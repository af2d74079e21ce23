"""Every query about rooms, their occupancy and their out-of-order periods."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pms.errors import NotFound
from pms.models import Hotel, OutOfOrderPeriod, Reservation, Room, RoomType


def by_number(session: Session, hotel: Hotel, number: str, *, lock: bool = False) -> Room:
    """The hotel's room with this number; another hotel's room is simply not found."""
    query = select(Room).where(Room.hotel_id == hotel.id, Room.number == number.strip())
    if lock:
        query = query.with_for_update()
    room = session.scalars(query).one_or_none()
    if room is None:
        raise NotFound(f"There is no room {number.strip()} at {hotel.name}.")
    return room


class RoomRow(NamedTuple):
    """What a room list shows of one room; plain columns, not ORM objects, for speed."""

    id: int
    number: str
    floor: int
    condition: str
    accessible: bool
    room_type: str


def room_rows(
    session: Session,
    hotel: Hotel,
    *,
    floor: int | None = None,
    condition: str | None = None,
    room_type_id: int | None = None,
) -> list[RoomRow]:
    """The hotel's rooms (with their type codes) matching the plain column filters."""
    query: Select[int, str, int, str, bool, str] = (
        select(Room.id, Room.number, Room.floor, Room.condition, Room.accessible, RoomType.code)
        .join(RoomType, RoomType.id == Room.room_type_id)
        .where(Room.hotel_id == hotel.id)
        .order_by(Room.floor, Room.number)
    )
    if floor is not None:
        query = query.where(Room.floor == floor)
    if condition is not None:
        query = query.where(Room.condition == condition)
    if room_type_id is not None:
        query = query.where(Room.room_type_id == room_type_id)
    return [RoomRow(*row) for row in session.execute(query)]


def occupied_room_ids(session: Session, hotel: Hotel) -> set[int]:
    """Rooms with an in-house stay: the guest is (or should still be) in the room."""
    rows = session.scalars(
        select(Reservation.room_id).where(
            Reservation.hotel_id == hotel.id,
            Reservation.status == "in_house",
            Reservation.room_id.is_not(None),
        )
    )
    return {room_id for room_id in rows if room_id is not None}


def out_of_order_on(session: Session, hotel: Hotel, night: date) -> dict[int, OutOfOrderPeriod]:
    """The period covering `night` for each room that is out of order then."""
    periods = session.scalars(
        select(OutOfOrderPeriod)
        .where(
            OutOfOrderPeriod.hotel_id == hotel.id,
            OutOfOrderPeriod.start_date <= night,
            OutOfOrderPeriod.end_date > night,
        )
        .order_by(OutOfOrderPeriod.start_date, OutOfOrderPeriod.id)
    )
    covering: dict[int, OutOfOrderPeriod] = {}
    for period in periods:
        covering.setdefault(period.room_id, period)
    return covering


def periods_of_room(
    session: Session, room: Room, start: date, end: date
) -> Sequence[OutOfOrderPeriod]:
    """The room's out-of-order periods sharing any night with [start, end)."""
    return session.scalars(
        select(OutOfOrderPeriod)
        .where(
            OutOfOrderPeriod.room_id == room.id,
            OutOfOrderPeriod.start_date < end,
            OutOfOrderPeriod.end_date > start,
        )
        .order_by(OutOfOrderPeriod.start_date)
    ).all()


def periods_from(session: Session, room: Room, day: date) -> Sequence[OutOfOrderPeriod]:
    """The room's periods that still withdraw it on `day` or any later night."""
    return session.scalars(
        select(OutOfOrderPeriod)
        .where(OutOfOrderPeriod.room_id == room.id, OutOfOrderPeriod.end_date > day)
        .order_by(OutOfOrderPeriod.start_date)
    ).all()


def room_type_of(session: Session, room: Room) -> RoomType:
    room_type = session.get(RoomType, room.room_type_id)
    if room_type is None:  # a foreign key guarantees it; this keeps the type checker honest
        raise NotFound(f"Room {room.number} has no room type.")
    return room_type
