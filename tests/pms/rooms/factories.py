"""Builders for the rooms, housekeeping, night-audit and report tests.

They write rows directly, so a test of these services does not depend on the booking service.
"""

from datetime import timedelta

from sqlalchemy import func, select

from pms.hotels.repository import now_utc
from pms.models import Guest, Hotel, RatePlan, Reservation, Room, RoomType
from pms.rooms.repository import by_number
from tests.support import T


def hotel(session, slug="harbor-view"):
    return session.scalars(select(Hotel).where(Hotel.slug == slug)).one()


def room(session, number, slug="harbor-view"):
    return by_number(session, hotel(session, slug), number)


def add_stay(
    session,
    room_type,
    check_in,
    check_out,
    *,
    status="confirmed",
    room_number=None,
    breakfast_cents=0,
    slug="harbor-view",
):
    """A reservation of `room_type` for [check_in, check_out); returns it flushed."""
    the_hotel = hotel(session, slug)
    kind = session.scalars(
        select(RoomType).where(RoomType.hotel_id == the_hotel.id, RoomType.code == room_type)
    ).one()
    plan = session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == the_hotel.id, RatePlan.code == "FLEX")
    ).one()
    count = session.scalar(select(func.count()).select_from(Reservation)) or 0
    guest = Guest(
        hotel_id=the_hotel.id,
        name=f"Test Guest{count}",
        last_name_key=f"guest{count}",
        email=f"test.guest{count}@example.com",
    )
    session.add(guest)
    session.flush()
    nights = (check_out - check_in).days
    stay = Reservation(
        hotel_id=the_hotel.id,
        code=f"ZZ{9000 + count}",
        guest_id=guest.id,
        room_type_id=kind.id,
        rate_plan_id=plan.id,
        room_id=by_number(session, the_hotel, room_number).id if room_number else None,
        check_in=check_in,
        check_out=check_out,
        adults=1,
        children=0,
        status=status,
        nightly_rate_cents=kind.flex_rate_cents,
        breakfast_cents_per_night=breakfast_cents,
        total_cents=(kind.flex_rate_cents + breakfast_cents) * nights,
        created_at=now_utc(session),
        updated_at=now_utc(session),
    )
    session.add(stay)
    session.flush()
    return stay


def day(offset):
    return T + timedelta(days=offset)


def rooms_of_type(session, room_type, slug="harbor-view"):
    the_hotel = hotel(session, slug)
    return list(
        session.scalars(
            select(Room)
            .join(RoomType, RoomType.id == Room.room_type_id)
            .where(Room.hotel_id == the_hotel.id, RoomType.code == room_type)
            .order_by(Room.number)
        )
    )
