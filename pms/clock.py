"""Time, injectable so that tests and evaluations can freeze it."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now_in(self, tz: ZoneInfo) -> datetime:
        """The current moment as an aware datetime in `tz`."""
        ...


class SystemClock:
    def now_in(self, tz: ZoneInfo) -> datetime:
        return datetime.now(tz)


class FrozenClock:
    """A clock stopped at one moment.

    A naive moment is a wall-clock time in whichever hotel asks (evaluation scenarios give the
    hotel's local time); an aware one is the same instant everywhere.
    """

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now_in(self, tz: ZoneInfo) -> datetime:
        if self.at.tzinfo is None:
            return self.at.replace(tzinfo=tz)
        return self.at.astimezone(tz)

    @classmethod
    def parse(cls, text: str) -> FrozenClock:
        return cls(datetime.fromisoformat(text))
