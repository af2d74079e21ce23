"""A hotel built in memory, named for no real one, with what the demo hotels lack: a single
room for one guest, a plan coded as an ordinary word ("ROOM") whose alias says it has no
breakfast, a three-letter code prefix and pounds."""

from __future__ import annotations

from pms.hotels.profile import HotelProfile, RatePlanProfile, RoomTypeProfile


def _plan(code: str, name: str, aliases: tuple[str, ...], **terms: object) -> RatePlanProfile:
    values: dict[str, object] = {
        "discount_bp": 0, "breakfast_cents_per_adult": 0, "prepaid": False, "refundable": True,
        "guest_modifiable": True, "free_cancellation_hours": 24, "late_cancellation_fee": "none",
    }  # fmt: skip
    values.update(terms)
    return RatePlanProfile(code, name, aliases, "", **values)  # type: ignore[arg-type]


PROFILE = HotelProfile(
    slug="quayside",
    name="Quayside Inn",
    code_prefix="QSI",
    timezone="Europe/London",
    currency="GBP",
    address="1 Pier Road",
    phone="+44 1000 000000",
    check_in_time="15:00",
    check_out_time="11:00",
    room_types=(
        RoomTypeProfile(
            "DBL",
            "Pier Double",
            ("double",),
            "A double bed looking over the bay to Mull.",
            2,
            12_000,
        ),
        RoomTypeProfile("SGL", "Cabin Single", ("single",), "One single bed.", 1, 7_000),
    ),
    rate_plans=(
        _plan("ROOM", "Room Only", ("room only", "no breakfast")),
        _plan("BB", "Bed & Quay Breakfast", ("bed and breakfast",), breakfast_cents_per_adult=1200),
        _plan("ADV", "Advance", ("saver",), discount_bp=2000, prepaid=True, refundable=False),
    ),
)
