"""The front desk's part of a stay: assigning rooms, checking guests in and out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Conflict, Invalid, PolicyViolation, RetryTransaction
from pms.folios.repository import balance_cents
from pms.hotels.repository import hotel_for, local_now, now_utc
from pms.models import Hotel, HousekeepingTask, OutOfOrderPeriod, Reservation, Room
from pms.models.stay import HOLDING_STATUSES
from pms.money import display
from pms.pricing import booked_night_rates
from pms.principal import Principal
from pms.reservations import repository
from pms.reservations.schemas import CheckInRequest, ReservationRef, RoomAssignment, StayChange
from pms.reservations.views import view
from pms.rooms import repository as rooms

READY = ("inspected", "clean")


def _room_fits(
    session: Session, reservation: Reservation, room: Room, *, for_arrival: bool
) -> None:
    """Refuse, saying why, unless `room` can hold this stay."""
    if room.room_type_id != reservation.room_type_id:
        raise Invalid(
            f"Room {room.number} is not a {reservation.room_type.name} "
            f"({reservation.room_type.code}); change the reservation's room type first."
        )
    if repository.room_out_of_order(session, room, reservation.check_in, reservation.check_out):
        raise Conflict(f"Room {room.number} is out of order during this stay.")
    others = repository.holding_room(
        session, room, reservation.check_in, reservation.check_out, exclude_id=reservation.id
    )
    if others:
        raise Conflict(
            f"Room {room.number} is already taken by another stay "
            f"({others[0].check_in} to {others[0].check_out})."
        )
    if for_arrival:
        if repository.in_house_in_room(session, room) is not None:
            raise Conflict(f"Room {room.number} is occupied.")
        if room.condition not in READY:
            raise Conflict(
                f"Room {room.number} is {room.condition}; a guest can move in only when it is "
                "clean or inspected."
            )


def _best_ready_room(session: Session, hotel: Hotel, reservation: Reservation) -> Room:
    """Inspected before clean, lowest room number first; free for the whole stay."""
    taken = select(Reservation.room_id).where(
        Reservation.hotel_id == hotel.id,
        Reservation.room_id.is_not(None),
        Reservation.id != reservation.id,
        Reservation.status.in_(HOLDING_STATUSES),
        Reservation.check_in < reservation.check_out,
        Reservation.check_out > reservation.check_in,
    )
    occupied = select(Reservation.room_id).where(
        Reservation.hotel_id == hotel.id,
        Reservation.status == "in_house",
        Reservation.room_id.is_not(None),
    )
    down = select(OutOfOrderPeriod.room_id).where(
        OutOfOrderPeriod.hotel_id == hotel.id,
        OutOfOrderPeriod.start_date < reservation.check_out,
        OutOfOrderPeriod.end_date > reservation.check_in,
    )
    room = session.scalars(
        select(Room)
        .where(
            Room.hotel_id == hotel.id,
            Room.room_type_id == reservation.room_type_id,
            Room.condition.in_(READY),
            Room.id.not_in(taken),
            Room.id.not_in(occupied),
            Room.id.not_in(down),
        )
        .order_by((Room.condition == "inspected").desc(), func.length(Room.number), Room.number)
        .limit(1)
        # Concurrent check-ins skip a room another one is taking, instead of colliding on it.
        .with_for_update(of=Room, skip_locked=True)
    ).first()
    if room is None:
        raise Conflict(
            f"No {reservation.room_type.name} is clean and free right now; ask housekeeping to "
            "finish one, or give a room_number."
        )
    return room


def assign_room(session: Session, actor: Principal, request: RoomAssignment) -> StayChange:
    authorize(actor, "assign_room")
    hotel = hotel_for(session, actor)
    reservation = repository.by_code(session, hotel, request.confirmation_code, lock=True)
    if reservation.status != "confirmed":
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; rooms are assigned to "
            "confirmed reservations before arrival."
        )
    room = rooms.by_number(session, hotel, request.room_number, lock=True)
    _room_fits(session, reservation, room, for_arrival=False)
    reservation.room = room
    reservation.updated_at = now_utc(session)
    session.flush()
    record(session, actor, hotel, "assign_room", reservation.code, room=room.number)
    return StayChange(
        reservation=view(session, hotel, reservation, local_now(session, hotel)),
        message=f"Room {room.number} is assigned to {reservation.code}.",
    )


def check_in(session: Session, actor: Principal, request: CheckInRequest) -> StayChange:
    authorize(actor, "check_in")
    hotel = hotel_for(session, actor)
    reservation = repository.by_code(session, hotel, request.confirmation_code, lock=True)
    if reservation.status != "confirmed":
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; only confirmed "
            "reservations can check in."
        )
    if reservation.check_in != hotel.business_date:
        raise PolicyViolation(
            f"{reservation.code} arrives on {reservation.check_in}; check-in is possible only on "
            f"the arrival date (today is {hotel.business_date}). Modify the dates first."
        )
    if request.room_number or reservation.room is not None:
        room = (
            rooms.by_number(session, hotel, request.room_number, lock=True)
            if request.room_number
            else reservation.room
        )
        assert room is not None
        _room_fits(session, reservation, room, for_arrival=True)
    else:
        room = _best_ready_room(session, hotel, reservation)
        try:
            _room_fits(session, reservation, room, for_arrival=True)
        except Conflict:
            # Another check-in took this room after our query's snapshot: pick again afresh.
            raise RetryTransaction() from None
    reservation.room = room
    reservation.status = "in_house"
    reservation.updated_at = now_utc(session)
    session.flush()
    record(session, actor, hotel, "check_in", reservation.code, room=room.number)
    return StayChange(
        reservation=view(session, hotel, reservation, local_now(session, hotel)),
        message=f"{reservation.guest.name} is checked in to room {room.number}.",
    )


def check_out(session: Session, actor: Principal, request: ReservationRef) -> StayChange:
    authorize(actor, "check_out")
    hotel = hotel_for(session, actor)
    reservation = repository.by_code(session, hotel, request.confirmation_code, lock=True)
    if reservation.status != "in_house":
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; only in-house guests can "
            "check out."
        )
    balance = balance_cents(session, reservation.id)
    if balance > 0:
        raise PolicyViolation(
            f"{reservation.code} has an open balance of {display(balance, hotel.currency)}. "
            "Record a payment for it before checking out."
        )
    today = hotel.business_date
    message = f"{reservation.guest.name} is checked out."
    if reservation.check_out > today:
        # Leaving early: the stay ends today (a same-day departure still keeps its one night).
        new_check_out = max(today, reservation.check_in + timedelta(days=1))
        # The nights kept keep their booked price; the nights given up are not charged.
        kept = booked_night_rates(reservation)[: (new_check_out - reservation.check_in).days]
        reservation.check_out = new_check_out
        reservation.night_rates_cents = list(kept)
        reservation.total_cents = sum(kept) + reservation.breakfast_cents_per_night * len(kept)
        message += f" The stay was shortened to end on {new_check_out}."
    room = reservation.room
    reservation.status = "checked_out"
    reservation.updated_at = now_utc(session)
    if room is not None:
        room.condition = "dirty"
        session.add(
            HousekeepingTask(
                hotel_id=hotel.id,
                room_id=room.id,
                kind="checkout_clean",
                status="open",
                priority="normal",
                created_at=now_utc(session),
                created_by=actor.label,
            )
        )
        message += f" Room {room.number} is marked dirty and a checkout clean is open."
    session.flush()
    record(session, actor, hotel, "check_out", reservation.code)
    return StayChange(
        reservation=view(session, hotel, reservation, local_now(session, hotel)), message=message
    )
