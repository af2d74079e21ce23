"""Every query about reservations and guests."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pms.errors import NotFound, NotPermitted
from pms.models import Guest, Hotel, OutOfOrderPeriod, Reservation, Room, RoomType
from pms.models.stay import HOLDING_STATUSES
from pms.principal import Principal


def fold(text: str) -> str:
    """Lower-case and strip accents, so 'Müller' and 'muller' match."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def last_name_key(full_name: str) -> str:
    words = fold(full_name).split()
    return words[-1] if words else ""


def by_code(session: Session, hotel: Hotel, code: str, *, lock: bool = False) -> Reservation:
    """The hotel's reservation with this code; another hotel's code is simply not found."""
    query = select(Reservation).where(
        Reservation.hotel_id == hotel.id, Reservation.code == code.strip().upper()
    )
    if lock:
        query = query.with_for_update(of=Reservation)
    reservation = session.scalars(query).unique().one_or_none()
    if reservation is None:
        raise NotFound(f"There is no reservation {code.strip().upper()} at {hotel.name}.")
    return reservation


def for_actor(
    session: Session, actor: Principal, hotel: Hotel, code: str, *, lock: bool = False
) -> Reservation:
    """Load a reservation the actor may see: a guest only one they have verified.

    The guest check comes first and names no detail, so it reveals nothing about whether the
    code exists.
    """
    if actor.is_guest and not actor.owns(code.strip()):
        raise NotPermitted(
            f"Reservation {code.strip().upper()} is not verified in this conversation. "
            "Verify it first with find_reservation (confirmation code and the guest's last name)."
        )
    return by_code(session, hotel, code, lock=lock)


def in_house_in_room(session: Session, room: Room) -> Reservation | None:
    return (
        session.scalars(
            select(Reservation).where(
                Reservation.room_id == room.id, Reservation.status == "in_house"
            )
        )
        .unique()
        .one_or_none()
    )


def holding_room(
    session: Session,
    room: Room,
    start: date,
    end: date,
    *,
    exclude_id: int | None = None,
) -> Sequence[Reservation]:
    """Stays assigned to `room` that hold any night in [start, end)."""
    query: Select[Reservation] = select(Reservation).where(
        Reservation.room_id == room.id,
        Reservation.status.in_(HOLDING_STATUSES),
        Reservation.check_in < end,
        Reservation.check_out > start,
    )
    if exclude_id is not None:
        query = query.where(Reservation.id != exclude_id)
    return session.scalars(query).unique().all()


def find_or_add_guest(
    session: Session, hotel: Hotel, name: str, email: str, phone: str | None
) -> Guest:
    """The hotel's guest with this name and email, or a new one."""
    email = email.strip().lower()
    name = " ".join(name.split())
    guest = session.scalars(
        select(Guest)
        .where(Guest.hotel_id == hotel.id, Guest.email == email)
        .where(func.lower(Guest.name) == name.lower())
        .order_by(Guest.id)
        .limit(1)
    ).one_or_none()
    if guest is None:
        guest = Guest(
            hotel_id=hotel.id,
            name=name,
            last_name_key=last_name_key(name),
            email=email,
            phone=phone,
        )
        session.add(guest)
        session.flush()
    elif phone and not guest.phone:
        guest.phone = phone
    return guest


def room_out_of_order(session: Session, room: Room, start: date, end: date) -> bool:
    """Whether any out-of-order period of the room touches a night of [start, end)."""
    found = session.scalar(
        select(OutOfOrderPeriod.id)
        .where(
            OutOfOrderPeriod.room_id == room.id,
            OutOfOrderPeriod.start_date < end,
            OutOfOrderPeriod.end_date > start,
        )
        .limit(1)
    )
    return found is not None


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with `%`, `_` and `\\` taken literally.

    Staff type what they see: a name with a `%` must not turn into "every guest". The escape
    character is given explicitly (`ESCAPE '\\'`), because SQLite has none by default.
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Up to this many guests matching a name, their stays are fetched by guest id and sorted here.
FEW_GUESTS = 2000

SearchRow = dict[str, object]


def search(
    session: Session,
    hotel: Hotel,
    *,
    name: str | None,
    email: str | None,
    arrival: date | None,
    departure: date | None,
    status: str | None,
    room_id: int | None,
    limit: int,
) -> tuple[int, list[SearchRow]]:
    """The first `limit` matches in arrival order, and how many match in all.

    A name or email is looked up among guests first (by the trigram index on PostgreSQL). When
    few guests match, their stays are fetched by guest id and ordered here: in one joined
    statement PostgreSQL's planner walks every stay in arrival order instead, twenty times
    slower at 50,000 stays.
    """
    conditions: list[ColumnElement[bool]] = [Reservation.hotel_id == hotel.id]
    if arrival:
        conditions.append(Reservation.check_in == arrival)
    if departure:
        conditions.append(Reservation.check_out == departure)
    if status:
        conditions.append(Reservation.status == status)
    if room_id is not None:
        conditions.append(Reservation.room_id == room_id)
    if name or email:
        guest_filters = [Guest.hotel_id == hotel.id]
        if name:
            guest_filters.append(func.lower(Guest.name).like(contains_pattern(name), escape="\\"))
        if email:
            guest_filters.append(Guest.email == email)
        names = {
            guest_id: guest_name
            for guest_id, guest_name in session.execute(
                select(Guest.id, Guest.name).where(*guest_filters).limit(FEW_GUESTS + 1)
            )
        }
        if not names:
            return 0, []
        if len(names) <= FEW_GUESTS:
            return _stays_of_guests(session, conditions, names, limit)
        conditions.extend(guest_filters[1:])
    rows = session.execute(
        select(
            Reservation.code,
            Reservation.status,
            Guest.name,
            RoomType.code,
            Reservation.check_in,
            Reservation.check_out,
            Room.number,
            func.count().over(),
        )
        .join(Guest, Guest.id == Reservation.guest_id)
        .join(RoomType, RoomType.id == Reservation.room_type_id)
        .outerjoin(Room, Room.id == Reservation.room_id)
        .where(*conditions)
        .order_by(Reservation.check_in, Reservation.code)
        .limit(limit)
    ).all()
    total = int(rows[0][-1]) if rows else 0
    return total, [_search_row(*row[:-1]) for row in rows]


def _stays_of_guests(
    session: Session,
    conditions: list[ColumnElement[bool]],
    names: dict[int, str],
    limit: int,
) -> tuple[int, list[SearchRow]]:
    found = session.execute(
        select(
            Reservation.code,
            Reservation.status,
            Reservation.guest_id,
            RoomType.code,
            Reservation.check_in,
            Reservation.check_out,
            Room.number,
        )
        .join(RoomType, RoomType.id == Reservation.room_type_id)
        .outerjoin(Room, Room.id == Reservation.room_id)
        .where(*conditions, Reservation.guest_id.in_(list(names)))
    ).all()
    rows = sorted(found, key=lambda row: (row[4], row[0]))
    return len(rows), [
        _search_row(code, status, names[guest], room_type, check_in, check_out, room)
        for code, status, guest, room_type, check_in, check_out, room in rows[:limit]
    ]


def _search_row(
    code: str,
    status: str,
    guest_name: str,
    room_type: str,
    check_in: date,
    check_out: date,
    room: str | None,
) -> SearchRow:
    return {
        "confirmation_code": code,
        "status": status,
        "guest_name": guest_name,
        "room_type": room_type,
        "check_in": check_in,
        "check_out": check_out,
        "room": room,
    }
