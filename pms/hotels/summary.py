"""The hotels a database holds, one line each, for `concierge hotels list`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from pms.models import Hotel, Room, StaffUser


@dataclass(frozen=True)
class HotelSummary:
    slug: str
    name: str
    code_prefix: str
    timezone: str
    currency: str
    business_date: str
    rooms: int
    staff: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def list_hotels(session: Session) -> list[HotelSummary]:
    """Every hotel by slug, with its room count and active staff accounts."""
    if not inspect(session.connection()).has_table(Hotel.__tablename__):
        return []  # a database no hotel was ever applied to
    room_counts = select(Room.hotel_id, func.count()).group_by(Room.hotel_id)
    rooms = {hotel_id: count for hotel_id, count in session.execute(room_counts)}
    staff_counts = (
        select(StaffUser.hotel_id, func.count())
        .where(StaffUser.active.is_(True))
        .group_by(StaffUser.hotel_id)
    )
    staff = {hotel_id: count for hotel_id, count in session.execute(staff_counts)}
    return [
        HotelSummary(
            hotel.slug,
            hotel.name,
            hotel.code_prefix,
            hotel.timezone,
            hotel.currency,
            hotel.business_date.isoformat(),
            rooms.get(hotel.id, 0),
            staff.get(hotel.id, 0),
        )
        for hotel in session.scalars(select(Hotel).order_by(Hotel.slug))
    ]
