"""Writing a hotel's room types and rate plans: added, updated in place, removed last.

Together because they are written alike (matched by code, every changed value noted in the
file's own words) and removed alike: only once every stay and room of the file has been
written, and only when nothing refers to them (`pms.hotels.refusals` has checked that).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pms.hotels.entries import RatePlanEntry, RoomTypeEntry
from pms.hotels.writing import Writing, copy_value, of_hotel, show
from pms.models import Hotel, RatePlan, RoomType
from pms.money import fmt

# The file's key of a value whose column is named otherwise.
_FILE_KEY = {
    "flex_rate_cents": "rate",
    "discount_bp": "discount_percent",
    "breakfast_cents_per_adult": "breakfast_per_adult",
}


def write_room_types(w: Writing, hotel: Hotel) -> tuple[dict[str, RoomType], list[RoomType]]:
    """The hotel's room types by code, and those no longer in the file (removed last)."""
    existing = {t.code: t for t in w.session.scalars(of_hotel(RoomType, hotel))}
    added = []
    for entry in w.document.room_types:
        values = _room_type_values(entry)
        room_type = existing.get(entry.code)
        if room_type is None:
            existing[entry.code] = RoomType(hotel_id=hotel.id, code=entry.code, **values)
            w.session.add(existing[entry.code])
            added.append(entry.code)
        else:
            _update(w, room_type, values, f"room_types.{entry.code}")
    if added:
        w.note(f"room_types: added {', '.join(added)}")
    leftovers = [t for code, t in existing.items() if code not in _codes(w.document.room_types)]
    return existing, leftovers


def write_rate_plans(w: Writing, hotel: Hotel) -> tuple[dict[str, RatePlan], list[RatePlan]]:
    """The hotel's rate plans by code, and those no longer in the file (removed last)."""
    existing = {p.code: p for p in w.session.scalars(of_hotel(RatePlan, hotel))}
    added = []
    for entry in w.document.rate_plans:
        values = _rate_plan_values(entry)
        plan = existing.get(entry.code)
        if plan is None:
            existing[entry.code] = RatePlan(hotel_id=hotel.id, code=entry.code, **values)
            w.session.add(existing[entry.code])
            added.append(entry.code)
        else:
            _update(w, plan, values, f"rate_plans.{entry.code}")
    if added:
        w.note(f"rate_plans: added {', '.join(added)}")
    leftovers = [p for code, p in existing.items() if code not in _codes(w.document.rate_plans)]
    return existing, leftovers


def remove_leftovers(w: Writing, types: list[RoomType], plans: list[RatePlan]) -> None:
    """Room types and plans no longer in the file (nothing refers to them: checked)."""
    w.session.flush()
    for room_type in types:
        w.session.delete(room_type)
        w.note(f"room_types: removed {room_type.code}")
    for plan in plans:
        w.session.delete(plan)
        w.note(f"rate_plans: removed {plan.code}")


def _update(w: Writing, row: Any, values: dict[str, Any], place: str) -> None:
    for name, new in values.items():
        old = getattr(row, name)
        if old != new:
            setattr(row, name, copy_value(new))
            w.note(
                f"{place}.{_FILE_KEY.get(name, name)}: {_show_value(name, old)} -> "
                f"{_show_value(name, new)}"
            )


def _room_type_values(entry: RoomTypeEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "aliases": list(entry.aliases),
        "description": entry.description,
        "max_occupancy": entry.max_occupancy,
        "flex_rate_cents": entry.rate,
    }


def _rate_plan_values(entry: RatePlanEntry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "aliases": list(entry.aliases),
        "description": entry.description,
        "discount_bp": entry.discount_percent,
        "breakfast_cents_per_adult": entry.breakfast_per_adult,
        "prepaid": entry.prepaid,
        "refundable": entry.refundable,
        "guest_modifiable": entry.guest_modifiable,
        "free_cancellation_hours": entry.free_cancellation_hours,
        "late_cancellation_fee": entry.late_cancellation_fee,
    }


def _codes(entries: Sequence[RoomTypeEntry] | Sequence[RatePlanEntry]) -> set[str]:
    return {entry.code for entry in entries}


def _show_value(name: str, value: Any) -> str:
    if name in ("flex_rate_cents", "breakfast_cents_per_adult"):
        return fmt(int(value))
    if name == "discount_bp":
        return f"{int(value) / 100:g}%"
    return show(value)
