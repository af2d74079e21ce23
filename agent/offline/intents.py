# ruff: noqa: E501
"""Intent recognition: weighted pattern features over normalised text.

Each intent has phrases (regexes over the normalised text) with weights; the scores add up, a
negated cue ("don't cancel") counts against its intent. Only intents whose tool the role has are
offered as actionable; the others are still recognised so the policy can refuse them plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.understanding.normalise import normalise

# intent -> the tool that fulfils it (None: answered without a tool)
TOOL_OF: dict[str, str | None] = {
    "book": "create_reservation",
    "availability": "check_availability",
    "find_booking": "find_reservation",
    "show_booking": "get_reservation",
    "search_bookings": "search_reservations",
    "modify_booking": "modify_reservation",
    "cancel_booking": "cancel_reservation",
    "folio": "get_folio",
    "pay": "record_payment",
    "charge": "post_charge",
    "refund": "refund_payment",
    "void": "void_charge",
    "check_in": "check_in",
    "check_out": "check_out",
    "assign_room": "assign_room",
    "list_rooms": "list_rooms",
    "set_condition": "set_room_condition",
    "out_of_order": "set_room_out_of_order",
    "return_to_service": "return_room_to_service",
    "list_tasks": "list_housekeeping_tasks",
    "create_task": "create_housekeeping_task",
    "assign_task": "assign_housekeeping_task",
    "update_task": "update_housekeeping_task",
    "daily_report": "daily_report",
    "handoff": "handoff_to_human",
    "knowledge": "search_knowledge",
    "greeting": None,
    "thanks": None,
}

_FEATURES: dict[str, list[tuple[str, float]]] = {
    "book": [
        (r"\b(book|booking|reserve|reservation) (a|an|the|me|us|it|that|this|one|2|room)\b", 2.5),
        (r"\b(book|reserve)\b", 1.5),
        (
            r"\b(like|want|need|looking for|get) (a|an|the|1) (room|queen|king|suite|double|family)",
            2.0,
        ),
        (r"\b(room|queen|king|suite|double)\b.*\b(for|from) ", 0.5),
        (r"\bwalk-?in\b", 2.0),
        (r"\bwants? (a|an|the|1) \w+ ?(room|suite)", 2.0),
        (r"\b(go ahead|lock it in|take it|confirm it)\b", 1.5),
        (r"\bcaller who wants\b", 1.0),
        (r"\bnew (booking|reservation)\b", 2.0),
    ],
    "availability": [
        (r"\b(available|availability|vacancy|vacancies|free rooms?|any rooms?)\b", 2.0),
        (r"\bis (the|a|there) .{0,30}\bfree\b", 2.0),
        (r"\b(how much|price|prices|rates?|cost)\b", 1.2),
        (r"\bdo you have\b", 1.5),
    ],
    "find_booking": [
        (r"\b(find|look up|lookup|locate|pull up)\b.*\b(booking|reservation)\b", 2.5),
        (r"\bmy (booking|reservation) (is|code)\b", 1.5),
        (r"\b(confirmation|booking) (code|number) is\b", 1.0),
    ],
    "show_booking": [
        (
            r"\b(give me|what'?s|what is|tell me|need) (her|his|their|the|my) (confirmation|booking|reservation) (number|code)\b",
            2.5,
        ),
        (
            r"\b(details|what time|when (is|do|am)|how many nights|my (booking|reservation|stay))\b",
            1.0,
        ),
        (
            r"\b(show|see|check|tell me about|what'?s on) (my|the|her|his) (booking|reservation|stay)\b",
            2.0,
        ),
        (r"\bwho is\b|\bwho'?s staying\b|\bwho'?s in\b", 2.0),
        (r"\bwhat'?s the total\b|\btotal on\b", 1.5),
        (r"\bconfirmation (number|code)\b", 0.5),
    ],
    "search_bookings": [
        (r"\b(find|search|look up|any|list)\b.*\b(reservations?|bookings?) (for|under|by)\b", 2.0),
        (r"\bdue (out|in)\b|\barriving today\b|\bstaying in\b", 1.5),
    ],
    "modify_booking": [
        (r"\b(change|modify|move|extend|shorten|switch|upgrade|update)\b", 2.0),
        (r"\binstead of\b", 1.5),
        (r"\b(stay|staying) (\d+ )?(more|extra|another|longer)\b|\b(more|extra) nights?\b", 2.5),
        (r"\b(add|one more) (a |an |1 )?(night|person|adult|guest|child)\b", 2.0),
        (r"\bleave (a day )?early\b|\barrive (a day )?(later|earlier)\b", 2.0),
    ],
    "cancel_booking": [
        (r"\bcancel\w*\b", 3.5),
        (r"\b(no longer|not) (need|coming|able to come)\b|\bcan'?t make it\b", 2.5),
    ],
    "folio": [
        (r"\b(balance|folio|bill|owe|owes|outstanding|what'?s left|statement|invoice)\b", 2.5),
        (r"\b(charges?|paid so far|how much (do|does) (i|he|she|they))\b", 1.0),
        (r"\b(what|how much) (did|has|have) (he|she|they|i|we|the guest) (pay|paid)\b", 2.0),
    ],
    "pay": [
        (r"\b(pay|paying|payment|settle|settling|deposit|prepay|came in|apply it)\b", 2.5),
        (r"(?<!already )(?<!has )(?<!have )\bpaid\b(?! in full| so far| for| up\b)", 1.5),
        (r"\b(in cash|by card|bank transfer|on (his|her|their|my) card)\b", 1.0),
        (
            r"\b(pay|settle|paying|settling) (off |up )?(what|the|his|her|their|everything|all|it|in full)\b",
            1.5,
        ),
        (
            r"\b(pay|settle|paying)\b.{0,25}\b(later|tomorrow|next week|at check ?out|another time)\b",
            -3.0,
        ),
    ],
    "charge": [
        (
            r"\b(add|post|put|charge)\b.*\b(to|on) (the|his|her|their|my)? ?(bill|folio|room|tab)\b",
            3.0,
        ),
        (r"\b(post|add) (a |the |1 )?(charge|minibar|parking|laundry|spa|dinner)\b", 2.5),
        (r"\b(put|add) \$?\d", 2.0),
        (r"\bon room \d{3}\b", 1.0),
        (r"\b(minibar|parking|laundry|valet|room service)\b", 1.0),
    ],
    "refund": [
        (r"(?<!non )(?<!non-)(?<!non)\brefund(?!able)\w*\b", 4.0),
        (r"\b(money|payment) back\b", 3.0),
    ],
    "void": [
        (r"\bvoid\w*\b", 4.0),
        (r"\b(take off|remove|reverse|comp|comped|waive)\b", 2.5),
        (r"\bline \d+\b", 1.0),
    ],
    "check_in": [
        (r"\bcheck(ing|ed)? (him|her|them|me|us|the guest|in)\b", 1.0),
        (r"\bcheck(ing)? ?in\b", 3.0),
        (r"\bcheck (him|her|them|the guest|the \w+|\w+ \w+) in\b", 3.0),
        (
            r"\b(is|are) (here|at the desk|in the lobby|at reception)\b|\bshowed up\b|\bjust arrived\b|\bhas arrived\b",
            2.0,
        ),
        (r"\b(get|put) (him|her|them) (in|into) (a |the )?(room|\d{3})\b|\bkeys? (for|to)\b", 1.5),
    ],
    "check_out": [
        (r"\bcheck(ing|ed)? ?out\b", 3.0),
        (r"\bleaving (today|now|this morning)\b", 1.5),
        (r"\bcheck (him|her|them) out\b", 3.0),
    ],
    "assign_room": [
        (r"\bassign (room )?\d{3}\b|\bassign room\b", 3.5),
        (
            r"\b(block|put (him|her|them) in|give (him|her|them)( the \w+)?( room)?|put (him|her|them) there)\b",
            2.5,
        ),
        (r"\b(room|put .* in) \d{3}\b.*\b(for|to) (hv|al)\d", 1.0),
    ],
    "list_rooms": [
        (r"\b(which|what|list|show|any|how many) (\w+ ){0,3}rooms?\b", 2.5),
        (
            r"\brooms? (are|is|still) (dirty|clean|vacant|free|empty|out of order|occupied|need)\b",
            2.0,
        ),
        (r"\bneed (cleaning|inspection)\b", 1.0),
    ],
    "set_condition": [
        (r"\b(is|are) (now )?(clean|dirty|inspected|cleaned)\b", 2.5),
        (r"\b(set|mark|change)\b.*\b(clean|dirty|inspected)\b", 3.0),
        (r"\bback to (dirty|clean)\b|\bneeds? redoing\b", 2.0),
    ],
    "out_of_order": [
        (r"\bout of (order|service)\b", 3.5),
        (
            r"\b(carpet|repairs?|renovat\w*|refurb\w*|repaint\w*|painting|plumb\w*|mold|mould|leak\w*|flood\w*|broken)\b.*\b(\d{4}-\d\d-\d\d|from|until|till|through|to the)\b",
            2.5,
        ),
        (
            r"\b(block|close|take)\b.{0,20}\b(room )?\d{3}\b.{0,30}\b(for (a |the )?(carpet|repair|renovation|maintenance|refurb\w*|painting|works?))\b",
            3.0,
        ),
        (r"\b(take|block|close)\b.*\b(room|\d{3})\b.*\b(out|off)\b", 1.0),
    ],
    "return_to_service": [
        (
            r"\b(back (in|into|to) (service|order)|return\w* (it |room \d+ )?to service|reopen)\b",
            4.5,
        ),
        (r"\b(fixed|repaired)\b", 1.0),
    ],
    "list_tasks": [
        (r"\b(tasks?|jobs?|my list|to ?do|assignments?)\b", 1.5),
        (
            r"\b(what'?s|what is|what are|show|list|any|anything)\b.*\b(tasks?|jobs?|list|unassigned|pick up)\b",
            2.0,
        ),
        (r"\bunassigned\b", 1.5),
    ],
    "create_task": [
        (
            r"\b(log|create|open|raise|file|make|send|bring)\b.*\b(task|job|ticket|request|someone)\b",
            3.0,
        ),
        (
            r"\b(extra|more|fresh|another|spare) (towels?|pillows?|blankets?|toiletries|sheets|soap)\b",
            3.0,
        ),
        (r"\b(could|can) (i|we|you) (get|have)\b", 1.0),
        (r"\b(broken|leak\w*|not working|doesn'?t (work|turn on))\b", 1.5),
        (r"\b(clean|tidy|make up) (my|our|the) room\b", 2.5),
    ],
    "assign_task": [
        (r"\b(give|assign|hand|pass|reassign)\b.*\b(task|job)\b.*\bto\b", 4.0),
        (r"\b(give|assign)\b.*\bto [a-z]+\b", 1.0),
    ],
    "update_task": [
        (r"\b(task|job) \d+\b", 1.5),
        (r"\b(mark|set)\b.*\b(done|finished|complete|in progress|started)\b", 2.5),
        (
            r"\b(starting|started|finished|done with|completed|i'?ll take|working on|begin\w*)\b",
            2.0,
        ),
        (r"\b(finished|done) (\d{3}|with)\b|\b\d{3} (is )?(done|finished)\b", 2.0),
    ],
    "daily_report": [
        (r"\b(daily|today'?s|morning|night) report\b|\breport\b", 3.0),
        (r"\b(how many|number of) (arrivals|departures|rooms occupied)\b|\boccupancy\b", 3.0),
        (r"\barrivals|departures\b", 1.0),
    ],
    "handoff": [
        (
            r"\b(human|real person|someone|manager|staff member|talk to|speak (to|with)|agent)\b",
            1.5,
        ),
        (r"\b(talk|speak) (to|with) (a|an|the|someone|somebody)\b", 3.0),
        (r"\b(complain|complaint|urgent|emergency|lawyer|unacceptable|furious)\b", 2.0),
    ],
    "knowledge": [
        (
            r"\b(what time|when is|do you (have|offer|allow)|is there|where is|wifi|wi-fi|pool|gym|"
            r"parking|pets?|breakfast (time|served|hours)|airport|shuttle|spa hours|policy)\b",
            1.0,
        ),
        (r"\?\s*$", 0.3),
    ],
    "greeting": [(r"^(hi|hello|hey|good (morning|afternoon|evening))\b[ !.,]*$", 3.0)],
    "thanks": [
        (r"^(thanks|thank you|thx|cheers|great|perfect|ok|okay|bye|goodbye)\b[ !.,a-z]{0,20}$", 3.0)
    ],
}

_READ_TOOLS = {
    "check_availability", "find_reservation", "get_reservation", "search_reservations",
    "get_folio", "list_rooms", "list_housekeeping_tasks", "daily_report", "search_knowledge",
}  # fmt: skip

_COMPILED = {k: [(re.compile(p), w) for p, w in v] for k, v in _FEATURES.items()}
_NEGATION = re.compile(r"\b(don'?t|do not|not|never|no need to|without)\s+(\w+\s+){0,2}$")

THRESHOLD = 2.0


@dataclass(frozen=True)
class Scored:
    intent: str
    score: float


def score_intents(text: str) -> list[Scored]:
    """Every intent with evidence in the text, best first."""
    norm = normalise(text).text
    results: list[Scored] = []
    for intent, features in _COMPILED.items():
        total = 0.0
        for pattern, weight in features:
            m = pattern.search(norm)
            if m is None:
                continue
            negated = _NEGATION.search(norm[: m.start()]) is not None
            total += -weight if negated else weight
        if total > 0:
            results.append(Scored(intent, round(total, 3)))
    # On a tie, the action wins over the look-up ("wants to pay part of his bill" is a payment).
    return sorted(results, key=lambda s: (-s.score, TOOL_OF.get(s.intent) in _READ_TOOLS))


def recognise(text: str, threshold: float = THRESHOLD) -> str | None:
    """The best intent over the threshold, or None."""
    scored = score_intents(text)
    if scored and scored[0].score >= threshold:
        return scored[0].intent
    return None
