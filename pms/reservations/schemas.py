"""Reservation requests (field names are the tool contract's) and what comes back."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

Code = Field(description="Confirmation code, e.g. HV1001.")


class ReservationCreate(BaseModel):
    room_type: str = Field(description="Room type code, e.g. DLK.")
    check_in: date = Field(description="Arrival date, YYYY-MM-DD.")
    check_out: date = Field(description="Departure date, YYYY-MM-DD.")
    adults: int = Field(description="Adults, at least 1.")
    children: int = Field(0, description="Children.")
    guest_name: str = Field(description="Guest's full name.")
    guest_email: str = Field(description="Guest's email address.")
    guest_phone: str | None = Field(None, description="Guest's phone number.")
    rate_plan: str = Field("FLEX", description="FLEX, NRF (non-refundable) or BB (breakfast).")
    special_requests: str | None = Field(None, description="Requests in the guest's words.")


class ReservationLookup(BaseModel):
    confirmation_code: str = Code
    last_name: str = Field(description="The guest's last name, as booked.")


class ReservationRef(BaseModel):
    confirmation_code: str = Code


class ReservationSearch(BaseModel):
    name: str | None = Field(None, description="Part of the guest's name.")
    email: str | None = Field(None, description="The guest's email.")
    arrival_date: date | None = Field(None, description="Check-in date.")
    departure_date: date | None = Field(None, description="Check-out date.")
    status: str | None = Field(
        None, description="confirmed, in_house, checked_out, cancelled or no_show."
    )
    room_number: str | None = Field(None, description="Assigned room number.")


class ReservationChange(BaseModel):
    confirmation_code: str = Code
    check_in: date | None = Field(None, description="New arrival date.")
    check_out: date | None = Field(None, description="New departure date.")
    adults: int | None = Field(None, description="New number of adults.")
    children: int | None = Field(None, description="New number of children.")
    room_type: str | None = Field(None, description="New room type code.")
    rate_plan: str | None = Field(None, description="New rate plan code.")


class ReservationCancel(BaseModel):
    confirmation_code: str = Code
    reason: str | None = Field(None, description="Why the guest cancels.")


class RoomAssignment(BaseModel):
    confirmation_code: str = Code
    room_number: str = Field(description="Room number to assign, e.g. 517.")


class CheckInRequest(BaseModel):
    confirmation_code: str = Code
    room_number: str | None = Field(
        None, description="Room to use; omit to take the assigned or best ready room."
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
    nightly_rate: str
    breakfast_per_night: str
    total: str
    balance: str
    special_requests: str | None
    cancellation: str


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
