"""A synthetic hotel of N rooms with two years of history and bookings, for `bench pms`.

The workload follows docs/tools.md: 50 stays per room over T-365 .. T+365 (past ones checked
out with their folios posted and paid, in-house ones in a room, future ones unassigned), never
more stays of a room type on a night than it has rooms, and 0.8 housekeeping tasks per room per
day for the past year (done) plus today's (open or in progress, each with a housekeeper).
Rooms, prices and rate plans are Harbor View's, in the same proportions.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy.orm import Session

from pms.errors import Invalid
from pms.models import HousekeepingTask
from pms.seed.demo import demo_hotel
from pms.seed.guests import GuestBook
from pms.seed.hotels import (
    HotelSpec,
    RoomSpec,
    SeededHotel,
    StaffSpec,
    set_conditions,
    specs_of,
    write_hotel,
    write_staff,
)
from pms.seed.names import FIRST_NAMES, LAST_NAMES
from pms.seed.passwords import BackgroundHashes
from pms.seed.rows import Rows, local_moment
from pms.seed.stays import NightCounts, Stay, assign_rooms, stay_length, write_stay

RANDOM_SEED = 1_000_003
ROOMS_PER_FLOOR = 50
MAX_ROOMS = 20_000
STAYS_PER_ROOM = 50
HORIZON_DAYS = 365
TASKS_PER_ROOM_PER_DAY = 0.8
ROOMS_PER_HOUSEKEEPER = 15
FIRST_CODE = 5001
RATE_PLAN_MIX = (("FLEX", 60), ("BB", 25), ("NRF", 15))
TASK_KINDS = (
    ("checkout_clean", 45),
    ("stayover_clean", 40),
    ("inspection", 8),
    ("amenity_request", 5),
    ("maintenance", 2),
)
# One password per role: `synthetic-<role>`. Nobody logs in to a benchmark hotel, but the
# accounts must be real ones.
SYNTHETIC_PASSWORD = "synthetic-{role}"

Progress = Callable[[str, int, int], None]


def _room_type_at(position: int, per_floor: int) -> str:
    """Harbor View's mix on every floor: a third STQ, a third STD, a quarter DLK, the rest STE."""
    share = (position - 0.5) / per_floor
    if share < 1 / 3:
        return "STQ"
    if share < 2 / 3:
        return "STD"
    return "DLK" if share < 11 / 12 else "STE"


def hotel_spec(rooms: int, stays: int) -> HotelSpec:
    """The synthetic hotel: floors of up to 50 rooms, evenly filled, numbered like Harbor View."""
    floors = math.ceil(rooms / ROOMS_PER_FLOOR)
    layout: list[RoomSpec] = []
    for floor in range(1, floors + 1):
        on_floor = rooms // floors + (1 if floor <= rooms % floors else 0)
        layout += [
            RoomSpec(f"{floor}{p:02d}", floor, _room_type_at(p, on_floor))
            for p in range(1, on_floor + 1)
        ]
    roles = ["admin", "manager", "front_desk", "front_desk"]
    roles += ["housekeeping"] * math.ceil(rooms / ROOMS_PER_HOUSEKEEPER)
    staff = []
    for index, role in enumerate(roles):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[(index * 7) % len(LAST_NAMES)]
        staff.append(StaffSpec(f"{first}.{last}{index + 1}".lower(), f"{first} {last}", role))
    room_types, rate_plans = specs_of(demo_hotel("harbor-view"))
    return HotelSpec(
        slug="synthetic",
        name="Synthetic Hotel",
        code_prefix="SY",
        timezone="America/New_York",
        address="1 Benchmark Avenue, Port Elise",
        phone="+1 555 0100",
        room_types=room_types,
        rate_plans=rate_plans,
        rooms=tuple(layout),
        staff=tuple(staff),
        next_confirmation_number=FIRST_CODE + stays,
    )


