"""Small builders shared by the reservation tests."""

from datetime import timedelta

from sqlalchemy import func, select

from pms.models import Hotel, RatePlan, RoomType, Season, SeasonRate
from pms.reservations.schemas import ReservationCreate
from pms.reservations.service import create
from tests.support import T, principal

FRONT_DESK = principal("front_desk", "leo.martins")
MANAGER = principal("manager", "grace.kim")


def booking(**changes):
    fields = {
        "room_type": "DLK",
        "check_in": T + timedelta(days=19),
        "check_out": T + timedelta(days=22),
        "adults": 2,
        "guest_name": "Hannah Berg",
        "guest_email": "hannah.berg@example.com",
        "rate_plan": "FLEX",
    }
    fields.update(changes)
    return ReservationCreate(**fields)


def book(session, actor=FRONT_DESK, **changes):
    return create(session, actor, booking(**changes))


def hotel_row(session, slug="harbor-view"):
    return session.scalars(select(Hotel).where(Hotel.slug == slug)).one()


def plan_row(session, code, slug="harbor-view"):
    the_hotel = hotel_row(session, slug)
    return session.scalars(
        select(RatePlan).where(RatePlan.hotel_id == the_hotel.id, RatePlan.code == code)
    ).one()


def room_type_row(session, code, slug="harbor-view"):
    the_hotel = hotel_row(session, slug)
    return session.scalars(
        select(RoomType).where(RoomType.hotel_id == the_hotel.id, RoomType.code == code)
    ).one()


def add_season(session, rates, start, end, *, days=(), slug="harbor-view"):
    """A season after every existing one (so it wins), pricing `rates` {room type code: cents}."""
    the_hotel = hotel_row(session, slug)
    last = session.scalar(select(func.max(Season.position)).where(Season.hotel_id == the_hotel.id))
    season = Season(
        hotel_id=the_hotel.id,
        position=(last or 0) + 1,
        name=f"Season {(last or 0) + 1}",
        from_date=start,
        until_date=end,
        days=list(days),
    )
    session.add(season)
    session.flush()
    for code, cents in rates.items():
        session.add(
            SeasonRate(
                season_id=season.id,
                room_type_id=room_type_row(session, code, slug).id,
                rate_cents=cents,
            )
        )
    session.flush()
    return season
