"""The entries of a hotel file: one strict model for each kind of thing a hotel lists.

Apart from `HotelFile`, which gathers them, so the file's own module stays about reading the
file, and the writes of `pms.hotels.apply` can name the entry they write without the rest.
Every model forbids unknown keys and is frozen: a misspelt key is an error, never ignored.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from pms.hotels.fields import BasisPoints, Cents, Code, Day, LongText, Text

# A range of room numbers ("102-112"); `check` reports one that does not match.
ROOM_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


class Strict(BaseModel):
    """Every model of the file: unknown keys are errors and no value is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


class RoomTypeEntry(Strict):
    code: Code
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    aliases: list[Annotated[Text, Field(min_length=1, max_length=80)]] = []
    description: Annotated[LongText, Field(max_length=2000)] = ""
    max_occupancy: Annotated[StrictInt, Field(ge=1, le=20)]
    rate: Cents


class RatePlanEntry(Strict):
    code: Code
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    aliases: list[Annotated[Text, Field(min_length=1, max_length=80)]] = []
    # An extension of the spec: the plan's terms in the hotel's words, shown to guests.
    description: Annotated[LongText, Field(max_length=2000)] = ""
    discount_percent: BasisPoints = 0
    breakfast_per_adult: Cents = 0
    prepaid: StrictBool = False
    refundable: StrictBool = True
    guest_modifiable: StrictBool = True
    free_cancellation_hours: Annotated[StrictInt, Field(ge=0, le=8760)] = 48
    late_cancellation_fee: Literal["first_night", "full_stay", "none"] = "first_night"


class SeasonEntry(Strict):
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    from_date: Day = Field(alias="from")
    until_date: Day = Field(alias="until")
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]] = []
    rates: dict[str, Cents]


class RoomEntry(Strict):
    number: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,8}$")] | None = None
    numbers: str | None = None
    floor: StrictInt
    type: str
    accessible: StrictBool = False

    def expand(self) -> list[str]:
        """The room numbers this entry stands for ("102-112": 102, 103, ..., 112)."""
        if self.number is not None:
            return [self.number]
        match = ROOM_RANGE.match(self.numbers or "")
        assert match is not None  # checked by `check`
        first, last = match.group(1), match.group(2)
        width = len(first) if first.startswith("0") else 0
        return [str(n).zfill(width) for n in range(int(first), int(last) + 1)]


class StaffEntry(Strict):
    username: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$")]
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    role: Literal["admin", "manager", "front_desk", "housekeeping"]


class GuestEntry(Strict):
    name: Annotated[Text, Field(min_length=1, max_length=120)]
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
    phone: Annotated[Text, Field(max_length=40)] | None = None


class ReservationEntry(Strict):
    code: Annotated[str, Field(pattern=r"^[A-Z]{2,4}\d{1,12}$")]
    guest: GuestEntry
    room_type: str
    rate_plan: str
    check_in: Day
    check_out: Day
    adults: Annotated[StrictInt, Field(ge=1, le=20)]
    children: Annotated[StrictInt, Field(ge=0, le=20)] = 0
    status: Literal["confirmed", "in_house"] = "confirmed"
    room: str | None = None
    special_requests: Annotated[LongText, Field(max_length=1000)] = ""
