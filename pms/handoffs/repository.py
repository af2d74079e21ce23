"""Every query about hand-offs to people."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from pms.models import Handoff, Hotel

_URGENCY_RANK = case((Handoff.urgency == "high", 0), (Handoff.urgency == "normal", 1), else_=2)


def open_handoffs(session: Session, hotel: Hotel, *, limit: int = 100) -> Sequence[Handoff]:
    """The hotel's open hand-offs, most urgent first and, within one urgency, oldest first."""
    return session.scalars(
        select(Handoff)
        .where(Handoff.hotel_id == hotel.id, Handoff.status == "open")
        .order_by(_URGENCY_RANK, Handoff.created_at, Handoff.id)
        .limit(limit)
    ).all()
