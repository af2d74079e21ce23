"""Stays: check-in, check-out and nights from one utterance, over the dates it mentions.

The dialogue manager merges partial information across turns, so a stay may come back with
any part missing; dates.py finds the dates, this module decides which is arrival and departure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from agent.understanding.dates import DateMention, Kind, parse_dates, safe_date, second_of_range
from agent.understanding.normalise import normalise

__all__ = ["StayRange", "parse_nights", "stay_range"]


@dataclass(frozen=True)
class StayRange:
    """What the text says about a stay; any part may be missing."""

    check_in: date | None = None
    check_out: date | None = None
    nights: int | None = None

    @property
    def complete(self) -> bool:
        """True when both dates are known."""
        return self.check_in is not None and self.check_out is not None


def parse_nights(text: str) -> int | None:
    """The length of stay in nights: "3 nights", "for three nights", "a week", "2 weeks"."""
    norm = normalise(text).text
    m = re.search(r"(?<!\$)\b(\d{1,2}) ?(?:more |extra )?nights?\b(?! ?(?:ago|before))", norm)
    if m and not re.search(r"\b(per|a|each|every)\s*$", norm[: m.start()]):
        return int(m.group(1))
    m = re.search(r"\b(?:(\d) )?fortnights?\b", norm)
    if m:
        return 14 * int(m.group(1) or 1)
    m = re.search(r"\b(\d{1,2}) ?weeks?\b", norm)
    if m and not norm[: m.start()].rstrip().endswith("in"):
        return int(m.group(1)) * 7
    if re.search(r"\b(?:for|stay|staying) (?:the )?(?:whole )?weekend\b", norm):
        return 2
    if re.search(
        r"\bovernight\b|\b(just|only|for) tonight\b(?! and)|\btonight only\b|"
        r"\b(just|only) (the |for )?(1|a|one) night\b|\b(the|a) single night\b|"
        r"\b(1|one) night only\b|\b(the )?night of (the )?\d",
        norm,
    ):
        return 1
    return None


def stay_range(text: str, today: date) -> StayRange:
    """Check-in, check-out and nights from one utterance; missing parts stay ``None``.

    Combines roles from cue words ("arriving", "leaving", "until"), plain order (first date in,
    second out) and a duration ("from the 20th for three nights").
    """
    mentions = _distinct(parse_dates(text, today))
    nights = parse_nights(text)
    check_in: date | None = None
    check_out: date | None = None
    out_explicit = False
    out_kind: Kind = "calendar"
    unassigned: list[DateMention] = []
    if len(mentions) >= 2 and all(m.role == "check_out" for m in mentions[:2]):
        mentions = [replace(mentions[0], role=None), *mentions[1:]]  # "- the 26th until the 28th"
    for m in mentions:
        if m.role == "check_in" and check_in is None:
            check_in = m.value
        elif m.role == "check_out" and check_out is None:
            check_out, out_explicit, out_kind = m.value, m.year_explicit, m.kind
        else:
            unassigned.append(m)
    for m in unassigned:
        if check_in is None and (check_out is None or m.value < check_out or not out_explicit):
            check_in = m.value
        elif check_out is None and (check_in is None or m.value > check_in):
            check_out, out_kind = m.value, m.kind
    if check_in is not None and check_out is not None and _names_a_night(text, today, check_out):
        check_out += timedelta(days=1)  # "tonight and tomorrow night": the last night is slept
    if check_in is not None and check_out is not None and check_out <= check_in:
        check_out = _roll_forward(check_out, check_in, out_kind)
        if check_out is not None and (check_out - check_in).days > 31:
            check_out = None  # "the 20th - arrive the 20th": a repeat, not a year-long stay
    if re.search(r"\btonight and tomorrow(?: night)?\b", normalise(text).text):
        check_in, check_out = today, today + timedelta(days=2)  # two nights, both named
    if nights is None and check_out is None and check_in is not None:
        nights = _one_night(text, today, check_in)
    if nights is not None:
        if check_in is not None and check_out is None:
            check_out = check_in + timedelta(days=nights)
        elif check_out is not None and check_in is None:
            check_in = check_out - timedelta(days=nights)
    if check_in is not None and check_out is not None:
        nights = (check_out - check_in).days
    if nights is not None and nights <= 0:
        nights = None
    return StayRange(check_in, check_out, nights)


def _distinct(mentions: list[DateMention]) -> list[DateMention]:
    """One mention per date: "this Friday, March 5th" names one day, not a stay."""
    seen: dict[date, int] = {}
    kept: list[DateMention] = []
    for m in mentions:
        if m.value in seen:
            first = kept[seen[m.value]]
            if first.role is None and m.role is not None:
                kept[seen[m.value]] = replace(first, role=m.role)
            continue
        seen[m.value] = len(kept)
        kept.append(m)
    return kept


def _names_a_night(text: str, today: date, day: date) -> bool:
    """Whether ``day`` is given as a night ("tomorrow night", "Friday night"), not a departure."""
    norm = normalise(text).text
    return any(
        m.value == day and norm[m.end :].startswith(" night") for m in parse_dates(norm, today)
    )


def _one_night(text: str, today: date, check_in: date) -> int | None:
    """ "Tonight", "tomorrow night", "Friday night": a single night, unless more is said."""
    norm = normalise(text).text
    for m in parse_dates(norm, today):
        if m.value == check_in and (m.text == "tonight" or norm[m.end :].startswith(" night")):
            return 1
    return None


def _roll_forward(check_out: date, check_in: date, kind: Kind) -> date | None:
    """Move a check-out that lands on or before check-in to its next occurrence after it.

    "Friday until Monday" means the Monday after; "the 28th to the 2nd" the 2nd of next month;
    "Dec 30 to Jan 2" the following year.
    """
    if kind == "weekday":
        return check_in + timedelta(days=(check_out.weekday() - check_in.weekday()) % 7 or 7)
    if kind == "day_of_month":
        return second_of_range(check_in, check_out.day)
    if kind == "relative":
        return None
    for year in range(check_in.year, check_in.year + 2):
        d = safe_date(year, check_out.month, check_out.day)
        if d is not None and d > check_in:
            return d
    return None
