"""docs/demo-hotel.md's hotels, what they sell and who works there, read back after seeding.

The expected values are written out here from the document, not imported from the seed, so a
change to either shows up as a failure. The story (reservations, folios, rooms and tasks at T)
is in test_demo_story.py, the generated stays in test_demo_bulk.py.
"""

from collections import Counter

import pytest
from sqlalchemy import select

from pms.models import RatePlan, RoomType, StaffUser
from pms.seed.demo import PASSWORDS, passwords_markdown
from pms.seed.passwords import verify
from tests.pms.seed.queries import hotel, rooms
from tests.support import T

HOTELS = {
    "harbor-view": ("Harbor View Hotel", "HV", "America/New_York", "12 Quay Street, Port Elise"),
    "alpine-lodge": ("Alpine Lodge", "AL", "Europe/Zurich", None),
}


@pytest.mark.parametrize("slug", HOTELS)
def test_hotels(db, slug):
    name, prefix, zone, address = HOTELS[slug]
    with db.unit_of_work() as s:
        found = hotel(s, slug)
        assert (found.name, found.code_prefix, found.timezone) == (name, prefix, zone)
        assert found.currency == "USD"
        assert found.business_date == T
        assert found.next_confirmation_number == 5001
        assert (found.check_in_time, found.check_out_time) == ("15:00", "11:00")
        if slug == "harbor-view":
            assert found.address == address
            assert found.phone == "+1 555 0142"


ROOM_TYPES = {
    "harbor-view": {
        "STQ": ("Standard Queen", 2, 16_000, 40),
        "STD": ("Standard Double", 4, 20_000, 40),
        "DLK": ("Deluxe King", 2, 24_000, 30),
        "STE": ("Harbor Suite", 4, 40_000, 10),
    },
    "alpine-lodge": {"DBL": ("Double", 2, 18_000, 14), "FAM": ("Family", 5, 26_000, 6)},
}


@pytest.mark.parametrize("slug", ROOM_TYPES)
def test_room_types_and_how_many_rooms_each_has(db, slug):
    with db.unit_of_work() as s:
        types = s.scalars(select(RoomType).where(RoomType.hotel_id == hotel(s, slug).id)).all()
        code_of = {t.id: t.code for t in types}
        per_type = Counter(code_of[room.room_type_id] for room in rooms(s, slug).values())
    found = {t.code: (t.name, t.max_occupancy, t.flex_rate_cents, per_type[t.code]) for t in types}
    assert found == ROOM_TYPES[slug]


def expected_harbor_type(number: str) -> str:
    position = int(number[-2:])
    if position <= 8:
        return "STQ"
    if position <= 16:
        return "STD"
    return "DLK" if position <= 22 else "STE"


def test_harbor_view_rooms_are_numbered_f01_to_f24_on_floors_2_to_6(db):
    with db.unit_of_work() as s:
        found = rooms(s, "harbor-view")
        types = {t.id: t.code for t in s.scalars(select(RoomType))}
    expected = {f"{floor}{n:02d}" for floor in range(2, 7) for n in range(1, 25)}
    assert set(found) == expected
    for number, room in found.items():
        assert room.floor == int(number[0])
        assert types[room.room_type_id] == expected_harbor_type(number), number
    assert {n for n, room in found.items() if room.accessible} == {"201", "209"}


def test_alpine_lodge_rooms(db):
    with db.unit_of_work() as s:
        found = rooms(s, "alpine-lodge")
        types = {t.id: t.code for t in s.scalars(select(RoomType))}
    assert set(found) == {f"{floor}{n:02d}" for floor in (1, 2) for n in range(1, 11)}
    for number, room in found.items():
        assert room.floor == int(number[0])
        assert types[room.room_type_id] == ("DBL" if int(number[-2:]) <= 7 else "FAM")
        assert not room.accessible


RATE_PLANS = {
    # code: (name, discount_bp, breakfast per adult, prepaid, refundable, guest_modifiable)
    "FLEX": ("Flexible", 0, 0, False, True, True),
    "NRF": ("Non-refundable", 1500, 0, True, False, False),
    "BB": ("Bed & Breakfast", 0, 2500, False, True, True),
}


@pytest.mark.parametrize(("slug", "codes"), [("harbor-view", {"FLEX", "NRF", "BB"}),
                                             ("alpine-lodge", {"FLEX", "NRF"})])  # fmt: skip
def test_rate_plans(db, slug, codes):
    with db.unit_of_work() as s:
        plans = s.scalars(select(RatePlan).where(RatePlan.hotel_id == hotel(s, slug).id)).all()
    assert {p.code for p in plans} == codes
    for plan in plans:
        found = (plan.name, plan.discount_bp, plan.breakfast_cents_per_adult, plan.prepaid,
                 plan.refundable, plan.guest_modifiable)  # fmt: skip
        assert found == RATE_PLANS[plan.code]
        if plan.refundable:
            assert plan.free_cancellation_hours == 48


def test_non_refundable_prices(db):
    with db.unit_of_work() as s:
        the_hotel = hotel(s, "harbor-view")
        nrf = s.scalars(
            select(RatePlan).where(RatePlan.hotel_id == the_hotel.id, RatePlan.code == "NRF")
        ).one()
        types = s.scalars(select(RoomType).where(RoomType.hotel_id == the_hotel.id)).all()
        prices = {t.code: nrf.nightly_rate_cents(t) for t in types}
    assert prices == {"STQ": 13_600, "STD": 17_000, "DLK": 20_400, "STE": 34_000}


STAFF = {
    "harbor-view": {
        "morgan.lee": ("Morgan Lee", "admin", "harbor-morgan"),
        "grace.kim": ("Grace Kim", "manager", "harbor-grace"),
        "leo.martins": ("Leo Martins", "front_desk", "harbor-leo"),
        "ana.silva": ("Ana Silva", "front_desk", "harbor-ana"),
        "maria.santos": ("Maria Santos", "housekeeping", "harbor-maria"),
        "tom.reed": ("Tom Reed", "housekeeping", "harbor-tom"),
        "ivy.chen": ("Ivy Chen", "housekeeping", "harbor-ivy"),
    },
    "alpine-lodge": {
        "hans.weber": ("Hans Weber", "manager", "alpine-hans"),
        "lena.vogt": ("Lena Vogt", "front_desk", "alpine-lena"),
    },
}


@pytest.mark.parametrize("slug", STAFF)
def test_staff_their_roles_and_passwords(db, slug):
    with db.unit_of_work() as s:
        staff = s.scalars(select(StaffUser).where(StaffUser.hotel_id == hotel(s, slug).id)).all()
    assert {u.username: (u.full_name, u.role) for u in staff} == {
        username: (name, role) for username, (name, role, _) in STAFF[slug].items()
    }
    for user in staff:
        password = STAFF[slug][user.username][2]
        assert user.active
        assert user.password_hash.startswith("$argon2id$")
        assert password not in user.password_hash
        assert verify(user.password_hash, password)
        assert not verify(user.password_hash, password + "x")


def test_the_password_table_lists_every_login():
    expected = {(slug, u, n, r, p) for slug, people in STAFF.items()
                for u, (n, r, p) in people.items()}  # fmt: skip
    assert set(PASSWORDS) == expected and len(PASSWORDS) == len(expected)
    table = passwords_markdown()
    assert "| `harbor-view` | `grace.kim` | Grace Kim | manager | `harbor-grace` |" in table
    assert table.count("\n") == len(PASSWORDS) + 1
