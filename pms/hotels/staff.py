"""Writing a hotel's staff: accounts added without a password, updated, or deactivated.

Kept apart from the other writes because staff are never deleted: as docs/hotel-file.md says,
staff left out of the file are deactivated, and staff listed again are active again.
"""

from __future__ import annotations

from pms.hotels.writing import Writing, of_hotel
from pms.models import Hotel, StaffUser

# Not an Argon2 hash, so no password ever verifies against it: an account from a hotel file
# signs in only once `concierge staff password` has set its password.
NO_PASSWORD = "!unset"


def write_staff(w: Writing, hotel: Hotel) -> None:
    existing = {s.username: s for s in w.session.scalars(of_hotel(StaffUser, hotel))}
    added = []
    for entry in w.document.staff:
        person = existing.get(entry.username)
        if person is None:
            w.session.add(
                StaffUser(
                    hotel_id=hotel.id,
                    username=entry.username,
                    full_name=entry.name,
                    role=entry.role,
                    password_hash=NO_PASSWORD,
                    active=True,
                )
            )
            added.append(entry.username)
            continue
        place = f"staff.{entry.username}"
        if person.full_name != entry.name:
            w.note(f"{place}.name: {person.full_name} -> {entry.name}")
            person.full_name = entry.name
        if person.role != entry.role:
            w.note(f"{place}.role: {person.role} -> {entry.role}")
            person.role = entry.role
        if not person.active:
            w.note(f"{place}: reactivated")
            person.active = True
    if added:
        w.note(f"staff: added {', '.join(added)} (no password until one is set)")
    listed = {s.username for s in w.document.staff}
    for username, person in sorted(existing.items()):
        if username not in listed and person.active:
            person.active = False
            w.note(f"staff.{username}: deactivated (not in the file)")
