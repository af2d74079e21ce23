"""Credentials that are not passwords: hotel API keys and chat-platform accounts of staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pms.models.base import Base


class ApiKey(Base):
    """A key a hotel gives to a server or bot. Only its SHA-256 is kept; `prefix` finds it.

    The key is 32 random bytes, so a fast hash is as safe as a slow one here: there is nothing
    to guess from a dictionary, and every API request verifies one.
    """

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class ChannelAccount(Base):
    """A Slack or Teams user who is a member of staff: the platform's id maps to the account.

    `external_id` is what the platform vouches for in a signed request: `<team>:<user>` on
    Slack, the Azure AD object id on Teams. Unmapped users are refused.
    """

    __tablename__ = "channel_accounts"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_users.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
