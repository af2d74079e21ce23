"""Availability questions and the offers that answer them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from pms.text import Line


class AvailabilityQuery(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    check_in: date = Field(description="Arrival date, YYYY-MM-DD.")
    check_out: date = Field(description="Departure date, YYYY-MM-DD (after check_in).")
    adults: int = Field(description="Number of adults, at least 1.")
    children: int = Field(0, description="Number of children.")
    room_type: Line | None = Field(
        None, max_length=80, description="Room type code to ask about only that type."
    )


class NightPrice(BaseModel):
    date: date
    price: str = Field(description="The night's room and breakfast, in the hotel's currency.")


class RateQuote(BaseModel):
    rate_plan: str
    name: str
    nightly: str = Field(description="The first night's price, room and breakfast.")
    total: str
    prepaid: bool
    cancellation: str
    # Present only when the nights are priced differently (seasons): each night's price.
    night_prices: list[NightPrice] | None = Field(None, exclude_if=lambda prices: prices is None)


class RoomTypeOffer(BaseModel):
    room_type: str
    name: str
    description: str
    max_guests: int
    available_rooms: int
    rates: list[RateQuote]


class Availability(BaseModel):
    check_in: date
    check_out: date
    nights: int
    adults: int
    children: int
    currency: str
    offers: list[RoomTypeOffer]
    not_offered: list[str] = Field(
        default_factory=list, description="Room types left out, and why."
    )
