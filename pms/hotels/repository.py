"""Finding the principal's hotel: the first step of every service call, and the tenant fence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.db import clock_of
from pms.errors import NotFound
from pms.models import Hotel
from pms.principal import Principal


def hotel_for(session: Session, actor: Principal) -> Hotel:
    """The actor's hotel; every query a service makes is then filtered by its id."""
    cache: dict[str, Hotel] = session.info.setdefault("hotels", {})
    hotel = cache.get(actor.hotel)
    if hotel is None:
        hotel = session.scalars(select(Hotel).where(Hotel.slug == actor.hotel)).one_or_none()
        if hotel is None:
            raise NotFound(f"There is no hotel '{actor.hotel}'.")
        cache[actor.hotel] = hotel
    # A naive frozen clock means this hotel's wall time; timestamps are read in its zone.
    session.info.setdefault("zone", hotel.zone)
    return hotel


def hotel_by_slug(session: Session, slug: str) -> Hotel:
    hotel = session.scalars(select(Hotel).where(Hotel.slug == slug)).one_or_none()
    if hotel is None:
        raise NotFound(f"There is no hotel '{slug}'.")
    return hotel


def local_now(session: Session, hotel: Hotel) -> datetime:
    """The hotel's wall-clock time, from the session's (possibly frozen) clock."""
    return clock_of(session).now_in(hotel.zone)


def now_utc(session: Session) -> datetime:
    """The current instant in UTC, for timestamps (the wall clock of the session's hotel)."""
    zone = session.info.get("zone", ZoneInfo("UTC"))
    return clock_of(session).now_in(zone).astimezone(UTC)


def business_date(hotel: Hotel) -> date:
    return hotel.business_date
