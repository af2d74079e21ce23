"""Availability and reservations."""

from __future__ import annotations

from pydantic import BaseModel

from pms.availability import service as availability
from pms.availability.schemas import AvailabilityQuery
from pms.db import UnitOfWork
from pms.principal import Principal
from pms.reservations import changes, service, stay
from pms.reservations.schemas import (
    CheckInRequest,
    ReservationCancel,
    ReservationChange,
    ReservationCreate,
    ReservationLookup,
    ReservationRef,
    ReservationSearch,
    RoomAssignment,
)
from tools.registry import Kind, tool


@tool("check_availability", Kind.READ, AvailabilityQuery)
def check_availability(session: UnitOfWork, actor: Principal, args: AvailabilityQuery) -> BaseModel:
    """Room types free for the dates and party, with each rate plan's price and terms.

    Use before booking or quoting. Refused for past dates, stays over 30 nights or arrivals more
    than 365 days ahead.
    """
    return availability.check_availability(session, actor, args)


@tool("create_reservation", Kind.WRITE, ReservationCreate, verifies_guest=True)
def create_reservation(session: UnitOfWork, actor: Principal, args: ReservationCreate) -> BaseModel:
    """Book a room once the guest has chosen type, dates, party, rate plan, name and email.

    Returns the confirmation code. A prepaid plan is charged in full at booking. Refused if the
    type is sold out or the party is too large for it.
    """
    return service.create(session, actor, args)


@tool("find_reservation", Kind.READ, ReservationLookup, verifies_guest=True)
def find_reservation(session: UnitOfWork, actor: Principal, args: ReservationLookup) -> BaseModel:
    """Find a reservation by confirmation code and the guest's last name.

    For guests this proves ownership: afterwards they may view, change or cancel it.
    """
    return service.find(session, actor, args)


@tool("get_reservation", Kind.READ, ReservationRef)
def get_reservation(session: UnitOfWork, actor: Principal, args: ReservationRef) -> BaseModel:
    """A reservation's details, balance and what cancelling would cost now.

    Guests: only reservations verified with find_reservation.
    """
    return service.get(session, actor, args)


@tool("search_reservations", Kind.READ, ReservationSearch)
def search_reservations(
    session: UnitOfWork, actor: Principal, args: ReservationSearch
) -> BaseModel:
    """Staff search by guest name, email, arrival or departure date, status or room.

    Filters combine with AND; at most 25 results are listed with the total count.
    """
    return service.search(session, actor, args)


@tool("modify_reservation", Kind.WRITE, ReservationChange)
def modify_reservation(session: UnitOfWork, actor: Principal, args: ReservationChange) -> BaseModel:
    """Change dates, party size, room type or rate plan; give only what changes.

    Guests may change only confirmed reservations on plans guests may change. An in-house stay
    may change only check_out. The total is repriced.
    """
    return changes.modify(session, actor, args)


@tool("cancel_reservation", Kind.WRITE, ReservationCancel)
def cancel_reservation(session: UnitOfWork, actor: Principal, args: ReservationCancel) -> BaseModel:
    """Cancel a confirmed reservation. Tell the guest the fee first (see get_reservation).

    The fee follows the plan's terms; a non-refundable plan keeps its prepayment.
    """
    return changes.cancel(session, actor, args)


@tool("assign_room", Kind.WRITE, RoomAssignment)
def assign_room(session: UnitOfWork, actor: Principal, args: RoomAssignment) -> BaseModel:
    """Pre-assign a room of the booked type to a confirmed reservation."""
    return stay.assign_room(session, actor, args)


@tool("check_in", Kind.WRITE, CheckInRequest)
def check_in(session: UnitOfWork, actor: Principal, args: CheckInRequest) -> BaseModel:
    """Check a guest in on the arrival date.

    Without room_number it uses the assigned room or the best ready room (inspected, then
    clean, lowest number).
    """
    return stay.check_in(session, actor, args)


@tool("check_out", Kind.WRITE, ReservationRef)
def check_out(session: UnitOfWork, actor: Principal, args: ReservationRef) -> BaseModel:
    """Check an in-house guest out. Refused while the balance is above zero.

    Leaving early shortens the stay to today; the room becomes dirty with a cleaning task.
    """
    return stay.check_out(session, actor, args)
