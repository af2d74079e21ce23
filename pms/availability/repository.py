"""Inventory queries: rooms per type, rooms out of order and stays holding each night."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.db import is_postgresql
from pms.models import Hotel, OutOfOrderPeriod, RatePlan, Reservation, Room, RoomType

# Statuses whose nights still count against a room type's inventory. A checked-out stay's
# nights are all in the past, so it never matters for a sellable night.
SELLING_STATUSES = ("confirmed", "in_house")
# The longest stay the services accept (pms.availability.service.MAX_NIGHTS).
MAX_STAY_NIGHTS = 30

PerNight = dict[int, list[int]]  # room type id -> count for each night of the range


def room_types(session: Session, hotel: Hotel) -> list[RoomType]:
    return list(
        session.scalars(
            select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.flex_rate_cents)
        )
    )


def room_type_by_code(session: Session, hotel: Hotel, code: str) -> RoomType | None:
    return session.scalars(
        select(RoomType).where(RoomType.hotel_id == hotel.id, RoomType.code == code.upper())
    ).one_or_none()


def rate_plans(session: Session, hotel: Hotel) -> list[RatePlan]:
    return list(
        session.scalars(select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id))
    )


def rate_plan_by_code(session: Session, hotel: Hotel, code: str) -> RatePlan | None:
    return session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == hotel.id, RatePlan.code == code.upper())
    ).one_or_none()


def lock_room_type(session: Session, room_type: RoomType) -> None:
    """Serialise every change to one room type's inventory (PostgreSQL row lock).

    Bookings, modifications and out-of-order periods all take this lock before counting, so two
    transactions can never both see the last room as free. SQLite already runs one writer at a
    time.
    """
    if is_postgresql(session):
        session.execute(select(RoomType.id).where(RoomType.id == room_type.id).with_for_update())


def rooms_per_type(session: Session, hotel: Hotel) -> dict[int, int]:
    rows = session.execute(
        select(Room.room_type_id, func.count())
        .where(Room.hotel_id == hotel.id)
        .group_by(Room.room_type_id)
    )
    return {type_id: count for type_id, count in rows}


def _night_index(start: date, end: date) -> int:
    return (end - start).days


def _spread(
    rows: list[tuple[int, date, date]], start: date, end: date, counts: PerNight
) -> PerNight:
    """Add each [first, last) date span of each row to the per-night counts of its type."""
    nights = _night_index(start, end)
    for type_id, first, last in rows:
        per_night = counts.setdefault(type_id, [0] * nights)
        lo = max(_night_index(start, first), 0)
        hi = min(_night_index(start, last), nights)
        for i in range(lo, hi):
            per_night[i] += 1
    return counts


def sold_per_night(
    session: Session,
    hotel: Hotel,
    start: date,
    end: date,
    *,
    room_type_id: int | None = None,
    exclude_reservation_id: int | None = None,
) -> PerNight:
    query = select(Reservation.room_type_id, Reservation.check_in, Reservation.check_out).where(
        Reservation.hotel_id == hotel.id,
        Reservation.status.in_(SELLING_STATUSES),
        Reservation.check_out > start,
        Reservation.check_in < end,
        # No stay is longer than MAX_STAY_NIGHTS, so this bounds the index range from below.
        Reservation.check_in >= start - timedelta(days=MAX_STAY_NIGHTS),
    )
    if room_type_id is not None:
        query = query.where(Reservation.room_type_id == room_type_id)
    if exclude_reservation_id is not None:
        query = query.where(Reservation.id != exclude_reservation_id)
    rows = [(t, a, b) for t, a, b in session.execute(query)]
    return _spread(rows, start, end, {})


def out_of_order_per_night(
    session: Session, hotel: Hotel, start: date, end: date, *, room_type_id: int | None = None
) -> PerNight:
    query = (
        select(Room.room_type_id, OutOfOrderPeriod.start_date, OutOfOrderPeriod.end_date)
        .join(Room, Room.id == OutOfOrderPeriod.room_id)
        .where(
            OutOfOrderPeriod.hotel_id == hotel.id,
            OutOfOrderPeriod.end_date > start,
            OutOfOrderPeriod.start_date < end,
        )
    )
    if room_type_id is not None:
        query = query.where(Room.room_type_id == room_type_id)
    rows = [(t, a, b) for t, a, b in session.execute(query)]
    return _spread(rows, start, end, {})


def free_per_night(
    session: Session,
    hotel: Hotel,
    start: date,
    end: date,
    *,
    room_type_id: int | None = None,
    exclude_reservation_id: int | None = None,
) -> PerNight:
    """Rooms of each type still sellable on each night of [start, end)."""
    nights = _night_index(start, end)
    totals = rooms_per_type(session, hotel)
    sold = sold_per_night(
        session,
        hotel,
        start,
        end,
        room_type_id=room_type_id,
        exclude_reservation_id=exclude_reservation_id,
    )
    down = out_of_order_per_night(session, hotel, start, end, room_type_id=room_type_id)
    free: PerNight = defaultdict(list)
    for type_id, total in totals.items():
        if room_type_id is not None and type_id != room_type_id:
            continue
        sold_nights = sold.get(type_id, [0] * nights)
        down_nights = down.get(type_id, [0] * nights)
        free[type_id] = [total - sold_nights[i] - down_nights[i] for i in range(nights)]
    return dict(free)


def nights(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(_night_index(start, end))]
