"""Generated stays: counting nights, giving rooms to stays, and writing a stay with its folio.

Both the demo's bulk stays and the synthetic hotel's workload go through here, so they follow
the same rules as the service layer: a stay that has left is `checked_out` with every night
posted and the bill settled; a stay in house has a room and its past nights posted; a stay yet
to arrive is `confirmed` without a room (rooms are assigned at check-in).
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pms.models import FolioLine, Reservation
from pms.seed.rows import Rows, local_moment

NIGHT_AUDIT = "night-audit"
FRONT_DESK = "front-desk"

# Charges a guest might run up besides the room: (category, description, lowest, highest cents).
EXTRAS: tuple[tuple[str, str, int, int], ...] = (
    ("food_beverage", "Tide Restaurant dinner", 2400, 14000),
    ("food_beverage", "Lantern Bar", 1200, 6500),
    ("minibar", "Minibar", 600, 3800),
    ("parking", "Valet parking", 2800, 2800),
    ("laundry", "Laundry service", 1500, 4500),
    ("spa", "Salt Spa, 60-minute massage", 12000, 12000),
)
# Lengths of stay and how often they occur, the shape of a city hotel's bookings.
STAY_LENGTHS = (1, 2, 3, 4, 5, 6, 7)
STAY_LENGTH_WEIGHTS = (22, 28, 20, 13, 8, 4, 5)


@dataclass(frozen=True)
class RoomTypeInfo:
    id: int
    code: str
    flex_rate_cents: int
    max_occupancy: int


@dataclass(frozen=True)
class RatePlanInfo:
    id: int
    code: str
    name: str
    discount_bp: int
    breakfast_cents_per_adult: int
    prepaid: bool

    def nightly_rate_cents(self, room_type: RoomTypeInfo) -> int:
        """The same rounding as `RatePlan.nightly_rate_cents`."""
        return room_type.flex_rate_cents * (10_000 - self.discount_bp) // 10_000


@dataclass(frozen=True)
class HotelInfo:
    """What a generator needs to know about a hotel it has just written."""

    id: int
    zone: ZoneInfo
    today: date
    room_types: dict[str, RoomTypeInfo]
    rate_plans: dict[str, RatePlanInfo]
    room_numbers: dict[int, str]


@dataclass
class Stay:
    """A generated stay before it becomes rows."""

    code: str
    guest_id: int
    room_type: str
    rate_plan: str
    check_in: date
    check_out: date
    adults: int
    children: int
    booked_on: date
    room_id: int | None = None

    def status_on(self, today: date) -> str:
        if self.check_out <= today:
            return "checked_out"
        if self.check_in < today:
            return "in_house"
        return "confirmed"


class NightCounts:
    """Stays per room type per night over [start, end): the inventory a generator respects."""

    def __init__(self, start: date, end: date, room_types: Iterable[str]) -> None:
        self.start = start
        self.nights = (end - start).days
        self.counts = {code: [0] * self.nights for code in room_types}

    def _span(self, first: date, last: date) -> range:
        lo = max((first - self.start).days, 0)
        hi = min((last - self.start).days, self.nights)
        return range(lo, hi)

    def fits(self, room_type: str, first: date, last: date, limit: int) -> bool:
        """Whether one more stay over [first, last) keeps every night at or under `limit`."""
        per_night = self.counts[room_type]
        return all(per_night[i] < limit for i in self._span(first, last))

    def add(self, room_type: str, first: date, last: date) -> None:
        per_night = self.counts[room_type]
        for i in self._span(first, last):
            per_night[i] += 1

    def on(self, room_type: str, night: date) -> int:
        index = (night - self.start).days
        return self.counts[room_type][index] if 0 <= index < self.nights else 0


def stay_length(rng: random.Random) -> int:
    return rng.choices(STAY_LENGTHS, STAY_LENGTH_WEIGHTS)[0]


def party(rng: random.Random, max_occupancy: int) -> tuple[int, int]:
    """Adults and children for a room of this size: mostly couples and single travellers."""
    if max_occupancy <= 2:
        return (2, 0) if rng.random() < 0.6 else (1, 0)
    adults = rng.choices((1, 2, 3), (25, 60, 15))[0]
    children = rng.choices((0, 1, 2), (50, 25, 25))[0] if adults < 3 else 0
    return adults, min(children, max_occupancy - adults)


def assign_rooms(stays: Sequence[Stay], rooms: Sequence[int]) -> None:
    """Give each stay a room of `rooms` so that no two stays share a room on any night.

    Stays are taken in arrival order and each goes to the room free for longest; with at most
    `len(rooms)` stays on any night this always succeeds (interval-graph colouring).
    """
    free_since = [(date.min, room_id) for room_id in sorted(rooms)]
    heapq.heapify(free_since)
    for stay in sorted(stays, key=lambda s: (s.check_in, s.check_out, s.code)):
        since, room_id = free_since[0]
        if since > stay.check_in:
            raise RuntimeError(f"no free room for {stay.code} on {stay.check_in}")
        stay.room_id = room_id
        heapq.heapreplace(free_since, (stay.check_out, room_id))


def write_stay(rows: Rows, hotel: HotelInfo, stay: Stay, rng: random.Random) -> int:
    """Write the reservation and its folio as the stay's status at `hotel.today` requires."""
    room_type = hotel.room_types[stay.room_type]
    plan = hotel.rate_plans[stay.rate_plan]
    today, zone = hotel.today, hotel.zone
    nights = (stay.check_out - stay.check_in).days
    nightly = plan.nightly_rate_cents(room_type)
    breakfast = plan.breakfast_cents_per_adult * stay.adults
    total = (nightly + breakfast) * nights
    status = stay.status_on(today)
    booked_at = local_moment(zone, stay.booked_on, rng.randint(7, 22), rng.randint(0, 59))
    if status == "checked_out":
        updated_at = local_moment(zone, stay.check_out, rng.randint(7, 9), rng.randint(0, 59))
    elif status == "in_house":
        updated_at = local_moment(zone, stay.check_in, rng.randint(15, 21), rng.randint(0, 59))
    else:
        updated_at = booked_at
    reservation_id = rows.add(
        Reservation,
        hotel_id=hotel.id,
        code=stay.code,
        guest_id=stay.guest_id,
        room_type_id=room_type.id,
        rate_plan_id=plan.id,
        room_id=stay.room_id if status != "confirmed" else None,
        check_in=stay.check_in,
        check_out=stay.check_out,
        adults=stay.adults,
        children=stay.children,
        status=status,
        nightly_rate_cents=nightly,
        breakfast_cents_per_night=breakfast,
        total_cents=total,
        created_at=booked_at,
        updated_at=updated_at,
    )

    folio = Folio(rows, hotel.id, reservation_id)
    if plan.prepaid:
        folio.payment(total, stay.booked_on, booked_at, f"Prepayment, {plan.name} rate", "card")
    room_label = f"Room {hotel.room_numbers[stay.room_id]}" if stay.room_id else "Room"
    posted_until = min(stay.check_out, today)
    night = stay.check_in
    while night < posted_until:
        at = local_moment(zone, night, 23, 30)
        folio.charge("room", nightly, night, at, f"{room_label}, night of {night.isoformat()}")
        if breakfast:
            folio.charge(
                "breakfast", breakfast, night, at, f"Breakfast, night of {night.isoformat()}"
            )
        night += timedelta(days=1)
    if posted_until > stay.check_in and rng.random() < 0.3:
        category, description, lowest, highest = rng.choice(EXTRAS)
        amount = rng.randrange(lowest, highest + 1, 50)
        day = stay.check_in + timedelta(days=rng.randrange((posted_until - stay.check_in).days))
        folio.charge(category, amount, day, local_moment(zone, day, 20, 15), description)
    if status == "checked_out" and folio.balance > 0:
        method = "card" if rng.random() < 0.85 else "cash"
        folio.payment(folio.balance, stay.check_out, updated_at, "Settled at check-out", method)
    return reservation_id


