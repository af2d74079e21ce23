"""Every query about folio lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from pms.hotels.repository import now_utc
from pms.models import FolioLine, Reservation
from pms.principal import Principal

# Balance = charges - voided charges - payments + refunds.
_SIGNED = case(
    (FolioLine.kind == "charge", FolioLine.amount_cents),
    (FolioLine.kind == "refund", FolioLine.amount_cents),
    else_=-FolioLine.amount_cents,
)


def balance_cents(session: Session, reservation_id: int) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(_SIGNED), 0)).where(
            FolioLine.reservation_id == reservation_id
        )
    )
    return int(total or 0)


def lines(session: Session, reservation_id: int) -> Sequence[FolioLine]:
    return session.scalars(
        select(FolioLine).where(FolioLine.reservation_id == reservation_id).order_by(FolioLine.line)
    ).all()


def append_line(
    session: Session,
    actor: Principal,
    reservation: Reservation,
    *,
    kind: str,
    amount_cents: int,
    service_date: date,
    category: str | None = None,
    description: str = "",
    method: str | None = None,
    reference: str | None = None,
    voids_line: int | None = None,
) -> FolioLine:
    """Add the next numbered line. The caller holds the reservation's row lock."""
    last = session.scalar(
        select(func.coalesce(func.max(FolioLine.line), 0)).where(
            FolioLine.reservation_id == reservation.id
        )
    )
    line = FolioLine(
        hotel_id=reservation.hotel_id,
        reservation_id=reservation.id,
        line=int(last or 0) + 1,
        kind=kind,
        category=category,
        amount_cents=amount_cents,
        description=description,
        method=method,
        reference=reference,
        voids_line=voids_line,
        service_date=service_date,
        posted_at=now_utc(session),
        posted_by=actor.label,
    )
    session.add(line)
    session.flush()
    return line
