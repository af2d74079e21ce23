"""What a benchmark needs to know about a seeded hotel, read in one place.

`concierge bench pms` draws realistic arguments (names that exist, codes with folios, floors,
attendants) from the hotel it measures; the queries live here because only pms/ reads the
database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from pms.db import Database
from pms.models import Guest, Hotel, Reservation, Room, StaffUser


@dataclass(frozen=True)
class Workload:
    today: date
    last_names: list[str]
    codes: list[str]
    floors: list[int]
    housekeepers: list[str]


def rooms_of(db: Database, slug: str) -> int | None:
    """How many rooms the hotel has, or None when the database holds no such hotel (or none)."""
    with db.unit_of_work() as session:
        try:
            hotel = session.scalars(select(Hotel).where(Hotel.slug == slug)).one_or_none()
        except Exception:  # no schema yet: an empty database
            return None
        if hotel is None:
            return None
        return int(session.scalar(select(func.count()).where(Room.hotel_id == hotel.id)) or 0)


def workload(db: Database, slug: str) -> Workload:
    with db.unit_of_work() as session:
        hotel = session.scalars(select(Hotel).where(Hotel.slug == slug)).one()
        today = hotel.business_date
        names = session.scalars(select(Guest.name).where(Guest.hotel_id == hotel.id).limit(2000))
        codes = session.scalars(
            select(Reservation.code)
            .where(Reservation.hotel_id == hotel.id, Reservation.check_in <= today)
            .order_by(Reservation.check_in.desc())
            .limit(5000)
        )
        floors = session.scalars(select(Room.floor).where(Room.hotel_id == hotel.id).distinct())
        housekeepers = session.scalars(
            select(StaffUser.username).where(
                StaffUser.hotel_id == hotel.id, StaffUser.role == "housekeeping"
            )
        )
        return Workload(
            today=today,
            last_names=[name.split()[-1] for name in names],
            codes=list(codes),
            floors=sorted(floors),
            housekeepers=list(housekeepers),
        )
