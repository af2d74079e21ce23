"""What every test shares: the demo's business date, a frozen moment on it, and principals."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from pms.principal import Principal, Role

# T of demo-hotel.md as the evaluations use it (a Monday), and 10:00 that morning, hotel time.
T = date(2027, 3, 1)
NOW = datetime(2027, 3, 1, 10, 0)


def principal(
    role: Role | str,
    user: str | None = None,
    hotel: str = "harbor-view",
    reservations: Iterable[str] = (),
    channel: str = "test",
) -> Principal:
    """A principal as the API would bind it: `principal("front_desk", "leo.martins")`."""
    return Principal(
        hotel=hotel,
        role=Role(role),
        user=user,
        reservations=frozenset(reservations),
        channel=channel,
    )
