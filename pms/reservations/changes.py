"""Changing and cancelling reservations."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.availability.service import (
    MAX_NIGHTS,
    ensure_sellable,
    free_cancellation_deadline,
    late_fee_words,
    resolve_rate_plan,
    resolve_room_type,
    validate_dates,
    validate_party,
)
from pms.errors import Conflict, Invalid, PolicyViolation
from pms.folios.repository import append_line
from pms.hotels.repository import hotel_for, local_now, now_utc
from pms.models import Hotel, RatePlan, Reservation, RoomType
from pms.money import display, fmt
from pms.pricing import (
    booked_night_rates,
    late_cancellation_fee_cents,
    rebooked_night_rates,
    stay_price,
)
from pms.principal import Principal
from pms.reservations import repository
from pms.reservations.schemas import (
    Cancellation,
    ReservationCancel,
    ReservationChange,
    ReservationView,
)
from pms.reservations.views import view

_FIELDS = ("check_in", "check_out", "adults", "children", "room_type", "rate_plan")


def modify(session: Session, actor: Principal, change: ReservationChange) -> ReservationView:
    authorize(actor, "modify_reservation")
    hotel = hotel_for(session, actor)
    reservation = repository.for_actor(session, actor, hotel, change.confirmation_code, lock=True)
    if all(getattr(change, name) is None for name in _FIELDS):
        raise Invalid(f"Say what to change: any of {', '.join(_FIELDS)}.")
    _check_modifiable(actor, reservation)

    room_type = (
        resolve_room_type(session, hotel, change.room_type)
        if change.room_type
        else reservation.room_type
    )
    plan = (
        resolve_rate_plan(session, hotel, change.rate_plan)
        if change.rate_plan
        else reservation.rate_plan
    )
    check_in = change.check_in or reservation.check_in
    check_out = change.check_out or reservation.check_out
    adults = reservation.adults if change.adults is None else change.adults
    children = reservation.children if change.children is None else change.children
    if plan.prepaid != reservation.rate_plan.prepaid:
        prepaid = plan if plan.prepaid else reservation.rate_plan
        raise PolicyViolation(
            f"A stay cannot move onto or off the prepaid {prepaid.name} rate; cancel it and "
            "book again instead."
        )

    if reservation.status == "in_house":
        _extend_or_shorten(
            session, hotel, reservation, check_in, check_out, room_type, plan, adults, children
        )
    else:
        validate_dates(hotel, check_in, check_out)
        validate_party(room_type, adults, children)
        ensure_sellable(
            session, hotel, room_type, check_in, check_out, exclude_reservation_id=reservation.id
        )
        _keep_room_if_still_free(session, reservation, room_type.id, check_in, check_out)

    night_rates, breakfast = _new_price(
        session, hotel, reservation, room_type, plan, check_in, check_out, adults
    )
    reservation.room_type = room_type
    reservation.rate_plan = plan
    reservation.check_in, reservation.check_out = check_in, check_out
    reservation.adults, reservation.children = adults, children
    reservation.nightly_rate_cents = night_rates[0]
    reservation.night_rates_cents = list(night_rates)
    reservation.breakfast_cents_per_night = breakfast
    reservation.total_cents = sum(night_rates) + breakfast * len(night_rates)
    reservation.updated_at = now_utc(session)
    session.flush()
    record(
        session,
        actor,
        hotel,
        "modify_reservation",
        reservation.code,
        **{name: getattr(change, name) for name in _FIELDS if getattr(change, name) is not None},
    )
    return view(session, hotel, reservation, local_now(session, hotel))


def _new_price(
    session: Session,
    hotel: Hotel,
    reservation: Reservation,
    room_type: RoomType,
    plan: RatePlan,
    check_in: date,
    check_out: date,
    adults: int,
) -> tuple[tuple[int, ...], int]:
    """Each night's room price and the breakfast per night of the changed stay.

    A booked stay keeps the price it was sold at: with the same room type and plan, the nights
    it already held keep their booked rates, new nights are priced at today's rates, and a
    change of party keeps the booked breakfast price per adult. Another room type or plan is a
    different product: the whole stay is priced again at today's rates.
    """
    current = stay_price(session, hotel, room_type, plan, check_in, check_out, adults)
    if room_type.id != reservation.room_type_id or plan.id != reservation.rate_plan_id:
        return current.night_rates_cents, current.breakfast_cents_per_night
    night_rates = rebooked_night_rates(
        booked_night_rates(reservation), reservation.check_in, current.night_rates_cents, check_in
    )
    per_adult = reservation.breakfast_cents_per_night // reservation.adults
    return night_rates, per_adult * adults


def _check_modifiable(actor: Principal, reservation: Reservation) -> None:
    if actor.is_guest:
        if reservation.status != "confirmed":
            raise PolicyViolation(
                f"Reservation {reservation.code} is {reservation.status}; guests can change only "
                "confirmed reservations. The front desk can help with anything else."
            )
        if not reservation.rate_plan.guest_modifiable:
            raise PolicyViolation(
                f"Reservation {reservation.code} is on the {reservation.rate_plan.name} rate, "
                "which allows no changes."
            )
    elif reservation.status not in ("confirmed", "in_house"):
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; only confirmed and "
            "in-house reservations can be changed."
        )


def _extend_or_shorten(
    session: Session,
    hotel: Hotel,
    reservation: Reservation,
    check_in: date,
    check_out: date,
    room_type: RoomType,
    plan: RatePlan,
    adults: int,
    children: int,
) -> None:
    """An in-house stay may change only its departure date."""
    unchanged = (
        check_in == reservation.check_in
        and room_type is reservation.room_type
        and plan is reservation.rate_plan
        and adults == reservation.adults
        and children == reservation.children
    )
    if not unchanged:
        raise PolicyViolation(
            f"{reservation.code} is in house: only its check_out date can change."
        )
    today = hotel.business_date
    if check_out < today or check_out <= check_in:
        raise Invalid(f"check_out must be after {check_in} and not before today ({today}).")
    if (check_out - check_in).days > MAX_NIGHTS:
        raise Invalid(f"A stay may be at most {MAX_NIGHTS} nights.")
    if check_out > reservation.check_out:
        extra_from = reservation.check_out
        ensure_sellable(
            session,
            hotel,
            reservation.room_type,
            extra_from,
            check_out,
            exclude_reservation_id=reservation.id,
        )
        room = reservation.room
        if room is not None and (
            repository.holding_room(session, room, extra_from, check_out, exclude_id=reservation.id)
            or repository.room_out_of_order(session, room, extra_from, check_out)
        ):
            raise Conflict(
                f"Room {room.number} is not free until {check_out}; move the guest to another "
                "room before extending."
            )


def _keep_room_if_still_free(
    session: Session, reservation: Reservation, room_type_id: int, check_in: date, check_out: date
) -> None:
    """A confirmed stay keeps its pre-assigned room only if the room still fits the change."""
    room = reservation.room
    if room is None:
        return
    if (
        room.room_type_id != room_type_id
        or repository.holding_room(session, room, check_in, check_out, exclude_id=reservation.id)
        or repository.room_out_of_order(session, room, check_in, check_out)
    ):
        reservation.room = None


def cancel(session: Session, actor: Principal, request: ReservationCancel) -> Cancellation:
    authorize(actor, "cancel_reservation")
    hotel = hotel_for(session, actor)
    reservation = repository.for_actor(session, actor, hotel, request.confirmation_code, lock=True)
    if reservation.status != "confirmed":
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; only confirmed "
            "reservations can be cancelled."
        )
    now = local_now(session, hotel)
    deadline = free_cancellation_deadline(hotel, reservation.rate_plan, reservation.check_in)
    fee = 0
    if deadline is None:
        # Not refundable: what was paid is kept and nothing more is charged.
        paid = "the prepayment" if reservation.rate_plan.prepaid else "what was paid"
        message = (
            f"Cancelled {reservation.code}. It was on the non-refundable rate, so {paid} "
            "is kept and nothing is refunded."
        )
    elif now < deadline:
        message = f"Cancelled {reservation.code} free of charge."
    else:
        plan = reservation.rate_plan
        fee = late_cancellation_fee_cents(plan, booked_night_rates(reservation))
        if fee == 0:
            message = (
                f"Cancelled {reservation.code} free of charge: the {plan.name} rate has no "
                "late-cancellation fee."
            )
        else:
            append_line(
                session,
                actor,
                reservation,
                kind="charge",
                category="cancellation_fee",
                amount_cents=fee,
                description=f"Late cancellation: {late_fee_words(plan)}",
                service_date=hotel.business_date,
            )
            message = (
                f"Cancelled {reservation.code}. It was inside the "
                f"{plan.free_cancellation_hours}-hour window, so a cancellation fee of "
                f"{display(fee, hotel.currency)} ({late_fee_words(plan)}) was charged."
            )
    reservation.status = "cancelled"
    reservation.room = None
    reservation.cancel_reason = (request.reason or "").strip() or None
    reservation.updated_at = now_utc(session)
    session.flush()
    record(session, actor, hotel, "cancel_reservation", reservation.code, fee=fee)
    return Cancellation(
        reservation=view(session, hotel, reservation, now), fee=fmt(fee), message=message
    )
