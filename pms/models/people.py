"""Guests and staff accounts."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pms.models.base import Base


class Guest(Base):
    __tablename__ = "guests"
    __table_args__ = (
        Index("ix_guests_hotel_email", "hotel_id", "email"),
        Index("ix_guests_hotel_last_name", "hotel_id", "last_name_key"),
        # On PostgreSQL the migration adds ix_guests_name_trigram, a trigram index on
        # lower(name): staff search guests by any part of a name (pms/migrations/hooks.py).
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    # Lower-cased, accent-folded last word of the name: what a guest proves ownership with.
    last_name_key: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40), default=None)


class StaffUser(Base):
    __tablename__ = "staff_users"
    __table_args__ = (UniqueConstraint("hotel_id", "username"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"))
    username: Mapped[str] = mapped_column(String(64))
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Staff tokens carry the version they were issued at; signing out moves it on, so every
    # earlier token of the account is refused. Kept here, not in Redis, so that a sign-out
    # survives Redis losing its data: the account is re-read on every request anyway.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
