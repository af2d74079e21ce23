"""The daily report: one night of the hotel in numbers, for the front desk and management.

Revenue for a date is what was posted with that service date: charges less voids (room nights
are charged by the night audit, so a night's room revenue appears once its audit has run).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pms.authz import authorize
from pms.hotels.repository import hotel_for
from pms.models.stay import CHARGE_CATEGORIES, PAYMENT_METHODS
from pms.money import fmt
from pms.principal import Principal
from pms.reports import repository
from pms.reports.schemas import DailyReport, DailyReportQuery


def daily_report(session: Session, actor: Principal, query: DailyReportQuery) -> DailyReport:
    authorize(actor, "daily_report")
    hotel = hotel_for(session, actor)
    day = query.date or hotel.business_date

    rooms_total = repository.room_count(session, hotel)
    out_of_order = repository.rooms_out_of_order(session, hotel, day)
    in_service = rooms_total - out_of_order
    stays = repository.stays_around(session, hotel, day)
    occupied = sum(1 for _code, check_in, check_out in stays if check_in <= day < check_out)
    arrivals = [code for code, check_in, _check_out in stays if check_in == day]
    departures = [code for code, _check_in, check_out in stays if check_out == day]

    folio = repository.folio_totals(session, hotel, day)
    revenue = {
        category: folio.get(("charge", category), 0) - folio.get(("void", category), 0)
        for category in CHARGE_CATEGORIES
    }
    room_revenue = revenue["room"]
    payments = {method: folio.get(("payment", method), 0) for method in PAYMENT_METHODS}
    paid = sum(cents for (kind, _method), cents in folio.items() if kind == "payment")
    refunds = sum(cents for (kind, _method), cents in folio.items() if kind == "refund")
    conditions = repository.rooms_by_condition(session, hotel)
    tasks = repository.tasks_by_status(session, hotel)

    return DailyReport(
        date=day.isoformat(),
        business_date=hotel.business_date.isoformat(),
        rooms_total=rooms_total,
        rooms_out_of_order=out_of_order,
        rooms_in_service=in_service,
        rooms_occupied=occupied,
        occupancy_percent=round(occupied * 100 / in_service, 1) if in_service else 0.0,
        arrivals_count=len(arrivals),
        arrivals=arrivals,
        departures_count=len(departures),
        departures=departures,
        in_house=repository.in_house_count(session, hotel),
        revenue_by_category={category: fmt(cents) for category, cents in revenue.items()},
        revenue_total=fmt(sum(revenue.values())),
        room_revenue=fmt(room_revenue),
        adr=fmt(_per(room_revenue, occupied)),
        revpar=fmt(_per(room_revenue, in_service)),
        payments_total=fmt(paid),
        payments_by_method={method: fmt(cents) for method, cents in payments.items()},
        refunds_total=fmt(refunds),
        rooms_dirty=conditions.get("dirty", 0),
        rooms_clean=conditions.get("clean", 0),
        rooms_inspected=conditions.get("inspected", 0),
        open_housekeeping_tasks=tasks.get("open", 0) + tasks.get("in_progress", 0),
        housekeeping_in_progress=tasks.get("in_progress", 0),
    )


def _per(cents: int, count: int) -> int:
    """Cents divided by a count, rounded half up to the cent."""
    return (2 * cents + count) // (2 * count) if count else 0
