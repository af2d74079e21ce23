"""The demo world of docs/demo-hotel.md: Harbor View Hotel and Alpine Lodge.

The hotels themselves (settings, room types, plans, rooms, staff) are hotel files,
`examples/hotels/harbor-view.yaml` and `alpine-lodge.yaml`, applied exactly as
`concierge hotels apply` would; the seed then sets the business date to T and adds the demo
story: reservations, folios, room conditions and tasks (`story.py`), the generated guests and
stays that fill Harbor View (`bulk.py`), and the demo passwords. Change a fact only together with
demo-hotel.md.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pms.hotels.apply import apply_hotel_file
from pms.hotels.file import HotelFile, StaffEntry, load_hotel_file
from pms.models import Hotel, RatePlan, Room, RoomType, StaffUser
from pms.seed import bulk, story
from pms.seed.hotels import SeededHotel, SeededRoom, set_conditions
from pms.seed.passwords import BackgroundHashes
from pms.seed.rows import Rows
from pms.seed.stays import HotelInfo, RatePlanInfo, RoomTypeInfo

# The project's example hotel files; the demo hotels are the first two.
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "hotels"
DEMO_FILES = (EXAMPLES / "harbor-view.yaml", EXAMPLES / "alpine-lodge.yaml")


@cache
def demo_hotels() -> tuple[HotelFile, ...]:
    """The demo hotels' files, read once per process."""
    return tuple(load_hotel_file(path) for path in DEMO_FILES)


def demo_hotel(slug: str) -> HotelFile:
    return next(hotel for hotel in demo_hotels() if hotel.slug == slug)


_PASSWORD_PREFIX = {"harbor-view": "harbor", "alpine-lodge": "alpine"}


def password_of(hotel: HotelFile, staff: StaffEntry) -> str:
    """`harbor-<first name>` / `alpine-<first name>`: easy to type in a demo, never reused."""
    return f"{_PASSWORD_PREFIX[hotel.slug]}-{staff.name.split()[0].lower()}"


# (hotel, username, name, role, password) for every demo login; the README's table comes from
# here (see `passwords_markdown`).
PASSWORDS: tuple[tuple[str, str, str, str, str], ...] = tuple(
    (hotel.slug, person.username, person.name, person.role, password_of(hotel, person))
    for hotel in demo_hotels()
    for person in hotel.staff
)


def passwords_markdown() -> str:
    """The demo logins as a Markdown table."""
    lines = ["| hotel | username | name | role | password |", "|---|---|---|---|---|"]
    lines += [f"| `{h}` | `{u}` | {n} | {r} | `{p}` |" for h, u, n, r, p in PASSWORDS]
    return "\n".join(lines)


def seed_demo(session: Session, rows: Rows, today: date) -> None:
    """Apply both demo hotel files, then write the story with T = `today`."""
    # Hashing runs on other cores while the hotels and stays are written below.
    hashing = BackgroundHashes(password for *_, password in PASSWORDS)
    applied = [(document, _apply(session, rows, document, today)) for document in demo_hotels()]
    (_, harbor), (_, alpine) = applied
    story.write_harbor_stays(rows, harbor)
    story.write_alpine_stays(rows, alpine)
    conditions = bulk.write_harbor(rows, harbor)
    rows.flush()

    hashes = hashing.result()
    session.execute(
        update(StaffUser),
        [
            {"id": hotel.staff[person.username], "password_hash": hashes[password_of(doc, person)]}
            for doc, hotel in applied
            for person in doc.staff
        ],
    )
    # No other housekeeping task exists yet, so the story's four are ids 1-4.
    story.write_harbor_tasks(rows, harbor)
    for hotel, story_conditions in (
        (harbor, story.HARBOR_CONDITIONS),
        (alpine, story.ALPINE_CONDITIONS),
    ):
        conditions |= {hotel.rooms[n].id: c for n, c in story_conditions.items()}
    set_conditions(session, rows, conditions)


def _apply(session: Session, rows: Rows, document: HotelFile, today: date) -> SeededHotel:
    """Apply one demo file, start the hotel on T, and read back the ids the story needs."""
    apply_hotel_file(session, document)
    hotel = session.scalars(select(Hotel).where(Hotel.slug == document.slug)).one()
    hotel.business_date = today
    session.flush()
    room_types = {
        t.code: RoomTypeInfo(t.id, t.code, t.flex_rate_cents, t.max_occupancy)
        for t in session.scalars(
            select(RoomType).where(RoomType.hotel_id == hotel.id).order_by(RoomType.id)
        )
    }
    plans = {
        p.code: RatePlanInfo(
            p.id, p.code, p.name, p.discount_bp, p.breakfast_cents_per_adult, p.prepaid
        )
        for p in session.scalars(
            select(RatePlan).where(RatePlan.hotel_id == hotel.id).order_by(RatePlan.id)
        )
    }
    code_of = {info.id: code for code, info in room_types.items()}
    seeded = SeededHotel(
        HotelInfo(hotel.id, ZoneInfo(hotel.timezone), today, room_types, plans, {})
    )
    for room in session.scalars(select(Room).where(Room.hotel_id == hotel.id).order_by(Room.id)):
        seeded.rooms[room.number] = SeededRoom(
            room.id, room.number, room.floor, code_of[room.room_type_id]
        )
        seeded.info.room_numbers[room.id] = room.number
    staff = select(StaffUser.username, StaffUser.id).where(StaffUser.hotel_id == hotel.id)
    seeded.staff = {username: staff_id for username, staff_id in session.execute(staff)}
    for table, count in (
        ("hotels", 1),
        ("room_types", len(room_types)),
        ("rate_plans", len(plans)),
        ("rooms", len(seeded.rooms)),
        ("staff_users", len(seeded.staff)),
    ):
        rows.count(table, count)
    return seeded
