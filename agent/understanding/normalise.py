"""Text normalisation: the first step of the offline model.

Every extractor works on one canonical form so patterns stay few: lower case, ASCII punctuation,
digits instead of number words, ``$12.50`` for money and ``15:00`` for clock times. The original
text is kept next to it because names and emails need their original case.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from agent.understanding.spelling import MISSPELLINGS

__all__ = [
    "MISSPELLINGS",
    "Normalised",
    "fold",
    "normalise",
    "normalise_money",
    "normalise_times",
    "number_words_to_digits",
]

# Common misspellings in hotel conversations. Kept modest on purpose: fuzzy matching in
# vocabulary.py catches the long tail for room types and rate plans.

_UNITS = {w: n for n, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
])}  # fmt: skip
_TENS = {w: 10 * n for n, w in enumerate([
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
], start=2)}  # fmt: skip
_ORDINAL_UNITS = {w: n for n, w in enumerate([
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
], start=1)}  # fmt: skip
_ORDINAL_TENS: dict[str, int] = {"twentieth": 20, "thirtieth": 30}

# "a"/"an"/"one" mean 1 only before countable hotel nouns ("a night", "an adult").
_COUNT_NOUNS = (
    r"night|nights|adult|adults|room|rooms|child|children|kid|kids|week|weeks|day|days|"
    r"guest|guests|person|people|bed|beds|towel|towels|pillow|pillows|blanket|blankets|"
    r"infant|baby|teen|teenager|dollar|dollars|hundred"
)
# "one" that is a pronoun, not a number.
_ONE_PRONOUN = re.compile(r"\b(no|the|this|that|which|any|every|some|each|other|another) one\b")

_QUOTE_DASH = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2009\u202f", " "),
    "\u2026": "...",
    # amounts are in the hotel's currency; the symbol only marks money
    "\u20ac": "$", "\u00a3": "$",
})  # fmt: skip


@dataclass(frozen=True)
class Normalised:
    """A user utterance in both forms: ``original`` for names/emails, ``text`` for patterns."""

    original: str
    text: str


def fold(text: str) -> str:
    """Lower-case, fold quotes/dashes/odd spaces to ASCII, strip accents, collapse whitespace."""
    text = text.translate(_QUOTE_DASH)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    return re.sub(r"\s+", " ", text).strip()


def _fix_spelling(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        return MISSPELLINGS.get(m.group(0), m.group(0))

    text = re.sub(r"\bw/\s*", "with ", text)
    text = re.sub(r"\bu\b(?!\.)", "you", text)
    return re.sub(r"[a-z][a-z-]*[a-z]", repl, text)


def _cardinal(tokens: list[str], i: int) -> tuple[int, int] | None:
    """Parse a cardinal number word sequence starting at ``tokens[i]``: (value, tokens used).

    Hundreds and thousands too: "a hundred and twenty", "two thousand", "one hundred fifty".
    """
    scales = {"hundred": 100, "thousand": 1000}
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    head = (1, 1) if tokens[i] in ("a", "one", "1") and nxt in scales else None
    head = head or _below_hundred(tokens, i)
    if head is None:
        return None
    value, j = head[0], i + head[1]
    if j < len(tokens) and tokens[j] in scales and value < 100:
        value *= scales[tokens[j]]
        j += 1
        k = j + 1 if j < len(tokens) and tokens[j] == "and" else j
        rest = _below_hundred(tokens, k) if k < len(tokens) else None
        if rest is not None:
            value, j = value + rest[0], k + rest[1]
    return value, j - i


def _below_hundred(tokens: list[str], i: int) -> tuple[int, int] | None:
    tok = tokens[i]
    if "-" in tok:
        parts = tok.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
            return _TENS[parts[0]] + _UNITS[parts[1]], 1
        return None
    if tok in _TENS:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in _UNITS and 0 < _UNITS[nxt] < 10:
            return _TENS[tok] + _UNITS[nxt], 2
        return _TENS[tok], 1
    if tok in _UNITS:
        return _UNITS[tok], 1
    return None


def _ordinal(tokens: list[str], i: int) -> tuple[int, int] | None:
    tok = tokens[i]
    if "-" in tok:
        parts = tok.split("-")
        if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINAL_UNITS:
            return _TENS[parts[0]] + _ORDINAL_UNITS[parts[1]], 1
        return None
    if tok in _TENS:
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if nxt in _ORDINAL_UNITS and _ORDINAL_UNITS[nxt] < 10:
            return _TENS[tok] + _ORDINAL_UNITS[nxt], 2
        return None
    if tok in _ORDINAL_TENS:
        return _ORDINAL_TENS[tok], 1
    if tok in _ORDINAL_UNITS:
        return _ORDINAL_UNITS[tok], 1
    return None


def _suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def number_words_to_digits(text: str) -> str:
    """Replace number words with digits in already folded text.

    "twenty five" -> "25", "two adults" -> "2 adults", "twentieth" -> "20th",
    "a night" -> "1 night",
    "three hundred and twelve" -> "312". "one" as a pronoun ("this one") and "second" as time
    ("wait a second") are left alone.
    """
    text = re.sub(rf"\b(a|an)\s+(?=(?:{_COUNT_NOUNS})\b)", "1 ", text)
    text = re.sub(r"\ba couple of\b", "2", text)
    text = re.sub(r"\ba dozen\b", "12", text)
    text = re.sub(r"\bhalf (an|a) hour\b", "30 minutes", text)
    protected = _ONE_PRONOUN.sub(lambda m: m.group(1) + " \x00one", text)
    tokens = protected.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        stripped = tok.rstrip(".,!?;:")
        trail = tok[len(stripped) :]
        probe = [*tokens[:i], stripped, *tokens[i + 1 :]]
        ordv = _ordinal(probe, i)
        if ordv is not None and not trail:
            value, used = ordv
            if stripped == "second" and not _second_is_ordinal(tokens, i):
                out.append(tok)
                i += 1
                continue
            out.append(f"{value}{_suffix(value)}")
            i += used
            continue
        if ordv is not None and _used_one(ordv) and stripped != "second":
            out.append(f"{ordv[0]}{_suffix(ordv[0])}{trail}")
            i += 1
            continue
        card = _cardinal(probe, i) if not trail else _cardinal([stripped], 0)
        if card is not None:
            value, used = card
            j = i + used
            # "three hundred and twelve"
            if not trail and j < len(tokens) and tokens[j].rstrip(".,!?;:") == "hundred":
                value *= 100
                j += 1
                if j + 1 < len(tokens) and tokens[j] == "and":
                    rest = _cardinal(tokens, j + 1)
                    if rest is not None:
                        value += rest[0]
                        j += 1 + rest[1]
                else:
                    rest = _cardinal(tokens, j) if j < len(tokens) else None
                    if rest is not None:
                        value += rest[0]
                        j += rest[1]
            last = tokens[j - 1]
            tail = last[len(last.rstrip(".,!?;:")) :]
            out.append(f"{value}{tail}")
            i = j
            continue
        out.append(tok)
        i += 1
    return " ".join(out).replace("\x00", "")


def _used_one(ordv: tuple[int, int]) -> bool:
    """True when an ordinal consumed a single token (so trailing punctuation can be kept)."""
    return ordv[1] == 1


_MONTH_WORDS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|"
    "july|august|september|october|november|december"
)


def _second_is_ordinal(tokens: list[str], i: int) -> bool:
    prev = tokens[i - 1] if i > 0 else ""
    nxt = tokens[i + 1].rstrip(".,!?;:") if i + 1 < len(tokens) else ""
    if nxt in {"floor", "night", "room", "of", "week", "task", "bed", "one"}:
        return True
    return prev == "the" or bool(re.fullmatch(_MONTH_WORDS, prev))


def normalise_money(text: str) -> str:
    """Write money as ``$N`` or ``$N.NN``: "$1,000" "38 dollars 50" "usd 20" "20 bucks"."""
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    text = re.sub(r"\$\s+(?=\d)", "$", text)
    text = re.sub(r"\b(?:usd|us\$|eur|gbp|chf)\s*(\d+(?:\.\d+)?)", r"$\1", text)
    # Any currency is written "$": amounts are in the hotel's currency, whatever its sign.
    other = r"euros?|pounds?|quid|eur|gbp|chf"
    text = re.sub(rf"(?<![\d$.])(\d+(?:\.\d+)?) ?(?:{other})\b", r"$\1", text)
    text = re.sub(
        r"(?<![\d$])(\d+) (?:dollars?|bucks|usd) (?:and )?(\d{1,2}) (?:cents?)\b",
        lambda m: f"${m.group(1)}.{int(m.group(2)):02d}",
        text,
    )
    text = re.sub(
        r"(?<![\d$])(\d+) (?:dollars?|bucks|usd) (?:and )?(\d{1,2})\b"
        r"(?! ?(?:%|percent|night|adult))",
        lambda m: f"${m.group(1)}.{int(m.group(2)):02d}",
        text,
    )
    text = re.sub(r"(?<![\d$.])(\d+(?:\.\d+)?) ?(?:dollars?|bucks|usd)\b", r"$\1", text)
    text = re.sub(r"(?<![\d$.])(\d+) cents?\b", lambda m: f"${int(m.group(1)) / 100:.2f}", text)
    return text


def normalise_times(text: str) -> str:
    """Write clock times as 24-hour ``H:MM``: "3pm" -> "15:00", "noon" -> "12:00"."""

    def repl(m: re.Match[str]) -> str:
        hour = int(m.group(1))
        minute = int(m.group(2) or 0)
        pm = m.group(3).startswith("p")
        if hour > 12 or minute > 59:
            return m.group(0)
        if pm and hour != 12:
            hour += 12
        if not pm and hour == 12:
            hour = 0
        return f"{hour}:{minute:02d}"

    text = re.sub(r"(?<![\d:$.])(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\b\.?", repl, text)
    text = re.sub(r"\b(?:12 ?)?noon\b", "12:00", text)
    text = re.sub(r"\bmidnight\b", "0:00", text)
    return text


@lru_cache(maxsize=4096)
def normalise(text: str) -> Normalised:
    """Produce the canonical form every extractor expects, keeping the original alongside.

    Cached: every extractor normalises the same turn again, and the offline model replays the
    whole conversation on each call, so one turn is normalised dozens of times.
    """
    folded = fold(text)
    folded = _fix_spelling(folded)
    folded = re.sub(r"(?<=\d)(st|nd|rd|th)\b", lambda m: m.group(1), folded)
    folded = number_words_to_digits(folded)
    folded = normalise_money(folded)
    folded = normalise_times(folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return Normalised(original=text, text=folded)


# Text that addresses the assistant instead of the hotel: an HTML comment, a bracketed
# "[assistant: ...]", a tagged block "<INFORMATION> ... to you, the assistant ... </INFORMATION>",
# a "developer note for the AI: ..." sentence, an "ignore your previous instructions" sentence.
# A guest has no business writing to the model over the hotel's head, and neither has a hotel
# document, a note or a name: such passages are not read as requests, nor quoted as facts.
# A passage ends where the next of its kind opens: otherwise every opening of a long run
# ("[[[[...", "<!--<!--...") would read the rest of the text again. Tagged blocks: _tagged.
_EMBEDDED = re.compile(
    r"<!--(?:(?!<!--).)*?-->|"
    r"(?:^|(?<=[.!?:]\s))[^.!?:]*\bignore\s+(?:all\s+|any\s+)?(?:of\s+)?(?:your\s+|the\s+)?"
    r"(?:previous|prior|earlier|above|former)\s+(?:instructions|messages|rules)\b[^.!?]*(?:[.!?]|$)|"
    r"\[[^\[\]]*\b(?:assistant|system|ai|admin|developer|instruction|override)\b[^\[\]]*\]|"
    r"\{[^{}]*\b(?:assistant|system|instruction)\b[^{}]*\}|"
    r"[\"\u201c][^\"\u201c\u201d]*\b(?:system|assistant|developer|admin)\b[^\"\u201c\u201d]*[\"\u201d]|"
    r"(?:^|(?<=[.!?:]\s))(?:also,?\s+)?(?:developer|system|admin|assistant|ai)\s+(?:note|instruction|"
    r"message|override|notice|update)s?\b[^.!?]*(?:[.!?]|$)(?:[^.!?]*(?:[.!?]|$))?",
    re.IGNORECASE | re.DOTALL,
)


_OPENING = re.compile(r"<([a-z_]+)\b[^<>]*>", re.IGNORECASE)
_CLOSING = re.compile(r"</([a-z_]+)>", re.IGNORECASE)
_ADDRESSED = re.compile(r"\b(?:assistant|system|ai|instructions?|model)\b", re.IGNORECASE)


def _tagged(text: str) -> str:
    """The text less each tagged block that names the assistant before it closes. A block's end
    and its first such word are looked up, not searched for from every opening tag."""
    closings: dict[str, list[int]] = {}
    for m in _CLOSING.finditer(text):
        closings.setdefault(m.group(1).lower(), []).append(m.start())
    words = [(m.start(), m.end()) for m in _ADDRESSED.finditer(text)]
    kept, at = [], 0
    for m in _OPENING.finditer(text):
        ends = closings.get(m.group(1).lower(), [])
        end = ends[i] if m.start() >= at and (i := bisect_left(ends, m.end())) < len(ends) else -1
        word = bisect_left(words, (m.end(), 0))
        if end >= 0 and word < len(words) and words[word][1] <= end:
            kept.append(text[at : m.start()])
            at = end + len(m.group(1)) + 3  # past "</name>"
    return " ".join([*kept, text[at:]])


@lru_cache(maxsize=4096)
def without_embedded_instructions(text: str) -> str:
    """The text less any passage that gives the assistant instructions."""
    return re.sub(r"\s{2,}", " ", _EMBEDDED.sub(" ", _tagged(text))).strip()
