"""Dates and stay ranges relative to the hotel's business date.

The dialogue manager merges partial information across turns ("arriving Friday", later "for three
nights"), so the parser returns structured mentions with a role (check-in / check-out / unknown)
instead of insisting on a complete range. Input may be raw or already normalised text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from agent.understanding.normalise import normalise

__all__ = ["DateMention", "StayRange", "parse_dates", "parse_nights", "stay_range"]

Role = Literal["check_in", "check_out"]
# How a date was written decides how to roll it forward when it lands before the check-in.
Kind = Literal["calendar", "day_of_month", "weekday", "relative"]

MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    MONTHS[calendar.month_name[_i].lower()] = _i
    MONTHS[calendar.month_abbr[_i].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}
for _i in range(7):
    WEEKDAYS[calendar.day_name[_i].lower()] = _i
    WEEKDAYS[calendar.day_abbr[_i].lower()] = _i
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s*(\d{4}))?"
_TO = r"\s*(?:-|to|till|til|until|through|thru|and)\s*"

_CHECK_IN_CUES = re.compile(
    r"\b(check in|checking in|arriv\w*|from|starting|start|coming|come|get there|getting in|"
    r"beginning|in on)\b"
)
_CHECK_OUT_CUES = re.compile(
    r"\b(check out|checking out|leav\w*|depart\w*|until|till|til|to|through|thru|"
    r"go home|head home|out on|ending|end)\b|-"
)


_DAY_LEAD = re.compile(
    r"\b(?:on|from|until|till|til|to|by|through|thru|and|or|arriv\w*|leav\w*|depart\w*|"
    r"starting|ending|in|out|before|after)\s*$|-\s*$"
)


@dataclass(frozen=True)
class DateMention:
    """One date found in the text. ``role`` comes from nearby cue words, if any."""

    value: date
    start: int
    end: int
    text: str
    role: Role | None = None
    year_explicit: bool = False
    approximate: bool = False
    kind: Kind = "calendar"


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


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(month: int, day: int, today: date, after: date | None = None) -> date | None:
    """The first date with this month/day on or after ``after`` (default today); leap-year aware."""
    floor = after or today
    for year in range(floor.year, floor.year + 9):
        d = _safe(year, month, day)
        if d is not None and d >= floor:
            return d
    return None


def _day_of_month(day: int, today: date) -> date | None:
    """ "The 20th": this month if not past, else the next month that has that day."""
    year, month = today.year, today.month
    for _ in range(13):
        d = _safe(year, month, day)
        if d is not None and d >= today:
            return d
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def _full(year: str | None, month: int, day: int, today: date) -> tuple[date | None, bool]:
    if year:
        return _safe(int(year), month, day), True
    return _next_occurrence(month, day, today), False


def _weekday(name: str, modifier: str | None, today: date, next_week: bool) -> date:
    target = WEEKDAYS[name]
    delta = (target - today.weekday()) % 7
    if next_week:
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=target)
    if modifier == "next" and delta == 0:
        delta = 7
    return today + timedelta(days=delta)


class _Collector:
    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []
        self.found: list[DateMention] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(
        self,
        value: date | None,
        start: int,
        end: int,
        *,
        year_explicit: bool = False,
        approximate: bool = False,
        role: Role | None = None,
        kind: Kind = "calendar",
    ) -> None:
        if value is None or not self.free(start, end):
            return
        self.taken.append((start, end))
        self.found.append(
            DateMention(
                value, start, end, self.text[start:end], role, year_explicit, approximate, kind
            )
        )

    def claim(self, start: int, end: int) -> None:
        self.taken.append((start, end))


def _ranges(c: _Collector, text: str, today: date) -> None:
    """Ranges whose second half lacks a month: "march 20 to 23", "20-23 march", "the 20th to 23"."""
    for m in re.finditer(
        rf"\b({_MONTH_RE})\.? (?:the )?{_DAY}{_TO}(?:the )?{_DAY}\b(?! ?(?:{_MONTH_RE}))", text
    ):
        month = MONTHS[m.group(1)]
        first = _next_occurrence(month, int(m.group(2)), today)
        if first is None or not c.free(m.start(), m.end()):
            continue
        second = _second_of_range(first, int(m.group(3)))
        c.add(first, m.start(), m.start(3) - 1, role="check_in")
        c.add(second, m.start(3), m.end(), role="check_out")
    for m in re.finditer(rf"\b{_DAY}{_TO}{_DAY}(?: of)? ({_MONTH_RE})\b{_YEAR}", text):
        month = MONTHS[m.group(3)]
        year = m.group(4)
        second, explicit = _full(year, month, int(m.group(2)), today)
        if second is None or not c.free(m.start(), m.end()):
            continue
        first = _safe(second.year, month, int(m.group(1)))
        if first is not None and first > second:
            first = _safe(second.year - (month == 1), (month - 2) % 12 + 1, int(m.group(1)))
        if first is not None and first < today and not explicit:
            first = _safe(first.year + 1, first.month, first.day)
            second = _safe(second.year + 1, second.month, second.day)
        c.add(first, m.start(), m.start(2) - 1, role="check_in", year_explicit=explicit)
        c.add(second, m.start(2), m.end(), role="check_out", year_explicit=explicit)
    pattern = rf"\b(?:the )?(\d{{1,2}})(?:st|nd|rd|th){_TO}(?:the )?(\d{{1,2}})(?:st|nd|rd|th)\b"
    for m in re.finditer(pattern, text):
        first = _day_of_month(int(m.group(1)), today)
        if first is None or not c.free(m.start(), m.end()):
            continue
        c.add(first, m.start(), m.start(2) - 1, role="check_in")
        c.add(_second_of_range(first, int(m.group(2))), m.start(2), m.end(), role="check_out")


def _second_of_range(first: date, day: int) -> date | None:
    """The day-of-month ``day`` after ``first``: same month, else the following one."""
    d = _safe(first.year, first.month, day)
    if d is not None and d > first:
        return d
    year, month = (first.year + 1, 1) if first.month == 12 else (first.year, first.month + 1)
    return _safe(year, month, day)


def parse_dates(text: str, today: date) -> list[DateMention]:
    """Every date mentioned in ``text``, in order, resolved against the business date ``today``.

    Dates without a year are the next occurrence on or after today. Numeric dates are read as US
    month/day unless that is impossible ("20/3" is 20 March).
    """
    norm = normalise(text).text
    c = _Collector(norm)
    for m in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", norm):
        c.add(
            _safe(int(m.group(1)), int(m.group(2)), int(m.group(3))), *m.span(), year_explicit=True
        )
    for m in re.finditer(r"(?<![\d/$.])(\d{1,2})\.(\d{1,2})\.(?!\d)", norm):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:  # "15.03." is the European day.month., never money
            c.add(_next_occurrence(month, day, today), *m.span())
    for m in re.finditer(r"(?<![\d/$.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d/])", norm):
        a, b = int(m.group(1)), int(m.group(2))
        if "." in m.group(0) and m.group(3) is None:
            continue  # "38.50" is money, not a date
        month, day = (a, b) if a <= 12 else (b, a)
        year = m.group(3)
        if year is not None and len(year) == 2:
            year = "20" + year
        value, explicit = _full(year, month, day, today)
        c.add(value, *m.span(), year_explicit=explicit)
    _ranges(c, norm, today)
    for m in re.finditer(
        rf"\b({_MONTH_RE})\.? (?:the )?{_DAY}\b{_YEAR}(?! ?(?:%|:|nights?))", norm
    ):
        value, explicit = _full(m.group(3), MONTHS[m.group(1)], int(m.group(2)), today)
        c.add(value, *m.span(), year_explicit=explicit)
    for m in re.finditer(rf"\b(?:the )?{_DAY}(?: of)? ({_MONTH_RE})\b{_YEAR}", norm):
        value, explicit = _full(m.group(3), MONTHS[m.group(2)], int(m.group(1)), today)
        c.add(value, *m.span(), year_explicit=explicit)
    for m in re.finditer(r"\b(\d+) (day|days|week|weeks) from (?:today|now)\b", norm):
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        c.add(today + timedelta(days=n), *m.span(), kind="relative")
    for m in re.finditer(r"\bthe (?:day )?after tomorrow\b|\bday after tomorrow\b", norm):
        c.add(today + timedelta(days=2), *m.span(), kind="relative")
    for m in re.finditer(r"\b(today|tonight|this evening|tomorrow|yesterday)\b", norm):
        offset = {"tomorrow": 1, "yesterday": -1}.get(m.group(1), 0)
        c.add(today + timedelta(days=offset), *m.span(), kind="relative")
    for m in re.finditer(rf"\b({_WEEKDAY_RE}) week\b", norm):
        # British "Friday week": the Friday after next.
        c.add(
            _weekday(m.group(1), None, today, False) + timedelta(days=7), *m.span(), kind="weekday"
        )
    pattern = rf"\b(?:(next|this|coming|on) )?({_WEEKDAY_RE})\b(?: (next week))?"
    for m in re.finditer(pattern, norm):
        if m.group(2) in {"sat", "sun", "mon", "wed", "fri"} and m.group(1) is None:
            continue  # too ambiguous without context ("sun" the star)
        value = _weekday(m.group(2), m.group(1), today, m.group(3) is not None)
        c.add(value, *m.span(), kind="weekday")
    for m in re.finditer(r"\bin (\d+) (day|days|week|weeks)\b", norm):
        n = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        c.add(today + timedelta(days=n), *m.span(), kind="relative")
    for m in re.finditer(r"\b(next week|this weekend|next weekend)\b", norm):
        if m.group(1) == "next week":
            value = today + timedelta(days=7 - today.weekday())
        else:
            value = today + timedelta(days=(5 - today.weekday()) % 7)
            if m.group(1) == "next weekend":
                value += timedelta(days=7)
        c.add(value, *m.span(), approximate=True)
    for m in re.finditer(
        r"\b(?:the )?(\d{1,2})(?:st|nd|rd|th)\b"
        r"(?! ?(?:floor|time|night|row|one|room|person|guest|adult|child|booking|reservation))",
        norm,
    ):
        if not m.group(0).startswith("the ") and not _DAY_LEAD.search(norm[: m.start()]):
            continue  # "a second one", "my 3rd visit": an ordinal, not a day of the month
        c.add(_day_of_month(int(m.group(1)), today), *m.span(), kind="day_of_month")
    mentions = _without_named_weekdays(sorted(c.found, key=lambda d: d.start), norm)
    return [_with_role(norm, mentions, i) for i in range(len(mentions))]


def _without_named_weekdays(mentions: list[DateMention], norm: str) -> list[DateMention]:
    """Drop a weekday that only names the day of a date beside it: "Tuesday 16 March",
    "Friday the 12th", "the 5th (a Friday)". The date decides; the weekday is decoration."""
    dated = [m for m in mentions if m.kind in ("calendar", "day_of_month")]
    kept = []
    for m in mentions:
        if m.kind == "weekday" and any(
            (
                0 <= d.start - m.end <= 6
                and re.fullmatch(r"[\s,]*(?:the)?\s*", norm[m.end : d.start])
            )
            or (
                0 <= m.start - d.end <= 4
                and re.fullmatch(r"[\s,(]*(?:a)?\s*", norm[d.end : m.start])
            )
            for d in dated
        ):
            continue
        kept.append(m)
    return kept


def _with_role(text: str, mentions: list[DateMention], i: int) -> DateMention:
    mention = mentions[i]
    if mention.role is not None:
        return mention
    prev_end = mentions[i - 1].end if i > 0 else 0
    window = text[max(prev_end, mention.start - 40) : mention.start]
    cues: list[tuple[int, Role]] = [
        (m.end(), "check_in") for m in _CHECK_IN_CUES.finditer(window) if _near(window, m.end())
    ]
    cues += [
        (m.end(), "check_out") for m in _CHECK_OUT_CUES.finditer(window) if _near(window, m.end())
    ]
    if not cues:
        return mention
    end, role = max(cues)
    if role == "check_out" and window[end - 1 : end] == "-" and (i == 0 or window[end:].strip()):
        return mention  # a dash joins a range ("20-23"); it does not start a sentence's date
    return replace(mention, role=role)


def _near(window: str, cue_end: int) -> bool:
    """A cue word speaks for a date only when at most three words, and no punctuation, stand
    between them: "leaving on the 9th" but not "want to book a queen, march 14"."""
    between = window[cue_end:]
    return not re.search(r"[,.;!?]", between) and len(between.split()) <= 3


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
        return _second_of_range(check_in, check_out.day)
    if kind == "relative":
        return None
    for year in range(check_in.year, check_in.year + 2):
        d = _safe(year, check_out.month, check_out.day)
        if d is not None and d > check_in:
            return d
    return None
