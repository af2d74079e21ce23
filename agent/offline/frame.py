"""The frame: the current intent and its slots, rebuilt from the conversation on each call.

User turns are merged in order. A turn may name several actions ("he pays in cash, then check
him out"): the first becomes the frame's intent and the others wait in its queue, run one after
the other as each completes. A later turn fills or overrides slots; a new clear intent starts a
new frame carrying the context slots (code, name, dates, party, room type). A turn that only
answers the question the agent asked stays in the frame that asked it. Tool results are
recorded in the frame that made the calls, and verified reservation codes are remembered for
the whole conversation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from agent.offline.clauses import requested_intents
from agent.offline.hotel import HotelWords
from agent.offline.intents import (
    CLEAR,
    READ_INTENTS,
    TOOL_OF,
    WRITE_INTENTS,
    allowed_intents,
    score_intents,
)
from agent.offline.slots import CONTEXT_SLOTS, NO_HOTEL, extract
from agent.understanding.normalise import without_embedded_instructions

__all__ = [
    "READ_INTENTS",
    "READ_LIMIT",
    "WRITE_INTENTS",
    "Conversation",
    "Frame",
    "ToolResult",
    "build",
    "extract",
]


# A turn's reading is bounded. Reading is linear in the text, but 4,000 characters (the API's
# longest message) can take 100 ms: a message over READ_LIMIT is answered as too long, unread
# (model.py); guests write a few hundred. Only the latest turns whose messages add up to WINDOW
# characters are replayed, and readings are remembered (slots.extract, clauses, normalise): a
# turn reads its own message and little more, however long the thread has grown.
READ_LIMIT = 2000
WINDOW = 8000


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
    # Further actions the same request asked for, in order ("... then check him out").
    queue: list[str] = field(default_factory=list)
    # Slots the latest user turn stated (as opposed to those carried from earlier turns).
    stated: set[str] = field(default_factory=set)

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
    # Frames completed earlier in the current turn, whose outcome the reply still has to tell.
    earlier: list[Frame] = field(default_factory=list)
    hotel: HotelWords = NO_HOTEL
    today: str = ""  # the business date, ISO


@lru_cache(maxsize=256)
def _payload(text: str) -> dict[str, Any]:
    """A tool result, parsed once: every replay reads it again (and nothing changes it)."""
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return {}
    return payload if isinstance(payload, dict) else {}


def _tool_result(message: ToolMessage, call_args: dict[str, Any]) -> ToolResult:
    payload = _payload(message.text if isinstance(message.text, str) else "{}")
    error = payload.get("error") if isinstance(payload.get("error"), dict) else None
    ok = message.status != "error" and error is None
    return ToolResult(message.name or "", call_args, ok, payload if ok else {}, error or {})


# Actions that follow from another without being asked twice: a guest who pays the rest at the
# desk is leaving, and one booked at the desk may be checked in in the same breath.
_FOLLOW_UPS = {("check_out", "pay")}
# Intents that belong to the current frame when they answer its question: "306 is fine, put her
# there" picks the room for the check-in being done, it does not start a room assignment.
_CONTINUES = {
    ("check_in", "assign_room"),
    ("cancel_booking", "find_booking"),
    ("modify_booking", "find_booking"),
    ("folio", "find_booking"),
    ("show_booking", "find_booking"),
}


def _inferred(frame: Frame, slots: dict[str, Any], allowed: set[str] | None) -> str | None:
    """An intent the slots alone make plain when the words named none ("Two hundred, in cash")."""

    def may(intent: str) -> bool:
        return allowed is None or intent in allowed

    accepted = bool(slots.keys() & {"rate_plan", "guest_name", "guest_email"}) or bool(
        slots.get("confirm")
    )
    if frame.intent == "availability" and may("book") and accepted:
        return "book"  # the quote is accepted: "We'll take the non-refundable one."
    if (
        "code" in slots
        and "last_name" in slots
        and may("find_booking")
        and _role(allowed) == "guest"
    ):
        return "find_booking"  # a guest introducing their booking: "Carter here, RL1001"
    if "amount" in slots and "method" in slots:
        return "pay"
    if "amount" in slots and "category" in slots:
        return "charge"
    if "room" in slots and "condition" in slots:
        return "set_condition"
    return None


def _role(allowed: set[str] | None) -> str | None:
    """Whether the intents are a guest's (they can find a booking but not search them)."""
    if allowed is None:
        return None
    return "guest" if "search_bookings" not in allowed and "book" in allowed else "staff"