class Folio:
    """The numbered lines of one stay's bill, and its running balance."""

    def __init__(self, rows: Rows, hotel_id: int, reservation_id: int) -> None:
        self._rows = rows
        self._hotel_id = hotel_id
        self._reservation_id = reservation_id
        self.line = 0
        self.balance = 0

    def charge(
        self,
        category: str,
        amount_cents: int,
        service_date: date,
        posted_at: datetime,
        description: str,
        posted_by: str = NIGHT_AUDIT,
    ) -> None:
        self._add(
            "charge",
            amount_cents,
            service_date,
            posted_at,
            description,
            posted_by,
            category=category,
        )
        self.balance += amount_cents

    def payment(
        self,
        amount_cents: int,
        service_date: date,
        posted_at: datetime,
        description: str,
        method: str,
        posted_by: str = FRONT_DESK,
    ) -> None:
        self._add(
            "payment", amount_cents, service_date, posted_at, description, posted_by, method=method
        )
        self.balance -= amount_cents

    def _add(
        self,
        kind: str,
        amount_cents: int,
        service_date: date,
        posted_at: datetime,
        description: str,
        posted_by: str,
        **extra: object,
    ) -> None:
        self.line += 1
        self._rows.add(
            FolioLine,
            hotel_id=self._hotel_id,
            reservation_id=self._reservation_id,
            line=self.line,
            kind=kind,
            amount_cents=amount_cents,
            description=description,
            service_date=service_date,
            posted_at=posted_at,
            posted_by=posted_by,
            **extra,
        )
