"""Reservation requests (field names are the tool contract's) and what comes back."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pms.availability.schemas import NightPrice
from pms.reservations.repository import last_name_key
from pms.text import NOTE_MAX, SPECIAL_REQUESTS_MAX, Line, Prose

# Lengths are the columns' (pms/models): a room type or rate plan may be given by code or by
# name (80); special requests and reasons are capped (TEXT columns).
Code = Field(max_length=16, description="Confirmation code, e.g. HV1001.")
_LAST_NAME_MAX = 80  # guests.last_name_key


class _Arguments(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)


class ReservationCreate(_Arguments):
    room_type: Line = Field(max_length=80, description="Room type code, e.g. DLK.")
    check_in: date = Field(description="Arrival date, YYYY-MM-DD.")
    check_out: date = Field(description="Departure date, YYYY-MM-DD.")
    adults: int = Field(description="Adults, at least 1.")
    children: int = Field(0, description="Children.")
    guest_name: Line = Field(max_length=120, description="Guest's full name.")
    guest_email: Line = Field(max_length=254, description="Guest's email address.")
    guest_phone: Line | None = Field(None, max_length=40, description="Guest's phone number.")
    rate_plan: Line = Field(
        "FLEX", max_length=80, description="FLEX, NRF (non-refundable) or BB (breakfast)."
    )
    special_requests: Prose | None = Field(
        None, max_length=SPECIAL_REQUESTS_MAX, description="Requests in the guest's words."
    )

    @field_validator("guest_name")
    @classmethod
    def _last_name_fits(cls, name: str) -> str:
        # The last name is what a guest proves ownership with, kept folded in its own column.
        if len(last_name_key(name)) > _LAST_NAME_MAX:
            raise ValueError(f"the last name may be at most {_LAST_NAME_MAX} characters")
        return name


class ReservationLookup(_Arguments):
    confirmation_code: Line = Code
    last_name: Line = Field(max_length=120, description="The guest's last name, as booked.")


class ReservationRef(_Arguments):
    confirmation_code: Line = Code


class ReservationSearch(_Arguments):
    name: Line | None = Field(None, max_length=120, description="Part of the guest's name.")
    email: Line | None = Field(None, max_length=254, description="The guest's email.")
    arrival_date: date | None = Field(None, description="Check-in date.")
    departure_date: date | None = Field(None, description="Check-out date.")
    status: Line | None = Field(
        None, max_length=16, description="confirmed, in_house, checked_out, cancelled or no_show."
    )
    room_number: Line | None = Field(None, max_length=8, description="Assigned room number.")


class ReservationChange(_Arguments):
    confirmation_code: Line = Code
    check_in: date | None = Field(None, description="New arrival date.")
    check_out: date | None = Field(None, description="New departure date.")
    adults: int | None = Field(None, description="New number of adults.")
    children: int | None = Field(None, description="New number of children.")
    room_type: Line | None = Field(None, max_length=80, description="New room type code.")
    rate_plan: Line | None = Field(None, max_length=80, description="New rate plan code.")


class ReservationCancel(_Arguments):
    confirmation_code: Line = Code
    reason: Prose | None = Field(None, max_length=NOTE_MAX, description="Why the guest cancels.")


class RoomAssignment(_Arguments):
    confirmation_code: Line = Code
    room_number: Line = Field(max_length=8, description="Room number to assign, e.g. 517.")


class CheckInRequest(_Arguments):
    confirmation_code: Line = Code
    room_number: Line | None = Field(
        None, max_length=8, description="Room to use; omit to take the assigned or best ready room."
    )


class ReservationView(BaseModel):
    confirmation_code: str
    status: str
    guest_name: str
    guest_email: str
    guest_phone: str | None
    room_type: str
    room_type_name: str
    rate_plan: str
    rate_plan_name: str
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int
    room: str | None
    nightly_rate: str = Field(description="The first night's room price, as booked.")
    breakfast_per_night: str
    total: str
    balance: str
    special_requests: str | None
    cancellation: str
    # Present only when the booked nights are priced differently (seasons): each night's room
    # and breakfast, as booked.
    night_prices: list[NightPrice] | None = Field(None, exclude_if=lambda prices: prices is None)


class ReservationSummary(BaseModel):
    confirmation_code: str
    status: str
    guest_name: str
    room_type: str
    check_in: date
    check_out: date
    room: str | None


class ReservationList(BaseModel):
    reservations: list[ReservationSummary]
    total: int = Field(description="How many matched; at most 25 are shown.")


class Cancellation(BaseModel):
    reservation: ReservationView
    fee: str = Field(description="Cancellation fee posted to the folio, 0.00 when free.")
    refunded: str = "0.00"
    message: str


class StayChange(BaseModel):
    reservation: ReservationView
    message: str
