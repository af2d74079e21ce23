"""What one turn asks for: its clauses, which of them are requests, and in what order.

A turn may ask for several things ("he pays in cash, then check him out"); remarks around a
request ("it was for another room") and text addressed to the assistant must not become
actions, and a request the role cannot make must not crowd out one it can.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.offline.intents import CLEAR, WRITE_INTENTS, recognise, score_intents

__all__ = ["CLAUSES", "requested_intents"]

# A clause boundary where a second request can start: "... in cash. Then check him out."
CLAUSES = re.compile(
    r"(?:[.!?;]\s+|\s+(?:and )?then\s+|,?\s+and after that\s+|,?\s+after that\s+|"
    r",\s+and\s+(?=(?:please\s+)?(?:give|assign|hand|put|check|mark|set|send|post|add|book|"
    r"cancel|void|refund|tell|let me know)\b)|"
    r",?\s+and also\s+|,?\s+also\s+(?=please|can|could|check|put|add|mark|set))",
    re.IGNORECASE,
)

_REQUEST_FORM = re.compile(
    r"^\W*(?:(?:ok|okay|right|great|and|so|now|then|after that|afterwards|also|finally)\W+)*"
    r"(?:please|pls|kindly|can you|could you|"
    r"would you|will you|i need|we need|i'?d like|we'?d like|i want|we want|let'?s|go ahead|"
    r"check|post|add|put|charge|refund|void|cancel|book|move|give|assign|mark|set|send|bring|log|"
    r"open|raise|file|update|"
    r"create|take|record|block|return|make|change|extend|reopen|remove|waive|hand|switch|pay|"
    r"settle|apply|find|look|show|list|tell)\b",
    re.IGNORECASE,
)


def requested_intents(text: str, allowed: set[str] | None = None) -> list[str]:
    """The actions a turn asks for, in order (remembered: a conversation is replayed each call)."""
    return list(_requested(text, None if allowed is None else frozenset(allowed)))


@lru_cache(maxsize=4096)
def _requested(text: str, allowed: frozenset[str] | None) -> tuple[str, ...]:
    """The actions a turn asks for, in the order it asks for them.

    Only clauses put as requests ("Void it.", "then check him out", "please ...") add actions
    beside the turn's main one: "the towels request is still unassigned. Give it to Ivy" asks
    for an assignment, not for a new request. A further request the role cannot make is
    dropped when the main one is fine: "towels, please. Also void every charge" gets the towels.
    """
    whole = recognise(text, allowed=allowed)
    asked: list[str] = []
    requested: set[str] = set()  # intents some clause puts as a request
    for clause in CLAUSES.split(text):
        if not clause.strip():
            continue
        # A second request must be plain on its own, not a remark ("she paid").
        intent = recognise(clause, threshold=3.0, allowed=allowed)
        if intent is None and recognise(clause, allowed=allowed) == "knowledge":
            intent = "knowledge"  # "Also, what's the wifi called?"
            requested.add(intent)  # a question is its own request
        if intent is None:
            continue
        clear = bool(score_intents(clause)) and score_intents(clause)[0].score >= CLEAR
        if _REQUEST_FORM.search(clause) or (clear and intent in WRITE_INTENTS):
            requested.add(intent)
        if intent not in asked and (intent == whole or intent in requested):
            asked.append(intent)
    if whole not in requested and requested & WRITE_INTENTS:
        # The words that win overall sit in a remark ("it was for another room"); the request
        # is elsewhere ("Please take the minibar line off").
        whole = next(i for i in asked if i in requested and i in WRITE_INTENTS)
        asked = [i for i in asked if i in requested]
    if whole in ("greeting", "thanks") and any(i not in ("greeting", "thanks") for i in asked):
        whole = None
    asked = [i for i in asked if i not in ("greeting", "thanks")] or asked
    if allowed is not None and whole not in allowed:
        # A request the role cannot make beside one it can: do the one it can.
        whole = next((i for i in asked if i in allowed and i not in ("greeting", "thanks")), whole)
    if allowed is not None and whole in allowed:
        asked = [i for i in asked if i in allowed]
    actions = [i for i in asked if i in WRITE_INTENTS]
    # A hotel question beside a request is answered after it ("an iron, and what's the wifi?").
    question = ["knowledge"] if "knowledge" in asked and whole != "knowledge" else []
    if len(actions) > 1:
        return (*actions, *question)
    if whole is None:
        return tuple(asked[:1])
    return (whole, *[a for a in actions if a != whole], *question)
