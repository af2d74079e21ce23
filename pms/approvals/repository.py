"""Every query about approval requests."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.models import ApprovalRequest, Hotel


def by_id(
    session: Session, hotel: Hotel, approval_id: int, *, lock: bool = False
) -> ApprovalRequest | None:
    query = select(ApprovalRequest).where(
        ApprovalRequest.hotel_id == hotel.id, ApprovalRequest.id == approval_id
    )
    if lock:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def by_tool_call(session: Session, hotel: Hotel, tool_call_id: str) -> ApprovalRequest | None:
    return session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.hotel_id == hotel.id, ApprovalRequest.tool_call_id == tool_call_id
        )
    ).one_or_none()


def pending(session: Session, hotel: Hotel, *, limit: int = 100) -> Sequence[ApprovalRequest]:
    """The hotel's undecided requests, oldest first."""
    return session.scalars(
        select(ApprovalRequest)
        .where(ApprovalRequest.hotel_id == hotel.id, ApprovalRequest.status == "pending")
        .order_by(ApprovalRequest.created_at, ApprovalRequest.id)
        .limit(limit)
    ).all()
