"""The audit log: every write records who did it, through which channel, and to what."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from pms.hotels.repository import now_utc
from pms.models import AuditEntry, Hotel
from pms.principal import Principal


def record(
    session: Session,
    actor: Principal,
    hotel: Hotel,
    action: str,
    target: str = "",
    **details: Any,
) -> None:
    session.add(
        AuditEntry(
            hotel_id=hotel.id,
            at=now_utc(session),
            role=actor.role.value,
            username=actor.user,
            channel=actor.channel,
            action=action,
            target=target,
            details={k: _plain(v) for k, v in details.items()},
        )
    )


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
