"""The story of demo-hotel.md: named guests, their folios, the rooms and tasks at T.

Days are offsets from T (the business date the seed is given), so the same story plays on any
date. Amounts are the documented ones, written out rather than computed, so a pricing change
cannot silently change the story; `write_stay` checks them against the rate plans instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pms.models import Guest, HousekeepingTask, OutOfOrderPeriod, Reservation
from pms.reservations.repository import last_name_key
from pms.seed.hotels import SeededHotel
from pms.seed.rows import Rows, local_moment
from pms.seed.stays import NIGHT_AUDIT, Folio

Moment = tuple[int, int, int]  # (days from T, hour, minute), hotel time


@dataclass(frozen=True)
class StoryLine:
    kind: str
    amount_cents: int
    night: int
    at: Moment
    description: str
    category: str | None = None
    method: str | None = None
    posted_by: str = NIGHT_AUDIT


@dataclass(frozen=True)
class StoryStay:
    code: str
    guest: str
    email: str
    room_type: str
    room: str | None
    check_in: int
    check_out: int
    adults: int
    children: int
    rate_plan: str
    status: str
    booked: Moment
    changed: Moment | None = None  # checked in or cancelled
    lines: tuple[StoryLine, ...] = ()
    cancel_reason: str | None = None


def _night(category: str, cents: int, night: int, label: str) -> StoryLine:
    """A charge the night audit posted for `night`, described as it describes them."""
    return StoryLine(
        "charge", cents, night, (night, 23, 30), label + ", night of {night}", category=category
    )


def _card(cents: int, day: int, at: Moment, description: str, by: str) -> StoryLine:
    return StoryLine("payment", cents, day, at, description, method="card", posted_by=by)


HARBOR_STAYS = (
    StoryStay("HV1001", "John Carter", "john.carter@example.com", "DLK", "517", -2, 1, 2, 0,
              "FLEX", "in_house", booked=(-30, 19, 12), changed=(-2, 16, 5), lines=(
        _night("room", 24_000, -2, "Room 517"),
        _night("room", 24_000, -1, "Room 517"),
        StoryLine("charge", 3_850, -1, (-1, 21, 10), "Tide Restaurant dinner",
                  category="food_beverage", posted_by="leo.martins"),
    )),
    StoryStay("HV1002", "Priya Shah", "priya.shah@example.com", "STQ", None, 0, 3, 1, 0,
              "FLEX", "confirmed", booked=(-12, 10, 41)),
    StoryStay("HV1003", "Lukas Meyer", "lukas.meyer@example.com", "STD", None, 10, 14, 2, 2,
              "NRF", "confirmed", booked=(-20, 14, 5), lines=(
        _card(68_000, -20, (-20, 14, 5), "Prepayment, Non-refundable rate", "guest"),
    )),
    StoryStay("HV1004", "Sofia Rossi", "sofia.rossi@example.com", "STE", "623", -3, 0, 2, 0,
              "BB", "in_house", booked=(-45, 9, 30), changed=(-3, 15, 20), lines=(
        _night("room", 40_000, -3, "Room 623"),
        _night("room", 40_000, -2, "Room 623"),
        _night("room", 40_000, -1, "Room 623"),
        _night("breakfast", 5_000, -3, "Breakfast"),
        _night("breakfast", 5_000, -2, "Breakfast"),
        _night("breakfast", 5_000, -1, "Breakfast"),
        StoryLine("charge", 12_000, -1, (-1, 17, 30), "Salt Spa, 60-minute massage",
                  category="spa", posted_by="ana.silva"),
        _card(100_000, 0, (0, 8, 40), "Payment on account", "leo.martins"),
    )),
    StoryStay("HV1005", "Daniel Okafor", "daniel.okafor@example.com", "STQ", None, 5, 7, 1, 0,
              "FLEX", "confirmed", booked=(-9, 20, 2)),
    StoryStay("HV1006", "Mei Tanaka", "mei.tanaka@example.com", "DLK", None, 1, 3, 2, 0,
              "FLEX", "confirmed", booked=(-5, 13, 27)),
    StoryStay("HV1007", "Omar Haddad", "omar.haddad@example.com", "STD", "214", -1, 2, 3, 0,
              "FLEX", "in_house", booked=(-15, 11, 50), changed=(-1, 18, 45), lines=(
        _night("room", 20_000, -1, "Room 214"),
        _card(20_000, 0, (0, 7, 50), "Payment on account", "ana.silva"),
    )),
    StoryStay("HV1008", "Chloe Dubois", "chloe.dubois@example.com", "STQ", None, 20, 22, 2, 0,
              "FLEX", "cancelled", booked=(-25, 16, 14), changed=(-2, 11, 20),
              cancel_reason="Plans changed"),
)  # fmt: skip

ALPINE_STAYS = (
    StoryStay("AL1001", "Felix Wagner", "felix.wagner@example.com", "FAM", "108", -1, 3, 2, 2,
              "FLEX", "in_house", booked=(-40, 8, 55), changed=(-1, 16, 30), lines=(
        _night("room", 26_000, -1, "Room 108"),
    )),
)  # fmt: skip

# Stays of the story that have a room at T, and rooms the bulk stays must leave alone.
STORY_ROOMS = frozenset({"201", "209", "214", "517", "623"})


def _floor_three() -> dict[str, str]:
    conditions = {f"3{n:02d}": "dirty" for n in range(1, 6)}
    conditions |= {f"3{n:02d}": "clean" for n in range(6, 12)}
    conditions["312"] = "dirty"
    conditions |= {f"3{n:02d}": "inspected" for n in range(13, 17)}
    conditions |= {f"3{n:02d}": "clean" for n in range(17, 25)}
    return conditions


HARBOR_CONDITIONS = {
    "517": "dirty",
    "623": "dirty",
    "214": "clean",
    "201": "inspected",
    "209": "clean",
    **_floor_three(),
}
ALPINE_CONDITIONS = {"108": "dirty"}

# (room, start, end, reason, by): end is the first day back in service.
HARBOR_OUT_OF_ORDER = (("312", -1, 2, "bathroom leak", "grace.kim", (-1, 9, 15)),)

# (id, room, kind, status, assignee, notes, created)
HARBOR_TASKS = (
    (1, "517", "stayover_clean", "open", "maria.santos", None, (0, 7, 0)),
    (2, "305", "checkout_clean", "in_progress", "tom.reed", None, (0, 7, 5)),
    (3, "214", "amenity_request", "open", None, "two extra towels", (0, 8, 20)),
    (4, "623", "stayover_clean", "open", "ivy.chen", None, (0, 7, 10)),
)


def write_harbor_stays(rows: Rows, hotel: SeededHotel) -> None:
    for stay in HARBOR_STAYS:
        write_stay(rows, hotel, stay)
    for number, start, end, reason, by, created in HARBOR_OUT_OF_ORDER:
        rows.add(
            OutOfOrderPeriod,
            hotel_id=hotel.info.id,
            room_id=hotel.rooms[number].id,
            start_date=_day(hotel, start),
            end_date=_day(hotel, end),
            reason=reason,
            created_at=_moment(hotel, created),
            created_by=by,
        )


def write_alpine_stays(rows: Rows, hotel: SeededHotel) -> None:
    for stay in ALPINE_STAYS:
        write_stay(rows, hotel, stay)


def write_harbor_tasks(rows: Rows, hotel: SeededHotel) -> None:
    """Tasks 1-4; the caller makes sure no other task was written before."""
    for task_id, number, kind, status, assignee, notes, created in HARBOR_TASKS:
        written = rows.add(
            HousekeepingTask,
            hotel_id=hotel.info.id,
            room_id=hotel.rooms[number].id,
            kind=kind,
            status=status,
            priority="normal",
            assignee_id=hotel.staff[assignee] if assignee else None,
            notes=notes,
            created_at=_moment(hotel, created),
            created_by="leo.martins",
        )
        if written != task_id:
            raise RuntimeError(f"housekeeping task {task_id} of the story got id {written}")


def write_stay(rows: Rows, hotel: SeededHotel, stay: StoryStay) -> None:
    info = hotel.info
    room_type = info.room_types[stay.room_type]
    plan = info.rate_plans[stay.rate_plan]
    nightly = plan.nightly_rate_cents(room_type)
    breakfast = plan.breakfast_cents_per_adult * stay.adults
    guest_id = rows.add(
        Guest,
        hotel_id=info.id,
        name=stay.guest,
        last_name_key=last_name_key(stay.guest),
        email=stay.email,
    )
    reservation_id = rows.add(
        Reservation,
        hotel_id=info.id,
        code=stay.code,
        guest_id=guest_id,
        room_type_id=room_type.id,
        rate_plan_id=plan.id,
        room_id=hotel.rooms[stay.room].id if stay.room else None,
        check_in=_day(hotel, stay.check_in),
        check_out=_day(hotel, stay.check_out),
        adults=stay.adults,
        children=stay.children,
        status=stay.status,
        nightly_rate_cents=nightly,
        breakfast_cents_per_night=breakfast,
        total_cents=(nightly + breakfast) * (stay.check_out - stay.check_in),
        cancel_reason=stay.cancel_reason,
        created_at=_moment(hotel, stay.booked),
        updated_at=_moment(hotel, stay.changed or stay.booked),
    )
    folio = Folio(rows, info.id, reservation_id)
    for line in stay.lines:
        if line.category == "room" and line.amount_cents != nightly:
            raise RuntimeError(f"{stay.code}: room line {line.amount_cents} != rate {nightly}")
        service_date = _day(hotel, line.night)
        description = line.description.format(night=service_date.isoformat())
        at = _moment(hotel, line.at)
        if line.kind == "payment":
            folio.payment(
                line.amount_cents,
                service_date,
                at,
                description,
                line.method or "card",
                line.posted_by,
            )
        else:
            folio.charge(
                line.category or "misc",
                line.amount_cents,
                service_date,
                at,
                description,
                line.posted_by,
            )


def _day(hotel: SeededHotel, offset: int) -> date:
    return hotel.info.today + timedelta(days=offset)


def _moment(hotel: SeededHotel, moment: Moment) -> datetime:
    offset, hour, minute = moment
    return local_moment(hotel.info.zone, _day(hotel, offset), hour, minute)
