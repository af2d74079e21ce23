"""The tenant and what it sells: hotels, room types, rate plans, rooms and their downtime."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pms.models.base import Base


class Hotel(Base):
    __tablename__ = "hotels"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    code_prefix: Mapped[str] = mapped_column(String(4))
    timezone: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    check_in_time: Mapped[str] = mapped_column(String(5), default="15:00")
    check_out_time: Mapped[str] = mapped_column(String(5), default="11:00")
    # The hotel's current date: it moves only when the night audit runs.
    business_date: Mapped[date] = mapped_column(Date)
    next_confirmation_number: Mapped[int] = mapped_column(Integer, default=5001)
    # The hotel's own websites (scheme://host[:port]): the only origins whose pages may embed
    # the chat widget and call the API from a browser (CORS).
    web_origins: Mapped[list[str]] = mapped_column(default=list)
    # When the night audit runs by itself ("HH:MM", hotel time): `concierge serve` runs it then.
    night_audit_time: Mapped[str] = mapped_column(String(5), default="03:00")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class RoomType(Base):
    __tablename__ = "room_types"
    __table_args__ = (UniqueConstraint("hotel_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    max_occupancy: Mapped[int] = mapped_column(Integer)
    flex_rate_cents: Mapped[int] = mapped_column(Integer)
    # Other words guests use for it ("twin", "garden room"): the hotel's own vocabulary.
    aliases: Mapped[list[str]] = mapped_column(default=list)


class RatePlan(Base):
    __tablename__ = "rate_plans"
    __table_args__ = (
        UniqueConstraint("hotel_id", "code"),
        CheckConstraint(
            "late_cancellation_fee IN ('first_night', 'full_stay', 'none')",
            name="late_cancellation_fee",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text, default="")
    # Discount off the flexible rate, in basis points (1500 = 15%).
    discount_bp: Mapped[int] = mapped_column(Integer, default=0)
    breakfast_cents_per_adult: Mapped[int] = mapped_column(Integer, default=0)
    prepaid: Mapped[bool] = mapped_column(Boolean, default=False)
    refundable: Mapped[bool] = mapped_column(Boolean, default=True)
    guest_modifiable: Mapped[bool] = mapped_column(Boolean, default=True)
    free_cancellation_hours: Mapped[int] = mapped_column(Integer, default=48)
    # What a late cancellation of a refundable stay charges: first_night | full_stay | none.
    late_cancellation_fee: Mapped[str] = mapped_column(String(12), default="first_night")
    aliases: Mapped[list[str]] = mapped_column(default=list)

    def nightly_rate_cents(self, room_type: RoomType) -> int:
        return room_type.flex_rate_cents * (10_000 - self.discount_bp) // 10_000


class Season(Base):
    """Nightly rates that differ from the room types' own for some nights.

    A night from `from_date` up to (not including) `until_date`, on one of `days` (mon..sun; all
    when empty), is priced at this season's rate for the room types it names. Where two seasons
    apply to a night, the one with the higher `position` (later in the hotel file) wins.
    """

    __tablename__ = "seasons"
    __table_args__ = (
        UniqueConstraint("hotel_id", "position"),
        CheckConstraint("until_date > from_date", name="dates"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    from_date: Mapped[date] = mapped_column(Date)
    until_date: Mapped[date] = mapped_column(Date)
    days: Mapped[list[str]] = mapped_column(default=list)


class SeasonRate(Base):
    __tablename__ = "season_rates"
    __table_args__ = (UniqueConstraint("season_id", "room_type_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id", ondelete="CASCADE"))
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"), index=True)
    rate_cents: Mapped[int] = mapped_column(Integer)


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("hotel_id", "number"),
        CheckConstraint("condition IN ('dirty', 'clean', 'inspected')", name="condition"),
        Index("ix_rooms_hotel_floor", "hotel_id", "floor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(8))
    floor: Mapped[int] = mapped_column(Integer)
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    condition: Mapped[str] = mapped_column(String(12), default="clean")
    accessible: Mapped[bool] = mapped_column(Boolean, default=False)


class OutOfOrderPeriod(Base):
    """A room withdrawn from sale for the nights start_date .. end_date - 1.

    `end_date` is the day the room is back in service, the same convention as a stay's check-out.
    """

    __tablename__ = "out_of_order_periods"
    __table_args__ = (
        CheckConstraint("end_date > start_date", name="dates"),
        Index("ix_ooo_hotel_dates", "hotel_id", "end_date", "start_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(64), default="")