def seed_synthetic(
    session: Session,
    rows: Rows,
    today: date,
    *,
    rooms: int,
    reservations: int | None,
    progress: Progress,
) -> None:
    if not 1 <= rooms <= MAX_ROOMS:
        raise Invalid(f"rooms must be between 1 and {MAX_ROOMS}.")
    if reservations is not None and reservations < 0:
        raise Invalid("reservations must be zero or more.")
    wanted = STAYS_PER_ROOM * rooms if reservations is None else reservations
    hashing = BackgroundHashes(
        SYNTHETIC_PASSWORD.format(role=role)
        for role in ("admin", "manager", "front_desk", "housekeeping")
    )
    rng = random.Random(RANDOM_SEED)

    layout = hotel_spec(rooms, 0).rooms
    stays = _plan_stays(rng, today, layout, wanted, progress)
    spec = hotel_spec(rooms, len(stays))
    # Guest, reservation and about four folio lines per stay, then the year of housekeeping.
    rows.expect(6 * len(stays) + round(TASKS_PER_ROOM_PER_DAY * rooms) * (HORIZON_DAYS + 1))
    hotel = write_hotel(rows, spec, today)
    hashes = hashing.result()
    write_staff(
        rows,
        hotel,
        spec.staff,
        {s.username: hashes[SYNTHETIC_PASSWORD.format(role=s.role)] for s in spec.staff},
    )

    by_type: dict[str, list[int]] = {}
    for room in hotel.rooms.values():
        by_type.setdefault(room.room_type, []).append(room.id)
    for code, room_ids in by_type.items():
        assign_rooms([s for s in stays if s.room_type == code and s.check_in < today], room_ids)
    guests = GuestBook(rng)
    for number, stay in enumerate(stays):
        stay.code = f"SY{FIRST_CODE + number}"
        stay.guest_id = guests.add(rows, hotel.info.id)
        write_stay(rows, hotel.info, stay, rng)
        if number % 5000 == 4999:
            progress("writing stays", number + 1, len(stays))
    progress("writing stays", len(stays), len(stays))

    _write_tasks(rows, rng, hotel, spec, progress)
    occupied = {s.room_id for s in stays if s.check_in < today < s.check_out}
    set_conditions(
        session,
        rows,
        {
            room.id: rng.choice(("dirty", "clean"))
            if room.id in occupied
            else rng.choice(("clean", "clean", "inspected", "dirty"))
            for room in hotel.rooms.values()
        },
    )


def _plan_stays(
    rng: random.Random, today: date, layout: tuple[RoomSpec, ...], wanted: int, progress: Progress
) -> list[Stay]:
    """Dates, room types and parties of `wanted` stays, never overbooking a room type.

    Arrivals are spread evenly over the two years; a stay that would overbook tries another
    date, and after a few tries is dropped (only when `wanted` nears the hotel's capacity).
    """
    start, end = today - timedelta(days=HORIZON_DAYS), today + timedelta(days=HORIZON_DAYS)
    span = (end - start).days
    capacity: dict[str, int] = {}
    for room in layout:
        capacity[room.room_type] = capacity.get(room.room_type, 0) + 1
    max_guests = {t.code: t.max_occupancy for t in demo_hotel("harbor-view").room_types}
    counts = NightCounts(start, end, capacity)
    plans = [plan for plan, _ in RATE_PLAN_MIX]
    weights = [weight for _, weight in RATE_PLAN_MIX]
    stays: list[Stay] = []
    for attempt_index in range(wanted):
        code = rng.choice(layout).room_type
        for _ in range(8):
            check_in = start + timedelta(days=rng.randrange(span))
            check_out = min(check_in + timedelta(days=stay_length(rng)), end)
            if counts.fits(code, check_in, check_out, capacity[code]):
                counts.add(code, check_in, check_out)
                adults = rng.choice((1, 2, 2)) if max_guests[code] <= 2 else rng.choice((1, 2, 3))
                children = 0 if max_guests[code] <= 2 else rng.choice((0, 0, 1))
                lead = rng.randint(1, 90)
                booked_on = min(check_in - timedelta(days=lead), today - timedelta(days=1))
                plan = rng.choices(plans, weights)[0]
                stays.append(
                    Stay("", 0, code, plan, check_in, check_out, adults, children, booked_on)
                )
                break
        if attempt_index % 10_000 == 9_999:
            progress("planning stays", attempt_index + 1, wanted)
    progress("planning stays", wanted, wanted)
    stays.sort(key=lambda s: (s.check_in, s.check_out, s.room_type))
    return stays


def _write_tasks(
    rows: Rows, rng: random.Random, hotel: SeededHotel, spec: HotelSpec, progress: Progress
) -> None:
    """A year of finished housekeeping and today's open work."""
    today, zone = hotel.info.today, hotel.info.zone
    room_ids = sorted(room.id for room in hotel.rooms.values())
    per_day = min(round(TASKS_PER_ROOM_PER_DAY * len(room_ids)), len(room_ids))
    keepers = [hotel.staff[s.username] for s in spec.staff if s.role == "housekeeping"]
    kinds = [kind for kind, _ in TASK_KINDS]
    kind_weights = [weight for _, weight in TASK_KINDS]
    for back in range(HORIZON_DAYS, -1, -1):
        day = today - timedelta(days=back)
        start_of_shift = local_moment(zone, day, 6, 30)
        for room_id in sorted(rng.sample(room_ids, per_day)):
            created_at = start_of_shift + timedelta(minutes=rng.randrange(210))
            if back:
                status = "done"
                completed_at = created_at + timedelta(minutes=rng.randint(20, 120))
            else:
                status = "open" if rng.random() < 0.7 else "in_progress"
                completed_at = None
            rows.add(
                HousekeepingTask,
                hotel_id=hotel.info.id,
                room_id=room_id,
                kind=rng.choices(kinds, kind_weights)[0],
                status=status,
                priority=rng.choices(("low", "normal", "high"), (5, 90, 5))[0],
                assignee_id=rng.choice(keepers),
                created_at=created_at,
                created_by="front-desk",
                completed_at=completed_at,
            )
        if back % 30 == 0:
            progress("housekeeping tasks", HORIZON_DAYS + 1 - back, HORIZON_DAYS + 1)
