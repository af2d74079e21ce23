"""What a stay costs, night by night, from the hotel's own data.

A night's room price is the room type's rate, replaced by the rate of the last season (in the
hotel file's order) that covers the night and names the room type, less the plan's discount.
Breakfast is the plan's price per adult per night (children's breakfast is free). A booked stay
keeps the night rates it was sold at (`Reservation.night_rates_cents`): a later change of rates
or seasons prices new bookings only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import Hotel, RatePlan, Reservation, RoomType, Season, SeasonRate

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class SeasonalRate:
    """One season's rate for one room type, as pricing needs it."""

    position: int
    from_date: date
    until_date: date
    days: frozenset[str]
    rate_cents: int

    def covers(self, night: date) -> bool:
        return self.from_date <= night < self.until_date and (
            not self.days or WEEKDAYS[night.weekday()] in self.days
        )


@dataclass(frozen=True)
class StayPrice:
    night_rates_cents: tuple[int, ...]
    breakfast_cents_per_night: int

    @property
    def total_cents(self) -> int:
        return sum(self.night_rates_cents) + self.breakfast_cents_per_night * len(
            self.night_rates_cents
        )

    @property
    def varies(self) -> bool:
        """Whether the nights are priced differently (then each night's price is worth showing)."""
        return len(set(self.night_rates_cents)) > 1


def seasonal_rates(session: Session, hotel: Hotel, room_type: RoomType) -> list[SeasonalRate]:
    """The seasons that price `room_type`, in the order they apply (later wins)."""
    rows = session.execute(
        select(Season, SeasonRate.rate_cents)
        .join(SeasonRate, SeasonRate.season_id == Season.id)
        .where(Season.hotel_id == hotel.id, SeasonRate.room_type_id == room_type.id)
        .order_by(Season.position)
    ).all()
    return [
        SeasonalRate(s.position, s.from_date, s.until_date, frozenset(s.days), rate)
        for s, rate in rows
    ]


def night_rates(
    room_type: RoomType,
    plan: RatePlan,
    seasons: Sequence[SeasonalRate],
    check_in: date,
    check_out: date,
) -> tuple[int, ...]:
    """Each night's room price, check_in .. check_out - 1, after seasons and the discount."""
    rates = []
    night = check_in
    while night < check_out:
        base = room_type.flex_rate_cents
        for season in seasons:
            if season.covers(night):
                base = season.rate_cents
        rates.append(base * (10_000 - plan.discount_bp) // 10_000)
        night += timedelta(days=1)
    return tuple(rates)


def stay_price(
    session: Session,
    hotel: Hotel,
    room_type: RoomType,
    plan: RatePlan,
    check_in: date,
    check_out: date,
    adults: int,
    *,
    seasons: Sequence[SeasonalRate] | None = None,
) -> StayPrice:
    """The price of a stay at today's rates: each night's room price and breakfast per night.

    `seasons` may be given when the caller already loaded them (`hotel_seasons`), to price many
    room types and plans with one query.
    """
    if seasons is None:
        seasons = seasonal_rates(session, hotel, room_type)
    return StayPrice(
        night_rates(room_type, plan, seasons, check_in, check_out),
        plan.breakfast_cents_per_adult * adults,
    )


def hotel_seasons(session: Session, hotel: Hotel) -> dict[int, list[SeasonalRate]]:
    """Every season rate of the hotel by room type id, in the order they apply (one query)."""
    rows = session.execute(
        select(Season, SeasonRate.room_type_id, SeasonRate.rate_cents)
        .join(SeasonRate, SeasonRate.season_id == Season.id)
        .where(Season.hotel_id == hotel.id)
        .order_by(Season.position)
    ).all()
    by_type: dict[int, list[SeasonalRate]] = {}
    for s, room_type_id, rate in rows:
        by_type.setdefault(room_type_id, []).append(
            SeasonalRate(s.position, s.from_date, s.until_date, frozenset(s.days), rate)
        )
    return by_type


def booked_night_rates(reservation: Reservation) -> tuple[int, ...]:
    """The room price of each night as the stay was sold.

    A stay booked before night rates were kept (or seeded without them) has an empty list, or
    none at all (the bulk seed writes JSON null for list defaults): every night is its
    `nightly_rate_cents`.
    """
    rates = reservation.night_rates_cents or []
    if len(rates) == reservation.nights:
        return tuple(rates)
    return (reservation.nightly_rate_cents,) * reservation.nights


def night_rate_on(reservation: Reservation, night: date) -> int:
    """The booked room price of one night of the stay (the night audit posts it)."""
    index = (night - reservation.check_in).days
    rates = reservation.night_rates_cents or []
    if 0 <= index < len(rates):
        return rates[index]
    return reservation.nightly_rate_cents


def rebooked_night_rates(
    booked: Sequence[int], booked_check_in: date, current: Sequence[int], check_in: date
) -> tuple[int, ...]:
    """New dates for a booked stay: the nights it already held keep their booked price.

    `current` is today's price of each night from `check_in`; a night the stay held before
    (same date) keeps its price from `booked`, which starts on `booked_check_in`.
    """
    rates = []
    for i, rate in enumerate(current):
        held = (check_in - booked_check_in).days + i
        rates.append(booked[held] if 0 <= held < len(booked) else rate)
    return tuple(rates)


def late_cancellation_fee_cents(plan: RatePlan, night_rates: Sequence[int]) -> int:
    """What cancelling a refundable stay after its free window charges, by the plan's terms.

    `first_night` is the first night's booked room price, `full_stay` every night's (breakfast,
    never served, is not charged), `none` nothing.
    """
    if plan.late_cancellation_fee == "full_stay":
        return sum(night_rates)
    if plan.late_cancellation_fee == "first_night":
        return night_rates[0] if night_rates else 0
    return 0
