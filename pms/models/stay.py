"""Reservations and their folios."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    literal_column,
)
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pms.models.base import Base
from pms.models.hotel import RatePlan, Room, RoomType
from pms.models.people import Guest

RESERVATION_STATUSES = ("confirmed", "in_house", "checked_out", "cancelled", "no_show")
# Stays that hold a room (or a room type's inventory) for their nights.
HOLDING_STATUSES = ("confirmed", "in_house", "checked_out")

# On PostgreSQL two stays can never share a room on the same night, whatever races happen
# above: the database refuses the second row. (SQLite serialises writers instead.)
_no_double_occupancy = ExcludeConstraint(
    (literal_column("room_id"), "="),
    (literal_column("daterange(check_in, check_out)"), "&&"),
    name="ex_reservations_room_nights",
    using="gist",
    where="room_id IS NOT NULL AND status IN ('confirmed', 'in_house', 'checked_out')",
).ddl_if(dialect="postgresql")


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        UniqueConstraint("hotel_id", "code"),
        CheckConstraint("check_out > check_in", name="dates"),
        CheckConstraint("adults >= 1 AND children >= 0", name="guests"),
        CheckConstraint(
            "status IN ('confirmed', 'in_house', 'checked_out', 'cancelled', 'no_show')",
            name="status",
        ),
        Index("ix_reservations_hotel_nights", "hotel_id", "check_out", "check_in"),
        Index("ix_reservations_hotel_arrival", "hotel_id", "check_in"),
        Index("ix_reservations_room", "room_id"),
        Index("ix_reservations_hotel_status", "hotel_id", "status"),
        Index("ix_reservations_guest", "guest_id"),
        _no_double_occupancy,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(16))
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"))
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    rate_plan_id: Mapped[int] = mapped_column(ForeignKey("rate_plans.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), default=None)
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    adults: Mapped[int] = mapped_column(Integer)
    children: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    nightly_rate_cents: Mapped[int] = mapped_column(Integer)
    # The room's price of each night as booked (seasons make nights differ); the night audit
    # posts these. Empty for a stay priced before seasons: every night is `nightly_rate_cents`.
    night_rates_cents: Mapped[list[int]] = mapped_column(default=list)
    breakfast_cents_per_night: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer)
    special_requests: Mapped[str | None] = mapped_column(Text, default=None)
    cancel_reason: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    guest: Mapped[Guest] = relationship(lazy="joined", innerjoin=True)
    room_type: Mapped[RoomType] = relationship(lazy="joined", innerjoin=True)
    rate_plan: Mapped[RatePlan] = relationship(lazy="joined", innerjoin=True)
    room: Mapped[Room | None] = relationship(lazy="joined")

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


FOLIO_KINDS = ("charge", "payment", "refund", "void")
CHARGE_CATEGORIES = (
    "room",
    "breakfast",
    "food_beverage",
    "minibar",
    "spa",
    "parking",
    "laundry",
    "cancellation_fee",
    "misc",
)
PAYMENT_METHODS = ("card", "cash", "bank_transfer")


class FolioLine(Base):
    """One line of a stay's bill. Lines are never edited: a void is a line of its own."""

    __tablename__ = "folio_lines"
    __table_args__ = (
        UniqueConstraint("reservation_id", "line"),
        CheckConstraint("kind IN ('charge', 'payment', 'refund', 'void')", name="kind"),
        CheckConstraint("amount_cents > 0", name="amount"),
        Index("ix_folio_lines_hotel_date", "hotel_id", "service_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    category: Mapped[str | None] = mapped_column(String(20), default=None)
    amount_cents: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str | None] = mapped_column(String(16), default=None)
    reference: Mapped[str | None] = mapped_column(String(120), default=None)
    # For a void: the charge line it cancels.
    voids_line: Mapped[int | None] = mapped_column(Integer, default=None)
    service_date: Mapped[date] = mapped_column(Date)
    posted_at: Mapped[datetime]
    posted_by: Mapped[str] = mapped_column(String(64), default="")
