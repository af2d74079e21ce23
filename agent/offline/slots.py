# ruff: noqa: E501
"""Slot values one user turn states: dates, party, codes, names, money, rooms and tasks.

Each extractor lives in agent/understanding/; this module decides which slots a turn fills for
the intent being pursued (a modification's dates are the new dates, an out-of-order period's
are its start and end).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

from agent.offline.changes import INSTEAD, new_dates, party_change
from agent.offline.hotel import HotelWords, words_of
from agent.understanding.dates import parse_dates, second_of_range
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
from agent.understanding.stays import stay_range
from agent.understanding.vocabulary import best_match

# Slots that describe "what we are talking about" and survive an intent switch.
CONTEXT_SLOTS = (
    "code", "last_name", "guest_name", "guest_email", "room_type", "check_in", "check_out",
    "adults", "children", "rate_plan", "room", "room_pref", "room_types", "category", "task_id",
)  # fmt: skip

NO_HOTEL = words_of(None)
_STAFF = re.compile(r"\b([a-z]+\.[a-z]+)\b")


def _room_types_named(text: str, hotel: HotelWords) -> list[str]:
    """Each room type named in its own part of the text ("the queen or the king?")."""
    found: list[str] = []
    split = r"\b(?:and|or|vs\.?|versus|between|compared to|than|for (?:1 of |one of )?(?:the|a|an))\b|[,;/]"
    for part in re.split(split, text):
        code = best_match(part, hotel.rooms) if part.strip() else None
        if code and code not in found:
            found.append(code)
    return found


_METHOD_WORD = (
    r"(card|visa|amex|mastercard|credit card|debit card|cash|bank transfer|transfer|wire)"
)
_PART = re.compile(
    r"((?<!\d)\$?\d+(?:\.\d{1,2})?|whatever'?s left|what'?s left|the rest|the remaining(?: \$?\d+(?:\.\d{1,2})?)?|"
    r"the remainder|the balance)\s+(?:on|by|in|with|via|using|as)\s+(?:(?:his|her|their|the|my|a)\s+)?"
    + _METHOD_WORD
)


def _split_payment(norm: str) -> list[tuple[str, str]]:
    """The parts of a payment split across methods, in order: (amount or "rest", method)."""
    parts: list[tuple[str, str]] = []
    for m in _PART.finditer(norm):
        amount = re.search(r"\d+(?:\.\d{1,2})?", m.group(1))
        rest = not amount or m.group(1).startswith(
            ("what", "the rest", "the remainder", "the balance")
        )
        method = find_payment_method(m.group(2)) or "card"
        parts.append(
            (
                "rest"
                if rest and not m.group(1).startswith("the remaining ")
                else f"{float(amount.group(0)):.2f}"
                if amount
                else "rest",
                method,
            )
        )
    return parts


# Slots filled from the hotel's own vocabularies, one label each.
_LABELS: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    ("method", find_payment_method),
    ("category", find_charge_category),
    ("kind", find_task_kind),
    ("status", find_task_status),
    ("priority", find_priority),
    ("condition", find_room_condition),
)


# The only intents and questions that change how a turn reads; the rest share one reading.
_READ_FOR = {"out_of_order", "modify_booking", "assign_task"}
_READ_AFTER = {"guest_name", "last_name", "adults", "amount", "confirm"}


def extract(
    text: str,
    today: date,
    intent: str | None,
    asked: str | None = None,
    hotel: HotelWords | None = None,
) -> dict[str, Any]:
    """Slot values one user turn states: a copy of its reading, remembered because the whole
    conversation is replayed on every call (the 20th turn must not read 19 turns again)."""
    asked = asked if asked in _READ_AFTER else None
    reading = _read(text, today, intent if intent in _READ_FOR else None, asked, hotel or NO_HOTEL)
    return {k: list(v) if isinstance(v, list) else v for k, v in reading.items()}


@lru_cache(maxsize=4096)
def _read(
    text: str, today: date, intent: str | None, asked: str | None, hotel: HotelWords
) -> dict[str, Any]:
    norm = normalise(text).text
    slots: dict[str, Any] = {}
    codes = find_confirmation_codes(text, hotel.prefixes)
    if codes:
        slots["code"] = codes[0]
    emails = find_emails(text)
    if emails:
        slots["guest_email"] = emails[-1]  # "x@exmaple.com - sorry, typo: x@example.com"
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
            if mentioned.first != mentioned.last:
                slots["first_name"] = mentioned.first
        elif asked == "last_name" and re.fullmatch(r"\s*([A-Za-z][A-Za-z'\-]+)[.!]?\s*", text):
            slots["last_name"] = text.strip().rstrip(".!").capitalize()
    # dates
    if intent in ("out_of_order",):
        mentions = parse_dates(text, today)
        if mentions:
            start = mentions[0].value
            slots["start_date"] = start.isoformat()
            if len(mentions) > 1:
                back = [
                    m for m in mentions[1:]
                    if re.search(r"\b(sellable|back|available|returns?|reopen\w*|ready)\b", norm[max(0, m.start - 40) : m.start])
                ]  # fmt: skip
                end = (back or mentions)[-1]
                value = end.value
                if value <= start and end.kind == "day_of_month":
                    value = second_of_range(start, value.day) or value  # "April 5th ... the 10th"
                slots["end_date"] = value.isoformat()
    else:
        stay = stay_range(text, today)
        if intent == "modify_booking":
            slots.update(new_dates(text, today))
        else:
            if stay.check_in:
                slots["check_in"] = stay.check_in.isoformat()
            if stay.check_out:
                slots["check_out"] = stay.check_out.isoformat()
            if stay.nights and not stay.check_in:
                slots["nights"] = stay.nights
    party = find_party(INSTEAD.sub(" ", text) if intent == "modify_booking" else text)
    if party.adults is not None:
        slots["adults"] = party.adults
    if party.children is not None:
        slots["children"] = party.children
    if intent == "modify_booking" and party.adults is None and party.children is None:
        delta = party_change(text)
        if delta:
            slots["party_delta"] = delta
    if asked == "adults" and "adults" not in slots:
        m = re.fullmatch(r"\D*(\d{1,2})\D*", norm)
        if m:
            slots["adults"] = int(m.group(1))
    room_type = best_match(text, hotel.rooms)
    if room_type:
        slots["room_type"] = room_type
    named = _room_types_named(text, hotel)
    cues = list(re.finditer(r"\b(?:to|into|for) (?:the |a |an )?", norm)) if len(named) >= 2 else []
    # The last "to"/"for" that names a room type: "possible to swap the twin for a double".
    moved_to = next(
        (c for c in (best_match(norm[t.end() :], hotel.rooms) for t in reversed(cues)) if c), None
    )
    if intent == "modify_booking" and moved_to:
        slots["room_type"] = moved_to  # "from the sea view king to the suite"
    elif len(named) >= 2:
        slots["room_types"] = named  # "torn between the queen and the sea-view king"
        slots.pop("room_type", None)
    plan = best_match(text, hotel.plans)
    if plan:
        slots["rate_plan"] = plan
    rooms = find_room_numbers(text)
    if rooms:
        slots["room"] = rooms[0]
        slots["rooms"] = rooms
    if re.search(
        r"\b(travell?ing with (?!you|us)|staying with (?!you|us)|on behalf of|for (my |a )?(friend|colleague|boss|client)|"
        r"(her|his|their) (bill|folio|booking|reservation|balance|details|room|email|dates))\b",
        norm,
    ):
        slots["third_party"] = True
    floors = find_floors(text)
    if floors:
        slots["floor"] = floors[0]
    amounts = find_amounts(text)
    times = re.search(
        r"\b(\d{1,2}) ?(?:x|\u00d7|times) ?\$?(\d+(?:\.\d{1,2})?)\b", norm
    ) or re.search(
        r"\b(\d{1,2}) (?:adults?|people|persons|guests|nights?|breakfasts?|items?) (?:at|@) "
        r"\$?(\d+(?:\.\d{1,2})?) ?(?:each|apiece|per (?:person|night|adult|head))?\b",
        norm,
    )
    single = re.search(
        r"\b(?:single|one|total|combined) (?:charge|amount|line|payment)(?: of)? \$?(\d+(?:\.\d{1,2})?)\b|"
        r"\b(?:a total of|in total|altogether) \$?(\d+(?:\.\d{1,2})?)\b",
        norm,
    )
    if single:
        slots["amount"] = f"{float(single.group(1) or single.group(2)):.2f}"
    elif times:
        slots["amount"] = f"{int(times.group(1)) * float(times.group(2)):.2f}"  # "2 x $25"
    elif amounts:
        slots["amount"] = f"{amounts[0]:.2f}"
    elif asked == "amount":
        m = re.search(r"\b(\d+(?:\.\d{1,2})?)\b", norm)
        if m:
            slots["amount"] = f"{float(m.group(1)):.2f}"
    if re.search(
        r"\b(all of it|in full|the (full|whole|entire|remaining|outstanding) (balance|amount|bill)|"
        r"everything|the rest|the remainder|what'?s left|what(ever)?'?s (left|owing|outstanding|due)|"
        r"whatever (is )?(left|owed|outstanding|due)|what (he|she|they|i|we) owes?|"
        r"what'?s (owed|outstanding|due)|the balance|(his|her|their|my) balance|the lot|"
        r"all of that)\b",
        norm,
    ):
        slots["pay_all"] = True
    split = _split_payment(norm)
    if len(split) >= 2:
        slots["payments"] = split  # "300 on his Amex and whatever's left in cash"
    ref = re.search(r"\bref(?:erence)?\.?:? ?([A-Za-z0-9-]*\d[A-Za-z0-9-]*)", text)
    if ref:
        slots["reference"] = ref.group(1)
    line = re.search(r"\bline (\d+)\b", norm)
    if line:
        slots["line"] = int(line.group(1))
    ids = find_task_ids(text)
    if ids:
        slots["task_id"] = ids[0]
    for slot, find_label in _LABELS:
        label = find_label(text)
        if label:
            slots[slot] = label
    staff = _STAFF.search(norm.replace("@", " @"))
    if staff and "@" not in norm[staff.start() - 1 : staff.end() + 1]:
        slots["assignee"] = staff.group(1)
    else:
        m = re.search(r"\bto ([A-Z][a-z]+)(?: ([A-Z][a-z]+))?\b", text)
        handing = re.search(r"\b(give|assign|hand|pass)\b.{0,30}\bto [A-Z]", text)
        if m and (intent == "assign_task" or handing):
            slots["assignee_name"] = m.group(0)[3:]
    reason = re.search(r"\b(?:reason|because)[:,]? (.+?)[.!]?$", text, re.IGNORECASE)
    if reason:
        slots["reason"] = reason.group(1).strip()
    decline = re.search(
        r"\b(no|nope|nah)\b(?! (longer|problem|worries|idea|need to|one|rush))|\bdon'?t (cancel|do|bother)|"
        r"\bdo not (cancel|do)|\bnever ?mind\b|\bkeep (it|the booking|the reservation|my|our)\b|"
        r"\b(leave|let) it (as it is|be)\b|\bas it is\b|\bforget it\b|\bon second thought\b|"
        r"\b(we'?ll|i'?ll) (come|keep|find a way)\b|\blet'?s not\b|\bnot cancel\b|\bno need to cancel\b",
        norm,
    )
    # Plain agreement counts only as the answer to a question; an acknowledged fee counts anyway.
    accept = re.search(
        r"\b(go ahead|please do|just do it|that'?s (fine|ok|okay)|fine by me|anyway|understood|"
        r"i understand|i know|(i'?m|we'?re) aware|accept\w*|agreed)\b",
        norm,
    ) or (
        asked == "confirm"
        and re.search(
            r"\b(yes|yep|yeah|yup|sure|ok|okay|confirm(ed)?|fine|correct|right|please|cancel|do it)\b",
            norm,
        )
    )
    if decline:
        slots["confirm"] = False
    elif accept:
        slots["confirm"] = True
    if re.search(
        r"\b(thinking (about|of)|considering|would there be|what would|how much would|is there a|"
        r"what happens if|if (i|we) cancel\w*|can (i|we) (still )?cancel|what('?s| is) the (fee|penalty)|"
        r"would it cost|any (fee|penalty|charge))\b",
        norm,
    ):
        slots["hypothetical"] = True
    if re.search(
        r"\b(cheapest|cheaper|most cheap|least expensive|most affordable|lowest priced|budget|basic|"
        r"simplest)\b"
        r"(?! (rate|plan|price for))",
        norm,
    ):
        slots["room_pref"] = "cheapest"
    spoken = re.search(
        r"(?<!dot )(?<!\. )\b([a-z0-9]+(?: (?:dot|\.) [a-z0-9]+)*) (?:at|@) ([a-z0-9-]+(?: dot [a-z]{2,}){1,3})\b",
        norm,
    )
    if spoken and "guest_email" not in slots:
        local = re.sub(r" (?:dot|\.) ", ".", spoken.group(1))
        slots["guest_email"] = f"{local}@{spoken.group(2).replace(' dot ', '.')}"
    return slots
