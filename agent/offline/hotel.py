"""The hotel's own words, for the offline model: from its profile, never from code.

Room types and rate plans become vocabulary entries (agent/understanding/vocabulary.py): their
names, descriptions and aliases, and the general words their data earns them ("two beds" for a
room described with two beds; "prepaid" for a plan that is not refundable, "breakfast" for one
that includes it: agent/data/vocabulary.yaml). Booking
codes are the hotel's prefix and digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agent.data import load
from agent.understanding.vocabulary import VocabEntry
from pms.hotels.profile import HotelProfile, RatePlanProfile, RoomTypeProfile


@dataclass(frozen=True, eq=False)  # compared by identity: a cheap key for the readings' caches
class HotelWords:
    profile: HotelProfile | None
    rooms: tuple[VocabEntry, ...] = ()
    plans: tuple[VocabEntry, ...] = ()

    @property
    def prefixes(self) -> tuple[str, ...]:
        return (self.profile.code_prefix,) if self.profile else ()


@lru_cache(maxsize=64)
def words_of(profile: HotelProfile | None) -> HotelWords:
    """One `HotelWords` per distinct profile: a profile read again unchanged reuses it."""
    if profile is None:
        return HotelWords(None)
    rooms = tuple(_room(t) for t in profile.room_types)
    return HotelWords(profile, rooms, tuple(_plan(p) for p in profile.rate_plans))


def _room(room_type: RoomTypeProfile) -> VocabEntry:
    """The room type as the hotel names, describes and aliases it, and as what its description
    says makes guests call it ("two beds" for "Two queen beds.")."""
    said = f"{room_type.name} {room_type.description}".lower()
    rules = load("vocabulary")["room_type_terms"]
    earned = (
        word for rule in rules if re.search(rule["described"], said) for word in rule["aliases"]
    )
    return VocabEntry(
        room_type.code, room_type.name, room_type.description, (*room_type.aliases, *earned)
    )


def _plan(plan: RatePlanProfile) -> VocabEntry:
    """The plan as its name and aliases say, and as its terms make guests call it; its own
    description is left out, as it names other plans ("15% off the flexible rate")."""
    terms = {
        "refundable": plan.refundable,
        "prepaid": plan.prepaid,
        "breakfast": plan.breakfast,
        "discount": plan.discount_bp > 0,
    }
    rules = [
        rule
        for rule in load("vocabulary")["rate_plan_terms"]
        if all(terms[key] == value for key, value in rule["when"].items())
    ]
    described = " ".join(rule["description"] for rule in rules)
    aliases = (*plan.aliases, *(word for rule in rules for word in rule["aliases"]))
    return VocabEntry(plan.code, plan.name, described, aliases)