def _answers(frame: Frame, slots: dict[str, Any]) -> bool:
    """Whether a turn supplies what the frame's last question asked for."""
    asked = frame.asked
    if asked is None:
        return False
    if asked == "check_in":
        return "check_in" in slots or "nights" in slots
    if asked == "confirm":
        return "confirm" in slots
    if asked == "changes":
        return bool(set(slots) & {"check_in", "check_out", "adults", "room_type", "rate_plan"})
    return asked in slots


_NEEDS = {
    "book": {"guest_name", "guest_email", "rate_plan", "adults", "room_type", "check_in", "nights"},
    "pay": {"amount", "method", "pay_all"},
    "charge": {"amount", "category"},
    "modify_booking": {"new_check_in", "new_check_out", "adults", "children", "room_type"},
}


def _fills(frame: Frame, slots: dict[str, Any]) -> bool:
    """Whether a turn brings details the unfinished write still needs."""
    needed = _NEEDS.get(frame.intent or "", set())
    return bool(needed & {k for k in slots if k not in frame.slots or frame.slots[k] != slots[k]})


def _start(frame: Frame, intents: list[str]) -> Frame:
    carried = {k: v for k, v in frame.slots.items() if k in CONTEXT_SLOTS}
    return Frame(intent=intents[0], slots=carried, queue=list(intents[1:]))


def _next_in_queue(frame: Frame) -> Frame | None:
    """The frame for the next queued action once this one is done, or None."""
    if not frame.done or not frame.queue or not (frame.results and frame.results[-1].ok):
        return None
    nxt = _start(frame, frame.queue)
    nxt.last_text = frame.last_text
    return nxt


def build(
    messages: list[BaseMessage],
    today: date,
    tools: set[str] | None = None,
    hotel: HotelWords = NO_HOTEL,
) -> Conversation:
    """Replay the conversation into the current frame; `tools` are the principal's."""
    allowed = allowed_intents(tools) if tools is not None else None
    frame = Frame()
    verified: set[str] = set()
    calls: dict[str, dict[str, Any]] = {}
    earlier: list[Frame] = []
    blocked: Frame | None = None  # a write refused until something else is done (a payment)
    turns = 0
    for message in _recent(messages):
        if isinstance(message, HumanMessage):
            turns += 1
            earlier = []
            text = _text(message)
            if len(text) > READ_LIMIT:
                continue
            frame, blocked = _merge_turn(
                frame, blocked, without_embedded_instructions(text), today, allowed, hotel
            )
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
            elif result.ok and "code" not in frame.slots:
                found = _one_booking(result)
                if found is not None:
                    frame.slots["code"] = found
            if result.ok and result.name == "create_housekeeping_task":
                frame.slots["task_id"] = result.result.get("task_id")  # "...and give it to Maria"
            if result.name == TOOL_OF.get(frame.intent or "") and _all_made(frame):
                frame.done = True
                if not result.ok and frame.intent == "check_out":
                    blocked = frame
                if (
                    result.ok
                    and blocked is not None
                    and (blocked.intent, frame.intent) in (_FOLLOW_UPS)
                ):
                    if blocked.intent not in frame.queue:
                        frame.queue.append(str(blocked.intent))
                    blocked = None
            nxt = _next_in_queue(frame)
            if nxt is not None:
                earlier.append(frame)
                frame = nxt
    last_is_tool = bool(messages) and isinstance(messages[-1], ToolMessage)
    return Conversation(frame, verified, last_is_tool, turns, earlier, hotel, today.isoformat())


def _text(message: BaseMessage) -> str:
    return message.text if isinstance(message.text, str) else str(message.text)


def _recent(messages: list[BaseMessage]) -> list[BaseMessage]:
    """The messages from the earliest user turn within the last WINDOW characters read."""
    start, read = 0, 0
    for at in range(len(messages) - 1, -1, -1):
        if isinstance(messages[at], HumanMessage):
            size = len(_text(messages[at]))
            read += size if size <= READ_LIMIT else 0
            if read > WINDOW:
                return messages[start:]
            start = at
    return messages


def _all_made(frame: Frame) -> bool:
    """Whether every call the request needs is made: one per part of a split payment, one per
    room of "301, 302 and 303 are clean"; a refusal ends it early."""
    tool = TOOL_OF.get(frame.intent or "")
    made = [r for r in frame.results if r.name == tool]
    if made and not made[-1].ok:
        return True
    parts = {"pay": "payments", "set_condition": "rooms", "out_of_order": "rooms"}.get(
        frame.intent or ""
    )
    wanted = frame.slots.get(parts) if parts and parts in frame.stated else None
    return len(made) >= (len(wanted) if isinstance(wanted, list) else 1)


