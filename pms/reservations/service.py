"""Booking and finding reservations."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.availability.service import (
    ensure_sellable,
    resolve_rate_plan,
    resolve_room_type,
    validate_dates,
    validate_party,
)
from pms.errors import Invalid, NotFound
from pms.folios.repository import append_line
from pms.hotels.repository import hotel_for, local_now, now_utc
from pms.models import Hotel, Reservation
from pms.models.stay import RESERVATION_STATUSES
from pms.pricing import stay_price
from pms.principal import Principal
from pms.reservations import repository
from pms.reservations.schemas import (
    ReservationCreate,
    ReservationList,
    ReservationLookup,
    ReservationRef,
    ReservationSearch,
    ReservationSummary,
    ReservationView,
)
from pms.reservations.views import view
from pms.rooms import repository as rooms

SEARCH_LIMIT = 25


def _clean_email(email: str) -> str:
    try:
        return validate_email(email.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise Invalid(f"guest_email '{email}' is not a valid email address ({error}).") from None


def _next_code(session: Session, hotel: Hotel) -> str:
    """The hotel's next confirmation code; the hotel row lock makes the counter gapless.

    The lock is FOR NO KEY UPDATE, not FOR UPDATE. By the time a booking gets here it already
    holds a key-share lock on the hotel row (inserting its guest checks the foreign key), and so
    does every concurrent folio write (its audit entry). FOR UPDATE conflicts with key-share:
    two bookings each waited for the other's key-share lock (a deadlock), and every booking
    waited for the payments in flight. FOR NO KEY UPDATE, which the counter's UPDATE takes
    anyway, conflicts only with itself: bookings queue for the counter one after another, in
    one order, and folio writes never block them.
    """
    session.refresh(
        hotel, attribute_names=["next_confirmation_number"], with_for_update={"key_share": True}
    )
    number = hotel.next_confirmation_number
    hotel.next_confirmation_number = number + 1
    return f"{hotel.code_prefix}{number}"


def create(session: Session, actor: Principal, data: ReservationCreate) -> ReservationView:
    authorize(actor, "create_reservation")
    hotel = hotel_for(session, actor)
    room_type = resolve_room_type(session, hotel, data.room_type)
    plan = resolve_rate_plan(session, hotel, data.rate_plan)
    validate_dates(hotel, data.check_in, data.check_out)
    validate_party(room_type, data.adults, data.children)
    name = " ".join(data.guest_name.split())
    if len(name) < 2:
        raise Invalid("guest_name must be the guest's full name.")
    email = _clean_email(data.guest_email)
    ensure_sellable(session, hotel, room_type, data.check_in, data.check_out)

    guest = repository.find_or_add_guest(session, hotel, name, email, data.guest_phone)
    quoted = stay_price(session, hotel, room_type, plan, data.check_in, data.check_out, data.adults)
    total = quoted.total_cents
    now = now_utc(session)
    reservation = Reservation(
        hotel_id=hotel.id,
        code=_next_code(session, hotel),
        guest=guest,
        room_type=room_type,
        rate_plan=plan,
        check_in=data.check_in,
        check_out=data.check_out,
        adults=data.adults,
        children=data.children,
        status="confirmed",
        # The first night's rate, for readers that know one rate; the audit posts each night's.
        nightly_rate_cents=quoted.night_rates_cents[0],
        night_rates_cents=list(quoted.night_rates_cents),
        breakfast_cents_per_night=quoted.breakfast_cents_per_night,
        total_cents=total,
        special_requests=(data.special_requests or "").strip() or None,
        created_at=now,
        updated_at=now,
    )
    session.add(reservation)
    session.flush()
    if plan.prepaid:
        append_line(
            session,
            actor,
            reservation,
            kind="payment",
            amount_cents=total,
            method="card",
            description=f"Prepayment, {plan.name} rate",
            service_date=hotel.business_date,
        )
    record(session, actor, hotel, "create_reservation", reservation.code, total=total)
    return view(session, hotel, reservation, local_now(session, hotel))


def find(session: Session, actor: Principal, lookup: ReservationLookup) -> ReservationView:
    """Prove ownership: the code and the guest's last name must both match."""
    authorize(actor, "find_reservation")
    hotel = hotel_for(session, actor)
    refusal = NotFound(
        "No reservation matches that confirmation code and last name. "
        "Check both as written in the confirmation email."
    )
    try:
        reservation = repository.by_code(session, hotel, lookup.confirmation_code)
    except NotFound:
        raise refusal from None
    given = repository.fold(lookup.last_name)
    if not given or given.split()[-1] != reservation.guest.last_name_key:
        raise refusal
    return view(session, hotel, reservation, local_now(session, hotel))


def get(session: Session, actor: Principal, ref: ReservationRef) -> ReservationView:
    authorize(actor, "get_reservation")
    hotel = hotel_for(session, actor)
    reservation = repository.for_actor(session, actor, hotel, ref.confirmation_code)
    return view(session, hotel, reservation, local_now(session, hotel))


def search(session: Session, actor: Principal, query: ReservationSearch) -> ReservationList:
    authorize(actor, "search_reservations")
    hotel = hotel_for(session, actor)
    status = None
    if query.status:
        status = query.status.strip().lower().replace("-", "_").replace(" ", "_")
        if status not in RESERVATION_STATUSES:
            raise Invalid(f"status must be one of: {', '.join(RESERVATION_STATUSES)}.")
    room_id = rooms.by_number(session, hotel, query.room_number).id if query.room_number else None
    total, rows = repository.search(
        session,
        hotel,
        name=" ".join((query.name or "").split()).lower() or None,
        email=(query.email or "").strip().lower() or None,
        arrival=query.arrival_date,
        departure=query.departure_date,
        status=status,
        room_id=room_id,
        limit=SEARCH_LIMIT,
    )
    return ReservationList(reservations=[ReservationSummary(**row) for row in rows], total=total)
