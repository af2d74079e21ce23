"""The story of docs/demo-hotel.md at T = 2027-03-01: reservations, folios, rooms and tasks.

As in test_demo_seed.py, the expected values are copied from the document, not from the seed.
"""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.folios.repository import balance_cents, lines
from pms.models import HousekeepingTask, OutOfOrderPeriod, Reservation, StaffUser
from pms.rooms.repository import occupied_room_ids
from tests.pms.seed.queries import hotel, reservations, rooms
from tests.support import T


def day(offset: int) -> date:
    return T + timedelta(days=offset)


STORY = {
    # code: (guest, email, type, room, check-in, check-out, adults, children, plan, status)
    "HV1001": ("John Carter", "john.carter@example.com", "DLK", "517", -2, 1, 2, 0, "FLEX",
               "in_house"),
    "HV1002": ("Priya Shah", "priya.shah@example.com", "STQ", None, 0, 3, 1, 0, "FLEX",
               "confirmed"),
    "HV1003": ("Lukas Meyer", "lukas.meyer@example.com", "STD", None, 10, 14, 2, 2, "NRF",
               "confirmed"),
    "HV1004": ("Sofia Rossi", "sofia.rossi@example.com", "STE", "623", -3, 0, 2, 0, "BB",
               "in_house"),
    "HV1005": ("Daniel Okafor", "daniel.okafor@example.com", "STQ", None, 5, 7, 1, 0, "FLEX",
               "confirmed"),
    "HV1006": ("Mei Tanaka", "mei.tanaka@example.com", "DLK", None, 1, 3, 2, 0, "FLEX",
               "confirmed"),
    "HV1007": ("Omar Haddad", "omar.haddad@example.com", "STD", "214", -1, 2, 3, 0, "FLEX",
               "in_house"),
    "HV1008": ("Chloe Dubois", "chloe.dubois@example.com", "STQ", None, 20, 22, 2, 0, "FLEX",
               "cancelled"),
    "AL1001": ("Felix Wagner", "felix.wagner@example.com", "FAM", "108", -1, 3, 2, 2, "FLEX",
               "in_house"),
}  # fmt: skip
# code: (nightly rate, breakfast per night, total) in cents
PRICES = {
    "HV1001": (24_000, 0, 72_000),
    "HV1002": (16_000, 0, 48_000),
    "HV1003": (17_000, 0, 68_000),
    "HV1004": (40_000, 5_000, 135_000),
    "HV1005": (16_000, 0, 32_000),
    "HV1006": (24_000, 0, 48_000),
    "HV1007": (20_000, 0, 60_000),
    "HV1008": (16_000, 0, 32_000),
    "AL1001": (26_000, 0, 104_000),
}


def story_stays(session: Session) -> dict[str, Reservation]:
    stays = reservations(session, "harbor-view") + reservations(session, "alpine-lodge")
    return {stay.code: stay for stay in stays if stay.code in STORY}


def test_story_reservations(db):
    with db.unit_of_work() as s:
        stays = story_stays(s)
        assert set(stays) == set(STORY)
        for code, stay in stays.items():
            found = (stay.guest.name, stay.guest.email, stay.room_type.code,
                     stay.room.number if stay.room else None, (stay.check_in - T).days,
                     (stay.check_out - T).days, stay.adults, stay.children, stay.rate_plan.code,
                     stay.status)  # fmt: skip
            assert found == STORY[code], code
            prices = (stay.nightly_rate_cents, stay.breakfast_cents_per_night, stay.total_cents)
            assert prices == PRICES[code], code
            assert stay.guest.last_name_key == stay.guest.name.split()[-1].lower()
            assert stay.created_at <= stay.updated_at


