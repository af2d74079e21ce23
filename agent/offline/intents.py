"""Intent recognition: weighted pattern features over normalised text.

Each intent has phrases (regexes over the normalised text) with weights; the scores add up, a
negated cue ("don't cancel") counts against its intent. Only intents whose tool the role has are
offered as actionable; the others are still recognised so the policy can refuse them plainly.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from agent.offline import features_bookings, features_money, features_rooms
from agent.understanding.normalise import normalise

# intent -> the tool that fulfils it (None: answered without a tool)
TOOL_OF: dict[str, str | None] = {
    "book": "create_reservation", "availability": "check_availability",
    "find_booking": "find_reservation", "show_booking": "get_reservation",
    "search_bookings": "search_reservations", "modify_booking": "modify_reservation",
    "cancel_booking": "cancel_reservation", "folio": "get_folio", "pay": "record_payment",
    "charge": "post_charge", "refund": "refund_payment", "void": "void_charge",
    "check_in": "check_in", "check_out": "check_out", "assign_room": "assign_room",
    "list_rooms": "list_rooms", "set_condition": "set_room_condition",
    "out_of_order": "set_room_out_of_order", "return_to_service": "return_room_to_service",
    "list_tasks": "list_housekeeping_tasks", "create_task": "create_housekeeping_task",
    "assign_task": "assign_housekeeping_task", "update_task": "update_housekeeping_task",
    "daily_report": "daily_report", "handoff": "handoff_to_human", "knowledge": "search_knowledge",
    "greeting": None, "thanks": None,
}  # fmt: skip

_ALL = {**features_bookings.FEATURES, **features_money.FEATURES, **features_rooms.FEATURES}
READ_TOOLS = {
    "check_availability", "find_reservation", "get_reservation", "search_reservations",
    "get_folio", "list_rooms", "list_housekeeping_tasks", "daily_report", "search_knowledge",
}  # fmt: skip
# In the order of TOOL_OF, the original single table's: equal scores keep it.
_FEATURES = {intent: _ALL[intent] for intent in TOOL_OF}

_COMPILED = {k: [(re.compile(p), w) for p, w in v] for k, v in _FEATURES.items()}
_NEGATION = re.compile(
    r"\b(don'?t|do not|doesn'?t|does not|didn'?t|won'?t|isn'?t|not|never|no need to|without)\b"
)


def _negated(before: str) -> bool:
    """A negation in the same clause, a few words before the cue: "doesn't want to pay for an
    extra night" negates "extra night"; "no, but please cancel" does not negate "cancel".
    Only the last words can be that close (the text is single-spaced): reading all of it again
    for each negation would be quadratic."""
    before = " ".join(before.rsplit(" ", 14)[1:]) if before.count(" ") > 14 else before
    for m in _NEGATION.finditer(before):
        between = before[m.end() :]
        if not re.search(r"[,.;!?\-]", between) and len(between.split()) <= 7:
            return True
    return False


THRESHOLD = 2.0


@dataclass(frozen=True)
class Scored:
    intent: str
    score: float


def score_intents(text: str) -> list[Scored]:
    """Every intent with evidence in the text, best first."""
    return list(_scores(text))


@lru_cache(maxsize=4096)
def _scores(text: str) -> tuple[Scored, ...]:
    """Cached: a turn is scored again at every replay of the conversation."""
    norm = normalise(text).text
    results: list[Scored] = []
    for intent, features in _COMPILED.items():
        total = 0.0
        for pattern, weight in features:
            m = pattern.search(norm)
            if m is None:
                continue
            # "don't cancel" speaks against cancelling; a negated counter-cue ("don't care if I
            # can't cancel") stays what it was.
            negated = weight > 0 and _negated(norm[: m.start()])
            total += -weight if negated else weight
        if total > 0:
            results.append(Scored(intent, round(total, 3)))
    # On a tie, the action wins over the look-up ("wants to pay part of his bill" is a payment).
    return tuple(sorted(results, key=lambda s: (-s.score, TOOL_OF.get(s.intent) in READ_TOOLS)))


# A request this clear is answered even when the role may not make it: with a plain refusal.
CLEAR = 3.5


def recognise(
    text: str, threshold: float = THRESHOLD, allowed: AbstractSet[str] | None = None
) -> str | None:
    """The best intent over the threshold, or None.

    With `allowed` (the intents the role has tools for), a weak reading the role cannot act on
    gives way to the best one it can: a guest's "pay everything upfront" is about a rate, not a
    payment. Only a clear request outside the role comes back, to be refused.
    """
    scored = [s for s in score_intents(text) if s.score >= threshold]
    if not scored:
        return None
    top = scored[0]
    if allowed is None or top.intent in allowed or top.score >= max(CLEAR, threshold):
        return top.intent  # a clear request outside the role is refused, not reinterpreted
    for other in scored[1:]:
        if other.intent in allowed:
            return other.intent
    return None


def allowed_intents(tools: set[str]) -> set[str]:
    """The intents a principal with these tools can act on (guests read bookings by finding)."""
    intents = {i for i, tool in TOOL_OF.items() if tool is None or tool in tools}
    if "find_reservation" in tools:
        intents |= {"show_booking", "find_booking"}
    return intents


WRITE_INTENTS = {i for i, t in TOOL_OF.items() if t and t not in READ_TOOLS}
READ_INTENTS = {i for i, t in TOOL_OF.items() if t and i not in WRITE_INTENTS}
