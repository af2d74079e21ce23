"""A small hotel file of the spec's example hotel, as data, for the hotel-file tests."""

from __future__ import annotations

import copy
from typing import Any

RIVERSIDE: dict[str, Any] = {
    "slug": "riverside-lisbon",
    "name": "Riverside Lisbon",
    "code_prefix": "RL",
    "timezone": "Europe/Lisbon",
    "currency": "EUR",
    "address": "Rua do Rio 5, 1200-001 Lisboa",
    "phone": "+351 21 000 0000",
    "check_in_time": "14:00",
    "check_out_time": "12:00",
    "web_origins": ["https://riverside.example"],
    "room_types": [
        {
            "code": "TWN",
            "name": "Garden Twin",
            "aliases": ["twin", "two singles"],
            "description": "Two single beds, opens onto the garden.",
            "max_occupancy": 2,
            "rate": "120.00",
        },
        {"code": "DBL", "name": "River Double", "max_occupancy": 3, "rate": "150.00"},
    ],
    "rate_plans": [
        {"code": "FLEX", "name": "Flexible", "aliases": ["flexible"]},
        {
            "code": "SAVE",
            "name": "Saver",
            "discount_percent": 10,
            "breakfast_per_adult": "12.50",
            "prepaid": True,
            "refundable": False,
            "guest_modifiable": False,
            "free_cancellation_hours": 0,
            "late_cancellation_fee": "none",
        },
    ],
    "seasons": [
        {
            "name": "Summer weekends",
            "from": "2027-03-01",
            "until": "2027-09-01",
            "days": ["fri", "sat"],
            "rates": {"TWN": "150.00"},
        }
    ],
    "rooms": [
        {"number": "101", "floor": 1, "type": "TWN", "accessible": True},
        {"numbers": "102-112", "floor": 1, "type": "TWN"},
        {"numbers": "201-204", "floor": 2, "type": "DBL"},
    ],
    "staff": [
        {"username": "ana.costa", "name": "Ana Costa", "role": "manager"},
        {"username": "rui.lopes", "name": "Rui Lopes", "role": "front_desk"},
    ],
}


def riverside(**changes: Any) -> dict[str, Any]:
    """The Riverside file with top-level keys replaced (a deep copy: change it freely)."""
    document = copy.deepcopy(RIVERSIDE)
    document.update(copy.deepcopy(changes))
    return document


def stay(code: str, **changes: Any) -> dict[str, Any]:
    """One `reservations:` entry (a Thursday-to-Sunday stay in a twin, two adults)."""
    entry: dict[str, Any] = {
        "code": code,
        "guest": {"name": "Inês Moreira", "email": "ines@example.com", "phone": "+351 91 000 0000"},
        "room_type": "TWN",
        "rate_plan": "FLEX",
        "check_in": "2027-03-04",
        "check_out": "2027-03-07",
        "adults": 2,
    }
    entry.update(changes)
    return entry