FolioLines = list[tuple[str, str | None, int, str, int, str | None]]
FOLIOS: dict[str, tuple[FolioLines, int]] = {
    # code: [(kind, category, cents, description, service day, method)], balance
    "HV1001": ([
        ("charge", "room", 24_000, "Room 517, night of 2027-02-27", -2, None),
        ("charge", "room", 24_000, "Room 517, night of 2027-02-28", -1, None),
        ("charge", "food_beverage", 3_850, "Tide Restaurant dinner", -1, None),
    ], 51_850),
    "HV1002": ([], 0),
    "HV1003": ([("payment", None, 68_000, "Prepayment, Non-refundable rate", -20, "card")],
               -68_000),
    "HV1004": ([
        ("charge", "room", 40_000, "Room 623, night of 2027-02-26", -3, None),
        ("charge", "room", 40_000, "Room 623, night of 2027-02-27", -2, None),
        ("charge", "room", 40_000, "Room 623, night of 2027-02-28", -1, None),
        ("charge", "breakfast", 5_000, "Breakfast, night of 2027-02-26", -3, None),
        ("charge", "breakfast", 5_000, "Breakfast, night of 2027-02-27", -2, None),
        ("charge", "breakfast", 5_000, "Breakfast, night of 2027-02-28", -1, None),
        ("charge", "spa", 12_000, "Salt Spa, 60-minute massage", -1, None),
        ("payment", None, 100_000, "Payment on account", 0, "card"),
    ], 47_000),
    "HV1005": ([], 0),
    "HV1006": ([], 0),
    "HV1007": ([
        ("charge", "room", 20_000, "Room 214, night of 2027-02-28", -1, None),
        ("payment", None, 20_000, "Payment on account", 0, "card"),
    ], 0),
    "HV1008": ([], 0),
    "AL1001": ([("charge", "room", 26_000, "Room 108, night of 2027-02-28", -1, None)], 26_000),
}  # fmt: skip


@pytest.mark.parametrize("code", FOLIOS)
def test_story_folios_and_balances(db, code):
    expected_lines, expected_balance = FOLIOS[code]
    with db.unit_of_work() as s:
        stay = story_stays(s)[code]
        found = [(line.line, line.kind, line.category, line.amount_cents, line.description,
                  (line.service_date - T).days, line.method) for line in lines(s, stay.id)]  # fmt: skip
        assert found == [(n, *line) for n, line in enumerate(expected_lines, start=1)]
        assert balance_cents(s, stay.id) == expected_balance


def test_harbor_view_rooms_at_t(db):
    with db.unit_of_work() as s:
        found = rooms(s, "harbor-view")
        occupied = occupied_room_ids(s, hotel(s, "harbor-view"))
    number_of = {room.id: number for number, room in found.items()}
    occupied_numbers = {number_of[room_id] for room_id in occupied}
    assert {"517", "623", "214"} <= occupied_numbers
    assert not occupied_numbers & ({f"3{n:02d}" for n in range(1, 25)} | {"201", "209"})
    expected = {"517": "dirty", "623": "dirty", "214": "clean", "201": "inspected", "209": "clean"}
    expected |= {f"3{n:02d}": "dirty" for n in range(1, 6)}
    expected |= {f"3{n:02d}": "clean" for n in range(6, 12)}
    expected |= {"312": "dirty"}
    expected |= {f"3{n:02d}": "inspected" for n in range(13, 17)}
    expected |= {f"3{n:02d}": "clean" for n in range(17, 25)}
    assert {number: found[number].condition for number in expected} == expected


def test_alpine_lodge_at_t(db):
    with db.unit_of_work() as s:
        found = rooms(s, "alpine-lodge")
        occupied = occupied_room_ids(s, hotel(s, "alpine-lodge"))
        assert occupied == {found["108"].id}
        assert len(reservations(s, "alpine-lodge")) == 1
        assert s.scalar(select(func.count()).select_from(OutOfOrderPeriod)) == 1


def test_room_312_is_out_of_order_from_t_minus_1_until_back_on_t_plus_2(db):
    with db.unit_of_work() as s:
        [period] = s.scalars(select(OutOfOrderPeriod)).all()
        assert period.hotel_id == hotel(s, "harbor-view").id
        assert period.room_id == rooms(s, "harbor-view")["312"].id
    assert (period.start_date, period.end_date) == (day(-1), day(2))
    assert period.reason == "bathroom leak"


def test_housekeeping_tasks_1_to_4(db):
    with db.unit_of_work() as s:
        tasks = s.scalars(select(HousekeepingTask).order_by(HousekeepingTask.id)).all()
        staff = {u.id: u.username for u in s.scalars(select(StaffUser))}
        numbers = {room.id: number for number, room in rooms(s, "harbor-view").items()}
        harbor_id = hotel(s, "harbor-view").id
    found = [(t.id, numbers[t.room_id], t.kind, t.status, staff.get(t.assignee_id or 0), t.notes)
             for t in tasks]  # fmt: skip
    assert found == [
        (1, "517", "stayover_clean", "open", "maria.santos", None),
        (2, "305", "checkout_clean", "in_progress", "tom.reed", None),
        (3, "214", "amenity_request", "open", None, "two extra towels"),
        (4, "623", "stayover_clean", "open", "ivy.chen", None),
    ]
    assert {t.hotel_id for t in tasks} == {harbor_id}
    assert {t.priority for t in tasks} == {"normal"}
    assert all(t.completed_at is None for t in tasks)
