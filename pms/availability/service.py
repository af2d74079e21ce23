"""Availability, prices and the stay rules every booking and change must pass."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from sqlalchemy.orm import Session

from pms.authz import authorize
from pms.availability import repository
from pms.availability.schemas import (
    Availability,
    AvailabilityQuery,
    NightPrice,
    RateQuote,
    RoomTypeOffer,
)
from pms.errors import Conflict, Invalid
from pms.hotels.repository import hotel_for
from pms.models import Hotel, RatePlan, RoomType
from pms.money import display, fmt
from pms.pricing import SeasonalRate, hotel_seasons, late_cancellation_fee_cents, stay_price
from pms.principal import Principal

MAX_NIGHTS = repository.MAX_STAY_NIGHTS
MAX_DAYS_AHEAD = 365


def validate_dates(hotel: Hotel, check_in: date, check_out: date) -> None:
    today = hotel.business_date
    if check_in < today:
        raise Invalid(
            f"check_in {check_in} is in the past; the hotel's date is {today}. "
            "Choose an arrival on or after it."
        )
    if check_out <= check_in:
        raise Invalid(f"check_out ({check_out}) must be after check_in ({check_in}).")
    if (check_out - check_in).days > MAX_NIGHTS:
        raise Invalid(f"A stay may be at most {MAX_NIGHTS} nights.")
    if check_in > today + timedelta(days=MAX_DAYS_AHEAD):
        raise Invalid(
            f"Bookings open at most {MAX_DAYS_AHEAD} days ahead "
            f"(arrival by {today + timedelta(days=MAX_DAYS_AHEAD)})."
        )


def validate_party(room_type: RoomType, adults: int, children: int) -> None:
    if adults < 1:
        raise Invalid("A booking needs at least one adult.")
    if children < 0:
        raise Invalid("children cannot be negative.")
    if adults + children > room_type.max_occupancy:
        raise Invalid(
            f"The {room_type.name} ({room_type.code}) holds at most {room_type.max_occupancy} "
            f"guests; the party is {adults + children}."
        )


Named = TypeVar("Named", RoomType, RatePlan)


def _by_code_or_name(choices: list[Named], wanted: str) -> Named | None:
    key = wanted.strip().lower()
    return next((c for c in choices if key in (c.code.lower(), c.name.lower())), None)


def resolve_room_type(session: Session, hotel: Hotel, wanted: str) -> RoomType:
    """A room type by code, or by its name as a person would write it."""
    types = repository.room_types(session, hotel)
    found = _by_code_or_name(types, wanted)
    if found is None:
        codes = ", ".join(f"{t.code} ({t.name})" for t in types)
        raise Invalid(f"Unknown room type '{wanted}'. {hotel.name} has: {codes}.")
    return found


def resolve_rate_plan(session: Session, hotel: Hotel, wanted: str) -> RatePlan:
    plans = repository.rate_plans(session, hotel)
    found = _by_code_or_name(plans, wanted)
    if found is None:
        codes = ", ".join(f"{p.code} ({p.name})" for p in plans)
        raise Invalid(f"Unknown rate plan '{wanted}'. {hotel.name} offers: {codes}.")
    return found


def free_cancellation_deadline(hotel: Hotel, plan: RatePlan, check_in: date) -> datetime | None:
    """Until when cancelling costs nothing; None for a non-refundable plan."""
    if not plan.refundable:
        return None
    hour, minute = (int(part) for part in hotel.check_in_time.split(":"))
    arrival = datetime.combine(check_in, time(hour, minute), tzinfo=hotel.zone)
    return arrival - timedelta(hours=plan.free_cancellation_hours)


def no_refund_terms(plan: RatePlan) -> str:
    """What a plan that is not refundable promises: what was paid is kept, nothing more."""
    changes = "" if plan.guest_modifiable else " and no changes"
    if plan.prepaid:
        return f"Prepaid at booking: no refund{changes}."
    return f"Non-refundable: nothing is refunded{changes}."


def late_fee_words(plan: RatePlan) -> str:
    """How a person names the late-cancellation fee of a plan ("one night", "the whole stay")."""
    return "the whole stay" if plan.late_cancellation_fee == "full_stay" else "one night"


def cancellation_terms(
    hotel: Hotel, plan: RatePlan, check_in: date, night_rates: Sequence[int]
) -> str:
    """The plan's cancellation terms for this stay, with the fee in the hotel's currency."""
    deadline = free_cancellation_deadline(hotel, plan, check_in)
    if deadline is None:
        return no_refund_terms(plan)
    fee = late_cancellation_fee_cents(plan, night_rates)
    if fee == 0:
        return "Free cancellation at any time before arrival."
    return (
        f"Free cancellation until {deadline:%Y-%m-%d %H:%M} hotel time; "
        f"after that {late_fee_words(plan)} ({display(fee, hotel.currency)}) is charged."
    )


def ensure_sellable(
    session: Session,
    hotel: Hotel,
    room_type: RoomType,
    check_in: date,
    check_out: date,
    *,
    exclude_reservation_id: int | None = None,
) -> None:
    """Refuse unless the room type has a room free every night. Locks the type first."""
    repository.lock_room_type(session, room_type)
    free = repository.free_per_night(
        session,
        hotel,
        check_in,
        check_out,
        room_type_id=room_type.id,
        exclude_reservation_id=exclude_reservation_id,
    ).get(room_type.id, [])
    full = [
        night
        for night, left in zip(repository.nights(check_in, check_out), free, strict=True)
        if left <= 0
    ]
    if full:
        nights = ", ".join(str(n) for n in full[:5])
        raise Conflict(
            f"No {room_type.name} ({room_type.code}) is free on {nights}. "
            "Check availability for other dates or room types."
        )


def _quote(
    session: Session,
    hotel: Hotel,
    room_type: RoomType,
    plan: RatePlan,
    query: AvailabilityQuery,
    seasons: Sequence[SeasonalRate],
) -> RateQuote:
    """One plan's price for the stay; each night's price only when the nights differ.

    `nightly` stays the first night's price (room and breakfast), as before seasons.
    """
    quoted = stay_price(
        session,
        hotel,
        room_type,
        plan,
        query.check_in,
        query.check_out,
        query.adults,
        seasons=seasons,
    )
    breakfast = quoted.breakfast_cents_per_night
    night_prices = None
    if quoted.varies:
        night_prices = [
            NightPrice(date=night, price=fmt(rate + breakfast))
            for night, rate in zip(
                repository.nights(query.check_in, query.check_out),
                quoted.night_rates_cents,
                strict=True,
            )
        ]
    return RateQuote(
        rate_plan=plan.code,
        name=plan.name,
        nightly=fmt(quoted.night_rates_cents[0] + breakfast),
        total=fmt(quoted.total_cents),
        prepaid=plan.prepaid,
        cancellation=cancellation_terms(hotel, plan, query.check_in, quoted.night_rates_cents),
        night_prices=night_prices,
    )


def check_availability(
    session: Session, actor: Principal, query: AvailabilityQuery
) -> Availability:
    authorize(actor, "check_availability")
    hotel = hotel_for(session, actor)
    validate_dates(hotel, query.check_in, query.check_out)
    if query.adults < 1:
        raise Invalid("A booking needs at least one adult.")
    if query.children < 0:
        raise Invalid("children cannot be negative.")
    types = repository.room_types(session, hotel)
    if query.room_type:
        types = [resolve_room_type(session, hotel, query.room_type)]
    plans = repository.rate_plans(session, hotel)
    free = repository.free_per_night(session, hotel, query.check_in, query.check_out)
    seasons = hotel_seasons(session, hotel)
    nights = (query.check_out - query.check_in).days
    party = query.adults + query.children
    offers: list[RoomTypeOffer] = []
    left_out: list[str] = []
    for room_type in types:
        available = max(min(free.get(room_type.id, [0])), 0)
        if party > room_type.max_occupancy:
            left_out.append(
                f"{room_type.code} ({room_type.name}) holds at most {room_type.max_occupancy}."
            )
            continue
        if available == 0:
            left_out.append(f"{room_type.code} ({room_type.name}) is sold out for these dates.")
            continue
        rates = [
            _quote(session, hotel, room_type, plan, query, seasons.get(room_type.id, []))
            for plan in plans
        ]
        offers.append(
            RoomTypeOffer(
                room_type=room_type.code,
                name=room_type.name,
                description=room_type.description,
                max_guests=room_type.max_occupancy,
                available_rooms=available,
                rates=rates,
            )
        )
    return Availability(
        check_in=query.check_in,
        check_out=query.check_out,
        nights=nights,
        adults=query.adults,
        children=query.children,
        currency=hotel.currency,
        offers=offers,
        not_offered=left_out,
    )
