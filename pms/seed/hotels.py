"""A hotel as bulk rows, for the synthetic benchmark hotel: thousands of rooms, no ORM.

The demo hotels are hotel files applied by `pms.hotels.apply` (see demo.py); the synthetic
hotel borrows Harbor View's room types and plans from its file (`specs_of`) and is written here
row by row with ids chosen in advance, like its hundred thousand stays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.orm import Session

from pms.hotels.file import HotelFile
from pms.models import Hotel, RatePlan, Room, RoomType, StaffUser
from pms.seed.rows import Rows
from pms.seed.stays import HotelInfo, RatePlanInfo, RoomTypeInfo


@dataclass(frozen=True)
class RoomTypeSpec:
    code: str
    name: str
    description: str
    max_occupancy: int
    flex_rate_cents: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class RatePlanSpec:
    code: str
    name: str
    description: str
    discount_bp: int = 0
    breakfast_cents_per_adult: int = 0
    prepaid: bool = False
    refundable: bool = True
    guest_modifiable: bool = True
    free_cancellation_hours: int = 48
    late_cancellation_fee: str = "first_night"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffSpec:
    username: str
    full_name: str
    role: str


@dataclass(frozen=True)
class RoomSpec:
    number: str
    floor: int
    room_type: str
    accessible: bool = False


@dataclass(frozen=True)
class HotelSpec:
    slug: str
    name: str
    code_prefix: str
    timezone: str
    address: str
    phone: str
    room_types: tuple[RoomTypeSpec, ...]
    rate_plans: tuple[RatePlanSpec, ...]
    rooms: tuple[RoomSpec, ...]
    staff: tuple[StaffSpec, ...]
    next_confirmation_number: int = 5001
    # Websites allowed to embed the chat widget (CORS origins).
    web_origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeededRoom:
    id: int
    number: str
    floor: int
    room_type: str


@dataclass
class SeededHotel:
    """Ids of everything written for one hotel, for the stays and tasks that follow."""

    info: HotelInfo
    rooms: dict[str, SeededRoom] = field(default_factory=dict)
    staff: dict[str, int] = field(default_factory=dict)


def specs_of(document: HotelFile) -> tuple[tuple[RoomTypeSpec, ...], tuple[RatePlanSpec, ...]]:
    """A hotel file's room types and rate plans as specs for `write_hotel`."""
    room_types = tuple(
        RoomTypeSpec(t.code, t.name, t.description, t.max_occupancy, t.rate, tuple(t.aliases))
        for t in document.room_types
    )
    plans = tuple(
        RatePlanSpec(
            p.code,
            p.name,
            p.description,
            discount_bp=p.discount_percent,
            breakfast_cents_per_adult=p.breakfast_per_adult,
            prepaid=p.prepaid,
            refundable=p.refundable,
            guest_modifiable=p.guest_modifiable,
            free_cancellation_hours=p.free_cancellation_hours,
            late_cancellation_fee=p.late_cancellation_fee,
            aliases=tuple(p.aliases),
        )
        for p in document.rate_plans
    )
    return room_types, plans


def write_hotel(
    rows: Rows,
    spec: HotelSpec,
    today: date,
    conditions: Mapping[str, str] | None = None,
) -> SeededHotel:
    """Write the hotel, its room types, rate plans and rooms (those not in `conditions` clean).

    Staff come later (`write_staff`), once their password hashes are ready.
    """
    conditions = conditions or {}
    hotel_id = rows.add(
        Hotel,
        slug=spec.slug,
        name=spec.name,
        code_prefix=spec.code_prefix,
        timezone=spec.timezone,
        currency="USD",
        address=spec.address,
        phone=spec.phone,
        check_in_time="15:00",
        check_out_time="11:00",
        business_date=today,
        next_confirmation_number=spec.next_confirmation_number,
        web_origins=list(spec.web_origins),
    )
    room_types: dict[str, RoomTypeInfo] = {}
    for room_type in spec.room_types:
        type_id = rows.add(
            RoomType,
            hotel_id=hotel_id,
            code=room_type.code,
            name=room_type.name,
            description=room_type.description,
            max_occupancy=room_type.max_occupancy,
            flex_rate_cents=room_type.flex_rate_cents,
            aliases=list(room_type.aliases),
        )
        room_types[room_type.code] = RoomTypeInfo(
            type_id, room_type.code, room_type.flex_rate_cents, room_type.max_occupancy
        )
    rate_plans: dict[str, RatePlanInfo] = {}
    for plan in spec.rate_plans:
        plan_id = rows.add(
            RatePlan,
            hotel_id=hotel_id,
            code=plan.code,
            name=plan.name,
            description=plan.description,
            discount_bp=plan.discount_bp,
            breakfast_cents_per_adult=plan.breakfast_cents_per_adult,
            prepaid=plan.prepaid,
            refundable=plan.refundable,
            guest_modifiable=plan.guest_modifiable,
            free_cancellation_hours=plan.free_cancellation_hours,
            late_cancellation_fee=plan.late_cancellation_fee,
            aliases=list(plan.aliases),
        )
        rate_plans[plan.code] = RatePlanInfo(
            plan_id,
            plan.code,
            plan.name,
            plan.discount_bp,
            plan.breakfast_cents_per_adult,
            plan.prepaid,
        )
    seeded = SeededHotel(
        HotelInfo(hotel_id, ZoneInfo(spec.timezone), today, room_types, rate_plans, {})
    )
    for room in spec.rooms:
        room_id = rows.add(
            Room,
            hotel_id=hotel_id,
            number=room.number,
            floor=room.floor,
            room_type_id=room_types[room.room_type].id,
            condition=conditions.get(room.number, "clean"),
            accessible=room.accessible,
        )
        seeded.rooms[room.number] = SeededRoom(room_id, room.number, room.floor, room.room_type)
        seeded.info.room_numbers[room_id] = room.number
    return seeded


def write_staff(
    rows: Rows, hotel: SeededHotel, staff: tuple[StaffSpec, ...], hashes: Mapping[str, str]
) -> None:
    """Write the staff accounts; `hashes` maps each username to its password hash."""
    for person in staff:
        hotel.staff[person.username] = rows.add(
            StaffUser,
            hotel_id=hotel.info.id,
            username=person.username,
            full_name=person.full_name,
            role=person.role,
            password_hash=hashes[person.username],
            active=True,
        )


def set_conditions(session: Session, rows: Rows, conditions: Mapping[int, str]) -> None:
    """Set room conditions decided after the rooms were written (by the stays in them)."""
    if not conditions:
        return
    rows.flush()
    session.execute(
        update(Room),
        [
            {"id": room_id, "condition": condition}
            for room_id, condition in sorted(conditions.items())
        ],
    )
