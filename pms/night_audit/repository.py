"""The night audit's queries: the stays it charges and the arrivals it closes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import Hotel, Reservation


def lock_hotel(session: Session, hotel: Hotel) -> None:
    """Hold the hotel row, re-read: two audits must never post the same night twice."""
    session.refresh(hotel, with_for_update=True)


def in_house_stays(session: Session, hotel: Hotel) -> Sequence[Reservation]:
    """Every in-house stay, row-locked because the audit appends to their folios."""
    return (
        session.scalars(
            select(Reservation)
            .where(Reservation.hotel_id == hotel.id, Reservation.status == "in_house")
            .order_by(Reservation.code)
            .with_for_update(of=Reservation)
        )
        .unique()
        .all()
    )


def unarrived(session: Session, hotel: Hotel, day: date) -> Sequence[Reservation]:
    """Confirmed reservations due on or before `day` that never checked in."""
    return (
        session.scalars(
            select(Reservation)
            .where(
                Reservation.hotel_id == hotel.id,
                Reservation.status == "confirmed",
                Reservation.check_in <= day,
            )
            .order_by(Reservation.code)
            .with_for_update(of=Reservation)
        )
        .unique()
        .all()
    )
