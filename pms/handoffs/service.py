"""Passing a conversation to a person: the agent's way out when it should not or cannot help.

The hand-off records who asked (role, user, the reservations they proved) so the staff member
can pick up without asking the guest to repeat themselves.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from pms.audit.service import record
from pms.authz import authorize
from pms.handoffs import repository
from pms.handoffs.schemas import HandoffList, HandoffReceipt, HandoffRequest, OpenHandoff
from pms.hotels.repository import hotel_for, now_utc
from pms.models import Handoff, Hotel
from pms.principal import Principal

# The staff queue is for the people who answer hand-offs: reception and management.


def handoff_to_human(session: Session, actor: Principal, data: HandoffRequest) -> HandoffReceipt:
    authorize(actor, "handoff_to_human")
    hotel = hotel_for(session, actor)
    handoff = Handoff(
        hotel_id=hotel.id,
        summary=data.summary,
        urgency=data.urgency,
        status="open",
        role=actor.role.value,
        username=actor.user,
        reservations=_codes(actor),
        channel=actor.channel[:32],
        created_at=now_utc(session),
    )
    session.add(handoff)
    session.flush()
    reference = reference_of(handoff)
    record(session, actor, hotel, "handoff_to_human", reference, urgency=data.urgency)
    return HandoffReceipt(
        reference=reference,
        urgency=handoff.urgency,
        status=handoff.status,
        next_steps=_next_steps(hotel, data.urgency, reference),
    )


def list_open(session: Session, actor: Principal) -> HandoffList:
    """The queue staff work through: most urgent first, then the longest waiting."""
    authorize(actor, "list_handoffs")
    hotel = hotel_for(session, actor)
    handoffs = [
        OpenHandoff(
            reference=reference_of(h),
            summary=h.summary,
            urgency=h.urgency,
            status=h.status,
            role=h.role,
            user=h.username,
            reservations=[c for c in h.reservations.split(",") if c],
            channel=h.channel,
            created_at=h.created_at.isoformat(),
        )
        for h in repository.open_handoffs(session, hotel)
    ]
    return HandoffList(count=len(handoffs), handoffs=handoffs)


def reference_of(handoff: Handoff) -> str:
    return f"HO-{handoff.id:05d}"


def _codes(actor: Principal) -> str:
    """The verified codes, as many as fit the column."""
    kept: list[str] = []
    for code in sorted(actor.reservations):
        if len(",".join([*kept, code])) > 200:
            break
        kept.append(code)
    return ",".join(kept)


def _next_steps(hotel: Hotel, urgency: str, reference: str) -> str:
    phone = f" at {hotel.phone}" if hotel.phone else ""
    if urgency == "high":
        return (
            f"The {hotel.name} team has been alerted to this as urgent and will contact you as "
            f"soon as possible. If it is an emergency, call the front desk{phone} now and quote "
            f"{reference}."
        )
    if urgency == "low":
        return (
            f"A member of the {hotel.name} team will follow up when they can. Quote {reference} "
            f"if you contact the front desk{phone}."
        )
    return (
        f"A member of the {hotel.name} front-desk team will pick this up shortly and get back "
        f"to you. Quote {reference} if you contact the front desk{phone}."
    )