def _one_booking(result: ToolResult) -> str | None:
    """The single booking a look-up landed on, which later turns mean by "her" or "them"."""
    if result.name == "search_reservations":
        rows = result.result.get("reservations") or []
        active = [r for r in rows if r.get("status") in ("confirmed", "in_house")] or rows
        return str(active[0]["confirmation_code"]) if len(active) == 1 else None
    if result.name in ("get_reservation", "get_folio"):
        code = result.result.get("confirmation_code")
        return str(code) if code else None
    return None


def _describes_a_stay(slots: dict[str, Any]) -> bool:
    """A turn that names a room type, a length or both dates is about a stay to book."""
    return "room_type" in slots or "nights" in slots or {"check_in", "check_out"} <= slots.keys()


def _merge_turn(
    frame: Frame,
    blocked: Frame | None,
    text: str,
    today: date,
    allowed: set[str] | None,
    hotel: HotelWords,
) -> tuple[Frame, Frame | None]:
    """Fold one user turn into the frame: continue it, or start the next one."""
    intents = requested_intents(text, allowed)
    intent = intents[0] if intents else None
    if intent in ("greeting", "thanks") and frame.intent and not frame.done:
        intent, intents = None, []
    probe = extract(text, today, frame.intent, frame.asked, hotel)
    if intent is not None and frame.intent and not frame.done and intent != frame.intent:
        strong = bool(score_intents(text)) and score_intents(text)[0].score >= CLEAR
        answering = _answers(frame, probe)
        if frame.asked == "confirm" and intent in WRITE_INTENTS:
            answering = False  # "let's not cancel; could we shorten it instead?"
        if (frame.intent, intent) in _CONTINUES or (answering and not strong):
            intent, intents = None, []
        elif frame.intent in WRITE_INTENTS and _fills(frame, probe):
            # "Flexible, Ana Lima, ana@x.com. Check her in straight after.": finish the booking
            # with what this turn gives, then do what it asks next.
            frame.queue.extend(i for i in intents if i != frame.intent and i not in frame.queue)
            intent, intents = None, []
    if intent is not None and intent == frame.intent and frame.done and frame.results:
        told = {k: v for k, v in probe.items() if k not in ("confirm", "hypothetical")}
        if all(frame.slots.get(k) == v for k, v in told.items()):
            intent, intents = None, []  # "Yes, please cancel it" after it was cancelled
    if intent is None and (frame.done or frame.intent in (None, "availability")):
        guessed = _inferred(frame, probe, allowed)
        if guessed is not None and guessed != frame.intent:
            intent, intents = guessed, [guessed]
    later = re.search(
        r"\b(pay|settle)\w*\b.{0,25}\b(later|tomorrow|next week|another time)\b", text, re.I
    )
    if intents[:1] == ["check_out"] and "method" in probe and "pay" not in intents and not later:
        intents = ["pay", *intents]  # "623 out. card.": settle the balance, then check out
        intent = "pay"
        probe["pay_all"] = True
    new = intent is not None and (frame.intent is None or frame.done or intent != frame.intent)
    if not new and intent is None and frame.intent == "knowledge" and _describes_a_stay(probe):
        frame = _start(frame, ["book"])  # "Great. Then the suite from the 20th to the 22nd."
    elif not new and intent is None and frame.done and frame.intent in READ_INTENTS:
        frame.done = False
    if new and intents:
        frame = _start(frame, intents)
    elif intents[1:] and not frame.queue:
        frame.queue = [i for i in intents[1:] if i != frame.intent]
    slots = extract(text, today, frame.intent, frame.asked, hotel)
    if frame.intent is None and _describes_a_stay(slots):
        frame = Frame(intent="book", slots=frame.slots)
    frame.slots.pop("confirm", None)
    if "room_type" in slots:
        frame.slots.pop("room_types", None)  # one type chosen after a comparison
    if frame.intent == "knowledge":
        follow_up = re.match(
            r"\s*(and|what about|how about|also|is it|when|until|till|and is)\b", text, re.I
        )
        before = frame.slots.get("question") if not new or follow_up else None
        short = len(text.split()) <= 7 and before
        frame.slots["question"] = f"{before} {text}" if short else text
    frame.slots.update(slots)
    if probe.get("pay_all"):
        frame.slots["pay_all"] = True
    frame.stated = set(slots)
    frame.last_text = text
    frame.asked = None
    return frame, blocked
