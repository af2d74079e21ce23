"""Taking rooms out of service and bringing them back.

A period withdraws a room for the nights start_date .. end_date - 1, like a stay. It may not
take a room from a guest, nor from a stay assigned to it, nor leave its room type with more
nights sold than rooms in service: the same inventory rule bookings follow, under the same lock.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.availability import repository as inventory
from pms.errors import Conflict, Invalid
from pms.hotels.repository import hotel_for, now_utc
from pms.models import Hotel, OutOfOrderPeriod, Room, RoomType
from pms.principal import Principal
from pms.reservations.repository import holding_room, in_house_in_room
from pms.rooms import repository
from pms.rooms.schemas import (
    OutOfOrderScheduled,
    ReturnedToService,
    ReturnRoomToService,
    SetRoomOutOfOrder,
)

MAX_OUT_OF_ORDER_NIGHTS = 365


def set_room_out_of_order(
    session: Session, actor: Principal, data: SetRoomOutOfOrder
) -> OutOfOrderScheduled:
    """Withdraw a room from sale for [start_date, end_date).

    Refused when a guest would be in the room, when a stay is assigned to it, or when the nights
    its type has already sold need every room of the type that is still in service.
    """
    authorize(actor, "set_room_out_of_order")
    hotel = hotel_for(session, actor)
    today = hotel.business_date
    start, end = data.start_date, data.end_date
    if start < today:
        raise Invalid(
            f"start_date must be on or after the business date {today.isoformat()}; "
            "past nights cannot be taken out of order."
        )
    if end <= start:
        raise Invalid(
            "end_date is the day the room returns to service and must be after start_date "
            f"({start.isoformat()}); for one night use {(start + timedelta(days=1)).isoformat()}."
        )
    if (end - start).days > MAX_OUT_OF_ORDER_NIGHTS:
        raise Invalid(f"An out-of-order period may last at most {MAX_OUT_OF_ORDER_NIGHTS} nights.")
    room = repository.by_number(session, hotel, data.room_number)
    room_type = repository.room_type_of(session, room)
    # The same lock bookings take, so no booking can slip into the last room while we count.
    inventory.lock_room_type(session, room_type)
    session.refresh(room, with_for_update=True)
    _refuse_if_guest_there(session, room, today, start, end)
    _refuse_if_already_down(session, room, start, end)
    _refuse_if_oversold(session, hotel, room, room_type, start, end)
    period = OutOfOrderPeriod(
        hotel_id=hotel.id,
        room_id=room.id,
        start_date=start,
        end_date=end,
        reason=data.reason,
        created_at=now_utc(session),
        created_by=actor.label,
    )
    session.add(period)
    session.flush()
    record(
        session,
        actor,
        hotel,
        "set_room_out_of_order",
        room.number,
        start_date=start,
        end_date=end,
        reason=data.reason,
    )
    return OutOfOrderScheduled(
        room_number=room.number,
        room_type=room_type.code,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        nights=(end - start).days,
        reason=data.reason,
    )


def return_room_to_service(
    session: Session, actor: Principal, data: ReturnRoomToService
) -> ReturnedToService:
    """End the room's downtime from the business date on; past nights stay on record."""
    authorize(actor, "return_room_to_service")
    hotel = hotel_for(session, actor)
    today = hotel.business_date
    room = repository.by_number(session, hotel, data.room_number, lock=True)
    periods = repository.periods_from(session, room, today)
    if not periods:
        raise Conflict(
            f"Room {room.number} has no out-of-order period on or after "
            f"{today.isoformat()}; it is already in service."
        )
    shortened = cancelled = 0
    for period in periods:
        if period.start_date < today:
            period.end_date = today
            shortened += 1
        else:
            session.delete(period)
            cancelled += 1
    session.flush()
    record(
        session,
        actor,
        hotel,
        "return_room_to_service",
        room.number,
        shortened=shortened,
        cancelled=cancelled,
    )
    return ReturnedToService(
        room_number=room.number,
        in_service_from=today.isoformat(),
        condition=room.condition,
        periods_shortened=shortened,
        periods_cancelled=cancelled,
    )


def _refuse_if_guest_there(
    session: Session, room: Room, today: date, start: date, end: date
) -> None:
    """An in-house guest counts until they leave: at least until tomorrow, even if overdue."""
    guest = in_house_in_room(session, room)
    if guest is not None:
        leaves = max(guest.check_out, today + timedelta(days=1))
        if start < leaves:
            raise Conflict(
                f"Room {room.number} is occupied (stay {guest.code}, departing "
                f"{guest.check_out.isoformat()}); it can be taken out of order from "
                f"{leaves.isoformat()}, after the guest has checked out."
            )
    stays = holding_room(session, room, start, end)
    if stays:
        held = ", ".join(
            f"{s.code} ({s.check_in.isoformat()} to {s.check_out.isoformat()})" for s in stays
        )
        raise Conflict(
            f"Room {room.number} is assigned to {held} during that period; move the stay to "
            "another room first, or choose dates outside it."
        )


def _refuse_if_already_down(session: Session, room: Room, start: date, end: date) -> None:
    overlapping = repository.periods_of_room(session, room, start, end)
    if overlapping:
        period = overlapping[0]
        raise Conflict(
            f"Room {room.number} is already out of order from {period.start_date.isoformat()} "
            f"to {period.end_date.isoformat()} ({period.reason}); choose dates outside that "
            "period, or return the room to service first."
        )


def _refuse_if_oversold(
    session: Session,
    hotel: Hotel,
    room: Room,
    room_type: RoomType,
    start: date,
    end: date,
) -> None:
    """Every sold night of the type must still fit in its in-service rooms without this one."""
    total = inventory.rooms_per_type(session, hotel).get(room_type.id, 0)
    sold = inventory.sold_per_night(session, hotel, start, end, room_type_id=room_type.id)
    down = inventory.out_of_order_per_night(session, hotel, start, end, room_type_id=room_type.id)
    nights = inventory.nights(start, end)
    sold_nights = sold.get(room_type.id, [0] * len(nights))
    down_nights = down.get(room_type.id, [0] * len(nights))
    short = [
        (night, sold_nights[i], total - down_nights[i] - 1)
        for i, night in enumerate(nights)
        if sold_nights[i] > total - down_nights[i] - 1
    ]
    if short:
        detail = "; ".join(
            f"{night.isoformat()}: {booked} booked, {left} rooms would remain"
            for night, booked, left in short[:5]
        )
        more = f" and {len(short) - 5} more nights" if len(short) > 5 else ""
        raise Conflict(
            f"Taking room {room.number} out of order would leave {room_type.name} "
            f"({room_type.code}) oversold ({detail}{more}). Choose other dates, or move or "
            "cancel reservations of that type first."
        )
