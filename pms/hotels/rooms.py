"""Writing a hotel's rooms: added clean, updated in place, removed when the file leaves them out.

A room is matched by its number; a removed one has been checked by `pms.hotels.refusals` to
hold no stay and no housekeeping task, so removing it loses nothing the hotel still uses.
"""

from __future__ import annotations

from pms.hotels.writing import Writing, of_hotel
from pms.models import Hotel, Room, RoomType


def write_rooms(w: Writing, hotel: Hotel, types: dict[str, RoomType]) -> None:
    w.session.flush()  # room types need ids before rooms can point at them
    existing = {r.number: r for r in w.session.scalars(of_hotel(Room, hotel))}
    added: list[str] = []
    wanted = set()
    for number, entry in w.document.room_list():
        wanted.add(number)
        values = {
            "floor": entry.floor,
            "room_type_id": types[entry.type].id,
            "accessible": entry.accessible,
        }
        room = existing.get(number)
        if room is None:
            w.session.add(Room(hotel_id=hotel.id, number=number, condition="clean", **values))
            added.append(number)
            continue
        if room.room_type_id != values["room_type_id"]:
            old = next(code for code, t in types.items() if t.id == room.room_type_id)
            w.note(f"rooms.{number}.type: {old} -> {entry.type}")
            room.room_type_id = types[entry.type].id
        for name in ("floor", "accessible"):
            if getattr(room, name) != values[name]:
                w.note(f"rooms.{number}.{name}: {getattr(room, name)} -> {values[name]}")
                setattr(room, name, values[name])
    if added:
        w.note(f"rooms: added {_numbers(added)}")
    removed = sorted(number for number in existing if number not in wanted)
    for number in removed:
        w.session.delete(existing[number])
    if removed:
        w.note(f"rooms: removed {_numbers(removed)}")


def _numbers(numbers: list[str]) -> str:
    """Room numbers for a report line: all of a few, or a count and the first and last."""
    if len(numbers) <= 6:
        return ", ".join(numbers)
    return f"{len(numbers)} ({numbers[0]} ... {numbers[-1]})"
