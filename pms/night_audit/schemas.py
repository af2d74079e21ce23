"""The night audit's summary: what it posted and what it found for the manager to follow up."""

from __future__ import annotations

from pydantic import BaseModel


class OverdueDeparture(BaseModel):
    """An in-house stay whose departure date has come: no night is charged, someone must act."""

    confirmation_code: str
    room_number: str | None
    guest_name: str
    check_out: str


class NightAuditSummary(BaseModel):
    audited_date: str
    charges_posted: int
    charges_total: str
    room_charges: int
    breakfast_charges: int
    no_shows: list[str]
    overdue_departures: list[OverdueDeparture]
    new_business_date: str
