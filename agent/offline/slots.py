"""Slot values one user turn states: dates, party, codes, names, money, rooms and tasks.

Each extractor lives in agent/understanding/; this module decides which slots a turn fills for
the intent being pursued (a modification's dates are the new dates, an out-of-order period's
are its start and end).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agent.understanding.dates import parse_dates, stay_range
from agent.understanding.entities import (
    find_amounts,
    find_confirmation_codes,
    find_emails,
    find_floors,
    find_phone_numbers,
    find_room_numbers,
)
from agent.understanding.normalise import normalise
from agent.understanding.people import (
    find_last_name,
    find_mentioned_name,
    find_party,
    find_person_name,
)
from agent.understanding.requests import (
    find_charge_category,
    find_payment_method,
    find_priority,
    find_room_condition,
    find_task_ids,
    find_task_kind,
    find_task_status,
)
from agent.understanding.vocabulary import VocabEntry, best_match

ROOM_TYPES: tuple[VocabEntry, ...] = (
    VocabEntry("STQ", "Standard Queen", "One queen bed.", ("queen", "single queen")),
    VocabEntry("STD", "Standard Double", "Two queen beds.", ("two queens", "double queen")),
    VocabEntry("DLK", "Deluxe King", "King bed, sea view.", ("sea view", "ocean view", "deluxe")),
    VocabEntry("STE", "Harbor Suite", "King bed and sofa bed.", ("suite",)),
    VocabEntry("DBL", "Double", "One double bed.", ()),
    VocabEntry("FAM", "Family", "A double bed and bunk beds.", ("family room", "bunk beds")),
)
RATE_PLANS: tuple[VocabEntry, ...] = (
    VocabEntry("FLEX", "Flexible", "Free cancellation.", ("flexible", "flex", "regular rate")),
    VocabEntry(
        "NRF",
        "Non-refundable",
        "Prepaid, no refund.",
        ("non refundable", "nonrefundable", "prepaid"),
    ),
    VocabEntry("BB", "Bed & Breakfast", "Breakfast included.", ("breakfast", "b&b", "bnb")),
)

# Slots that describe "what we are talking about" and survive an intent switch.
CONTEXT_SLOTS = (
    "code", "last_name", "guest_name", "guest_email", "room_type", "check_in", "check_out",
    "adults", "children", "rate_plan", "room",
)  # fmt: skip

_STAFF = re.compile(r"\b([a-z]+\.[a-z]+)\b")


def extract(text: str, today: date, intent: str | None, asked: str | None = None) -> dict[str, Any]:
    """Slot values one user turn states."""
    norm = normalise(text).text
    slots: dict[str, Any] = {}
    codes = find_confirmation_codes(text)
    if codes:
        slots["code"] = codes[0]
    emails = find_emails(text)
    if emails:
        slots["guest_email"] = emails[0]
    phones = find_phone_numbers(text)
    if phones:
        slots["guest_phone"] = phones[0]
    name = find_person_name(text, expecting=asked in ("guest_name", "last_name"))
    surname = find_last_name(text, with_code=bool(codes) or asked == "last_name")
    if name is not None:
        slots["guest_name"] = name.full
        slots["last_name"] = name.last
    if surname is not None:
        slots["last_name"] = surname
    elif name is None:
        mentioned = find_mentioned_name(text)
        if mentioned is not None:
            slots["last_name"] = mentioned.last
        elif asked == "last_name" and re.fullmatch(r"\s*([A-Za-z][A-Za-z'\-]+)[.!]?\s*", text):
            slots["last_name"] = text.strip().rstrip(".!").capitalize()
    # dates
    if intent in ("out_of_order",):
        mentions = parse_dates(text, today)
        if mentions:
            slots["start_date"] = mentions[0].value.isoformat()
            if len(mentions) > 1:
                slots["end_date"] = mentions[-1].value.isoformat()
    else:
        stay = stay_range(text, today)
        if intent == "modify_booking":
            for mention in parse_dates(text, today):
                if mention.role == "check_in":
                    slots["new_check_in"] = mention.value.isoformat()
                elif mention.role == "check_out" or (
                    mention.role is None and "new_check_out" not in slots
                ):
                    slots["new_check_out"] = mention.value.isoformat()
        else:
            if stay.check_in:
                slots["check_in"] = stay.check_in.isoformat()
            if stay.check_out:
                slots["check_out"] = stay.check_out.isoformat()
            if stay.nights and not stay.check_in:
                slots["nights"] = stay.nights
    party = find_party(text)
    if party.adults is not None:
        slots["adults"] = party.adults
    if party.children is not None:
        slots["children"] = party.children
    if asked == "adults" and "adults" not in slots:
        m = re.fullmatch(r"\D*(\d{1,2})\D*", norm)
        if m:
            slots["adults"] = int(m.group(1))
    room_type = best_match(text, ROOM_TYPES)
    if room_type:
        slots["room_type"] = room_type
    plan = best_match(text, RATE_PLANS)
    if plan:
        slots["rate_plan"] = plan
    rooms = find_room_numbers(text)
    if rooms:
        slots["room"] = rooms[0]
    floors = find_floors(text)
    if floors:
        slots["floor"] = floors[0]
    amounts = find_amounts(text)
    if amounts:
        slots["amount"] = f"{amounts[0]:.2f}"
    elif asked == "amount":
        m = re.search(r"\b(\d+(?:\.\d{1,2})?)\b", norm)
        if m:
            slots["amount"] = f"{float(m.group(1)):.2f}"
    if re.search(
        r"\b(all of it|in full|the (full|whole|entire|remaining|outstanding) (balance|amount|bill)|"
        r"everything|the rest|the remainder|what'?s left|what (he|she|they|i|we) owes?|"
        r"what'?s (owed|outstanding|due)|the balance|(his|her|their|my) balance|the lot|"
        r"all of that)\b",
        norm,
    ):
        slots["pay_all"] = True
    method = find_payment_method(text)
    if method:
        slots["method"] = method
    ref = re.search(r"\bref(?:erence)?\.?:? ?([A-Za-z0-9-]*\d[A-Za-z0-9-]*)", text)
    if ref:
        slots["reference"] = ref.group(1)
    category = find_charge_category(text)
    if category:
        slots["category"] = category
    line = re.search(r"\bline (\d+)\b", norm)
    if line:
        slots["line"] = int(line.group(1))
    ids = find_task_ids(text)
    if ids:
        slots["task_id"] = ids[0]
    kind = find_task_kind(text)
    if kind:
        slots["kind"] = kind
    status = find_task_status(text)
    if status:
        slots["status"] = status
    priority = find_priority(text)
    if priority:
        slots["priority"] = priority
    condition = find_room_condition(text)
    if condition:
        slots["condition"] = condition
    staff = _STAFF.search(norm.replace("@", " @"))
    if staff and "@" not in norm[staff.start() - 1 : staff.end() + 1]:
        slots["assignee"] = staff.group(1)
    else:
        m = re.search(r"\bto ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?\b", text)
        if m and intent == "assign_task":
            slots["assignee_name"] = m.group(0)[3:]
    reason = re.search(r"\b(?:reason|because)[:,]? (.+?)[.!]?$", text, re.IGNORECASE)
    if reason:
        slots["reason"] = reason.group(1).strip()
    if re.search(
        r"\b(yes|yep|yeah|sure|ok|okay|confirm|go ahead|do it|please do|that'?s fine|fine)\b", norm
    ):
        slots["confirm"] = True
    if (
        re.search(r"\b(no|nope|don'?t|do not|never ?mind|keep it)\b", norm)
        and "confirm" not in slots
    ):
        slots["confirm"] = False
    return slots
