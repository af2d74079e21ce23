"""Harbor View's generated guests and stays (codes HV2000 upward), around the story.

The stays fill the hotel to about 65% on average over T-14 .. T+60, night by night and room
type by room type, following a weekly rhythm (fuller on Friday and Saturday nights). Limits that
scenarios depend on:

- no room type is ever above 85% of its rooms on a night, counting the story's stays and
  out-of-order rooms too, so there is always something to sell and to move guests into;
- bulk stays never use floor 3 or the story rooms (201, 209, 214, 517, 623): those rooms are
  exactly as demo-hotel.md describes them at T;
- stays that arrived before T have a room (no two in one room on one night); later ones have
  none yet, as rooms are assigned at check-in.

Everything comes from one `random.Random` with a fixed seed, so the same T gives the same rows.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from pms.seed.guests import GuestBook
from pms.seed.hotels import SeededHotel
from pms.seed.rows import Rows
from pms.seed.stays import (
    NightCounts,
    Stay,
    assign_rooms,
    party,
    stay_length,
    write_stay,
)
from pms.seed.story import HARBOR_OUT_OF_ORDER, HARBOR_STAYS, STORY_ROOMS

RANDOM_SEED = 20_270_301
FIRST_CODE = 2000
WINDOW_BEFORE = 14  # nights before T
WINDOW_AFTER = 60  # nights from T on
MAX_SHARE = 0.85
# Target occupancy by weekday (Monday first): business midweek, leisure at the weekend.
WEEKDAY_OCCUPANCY = (0.60, 0.63, 0.65, 0.66, 0.74, 0.76, 0.53)
RATE_PLAN_MIX = (("FLEX", 60), ("BB", 25), ("NRF", 15))
HOLDING = ("confirmed", "in_house", "checked_out")


def write_harbor(rows: Rows, hotel: SeededHotel) -> dict[int, str]:
    """Write the bulk guests and stays; return the condition at T of every room they used."""
    rng = random.Random(RANDOM_SEED)
    today = hotel.info.today
    start, end = today - timedelta(days=WINDOW_BEFORE), today + timedelta(days=WINDOW_AFTER)
    codes = list(hotel.info.room_types)
    rooms_of = {code: [r for r in hotel.rooms.values() if r.room_type == code] for code in codes}
    pool = {
        code: [r.id for r in rooms if r.floor != 3 and r.number not in STORY_ROOMS]
        for code, rooms in rooms_of.items()
    }
    cap = {code: int(len(rooms) * MAX_SHARE) for code, rooms in rooms_of.items()}

    held = _story_holdings(hotel, start, end)  # everything that is not a bulk stay
    assigned = NightCounts(start, end, codes)  # bulk stays holding a physical room
    plans = [plan for plan, _ in RATE_PLAN_MIX]
    weights = [weight for _, weight in RATE_PLAN_MIX]
    stays: list[Stay] = []
    night = start
    while night < end:
        for code in codes:
            wanted = round(len(rooms_of[code]) * _occupancy(rng, night))
            while held.on(code, night) < min(wanted, cap[code]):
                stay = _try_stay(rng, hotel, code, night, end, held, assigned, cap, pool)
                if stay is None:
                    break
                stay.rate_plan = rng.choices(plans, weights)[0]
                stays.append(stay)
        night += timedelta(days=1)

    for code in codes:
        assign_rooms([s for s in stays if s.room_type == code and s.check_in < today], pool[code])
    guests = GuestBook(rng)
    for number, stay in enumerate(sorted(stays, key=lambda s: (s.check_in, s.room_type))):
        stay.code = f"HV{FIRST_CODE + number}"
        stay.guest_id = guests.add(rows, hotel.info.id)
        write_stay(rows, hotel.info, stay, rng)
    if FIRST_CODE + len(stays) > 5001:
        raise RuntimeError("bulk codes would run into the booking counter (HV5001)")
    return _conditions_at_t(rng, hotel, stays, pool)


def _occupancy(rng: random.Random, night: date) -> float:
    return WEEKDAY_OCCUPANCY[night.weekday()] + rng.uniform(-0.04, 0.04)


def _try_stay(
    rng: random.Random,
    hotel: SeededHotel,
    code: str,
    night: date,
    end: date,
    held: NightCounts,
    assigned: NightCounts,
    cap: dict[str, int],
    pool: dict[str, list[int]],
) -> Stay | None:
    """A stay of `code` arriving on `night` that breaks no limit, or None if none fits."""
    today = hotel.info.today
    length = stay_length(rng)
    adults, children = party(rng, hotel.info.room_types[code].max_occupancy)
    for nights in range(length, 0, -1):
        check_out = min(night + timedelta(days=nights), end)
        if not held.fits(code, night, check_out, cap[code]):
            continue
        needs_room = night < today
        if needs_room and not assigned.fits(code, night, check_out, len(pool[code])):
            continue
        held.add(code, night, check_out)
        if needs_room:
            assigned.add(code, night, check_out)
        lead = rng.choice((1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60))
        booked_on = min(night - timedelta(days=lead), today - timedelta(days=1))
        return Stay("", 0, code, "FLEX", night, check_out, adults, children, booked_on)
    return None


def _story_holdings(hotel: SeededHotel, start: date, end: date) -> NightCounts:
    """Nights the story already takes from each room type: its stays and its broken room."""
    today = hotel.info.today
    held = NightCounts(start, end, hotel.info.room_types)
    for stay in HARBOR_STAYS:
        if stay.status in HOLDING:
            held.add(
                stay.room_type,
                today + timedelta(days=stay.check_in),
                today + timedelta(days=stay.check_out),
            )
    for number, first, last, *_ in HARBOR_OUT_OF_ORDER:
        held.add(
            hotel.rooms[number].room_type,
            today + timedelta(days=first),
            today + timedelta(days=last),
        )
    return held


def _conditions_at_t(
    rng: random.Random, hotel: SeededHotel, stays: list[Stay], pool: dict[str, list[int]]
) -> dict[int, str]:
    """Occupied rooms dirty or already cleaned, rooms left this morning dirty, others ready."""
    today = hotel.info.today
    occupied = {s.room_id for s in stays if s.check_in < today < s.check_out}
    left_today = {s.room_id for s in stays if s.check_out == today}
    conditions: dict[int, str] = {}
    for room_id in sorted(room_id for rooms in pool.values() for room_id in rooms):
        if room_id in occupied:
            conditions[room_id] = "dirty" if rng.random() < 0.65 else "clean"
        elif room_id in left_today:
            conditions[room_id] = "dirty"
        else:
            conditions[room_id] = "inspected" if rng.random() < 0.25 else "clean"
    return conditions
