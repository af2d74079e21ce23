"""Rooms: what state each is in and who may change its condition.

Condition (dirty, clean, inspected), occupancy (an in-house stay) and out-of-order periods are
three separate facts about a room; each function changes exactly one of them. Out-of-order
periods live in `pms.rooms.out_of_order` and are re-exported here, so every room tool's service
is `pms.rooms.service.<tool name>`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.availability import repository as inventory
from pms.errors import Invalid, NotPermitted
from pms.hotels.repository import hotel_for
from pms.models import Hotel, OutOfOrderPeriod, RoomType
from pms.principal import Principal, Role
from pms.rooms import repository
from pms.rooms.out_of_order import return_room_to_service, set_room_out_of_order
from pms.rooms.schemas import (
    OutOfOrderSpan,
    RoomConditionChange,
    RoomList,
    RoomQuery,
    RoomSummary,
    SetRoomCondition,
)

__all__ = [
    "list_rooms",
    "return_room_to_service",
    "set_room_condition",
    "set_room_out_of_order",
]

# Marking a room inspected is the supervisor's sign-off, so attendants and reception cannot.
CONDITIONS_BY_ROLE: dict[Role, tuple[str, ...]] = {
    Role.HOUSEKEEPING: ("dirty", "clean"),
    Role.FRONT_DESK: ("dirty", "clean"),
    Role.MANAGER: ("dirty", "clean", "inspected"),
    Role.ADMIN: ("dirty", "clean", "inspected"),
}


def list_rooms(session: Session, actor: Principal, query: RoomQuery) -> RoomList:
    """Rooms with their condition, occupancy and downtime on the business date.

    Deliberately names no guest: housekeeping uses it too.
    """
    authorize(actor, "list_rooms")
    hotel = hotel_for(session, actor)
    today = hotel.business_date
    room_type_id = _room_type(session, hotel, query.room_type).id if query.room_type else None
    rooms = repository.room_rows(
        session, hotel, floor=query.floor, condition=query.condition, room_type_id=room_type_id
    )
    occupied = repository.occupied_room_ids(session, hotel)
    down = repository.out_of_order_on(session, hotel, today)
    summaries = [
        _summary(room, room.id in occupied, down.get(room.id))
        for room in rooms
        if (query.occupied is None or (room.id in occupied) == query.occupied)
        and (query.out_of_order is None or (room.id in down) == query.out_of_order)
    ]
    return RoomList(business_date=today.isoformat(), count=len(summaries), rooms=summaries)


def set_room_condition(
    session: Session, actor: Principal, data: SetRoomCondition
) -> RoomConditionChange:
    authorize(actor, "set_room_condition")
    allowed = CONDITIONS_BY_ROLE.get(actor.role, ())
    if data.condition not in allowed:
        raise NotPermitted(
            f"The {actor.role.value} role may set a room only {' or '.join(allowed)}; "
            f"marking it {data.condition} needs a manager or admin."
        )
    hotel = hotel_for(session, actor)
    room = repository.by_number(session, hotel, data.room_number, lock=True)
    previous = room.condition
    if previous != data.condition:
        room.condition = data.condition
        session.flush()
        record(
            session,
            actor,
            hotel,
            "set_room_condition",
            room.number,
            previous=previous,
            condition=data.condition,
        )
    return RoomConditionChange(
        room_number=room.number, previous_condition=previous, condition=room.condition
    )


def _room_type(session: Session, hotel: Hotel, code: str) -> RoomType:
    room_type = inventory.room_type_by_code(session, hotel, code)
    if room_type is None:
        codes = ", ".join(t.code for t in inventory.room_types(session, hotel))
        raise Invalid(f"There is no room type '{code}' at {hotel.name}; use one of: {codes}.")
    return room_type


def _summary(
    room: repository.RoomRow, occupied: bool, period: OutOfOrderPeriod | None
) -> RoomSummary:
    return RoomSummary(
        number=room.number,
        floor=room.floor,
        room_type=room.room_type,
        condition=room.condition,
        occupied=occupied,
        out_of_order=period is not None,
        out_of_order_period=_span(period) if period is not None else None,
        accessible=room.accessible,
    )


def _span(period: OutOfOrderPeriod) -> OutOfOrderSpan:
    return OutOfOrderSpan(
        start_date=period.start_date.isoformat(),
        end_date=period.end_date.isoformat(),
        reason=period.reason,
    )
