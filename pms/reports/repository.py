"""The daily report's queries: each one a single grouped query over the whole hotel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pms.models import FolioLine, Hotel, HousekeepingTask, OutOfOrderPeriod, Reservation, Room
from pms.models.stay import HOLDING_STATUSES


def room_count(session: Session, hotel: Hotel) -> int:
    return int(session.scalar(select(func.count()).where(Room.hotel_id == hotel.id)) or 0)


def rooms_out_of_order(session: Session, hotel: Hotel, night: date) -> int:
    return int(
        session.scalar(
            select(func.count(func.distinct(OutOfOrderPeriod.room_id))).where(
                OutOfOrderPeriod.hotel_id == hotel.id,
                OutOfOrderPeriod.start_date <= night,
                OutOfOrderPeriod.end_date > night,
            )
        )
        or 0
    )


def stays_around(session: Session, hotel: Hotel, day: date) -> Sequence[tuple[str, date, date]]:
    """(code, check_in, check_out) of stays arriving, staying or departing on `day`."""
    rows = session.execute(
        select(Reservation.code, Reservation.check_in, Reservation.check_out)
        .where(
            Reservation.hotel_id == hotel.id,
            Reservation.status.in_(HOLDING_STATUSES),
            Reservation.check_in <= day,
            Reservation.check_out >= day,
        )
        .order_by(Reservation.code)
    )
    return [(code, check_in, check_out) for code, check_in, check_out in rows]


def in_house_count(session: Session, hotel: Hotel) -> int:
    return int(
        session.scalar(
            select(func.count()).where(
                Reservation.hotel_id == hotel.id, Reservation.status == "in_house"
            )
        )
        or 0
    )


def folio_totals(session: Session, hotel: Hotel, day: date) -> dict[tuple[str, str], int]:
    """Cents posted for `day`, keyed by (kind, category) for charges and voids and by
    (kind, method) for payments and refunds.

    A void carries the category of the charge it cancels and the date it was posted, so a day
    that has been reported on never changes afterwards: a later void lowers the later day.
    """
    rows = session.execute(
        select(
            FolioLine.kind,
            FolioLine.category,
            FolioLine.method,
            func.sum(FolioLine.amount_cents),
        )
        .where(FolioLine.hotel_id == hotel.id, FolioLine.service_date == day)
        .group_by(FolioLine.kind, FolioLine.category, FolioLine.method)
    )
    totals: dict[tuple[str, str], int] = {}
    for kind, category, method, cents in rows:
        label = (category or "misc") if kind in ("charge", "void") else (method or "other")
        totals[(kind, label)] = totals.get((kind, label), 0) + int(cents or 0)
    return totals


def rooms_by_condition(session: Session, hotel: Hotel) -> dict[str, int]:
    rows = session.execute(
        select(Room.condition, func.count())
        .where(Room.hotel_id == hotel.id)
        .group_by(Room.condition)
    )
    return {condition: int(count) for condition, count in rows}


def tasks_by_status(session: Session, hotel: Hotel) -> dict[str, int]:
    rows = session.execute(
        select(HousekeepingTask.status, func.count())
        .where(
            HousekeepingTask.hotel_id == hotel.id,
            HousekeepingTask.status.in_(("open", "in_progress")),
        )
        .group_by(HousekeepingTask.status)
    )
    return {status: int(count) for status, count in rows}
