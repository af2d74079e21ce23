"""Entity extractors over normalised text: codes, rooms, floors, money and contact details.

Each extractor is small and independent so the dialogue manager can ask only for what the current
intent needs, and each is tested with paraphrases and traps (a year is not a room, "$517" is money).
Functions take raw text and normalise it themselves; emails use the original text.
People (party size, names) are in `people`, requests (payments, charges, housekeeping) in
`requests`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from decimal import Decimal

from agent.understanding.normalise import normalise

__all__ = [
    "find_amounts",
    "find_confirmation_codes",
    "find_emails",
    "find_floors",
    "find_phone_numbers",
    "find_room_numbers",
]


def _norm(text: str) -> str:
    return normalise(text).text


# --- confirmation codes -------------------------------------------------------------------------


# A booking code's shape (2-4 letters, then digits), for intent cues that need no hotel.
CODE = r"\b[a-z]{2,4}\d{4,6}\b"


def find_confirmation_codes(text: str, prefixes: Iterable[str]) -> list[str]:
    """Codes of the hotel's prefix (its profile's) and digits, in any spacing or case
    ("rl 1001", "RL-1001"), upper-cased, in order."""
    alternatives = "|".join(re.escape(p.lower()) for p in prefixes)
    if not alternatives:
        return []
    found: list[str] = []
    for m in re.finditer(rf"\b({alternatives})[\s#-]*(\d{{3,6}})\b", text.lower()):
        code = m.group(1).upper() + m.group(2)
        if code not in found:
            found.append(code)
    return found


# --- rooms and floors ---------------------------------------------------------------------------

_NOT_ROOM_AFTER = re.compile(
    r"\s*(?:%|percent|nights?|adults?|kids?|children|guests?|people|persons|days?|weeks?|"
    r"years?|kg|km|minutes?|mins?|hours?|cents?|dollars?|usd|:\d|\.\d|/\d|st\b|nd\b|rd\b|th\b)"
)
# Read in a short window before a number, not the whole text before it (once per number).
_CUED = re.compile(r"\b(?:rooms?|rm|in|finished|done|with|cleaned)\s*$")
_NOT_ROOM_BEFORE = re.compile(r"\b(?:task|id|floor|ext|extension|pin|code|zip)\s*#?\s*$")


def find_room_numbers(text: str, valid_rooms: Collection[str] | None = None) -> list[str]:
    """Room numbers: "room 517", "rm 214", "#623" or a bare 3-digit number that is not money,
    a year, a time, a date, a count, or part of a code. ``valid_rooms`` filters bare numbers."""
    spoken = re.sub(
        r"\b(one|two|three|four|five|six|seven|eight|nine|oh|zero)-(?=[a-z])",
        r"\1 ",
        text,
        flags=re.IGNORECASE,
    )
    spoken = re.sub(r"\b(oh|zero)-(?=[a-z])", r"\1 ", spoken, flags=re.IGNORECASE)
    norm = _norm(spoken)
    found: list[str] = []
    money_spans = {m.start(1) for m in _MONEY_CUE.finditer(norm)}
    for m in re.finditer(r"\b(?:rooms?|rm|suite)\.?\s*(?:number|no\.?|#)?\s*(\d{3,4})\b", norm):
        if m.group(1) not in found:
            found.append(m.group(1))
    # Spoken: "five-seventeen", "three oh five" (normalised to "5-17", "3 oh 5").
    for m in re.finditer(
        r"\b([1-9])(?:-| |- )(?:(\d{2})|(?:oh|o|zero) ?(\d))\b(?!\d|[.:/]\d)", norm
    ):
        number = m.group(1) + (m.group(2) or "0" + m.group(3))
        if _NOT_ROOM_AFTER.match(norm, m.end()):
            continue
        if valid_rooms is not None and number not in valid_rooms:
            continue
        cued = _CUED.search(norm, max(0, m.start() - 16), m.start())
        if cued and number not in found:
            found.append(number)
    # Digit by digit: "five one seven", "six two three" (normalised to "5 1 7").
    for m in re.finditer(r"(?<![\d.:/$])\b([1-9]) ([0-9]) ([0-9])\b(?![\d.:/])", norm):
        number = "".join(m.groups())
        if valid_rooms is not None and number not in valid_rooms:
            continue
        if not _NOT_ROOM_AFTER.match(norm, m.end()) and number not in found:
            found.append(number)
    for m in re.finditer(r"(?<![\w$.,:/+-])#?(\d{3})(?![\w])(?! ?(?:[\d(]|-\s?\d))", norm):
        number = m.group(1)
        before = norm[max(0, m.start() - 16) : m.start()]  # single-spaced: cues are short
        if _NOT_ROOM_AFTER.match(norm, m.end()) or re.search(r"(?:\d|[-/+)]) ?$", before):
            continue
        if _NOT_ROOM_BEFORE.search(norm, max(0, m.start() - 16), m.start()):
            continue
        if m.start(1) in money_spans:
            continue
        if valid_rooms is not None and number not in valid_rooms:
            continue
        if number not in found:
            found.append(number)
    return found


_FLOOR_WORDS = {"ground": 0, "top": -1}


def find_floors(text: str) -> list[int]:
    """Floors: "3rd floor", "floor 3", "floor three", "third floor", "level 4"."""
    norm = _norm(text)
    found: list[tuple[int, int]] = []
    patterns = (
        r"\b(\d{1,2})(?:st|nd|rd|th)? ?(?:floor|fl|level)\b",
        r"\b(?:floor|level|fl\.?)\s*(?:number|no\.?|#)?\s*(\d{1,2})\b",
    )
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        for m in re.finditer(pattern, norm):
            if any(s <= m.start() < e for s, e in spans):
                continue
            spans.append(m.span())
            found.append((m.start(), int(m.group(1))))
    result = [v for _, v in sorted(found)]
    if re.search(r"\bground floor\b", norm):
        result.append(0)
    return list(dict.fromkeys(result))


# --- money ----------------------------------------------------------------------------------------


# A bare number right after a money verb is money: "pay 200", "a charge of 12.5", "refund 40".
_MONEY_CUE = re.compile(
    r"\b(?:(?:pay|pays|paid|paying|remaining|charge|charged|charging|amount|total|refund|refunded|post|deposit|"
    r"payment|bill|cost|costs|costing|owes?|owed|owing)"
    r"(?: (?:of|is|was|for|them|him|her|the guest))?"
    r"|(?:take|taking|took|add|post|put|record|make) an?)"
    r" (\d+(?:\.\d{1,2})?)\b"
    r"(?!\.\d| ?(?:%|nights?|adults?|kids?|children|guests?|people|days?|rooms?|times?|:))"
)


def find_amounts(text: str) -> list[Decimal]:
    """Money amounts: "$38.50", "38 dollars 50", "USD 20", "120 bucks", a bare "38.50", and a
    bare number after a money verb ("pay 200", "a charge of 12.5")."""
    norm = _norm(text)
    found: list[tuple[int, Decimal]] = []
    pattern = r"\$(\d+(?:\.\d{1,2})?)\b|(?<![\d$./:-])(\d+\.\d{2})(?![\d.%])"
    for m in re.finditer(pattern, norm):
        found.append((m.start(), Decimal(m.group(1) or m.group(2))))
    seen = {pos for pos, _ in found}
    for m in _MONEY_CUE.finditer(norm):
        if m.start(1) not in seen and not re.match(r"\d+\.\d{2}\b", norm[m.start(1) :]):
            found.append((m.start(1), Decimal(m.group(1))))
    return [value.quantize(Decimal("0.01")) for _, value in sorted(found)]


# --- contact details ------------------------------------------------------------------------------


def find_emails(text: str) -> list[str]:
    """Email addresses in the original text, lower-cased ("John.Carter@Example.com")."""
    emails = re.findall(r"(?<![\w.+'-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+", text)
    return [e.lower().rstrip(".") for e in emails]


def find_phone_numbers(text: str) -> list[str]:
    """Phone numbers with 7-15 digits ("+1 555 0142", "(555) 014-2233"), returned as digits with
    a leading "+" if given. ISO dates and amounts are not phones."""
    found: list[str] = []
    for m in re.finditer(r"(?<![\w$.])\+?\(?\d[\d ()./-]{5,}\d(?![\w.]|\.\d)", text):
        raw = m.group(0)
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}", raw.strip()):
            continue
        digits = re.sub(r"\D", "", raw)
        if 7 <= len(digits) <= 15:
            found.append(("+" if raw.startswith("+") else "") + digits)
    return found
