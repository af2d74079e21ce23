"""The demo world of docs/demo-hotel.md: Harbor View Hotel and Alpine Lodge.

Every fact here is one the demo, the tests and the evaluation scenarios rely on; change it only
together with demo-hotel.md. The story (reservations, rooms at T, tasks) is in `story.py`, the
generated guests and stays that fill Harbor View in `bulk.py`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pms.seed import bulk, story
from pms.seed.hotels import (
    HotelSpec,
    RatePlanSpec,
    RoomSpec,
    RoomTypeSpec,
    StaffSpec,
    floor_grid,
    set_conditions,
    write_hotel,
    write_staff,
)
from pms.seed.passwords import BackgroundHashes
from pms.seed.rows import Rows

_FLEX = RatePlanSpec(
    "FLEX",
    "Flexible",
    "Free cancellation until 48 hours before 15:00 on the arrival date; later, one night is "
    "charged.",
)
_NRF = RatePlanSpec(
    "NRF",
    "Non-refundable",
    "15% off the flexible rate. Prepaid at booking, no refund, no changes.",
    discount_bp=1500,
    prepaid=True,
    refundable=False,
    guest_modifiable=False,
    free_cancellation_hours=0,
)
_BB = RatePlanSpec(
    "BB",
    "Bed & Breakfast",
    "The flexible rate plus breakfast at $25 per adult per night (children's breakfast free). "
    "Cancellation as the flexible rate.",
    breakfast_cents_per_adult=2500,
)

HARBOR_ROOM_TYPES = (
    RoomTypeSpec("STQ", "Standard Queen", "One queen bed.", 2, 16_000),
    RoomTypeSpec("STD", "Standard Double", "Two queen beds.", 4, 20_000),
    RoomTypeSpec("DLK", "Deluxe King", "King bed, sea view.", 2, 24_000),
    RoomTypeSpec("STE", "Harbor Suite", "King bed and sofa bed.", 4, 40_000),
)


def _harbor_type(position: int) -> str:
    """F01-F08 STQ, F09-F16 STD, F17-F22 DLK, F23-F24 STE."""
    if position <= 8:
        return "STQ"
    if position <= 16:
        return "STD"
    return "DLK" if position <= 22 else "STE"


def _with_accessible(rooms: tuple[RoomSpec, ...], accessible: set[str]) -> tuple[RoomSpec, ...]:
    return tuple(RoomSpec(r.number, r.floor, r.room_type, r.number in accessible) for r in rooms)


HARBOR_VIEW = HotelSpec(
    slug="harbor-view",
    name="Harbor View Hotel",
    code_prefix="HV",
    timezone="America/New_York",
    address="12 Quay Street, Port Elise",
    phone="+1 555 0142",
    # Its public site, and a hotel web developer's local copy of it.
    web_origins=("https://www.harborview.example", "http://localhost:8080"),
    room_types=HARBOR_ROOM_TYPES,
    rate_plans=(_FLEX, _NRF, _BB),
    rooms=_with_accessible(floor_grid(range(2, 7), 24, _harbor_type), {"201", "209"}),
    staff=(
        StaffSpec("morgan.lee", "Morgan Lee", "admin"),
        StaffSpec("grace.kim", "Grace Kim", "manager"),
        StaffSpec("leo.martins", "Leo Martins", "front_desk"),
        StaffSpec("ana.silva", "Ana Silva", "front_desk"),
        StaffSpec("maria.santos", "Maria Santos", "housekeeping"),
        StaffSpec("tom.reed", "Tom Reed", "housekeeping"),
        StaffSpec("ivy.chen", "Ivy Chen", "housekeeping"),
    ),
)

ALPINE_LODGE = HotelSpec(
    slug="alpine-lodge",
    name="Alpine Lodge",
    code_prefix="AL",
    timezone="Europe/Zurich",
    address="Dorfstrasse 12, 3823 Wengen, Switzerland",
    phone="+41 33 555 0190",
    web_origins=("https://www.alpinelodge.example",),
    room_types=(
        RoomTypeSpec("DBL", "Double", "One double bed.", 2, 18_000),
        RoomTypeSpec("FAM", "Family", "A double bed and bunk beds.", 5, 26_000),
    ),
    rate_plans=(_FLEX, _NRF),
    rooms=floor_grid(range(1, 3), 10, lambda position: "DBL" if position <= 7 else "FAM"),
    staff=(
        StaffSpec("hans.weber", "Hans Weber", "manager"),
        StaffSpec("lena.vogt", "Lena Vogt", "front_desk"),
    ),
)

DEMO_HOTELS = (HARBOR_VIEW, ALPINE_LODGE)
_PASSWORD_PREFIX = {"harbor-view": "harbor", "alpine-lodge": "alpine"}


def password_of(hotel: HotelSpec, staff: StaffSpec) -> str:
    """`harbor-<first name>` / `alpine-<first name>`: easy to type in a demo, never reused."""
    return f"{_PASSWORD_PREFIX[hotel.slug]}-{staff.full_name.split()[0].lower()}"


# (hotel, username, name, role, password) for every demo login; the README's table comes from
# here (see `passwords_markdown`).
PASSWORDS: tuple[tuple[str, str, str, str, str], ...] = tuple(
    (hotel.slug, person.username, person.full_name, person.role, password_of(hotel, person))
    for hotel in DEMO_HOTELS
    for person in hotel.staff
)


def passwords_markdown() -> str:
    """The demo logins as a Markdown table."""
    lines = ["| hotel | username | name | role | password |", "|---|---|---|---|---|"]
    lines += [f"| `{h}` | `{u}` | {n} | {r} | `{p}` |" for h, u, n, r, p in PASSWORDS]
    return "\n".join(lines)


def seed_demo(session: Session, rows: Rows, today: date) -> None:
    """Write both demo hotels with T = `today`."""
    # Hashing runs on other cores while the stays are generated below.
    hashing = BackgroundHashes(password for *_, password in PASSWORDS)

    harbor = write_hotel(rows, HARBOR_VIEW, today, story.HARBOR_CONDITIONS)
    alpine = write_hotel(rows, ALPINE_LODGE, today, story.ALPINE_CONDITIONS)
    story.write_harbor_stays(rows, harbor)
    story.write_alpine_stays(rows, alpine)
    conditions = bulk.write_harbor(rows, harbor)

    hashes = hashing.result()
    for spec, hotel in ((HARBOR_VIEW, harbor), (ALPINE_LODGE, alpine)):
        logins = {u: hashes[p] for h, u, _, _, p in PASSWORDS if h == spec.slug}
        write_staff(rows, hotel, spec.staff, logins)
    # No other housekeeping task exists yet, so the story's four are ids 1-4.
    story.write_harbor_tasks(rows, harbor)
    set_conditions(session, rows, conditions)
