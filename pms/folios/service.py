"""Charges, payments, refunds and voids, under the folio rules of the tool contract."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Conflict, Invalid, NotFound, PolicyViolation
from pms.folios import repository
from pms.folios.schemas import (
    ChargeRequest,
    FolioChange,
    FolioLineView,
    FolioRef,
    FolioView,
    PaymentRequest,
    RefundRequest,
    VoidRequest,
)
from pms.hotels.repository import hotel_for
from pms.models import FolioLine, Hotel, Reservation
from pms.models.stay import CHARGE_CATEGORIES, PAYMENT_METHODS
from pms.money import display, fmt, to_cents
from pms.principal import Principal
from pms.reservations.repository import by_code, for_actor


def _totals(lines: Sequence[FolioLine]) -> dict[str, int]:
    sums = {"charge": 0, "void": 0, "payment": 0, "refund": 0}
    for line in lines:
        sums[line.kind] += line.amount_cents
    return sums


def _line_view(line: FolioLine, voided: set[int]) -> FolioLineView:
    return FolioLineView(
        line=line.line,
        kind=line.kind,
        category=line.category,
        amount=fmt(line.amount_cents),
        description=line.description,
        date=line.service_date,
        method=line.method,
        voided=line.line in voided,
        voids_line=line.voids_line,
    )


def folio_view(session: Session, hotel: Hotel, reservation: Reservation) -> FolioView:
    lines = repository.lines(session, reservation.id)
    sums = _totals(lines)
    voided = {line.voids_line for line in lines if line.voids_line is not None}
    return FolioView(
        confirmation_code=reservation.code,
        guest_name=reservation.guest.name,
        status=reservation.status,
        currency=hotel.currency,
        lines=[_line_view(line, voided) for line in lines],
        charges=fmt(sums["charge"]),
        voids=fmt(sums["void"]),
        payments=fmt(sums["payment"]),
        refunds=fmt(sums["refund"]),
        balance=fmt(sums["charge"] - sums["void"] - sums["payment"] + sums["refund"]),
    )


def _change(
    session: Session, hotel: Hotel, reservation: Reservation, line: FolioLine
) -> FolioChange:
    folio = folio_view(session, hotel, reservation)
    return FolioChange(line=next(v for v in folio.lines if v.line == line.line), folio=folio)


def get_folio(session: Session, actor: Principal, ref: FolioRef) -> FolioView:
    authorize(actor, "get_folio")
    hotel = hotel_for(session, actor)
    reservation = for_actor(session, actor, hotel, ref.confirmation_code)
    return folio_view(session, hotel, reservation)


def post_charge(session: Session, actor: Principal, request: ChargeRequest) -> FolioChange:
    authorize(actor, "post_charge")
    hotel = hotel_for(session, actor)
    category = request.category.strip().lower()
    if category not in CHARGE_CATEGORIES:
        raise Invalid(f"category must be one of: {', '.join(CHARGE_CATEGORIES)}.")
    amount = to_cents(request.amount)
    if not request.description.strip():
        raise Invalid("A charge needs a description of what it is for.")
    reservation = by_code(session, hotel, request.confirmation_code, lock=True)
    if reservation.status not in ("confirmed", "in_house"):
        raise Conflict(
            f"Reservation {reservation.code} is {reservation.status}; charges go on confirmed "
            "or in-house stays."
        )
    line = repository.append_line(
        session,
        actor,
        reservation,
        kind="charge",
        category=category,
        amount_cents=amount,
        description=request.description.strip(),
        service_date=hotel.business_date,
    )
    record(session, actor, hotel, "post_charge", reservation.code, line=line.line, amount=amount)
    return _change(session, hotel, reservation, line)


def record_payment(session: Session, actor: Principal, request: PaymentRequest) -> FolioChange:
    authorize(actor, "record_payment")
    hotel = hotel_for(session, actor)
    method = request.method.strip().lower().replace(" ", "_")
    if method not in PAYMENT_METHODS:
        raise Invalid(f"method must be one of: {', '.join(PAYMENT_METHODS)}.")
    amount = to_cents(request.amount)
    reservation = by_code(session, hotel, request.confirmation_code, lock=True)
    balance = repository.balance_cents(session, reservation.id)
    # Before check-in a payment may exceed the balance: it is a deposit.
    if reservation.status != "confirmed" and amount > balance:
        raise PolicyViolation(
            f"The payment of {display(amount, hotel.currency)} exceeds the balance of "
            f"{display(max(balance, 0), hotel.currency)} on "
            f"{reservation.code}; record at most the balance."
        )
    line = repository.append_line(
        session,
        actor,
        reservation,
        kind="payment",
        amount_cents=amount,
        method=method,
        reference=(request.reference or "").strip() or None,
        description=f"Payment by {method.replace('_', ' ')}",
        service_date=hotel.business_date,
    )
    record(session, actor, hotel, "record_payment", reservation.code, line=line.line, amount=amount)
    return _change(session, hotel, reservation, line)


def refund_payment(session: Session, actor: Principal, request: RefundRequest) -> FolioChange:
    authorize(actor, "refund_payment")
    hotel = hotel_for(session, actor)
    amount = to_cents(request.amount)
    if not request.reason.strip():
        raise Invalid("A refund needs a reason.")
    reservation = by_code(session, hotel, request.confirmation_code, lock=True)
    sums = _totals(repository.lines(session, reservation.id))
    refundable = sums["payment"] - sums["refund"]
    if amount > refundable:
        raise PolicyViolation(
            f"A refund may not exceed what was paid: at most {display(refundable, hotel.currency)} "
            "can be refunded "
            f"on {reservation.code}."
        )
    line = repository.append_line(
        session,
        actor,
        reservation,
        kind="refund",
        amount_cents=amount,
        description=f"Refund: {request.reason.strip()}",
        service_date=hotel.business_date,
    )
    record(session, actor, hotel, "refund_payment", reservation.code, line=line.line, amount=amount)
    return _change(session, hotel, reservation, line)


def void_charge(session: Session, actor: Principal, request: VoidRequest) -> FolioChange:
    authorize(actor, "void_charge")
    hotel = hotel_for(session, actor)
    if not request.reason.strip():
        raise Invalid("A void needs a reason.")
    reservation = by_code(session, hotel, request.confirmation_code, lock=True)
    lines = repository.lines(session, reservation.id)
    target = next((line for line in lines if line.line == request.line), None)
    if target is None:
        raise NotFound(f"{reservation.code}'s folio has no line {request.line}.")
    if target.kind != "charge":
        raise Invalid(
            f"Line {request.line} is a {target.kind}; only charges can be voided "
            "(use refund_payment to return a payment)."
        )
    if any(line.voids_line == target.line for line in lines):
        raise Conflict(f"Line {request.line} on {reservation.code} is already voided.")
    line = repository.append_line(
        session,
        actor,
        reservation,
        kind="void",
        category=target.category,
        amount_cents=target.amount_cents,
        description=f"Void of line {target.line}: {request.reason.strip()}",
        voids_line=target.line,
        service_date=hotel.business_date,
    )
    record(session, actor, hotel, "void_charge", reservation.code, line=target.line)
    return _change(session, hotel, reservation, line)
