# ruff: noqa: E501
"""What a change to a booking says: the new dates (never those it replaces), relative moves
("a day later", "two more nights") and who joins or drops out."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from agent.understanding.dates import parse_dates
from agent.understanding.normalise import normalise
from agent.understanding.stays import stay_range

INSTEAD = re.compile(
    r"\b(?:instead of|rather than|not|in place of)\s+"
    r"(?:(?:checking|check|leaving|arriving|coming|departing)(?: out| in)?\s+)?(?:on\s+)?(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?|\w+day|tomorrow|today|\w+ \d{1,2}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
_N = r"(a|an|one|1|two|2|three|3|four|4|five|5)"
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT[word]


def new_dates(text: str, today: date) -> dict[str, Any]:
    """A change's dates: the new ones, never those it replaces ("the 9th instead of the 8th"),
    and relative moves ("a day later", "two more nights") kept as shifts to apply."""
    said = INSTEAD.sub(" ", text)
    norm = normalise(said).text
    slots: dict[str, Any] = {}
    if re.search(r"\bsame (dates|nights|days|stay)\b", norm):
        return {}  # "to the suite instead? Same dates of course."
    mentions = parse_dates(said, today)
    stay = stay_range(said, today)
    roles = {m.role for m in mentions}
    departing = re.search(r"\b(leav\w*|depart\w*|check(?:ing)? out)\b", norm)
    if len(mentions) >= 2 and departing and "check_out" in roles and "check_in" not in roles:
        # "stay through Wednesday night, so checking out Thursday": only the departure moves
        last = [m for m in mentions if m.role == "check_out"][-1]
        return {"new_check_out": last.value.isoformat()}
    if len(mentions) >= 2 and stay.check_in and stay.check_out:
        return {
            "new_check_in": stay.check_in.isoformat(),
            "new_check_out": stay.check_out.isoformat(),
        }
    arriving = re.search(r"\b(arriv\w*|come|coming|check(?:ing)? in|get there|start\w*)\b", norm)
    for mention in mentions:
        if mention.role == "check_in" or (mention.role is None and arriving and not departing):
            slots["new_check_in"] = mention.value.isoformat()
        elif mention.role == "check_out" or mention.role is None:
            slots["new_check_out"] = mention.value.isoformat()
    if re.search(
        r"\b(departure|check ?out|leaving)\b.{0,20}\b(stays?|is|remains?) (the same|as it is|unchanged)\b",
        norm,
    ):
        slots.pop("new_check_out", None)
    shift: dict[str, int] = {}
    m = re.search(
        rf"\b(?:arriv\w*|come|coming|check(?:ing)? in) {_N} days? (later|earlier|sooner)\b", norm
    )
    if m:
        shift["check_in"] = _count(m.group(1)) * (1 if m.group(2) == "later" else -1)
    m = re.search(
        rf"\b(?:push|move|shift)\w* (?:it |us |the booking |everything )?(?:back|forward|later)? ?(?:by )?{_N} days?\b",
        norm,
    )
    if m and "check_in" not in shift:
        days = _count(m.group(1)) * (-1 if "forward" in m.group(0) or "earlier" in norm else 1)
        shift = {"check_in": days, "check_out": days}
    m = re.search(
        rf"\b(?:leav\w*|depart\w*|check(?:ing)? out|stay\w*) {_N} days? (later|earlier|longer|sooner)\b",
        norm,
    )
    if m:
        shift["check_out"] = _count(m.group(1)) * (1 if m.group(2) in ("later", "longer") else -1)
    m = re.search(
        rf"\b{_N} (?:more|extra|additional) nights?\b|\b(?:extend|stay)\w* (?:it |the stay |my stay )?(?:by |for )?{_N} (?:more )?nights?\b|\ban extra night\b|\banother night\b",
        norm,
    )
    if m and "check_out" not in shift and "new_check_out" not in slots:
        word = next((g for g in m.groups() if g), "one")
        shift["check_out"] = _count(word)
    m = re.search(
        rf"\b{_N} (?:night|day)s? (?:less|fewer|shorter)\b|\bleave (?:a day )?early\b", norm
    )
    if m and "check_out" not in shift and "new_check_out" not in slots:
        shift["check_out"] = -_count(m.group(1) or "one")
    if shift:
        slots["shift"] = shift
    return slots


_ADULTS_JOIN = re.compile(
    r"\b(?:add|bring\w*|include)\s+(?:my|our|an?|one more|another|a second)\s+"
    r"(?:wife|husband|partner|friend|colleague|adult|person|guest|mother|father|mum|mom|dad|sister|brother)\b|"
    r"\b(?:my|our)\s+(?:wife|husband|partner|friend|colleague|mother|father|mum|mom|dad|sister|brother)\s+"
    r"(?:is|will be|has|decided|wants)\b.{0,30}\b(?:com\w*|join\w*)\b",
    re.IGNORECASE,
)
_CHILD_JOINS = re.compile(
    r"\b(?:add|bring\w*|include)\s+(?:my|our|a|one more|another)\s+(?:daughter|son|child|kid|baby|boy|girl)\b|"
    r"\b(?:my|our)\s+(?:daughter|son|child|kid|baby|little one)\b.{0,30}\b(?:is|will be)\s+"
    r"(?:com\w*|join\w*)\b|\badd (?:him|her) to the (?:booking|reservation)\b",
    re.IGNORECASE,
)


def party_change(text: str) -> dict[str, int]:
    """Who joins or drops out of a booking, when no new head count is given."""
    if _CHILD_JOINS.search(text):
        return {"children": 1}
    if _ADULTS_JOIN.search(text):
        return {"adults": 1}
    if re.search(
        r"\b(dropped out|can'?t come|isn'?t coming|won'?t be coming|one (less|fewer))\b",
        text,
        re.IGNORECASE,
    ):
        return {"adults": -1}
    return {}
