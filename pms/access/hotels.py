"""What the outside may know of a hotel, and which websites may embed its widget."""

from __future__ import annotations

from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.access.schemas import HotelProfile
from pms.audit.service import record
from pms.authz import authorize
from pms.errors import Invalid
from pms.hotels.repository import hotel_by_slug, hotel_for
from pms.models import Hotel
from pms.principal import Principal


def profile(session: Session, slug: str) -> HotelProfile:
    """The hotel's public profile; NotFound for a slug that is not a hotel here."""
    return _profile(hotel_by_slug(session, slug))


def all_profiles(session: Session) -> list[HotelProfile]:
    return [_profile(hotel) for hotel in session.scalars(select(Hotel).order_by(Hotel.slug))]


def set_web_origins(session: Session, actor: Principal, origins: list[str]) -> HotelProfile:
    """Replace the websites allowed to embed the widget; each must be scheme://host[:port]."""
    authorize(actor, "manage_web_origins")
    cleaned = [web_origin(origin) for origin in origins]
    hotel = hotel_for(session, actor)
    hotel.web_origins = sorted(set(cleaned))
    session.flush()
    record(session, actor, hotel, "set_web_origins", hotel.slug, origins=hotel.web_origins)
    return _profile(hotel)


def web_origin(text: str) -> str:
    """`text` as a browser sends it in an Origin header, or Invalid saying what is wrong."""
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Invalid(f"'{text}' is not a website origin such as https://www.example.com.")
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise Invalid(f"'{text}' has more than scheme, host and port; give only those.")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname}{port}"


def _profile(hotel: Hotel) -> HotelProfile:
    return HotelProfile(
        slug=hotel.slug,
        name=hotel.name,
        timezone=hotel.timezone,
        web_origins=list(hotel.web_origins or []),
    )
