"""What the database forbids a hotel file to do to a hotel that already exists.

The checks a file needs only itself for are `pms.hotels.checks`'; these need the hotel's rows
(a room type still booked, a room still holding a stay), and they are all made before anything
is written, so a refused file writes nothing and lists every refusal with its place.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.hotels.file import HotelFile
from pms.models import Hotel, HousekeepingTask, RatePlan, Reservation, Room, RoomType
from pms.models.stay import HOLDING_STATUSES


def refusals(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    """What the database forbids this file to do to an existing hotel."""
    problems: list[str] = []
    has_stays = _count(session, Reservation.hotel_id == hotel.id) > 0
    if has_stays and document.code_prefix != hotel.code_prefix:
        problems.append(
            f"code_prefix: stays {hotel.code_prefix} while the hotel has reservations "
            "(their codes start with it)"
        )
    if has_stays and document.currency != hotel.currency:
        problems.append(
            f"currency: stays {hotel.currency} while the hotel has reservations "
            "(their amounts are in it)"
        )
    kept_types = {t.code for t in document.room_types}
    for room_type in session.scalars(
        select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.id)
    ):
        if room_type.code not in kept_types:
            used = _count(session, Reservation.room_type_id == room_type.id)
            if used:
                problems.append(
                    f"room_types: {room_type.code} is not in the file, but {used} "
                    f"reservation(s) refer to it; it cannot be removed"
                )
    kept_plans = {p.code for p in document.rate_plans}
    for plan in session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id)
    ):
        if plan.code not in kept_plans:
            used = _count(session, Reservation.rate_plan_id == plan.id)
            if used:
                problems.append(
                    f"rate_plans: {plan.code} is not in the file, but {used} "
                    f"reservation(s) refer to it; it cannot be removed"
                )
    problems += _room_refusals(session, hotel, document)
    problems += _import_clashes(session, hotel, document)
    return problems


def _room_refusals(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    problems: list[str] = []
    wanted = {number: entry.type for number, entry in document.room_list()}
    rooms = session.execute(
        select(Room.id, Room.number, RoomType.code)
        .join(RoomType, RoomType.id == Room.room_type_id)
        .where(Room.hotel_id == hotel.id)
    ).all()
    gone = {room_id: number for room_id, number, _ in rooms if number not in wanted}
    retyped = {
        room_id: number
        for room_id, number, code in rooms
        if number in wanted and wanted[number] != code
    }
    if gone:
        stays = _counts_by(session, Reservation.room_id, gone)
        tasks = _counts_by(session, HousekeepingTask.room_id, gone)
        for room_id, number in sorted(gone.items(), key=lambda item: item[1]):
            uses = []
            if stays.get(room_id):
                uses.append(f"{stays[room_id]} reservation(s)")
            if tasks.get(room_id):
                uses.append(f"{tasks[room_id]} housekeeping task(s)")
            if uses:
                problems.append(
                    f"rooms: {number} is not in the file, but {' and '.join(uses)} refer to "
                    "it; it cannot be removed"
                )
    if retyped:
        current = session.execute(
            select(Reservation.room_id, Reservation.code).where(
                Reservation.room_id.in_(retyped),
                Reservation.status.in_(("confirmed", "in_house")),
                Reservation.check_out > hotel.business_date,
            )
        ).all()
        for held_room, code in sorted(current, key=lambda row: row[1]):
            problems.append(
                f"rooms: {retyped[int(held_room or 0)]} cannot change type while {code} "
                "is booked into it"
            )
    return problems


def _import_clashes(session: Session, hotel: Hotel, document: HotelFile) -> list[str]:
    """Imported stays that would share a room with a stay the hotel already holds."""
    problems: list[str] = []
    known = set(
        session.scalars(
            select(Reservation.code).where(
                Reservation.hotel_id == hotel.id,
                Reservation.code.in_([r.code for r in document.reservations]),
            )
        )
    )
    for i, stay in enumerate(document.reservations):
        if stay.room is None or stay.code in known:
            continue
        clash = session.scalars(
            select(Reservation.code)
            .join(Room, Room.id == Reservation.room_id)
            .where(
                Reservation.hotel_id == hotel.id,
                Room.number == stay.room,
                Reservation.status.in_(HOLDING_STATUSES),
                Reservation.check_in < stay.check_out,
                Reservation.check_out > stay.check_in,
            )
            .limit(1)
        ).first()
        if clash is not None:
            problems.append(
                f"reservations[{i}].room: room {stay.room} is taken by {clash} on those nights"
            )
    return problems


def _count(session: Session, condition: Any) -> int:
    """Reservations matching `condition`."""
    query = select(func.count()).select_from(Reservation).where(condition)
    return int(session.scalar(query) or 0)


def _counts_by(session: Session, column: Any, ids: Iterable[int]) -> dict[int, int]:
    rows = session.execute(
        select(column, func.count()).where(column.in_(list(ids))).group_by(column)
    ).all()
    return {int(key): int(count) for key, count in rows}
