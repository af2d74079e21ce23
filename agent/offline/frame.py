"""The frame: the current intent and its slots, rebuilt from the whole conversation each call.

User turns are merged in order: a later turn fills or overrides slots; a new clear intent starts
a new frame (carrying the context slots: code, name, dates, party, room type) when it differs from
the current one or when the current one's action is done. Tool results are recorded in the frame
that made the calls, and verified reservation codes are remembered for the whole conversation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from agent.offline.intents import TOOL_OF, recognise
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
from agent.understanding.people import find_party, find_person_name
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
    VocabEntry("FLEX", "Flexible", "Free cancellation.", ("flexible", "flex", "standard rate")),
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


@dataclass
class ToolResult:
    name: str
    args: dict[str, Any]
    ok: bool
    result: dict[str, Any]
    error: dict[str, Any]


@dataclass
class Frame:
    intent: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    results: list[ToolResult] = field(default_factory=list)
    done: bool = False
    last_text: str = ""
    asked: str | None = None

    def latest(self, name: str) -> ToolResult | None:
        for r in reversed(self.results):
            if r.name == name:
                return r
        return None


@dataclass
class Conversation:
    frame: Frame
    verified: set[str]
    last_is_tool: bool
    turns: int


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
    if name is not None:
        slots["guest_name"] = name.full
        slots["last_name"] = name.last
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
        r"\b(all of it|in full|the (full|whole|entire) (balance|amount|bill)|everything)\b", norm
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


def _tool_result(message: ToolMessage, call_args: dict[str, Any]) -> ToolResult:
    try:
        payload = json.loads(message.text if isinstance(message.text, str) else "{}")
    except (json.JSONDecodeError, TypeError):
        payload = {}
    if not isinstance(payload, dict):
        payload = {}
    error = payload.get("error") if isinstance(payload.get("error"), dict) else None
    ok = message.status != "error" and error is None
    return ToolResult(message.name or "", call_args, ok, payload if ok else {}, error or {})


WRITE_INTENTS = {
    intent
    for intent, tool in TOOL_OF.items()
    if tool
    and tool
    not in (
        "check_availability", "find_reservation", "get_reservation", "search_reservations",
        "get_folio", "list_rooms", "list_housekeeping_tasks", "daily_report", "search_knowledge",
    )
}  # fmt: skip
READ_INTENTS = {i for i, t in TOOL_OF.items() if t and i not in WRITE_INTENTS}


def build(messages: list[BaseMessage], today: date) -> Conversation:
    """Replay the conversation into the current frame."""
    frame = Frame()
    verified: set[str] = set()
    calls: dict[str, dict[str, Any]] = {}
    turns = 0
    for message in messages:
        if isinstance(message, HumanMessage):
            turns += 1
            text = message.text if isinstance(message.text, str) else str(message.text)
            intent = recognise(text)
            if intent in ("greeting", "thanks") and frame.intent and not frame.done:
                intent = None
            new = intent is not None and (
                frame.intent is None
                or frame.done
                or (intent != frame.intent and not _continues(frame, intent))
            )
            if not new and intent is None and frame.done and frame.intent in READ_INTENTS:
                frame.done = False
            if new and intent is not None:
                carried = {k: v for k, v in frame.slots.items() if k in CONTEXT_SLOTS}
                frame = Frame(intent=intent, slots=carried)
            slots = extract(text, today, frame.intent, frame.asked)
            if (
                frame.intent is None
                and intent is None
                and ("check_in" in slots or "room_type" in slots or "nights" in slots)
            ):
                frame = Frame(intent="book", slots=frame.slots)
            frame.slots.pop("confirm", None)
            frame.slots.update(slots)
            frame.last_text = text
            frame.asked = None
        elif isinstance(message, AIMessage):
            for call in message.tool_calls:
                calls[call["id"] or ""] = dict(call["args"])
            asked = (
                message.additional_kwargs.get("offline_asked") if not message.tool_calls else None
            )
            frame.asked = asked if isinstance(asked, str) else None
        elif isinstance(message, ToolMessage):
            result = _tool_result(message, calls.get(message.tool_call_id, {}))
            frame.results.append(result)
            if result.ok and result.name in ("find_reservation", "create_reservation"):
                code = result.result.get("confirmation_code")
                if isinstance(code, str):
                    verified.add(code)
                    frame.slots["code"] = code
            tool = TOOL_OF.get(frame.intent or "")
            if result.name == tool and frame.intent in WRITE_INTENTS:
                frame.done = True
            if result.name == tool and frame.intent in READ_INTENTS:
                frame.done = True
    last_is_tool = bool(messages) and isinstance(messages[-1], ToolMessage)
    return Conversation(frame, verified, last_is_tool, turns)


def _continues(frame: Frame, intent: str) -> bool:
    """A weaker follow-up that belongs to the current frame (e.g. 'book it' after availability)."""
    return False
