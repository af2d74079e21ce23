"""Harbor View's generated stays keep the limits demo-hotel.md promises around the story."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import FolioLine, Guest, Reservation
from pms.reservations.repository import fold
from tests.pms.seed.queries import double_bookings, held_per_night, hotel, reservations, rooms
from tests.support import NOW, T

STORY_CODES = {f"HV100{n}" for n in range(1, 9)}
STORY_ROOMS = {"201", "209", "214", "517", "623"}
STORY_NAMES = ["John", "Carter", "Priya", "Shah", "Lukas", "Meyer", "Sofia", "Rossi", "Daniel",
               "Okafor", "Mei", "Tanaka", "Omar", "Haddad", "Chloe", "Dubois", "Felix", "Wagner"]  # fmt: skip
SIGN = {"charge": 1, "refund": 1, "payment": -1, "void": -1}
ROOMS_PER_TYPE = {"STQ": 40, "STD": 40, "DLK": 30, "STE": 10}


def bulk_stays(session: Session) -> list[Reservation]:
    return [s for s in reservations(session, "harbor-view") if s.code not in STORY_CODES]


def test_bulk_codes_run_from_hv2000_without_gaps(db):
    with db.unit_of_work() as s:
        numbers = sorted(int(stay.code[2:]) for stay in bulk_stays(s))
    assert numbers == list(range(2000, 2000 + len(numbers)))
    assert len(numbers) > 1000 and numbers[-1] < 5001  # never in the booking counter's way


def test_no_room_type_is_ever_above_85_percent(db):
    with db.unit_of_work() as s:
        held = held_per_night(s, "harbor-view", T - timedelta(days=60), T + timedelta(days=120))
    for code, per_night in held.items():
        limit = int(ROOMS_PER_TYPE[code] * 0.85)
        assert max(per_night) <= limit, code


def test_average_occupancy_over_the_window_is_about_65_percent(db):
    with db.unit_of_work() as s:
        held = held_per_night(s, "harbor-view", T - timedelta(days=14), T + timedelta(days=60))
        # held_per_night counts room 312 too; occupancy counts stays only.
        held["STD"] = [n - (1 if 13 <= i <= 15 else 0) for i, n in enumerate(held["STD"])]
    per_night = [sum(counts) for counts in zip(*held.values(), strict=True)]
    average = sum(per_night) / len(per_night) / 120
    assert 0.60 <= average <= 0.70
    assert min(per_night) >= 0.4 * 120  # no empty stretches at either end of the window


def test_bulk_stays_never_use_floor_3_or_the_story_rooms(db):
    with db.unit_of_work() as s:
        number_of = {room.id: number for number, room in rooms(s, "harbor-view").items()}
        used = {number_of[stay.room_id] for stay in bulk_stays(s) if stay.room_id}
    assert used  # past and in-house stays do have rooms
    assert not {n for n in used if n.startswith("3")}
    assert not used & STORY_ROOMS


def test_status_and_room_follow_the_dates(db):
    with db.unit_of_work() as s:
        stays = bulk_stays(s)
    for stay in stays:
        if stay.check_out <= T:
            assert (stay.status, stay.room_id is not None) == ("checked_out", True), stay.code
        elif stay.check_in < T:
            assert (stay.status, stay.room_id is not None) == ("in_house", True), stay.code
        else:
            assert (stay.status, stay.room_id) == ("confirmed", None), stay.code
    statuses = Counter(stay.status for stay in stays)
    assert statuses["checked_out"] > 100 and statuses["in_house"] > 20
    assert statuses["confirmed"] > 500


def test_no_two_stays_share_a_room_on_a_night(db):
    with db.unit_of_work() as s:
        assert double_bookings(reservations(s, "harbor-view")) == []


def test_prices_follow_the_rate_plans(db):
    with db.unit_of_work() as s:
        stays = bulk_stays(s)
    plans = Counter(stay.rate_plan.code for stay in stays)
    assert set(plans) == {"FLEX", "BB", "NRF"} and plans["FLEX"] > plans["BB"] > plans["NRF"]
    for stay in stays:
        assert stay.nightly_rate_cents == stay.rate_plan.nightly_rate_cents(stay.room_type)
        expected_breakfast = stay.rate_plan.breakfast_cents_per_adult * stay.adults
        assert stay.breakfast_cents_per_night == expected_breakfast
        nightly = stay.nightly_rate_cents + stay.breakfast_cents_per_night
        assert stay.total_cents == nightly * stay.nights
        assert stay.adults >= 1 and stay.adults + stay.children <= stay.room_type.max_occupancy


def test_folios_are_posted_and_paid_as_the_status_requires(db):
    with db.unit_of_work() as s:
        stays = bulk_stays(s)
        by_stay: dict[int, list[FolioLine]] = {}
        for line in s.scalars(select(FolioLine).order_by(FolioLine.line)):
            by_stay.setdefault(line.reservation_id, []).append(line)
    positive_in_house = 0
    for stay in stays:
        folio = by_stay.get(stay.id, [])
        balance = sum(SIGN[line.kind] * line.amount_cents for line in folio)
        assert [line.line for line in folio] == list(range(1, len(folio) + 1))
        posted_nights = max(0, (min(stay.check_out, T) - stay.check_in).days)
        room_lines = [line for line in folio if line.category == "room"]
        breakfast_lines = [line for line in folio if line.category == "breakfast"]
        assert len(room_lines) == posted_nights, stay.code
        assert sorted(line.service_date for line in room_lines) == [
            stay.check_in + timedelta(days=i) for i in range(posted_nights)
        ]
        assert {line.amount_cents for line in room_lines} <= {stay.nightly_rate_cents}
        assert len(breakfast_lines) == (posted_nights if stay.breakfast_cents_per_night else 0)
        if stay.rate_plan.prepaid:
            assert (folio[0].kind, folio[0].amount_cents) == ("payment", stay.total_cents)
            assert folio[0].method == "card"
        if stay.status == "checked_out":
            assert balance == 0, stay.code
        if stay.status == "in_house" and balance > 0:
            positive_in_house += 1
        if stay.status == "confirmed":
            assert all(line.kind == "payment" for line in folio)
    assert positive_in_house > 0


def test_rooms_in_use_have_plausible_conditions(db):
    with db.unit_of_work() as s:
        stays = bulk_stays(s)
        found = rooms(s, "harbor-view")
    condition_of = {room.id: room.condition for room in found.values()}
    in_house = {stay.room_id or 0 for stay in stays if stay.status == "in_house"}
    left_today = {stay.room_id or 0 for stay in stays if stay.check_out == T} - in_house
    assert {condition_of[room_id] for room_id in in_house} <= {"dirty", "clean"}
    assert {condition_of[room_id] for room_id in left_today} == {"dirty"}
    assert set(condition_of.values()) == {"dirty", "clean", "inspected"}


def test_generated_guests_never_look_like_story_guests(db):
    with db.unit_of_work() as s:
        story_guest_ids = {stay.guest_id for stay in reservations(s, "harbor-view")
                           if stay.code in STORY_CODES}  # fmt: skip
        guests = s.scalars(select(Guest).where(Guest.hotel_id == hotel(s, "harbor-view").id))
        generated = [g for g in guests if g.id not in story_guest_ids]
    assert len(generated) == len({g.email for g in generated})
    for guest in generated:
        name = fold(guest.name)
        assert not [part for part in STORY_NAMES if fold(part) in name], guest.name
        assert guest.email.endswith("@example.net")


def test_timestamps_come_from_t_not_the_wall_clock(db):
    now = NOW.replace(tzinfo=ZoneInfo("America/New_York")).astimezone(UTC)
    earliest = datetime(2026, 10, 1, tzinfo=UTC)
    with db.unit_of_work() as s:
        stays = reservations(s, "harbor-view")
        posted = list(s.scalars(select(FolioLine.posted_at)))
    for stay in stays:
        assert earliest <= stay.created_at <= stay.updated_at <= now, stay.code
    assert all(earliest <= at <= now for at in posted)
