"""What every write of an apply shares: the session, the file, the report, and how values read.

Each part of a hotel (room types and plans, rooms, seasons, staff, imported stays) is written
by a module of its own; this is the one thing they all take, so that every change any of them
makes is noted in the report the same way, at the moment it is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from pms.hotels.file import HotelFile
from pms.models import Hotel

if TYPE_CHECKING:
    from pms.hotels.apply import ApplyReport


class Writing:
    """The writes of one apply, each recorded in the report as it is made."""

    def __init__(self, session: Session, document: HotelFile, report: ApplyReport) -> None:
        self.session = session
        self.document = document
        self.report = report

    def note(self, change: str) -> None:
        self.report.changes.append(change)


def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def copy_value(value: Any) -> Any:
    """A fresh list for JSON columns, so the ORM sees a new value rather than a shared one."""
    return list(value) if isinstance(value, list) else value


def show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value)


def of_hotel(model: Any, hotel: Hotel) -> Any:
    """The hotel's rows of `model` in the order they were made, so reports read the same."""
    return select(model).where(model.hotel_id == hotel.id).order_by(model.id)
