"""The night audit: close the business date and open the next.

It charges every stay in house for the night being closed (the room at that night's booked
price, and breakfast where the rate includes it), turns arrivals that never came into no-shows,
lists departures that are overdue, and moves the hotel's business date forward by one day. It
runs once per date because it holds the hotel row and the date it audits is gone when it commits.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.folios.repository import append_line
from pms.hotels.repository import hotel_for, now_utc
from pms.money import fmt
from pms.night_audit import repository
from pms.night_audit.schemas import NightAuditSummary, OverdueDeparture
from pms.pricing import night_rate_on
from pms.principal import Principal


def run(session: Session, actor: Principal) -> NightAuditSummary:
    authorize(actor, "night_audit")
    hotel = hotel_for(session, actor)
    repository.lock_hotel(session, hotel)
    night = hotel.business_date
    now = now_utc(session)

    room_charges = breakfast_charges = total_cents = 0
    overdue: list[OverdueDeparture] = []
    for stay in repository.in_house_stays(session, hotel):
        if stay.check_out <= night:
            overdue.append(
                OverdueDeparture(
                    confirmation_code=stay.code,
                    room_number=stay.room.number if stay.room else None,
                    guest_name=stay.guest.name,
                    check_out=stay.check_out.isoformat(),
                )
            )
            continue
        room = f"Room {stay.room.number}" if stay.room else "Room"
        # The night's price as booked: seasons make nights differ, later rate changes do not.
        rate = night_rate_on(stay, night)
        append_line(
            session,
            actor,
            stay,
            kind="charge",
            category="room",
            amount_cents=rate,
            service_date=night,
            description=f"{room}, night of {night.isoformat()}",
        )
        room_charges += 1
        total_cents += rate
        if stay.breakfast_cents_per_night > 0:
            append_line(
                session,
                actor,
                stay,
                kind="charge",
                category="breakfast",
                amount_cents=stay.breakfast_cents_per_night,
                service_date=night,
                description=f"Breakfast, night of {night.isoformat()}",
            )
            breakfast_charges += 1
            total_cents += stay.breakfast_cents_per_night

    no_shows: list[str] = []
    for reservation in repository.unarrived(session, hotel, night):
        reservation.status = "no_show"
        reservation.updated_at = now
        no_shows.append(reservation.code)

    hotel.business_date = night + timedelta(days=1)
    session.flush()
    record(
        session,
        actor,
        hotel,
        "night_audit",
        night.isoformat(),
        charges_posted=room_charges + breakfast_charges,
        charges_total=fmt(total_cents),
        no_shows=len(no_shows),
        overdue_departures=len(overdue),
    )
    return NightAuditSummary(
        audited_date=night.isoformat(),
        charges_posted=room_charges + breakfast_charges,
        charges_total=fmt(total_cents),
        room_charges=room_charges,
        breakfast_charges=breakfast_charges,
        no_shows=no_shows,
        overdue_departures=overdue,
        new_business_date=hotel.business_date.isoformat(),
    )
