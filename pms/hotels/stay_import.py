"""Importing a hotel file's reservations: new codes added as stays, known codes left alone.

Imported stays keep their codes, are priced by `pms.pricing` like any booking, and bring no
folio lines; the hotel's next code is moved past the highest imported one so that a new booking
never takes an imported stay's code.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from pms.db import clock_of
from pms.hotels.entries import ReservationEntry
from pms.hotels.writing import Writing, zone
from pms.models import Guest, Hotel, RatePlan, Reservation, Room, RoomType
from pms.pricing import SeasonalRate, StayPrice, night_rates, seasonal_rates
from pms.reservations.repository import last_name_key


def import_reservations(
    w: Writing, hotel: Hotel, types: dict[str, RoomType], plans: dict[str, RatePlan]
) -> None:
    entries = w.document.reservations
    if not entries:
        return
    known = set(
        w.session.scalars(
            select(Reservation.code).where(
                Reservation.hotel_id == hotel.id,
                Reservation.code.in_([r.code for r in entries]),
            )
        )
    )
    rooms = {
        r.number: r.id for r in w.session.scalars(select(Room).where(Room.hotel_id == hotel.id))
    }
    now = clock_of(w.session).now_in(zone(hotel.timezone)).astimezone(UTC)
    # Each room type's seasons, read once for all the stays a file imports.
    seasons_of: dict[str, list[SeasonalRate]] = {}
    imported = []
    for entry in entries:
        if entry.code in known:
            w.report.skipped.append(f"{entry.code}: already in the hotel; left alone")
            continue
        _import(w, hotel, entry, types, plans, rooms, now, seasons_of)
        imported.append(entry.code)
    if imported:
        w.note(
            f"reservations: imported {len(imported)} ({', '.join(imported[:5])}"
            + (", ..." if len(imported) > 5 else "")
            + ")"
        )
        prefix = len(hotel.code_prefix)
        highest = max(int(code[prefix:]) for code in imported)
        if highest + 1 > hotel.next_confirmation_number:
            hotel.next_confirmation_number = highest + 1
            if not w.report.created:
                w.note(f"new codes start at {hotel.code_prefix}{highest + 1}")


def _import(
    w: Writing,
    hotel: Hotel,
    entry: ReservationEntry,
    types: dict[str, RoomType],
    plans: dict[str, RatePlan],
    rooms: dict[str, int],
    now: datetime,
    seasons_of: dict[str, list[SeasonalRate]],
) -> None:
    room_type, plan = types[entry.room_type], plans[entry.rate_plan]
    if room_type.code not in seasons_of:
        seasons_of[room_type.code] = seasonal_rates(w.session, hotel, room_type)
    price = StayPrice(
        night_rates(room_type, plan, seasons_of[room_type.code], entry.check_in, entry.check_out),
        plan.breakfast_cents_per_adult * entry.adults,
    )
    guest = Guest(
        hotel_id=hotel.id,
        name=entry.guest.name,
        last_name_key=last_name_key(entry.guest.name),
        email=entry.guest.email,
        phone=entry.guest.phone,
    )
    w.session.add(
        Reservation(
            hotel_id=hotel.id,
            code=entry.code,
            guest=guest,
            room_type_id=room_type.id,
            rate_plan_id=plan.id,
            room_id=rooms[entry.room] if entry.room else None,
            check_in=entry.check_in,
            check_out=entry.check_out,
            adults=entry.adults,
            children=entry.children,
            status=entry.status,
            nightly_rate_cents=price.night_rates_cents[0],
            night_rates_cents=list(price.night_rates_cents),
            breakfast_cents_per_night=price.breakfast_cents_per_night,
            total_cents=price.total_cents,
            special_requests=entry.special_requests or None,
            created_at=now,
            updated_at=now,
        )
    )
