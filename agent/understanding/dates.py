"""Dates and stay ranges relative to the hotel's business date.

The dialogue manager merges partial information across turns ("arriving Friday", later "for three
nights"), so the parser returns structured mentions with a role (check-in / check-out / unknown)
instead of insisting on a complete range. Input may be raw or already normalised text.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from agent.understanding.normalise import normalise

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DateMention",
    "Kind",
    "parse_dates",
    "safe_date",
    "second_of_range",
]

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
# A range's day may carry its weekday and an article: "Friday 26th to Sunday 28th March".
_ON = rf"(?:(?:{_WEEKDAY_RE}),? )?(?:the )?"

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


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(month: int, day: int, today: date, after: date | None = None) -> date | None:
    """The first date with this month/day on or after ``after`` (default today); leap-year aware."""
    floor = after or today
    for year in range(floor.year, floor.year + 9):
        d = safe_date(year, month, day)
        if d is not None and d >= floor:
            return d
    return None


def _day_of_month(day: int, today: date) -> date | None:
    """ "The 20th": this month if not past, else the next month that has that day."""
    year, month = today.year, today.month
    for _ in range(13):
        d = safe_date(year, month, day)
        if d is not None and d >= today:
            return d
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return None


def _full(year: str | None, month: int, day: int, today: date) -> tuple[date | None, bool]:
    if year:
        return safe_date(int(year), month, day), True
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
        self.taken = bytearray(len(text))  # 1 where a date was read: a look-up, not a scan
        self.found: list[DateMention] = []

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

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
        self.taken[start:end] = b"\x01" * (end - start)
        self.found.append(
            DateMention(
                value, start, end, self.text[start:end], role, year_explicit, approximate, kind
            )
        )


def _ranges(c: _Collector, text: str, today: date) -> None:
    """Ranges whose second half lacks a month: "march 20 to 23", "20-23 march", "the 20th to 23"."""
    for m in re.finditer(
        rf"\b({_MONTH_RE})\.? (?:the )?{_DAY}{_TO}(?:the )?{_DAY}\b(?! ?(?:{_MONTH_RE}))", text
    ):
        month = MONTHS[m.group(1)]
        first = _next_occurrence(month, int(m.group(2)), today)
        if first is None or not c.free(m.start(), m.end()):
            continue
        second = second_of_range(first, int(m.group(3)))
        c.add(first, m.start(), m.start(3) - 1, role="check_in")
        c.add(second, m.start(3), m.end(), role="check_out")
    for m in re.finditer(rf"\b{_ON}{_DAY}{_TO}{_ON}{_DAY}(?: of)? ({_MONTH_RE})\b{_YEAR}", text):
        month = MONTHS[m.group(3)]
        year = m.group(4)
        second, explicit = _full(year, month, int(m.group(2)), today)
        if second is None or not c.free(m.start(), m.end()):
            continue
        if re.search(r"\bnights? of\s*$", text[max(0, m.start() - 12) : m.start()]):
            second += timedelta(days=1)  # "the nights of the 2nd and 3rd": leaving on the 4th
        first = safe_date(second.year, month, int(m.group(1)))
        if first is not None and first > second:
            first = safe_date(second.year - (month == 1), (month - 2) % 12 + 1, int(m.group(1)))
        if first is not None and first < today and not explicit:
            first = safe_date(first.year + 1, first.month, first.day)
            second = safe_date(second.year + 1, second.month, second.day)
        c.add(first, m.start(), m.start(2) - 1, role="check_in", year_explicit=explicit)
        c.add(second, m.start(2), m.end(), role="check_out", year_explicit=explicit)
    pattern = rf"\b(?:the )?(\d{{1,2}})(?:st|nd|rd|th){_TO}(?:the )?(\d{{1,2}})(?:st|nd|rd|th)\b"
    for m in re.finditer(pattern, text):
        first = _day_of_month(int(m.group(1)), today)
        if first is None or not c.free(m.start(), m.end()):
            continue
        c.add(first, m.start(), m.start(2) - 1, role="check_in")
        c.add(second_of_range(first, int(m.group(2))), m.start(2), m.end(), role="check_out")


def second_of_range(first: date, day: int) -> date | None:
    """The day-of-month ``day`` after ``first``: same month, else the following one."""
    d = safe_date(first.year, first.month, day)
    if d is not None and d > first:
        return d
    year, month = (first.year + 1, 1) if first.month == 12 else (first.year, first.month + 1)
    return safe_date(year, month, day)


def parse_dates(text: str, today: date) -> list[DateMention]:
    """Every date mentioned in ``text``, in order, resolved against the business date ``today``.

    Dates without a year are the next occurrence on or after today. Numeric dates are read as US
    month/day unless that is impossible ("20/3" is 20 March).
    """
    norm = normalise(text).text
    c = _Collector(norm)
    for m in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", norm):
        c.add(
            safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))),
            *m.span(),
            year_explicit=True,
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
        lead = _DAY_LEAD.search(norm, max(0, m.start() - 40), m.start())
        if not m.group(0).startswith("the ") and not lead:
            continue  # "a second one", "my 3rd visit": an ordinal, not a day of the month
        c.add(_day_of_month(int(m.group(1)), today), *m.span(), kind="day_of_month")
    mentions = _without_named_weekdays(sorted(c.found, key=lambda d: d.start), norm)
    return [_with_role(norm, mentions, i) for i in range(len(mentions))]


def _without_named_weekdays(mentions: list[DateMention], norm: str) -> list[DateMention]:
    """Drop a weekday that only names the day of a date beside it: "Tuesday 16 March",
    "Friday the 12th", "the 5th (a Friday)". The date decides; the weekday is decoration."""
    dated = [m for m in mentions if m.kind in ("calendar", "day_of_month")]
    starts, kept = [d.start for d in dated], []
    for m in mentions:
        at = bisect_left(starts, m.end)  # the dates beside it (mentions do not overlap)
        if m.kind == "weekday" and any(
            (
                0 <= d.start - m.end <= 6
                and re.fullmatch(r"[\s,]*(?:the)?\s*", norm[m.end : d.start])
            )
            or (
                0 <= m.start - d.end <= 4
                and re.fullmatch(r"[\s,(]*(?:a)?\s*", norm[d.end : m.start])
            )
            for d in dated[max(0, at - 1) : at + 1]
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
        (m.end(), "check_out")
        for m in _CHECK_OUT_CUES.finditer(window)
        if _near(window, m.end(), 1 if m.group(0) in ("to", "until", "till", "til") else 3)
    ]
    if not cues:
        return mention
    end, role = max(cues)
    if role == "check_out" and window[end - 1 : end] == "-" and (i == 0 or window[end:].strip()):
        return mention  # a dash joins a range ("20-23"); it does not start a sentence's date
    return replace(mention, role=role)


def _near(window: str, cue_end: int, words: int = 3) -> bool:
    """A cue word speaks for a date only when few words, and no punctuation, stand between
    them: "leaving on the 9th" but not "want to book a queen, march 14"; a bare "to" must
    touch its date ("to the 23rd"), or "coming to Lisbon on the 20th" would be a departure."""
    between = window[cue_end:]
    return not re.search(r"[,.;!?]", between) and len(between.split()) <= words
