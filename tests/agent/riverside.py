"""A hotel that is not the demo, written into a test database: another prefix (RV), currency
(EUR), time zone, check-in time, room types and plans, named only here. The agent must serve it
from its data alone."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pms.db import Database
from pms.models import Hotel, RatePlan, Room, RoomType
from tests.support import T

SLUG = "riverside-lisbon"


def add_riverside(db: Database) -> None:
    def write(session: Session) -> None:
        hotel = Hotel(
            slug=SLUG,
            name="Riverside Lisbon",
            code_prefix="RV",
            timezone="Europe/Lisbon",
            currency="EUR",
            address="Rua do Rio 5, 1200-001 Lisboa",
            phone="+351 21 000 0000",
            check_in_time="14:00",
            check_out_time="12:00",
            business_date=T,
        )
        session.add(hotel)
        session.flush()
        twin = RoomType(
            hotel_id=hotel.id,
            code="TWN",
            name="Garden Twin",
            description="Two single beds, opens onto the garden.",
            max_occupancy=2,
            flex_rate_cents=12_000,
            aliases=["twin", "two singles", "garden room"],
        )
        loft = RoomType(
            hotel_id=hotel.id,
            code="LFT",
            name="River Loft",
            description="A king bed under the eaves, river view.",
            max_occupancy=3,
            flex_rate_cents=21_000,
            aliases=["loft", "attic room"],
        )
        session.add_all([twin, loft])
        session.add_all(
            [
                RatePlan(
                    hotel_id=hotel.id,
                    code="STAY",
                    name="Standard Stay",
                    description="",
                    free_cancellation_hours=24,
                    late_cancellation_fee="full_stay",
                ),
                RatePlan(
                    hotel_id=hotel.id,
                    code="ADV",
                    name="Advance Saver",
                    description="",
                    discount_bp=2000,
                    prepaid=True,
                    refundable=False,
                    guest_modifiable=False,
                    aliases=["saver"],
                ),
                RatePlan(
                    hotel_id=hotel.id,
                    code="HB",
                    name="Pequeno Almoço",
                    description="",
                    breakfast_cents_per_adult=1800,
                ),
            ]
        )
        session.flush()
        session.add_all(
            Room(hotel_id=hotel.id, number=number, floor=1, room_type_id=room_type.id)
            for number, room_type in (("101", twin), ("102", twin), ("201", loft))
        )

    db.run(write)
