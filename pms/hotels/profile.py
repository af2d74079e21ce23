"""What the agent knows of a hotel that is not in its documents: its profile, from its own data.

The agent is written for no hotel in particular. Its prompt, its tools' wording, the offline
model's vocabulary, the booking codes it recognises, the policies it states and the money it
shows all come from a `HotelProfile`, read here from the hotel's rows (the hotel file, applied,
is where those rows come from: docs/hotel-file.md). A profile is a frozen value: it is carried
in each run's context and can be shared between threads.

`Profiles` keeps one profile per hotel and reads it again after `ttl` seconds, so a server does
not read the hotel's room types and plans on every turn, and an admin's change still reaches
every conversation within that time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.db import Database
from pms.hotels.repository import hotel_by_slug
from pms.models import Hotel, RatePlan, RoomType


@dataclass(frozen=True)
class RoomTypeProfile:
    code: str
    name: str
    aliases: tuple[str, ...]
    description: str
    max_occupancy: int
    rate_cents: int  # the flexible plan's nightly rate, before seasons


@dataclass(frozen=True)
class RatePlanProfile:
    code: str
    name: str
    aliases: tuple[str, ...]
    description: str
    discount_bp: int  # off the room type's rate, in hundredths of a percent
    breakfast_cents_per_adult: int
    prepaid: bool
    refundable: bool
    guest_modifiable: bool
    free_cancellation_hours: int
    late_cancellation_fee: str  # first_night | full_stay | none

    @property
    def discount_percent(self) -> Decimal:
        return Decimal(self.discount_bp) / 100

    @property
    def breakfast(self) -> bool:
        return self.breakfast_cents_per_adult > 0


@dataclass(frozen=True)
class HotelProfile:
    slug: str
    name: str
    code_prefix: str
    timezone: str
    currency: str
    address: str
    phone: str
    check_in_time: str
    check_out_time: str
    room_types: tuple[RoomTypeProfile, ...]
    rate_plans: tuple[RatePlanProfile, ...]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def room_type(self, code: str) -> RoomTypeProfile | None:
        return next((t for t in self.room_types if t.code == code), None)

    def rate_plan(self, code: str) -> RatePlanProfile | None:
        return next((p for p in self.rate_plans if p.code == code), None)


def load_profile(session: Session, slug: str) -> HotelProfile:
    """The hotel's profile as its rows say now; NotFound for a slug that is not a hotel here."""
    hotel = hotel_by_slug(session, slug)
    types = session.scalars(
        select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.id)
    )
    plans = session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id)
    )
    return HotelProfile(
        slug=hotel.slug,
        name=hotel.name,
        code_prefix=hotel.code_prefix,
        timezone=hotel.timezone,
        currency=hotel.currency,
        address=hotel.address,
        phone=hotel.phone,
        check_in_time=hotel.check_in_time,
        check_out_time=hotel.check_out_time,
        room_types=tuple(
            RoomTypeProfile(
                code=t.code,
                name=t.name,
                aliases=tuple(t.aliases or ()),
                description=t.description,
                max_occupancy=t.max_occupancy,
                rate_cents=t.flex_rate_cents,
            )
            for t in types
        ),
        rate_plans=tuple(
            RatePlanProfile(
                code=p.code,
                name=p.name,
                aliases=tuple(p.aliases or ()),
                description=p.description,
                discount_bp=p.discount_bp,
                breakfast_cents_per_adult=p.breakfast_cents_per_adult,
                prepaid=p.prepaid,
                refundable=p.refundable,
                guest_modifiable=p.guest_modifiable,
                free_cancellation_hours=p.free_cancellation_hours,
                late_cancellation_fee=p.late_cancellation_fee,
            )
            for p in plans
        ),
    )


def business_date_of(session: Session, slug: str) -> date:
    """The hotel's business date ("today" for its services), which the night audit moves: read
    on every turn, not kept with the profile, so the agent's today is always the services'."""
    today = session.scalar(select(Hotel.business_date).where(Hotel.slug == slug))
    if today is None:
        return hotel_by_slug(session, slug).business_date  # NotFound, said the usual way
    return today


class Profiles:
    """Each hotel's profile, read once and again after `ttl` seconds (thread-safe)."""

    def __init__(
        self,
        db: Database,
        *,
        ttl: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.ttl = ttl
        self._monotonic = monotonic
        self._held: dict[str, tuple[float, HotelProfile]] = {}
        self._lock = threading.Lock()

    def get(self, slug: str) -> HotelProfile:
        now = self._monotonic()
        held = self._held.get(slug)
        if held is not None and now - held[0] < self.ttl:
            return held[1]
        profile = self.db.run(lambda session: load_profile(session, slug))
        with self._lock:
            self._held[slug] = (now, profile)
        return profile
