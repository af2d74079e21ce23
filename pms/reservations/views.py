"""How a reservation reads to the person asking about it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from pms.availability.schemas import NightPrice
from pms.availability.service import free_cancellation_deadline, late_fee_words
from pms.folios.repository import balance_cents
from pms.models import Hotel, Reservation
from pms.money import display, fmt
from pms.pricing import booked_night_rates, late_cancellation_fee_cents
from pms.reservations.schemas import ReservationView


def cancellation_note(hotel: Hotel, reservation: Reservation, now: datetime) -> str:
    """What cancelling would cost right now, so the agent can say it before acting."""
    if reservation.status != "confirmed":
        return f"Cannot be cancelled: the reservation is {reservation.status}."
    deadline = free_cancellation_deadline(hotel, reservation.rate_plan, reservation.check_in)
    plan = reservation.rate_plan
    if deadline is None:
        if plan.prepaid:
            return "Non-refundable rate: cancelling keeps the prepayment; nothing is refunded."
        return "Non-refundable rate: cancelling keeps what was paid; nothing is refunded."
    fee = late_cancellation_fee_cents(plan, booked_night_rates(reservation))
    if fee == 0:
        return "Free cancellation at any time before arrival."
    if now < deadline:
        return f"Free cancellation until {deadline:%Y-%m-%d %H:%M} hotel time."
    return (
        f"Inside the {plan.free_cancellation_hours}-hour window: cancelling now posts a "
        f"cancellation fee of {display(fee, hotel.currency)} ({late_fee_words(plan)})."
    )


def night_prices(reservation: Reservation) -> list[NightPrice] | None:
    """Each booked night's price, only when they differ (else `nightly_rate` says it all)."""
    rates = booked_night_rates(reservation)
    if len(set(rates)) < 2:
        return None
    breakfast = reservation.breakfast_cents_per_night
    return [
        NightPrice(date=reservation.check_in + timedelta(days=i), price=fmt(rate + breakfast))
        for i, rate in enumerate(rates)
    ]


def view(
    session: Session, hotel: Hotel, reservation: Reservation, now: datetime
) -> ReservationView:
    return ReservationView(
        confirmation_code=reservation.code,
        status=reservation.status,
        guest_name=reservation.guest.name,
        guest_email=reservation.guest.email,
        guest_phone=reservation.guest.phone,
        room_type=reservation.room_type.code,
        room_type_name=reservation.room_type.name,
        rate_plan=reservation.rate_plan.code,
        rate_plan_name=reservation.rate_plan.name,
        check_in=reservation.check_in,
        check_out=reservation.check_out,
        nights=reservation.nights,
        adults=reservation.adults,
        children=reservation.children,
        room=reservation.room.number if reservation.room else None,
        nightly_rate=fmt(reservation.nightly_rate_cents),
        breakfast_per_night=fmt(reservation.breakfast_cents_per_night),
        total=fmt(reservation.total_cents),
        balance=fmt(balance_cents(session, reservation.id)),
        special_requests=reservation.special_requests,
        cancellation=cancellation_note(hotel, reservation, now),
        night_prices=night_prices(reservation),
    )
