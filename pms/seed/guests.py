"""Generated guests for bulk and synthetic stays."""

from __future__ import annotations

import random

from pms.models import Guest
from pms.reservations.repository import fold, last_name_key
from pms.seed.names import FIRST_NAMES, LAST_NAMES
from pms.seed.rows import Rows


class GuestBook:
    """Generated guests with unique, plausible email addresses."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._seen: dict[str, int] = {}

    def add(self, rows: Rows, hotel_id: int) -> int:
        first, last = self._rng.choice(FIRST_NAMES), self._rng.choice(LAST_NAMES)
        name = f"{first} {last}"
        local = f"{fold(first)}.{fold(last)}"
        count = self._seen.get(local, 0) + 1
        self._seen[local] = count
        email = f"{local}@example.net" if count == 1 else f"{local}{count}@example.net"
        phone = f"+1 555 {self._rng.randint(1000, 9999)}" if self._rng.random() < 0.7 else None
        return rows.add(
            Guest,
            hotel_id=hotel_id,
            name=name,
            last_name_key=last_name_key(name),
            email=email,
            phone=phone,
        )
