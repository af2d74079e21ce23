"""Who is staying and who is speaking: party size and person names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.data import load
from agent.understanding.dates import MONTHS, WEEKDAYS
from agent.understanding.normalise import normalise


def _norm(text: str) -> str:
    return normalise(text).text


# --- party size -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """Adults and children mentioned; ``None`` where the text says nothing."""

    adults: int | None = None
    children: int | None = None


# Who travels with someone, as alternations (agent/data/vocabulary.yaml).
_ADULT_COMPANIONS, _CHILD_COMPANIONS, _CHILD_WORDS = (
    load("vocabulary")["companions"][k] for k in ("adults", "children", "child_words")
)


def find_party(text: str) -> Party:
    """Adults and children: "2 adults and 1 child", "me and my wife", "family of 4 with 2 kids",
    "just me", "2 of us"."""
    norm = _norm(text)
    adults: int | None = None
    children: int | None = None
    m = re.search(r"\b(\d{1,2}) ?(?:adults?|grown[- ]?ups?)\b", norm)
    if m:
        adults = int(m.group(1))
    m = re.search(rf"\b(\d{{1,2}}) (?:(?:little|small|young) )?(?:{_CHILD_WORDS})\b", norm)
    if m:
        children = int(m.group(1))
    elif re.search(r"\bno (?:kids|children)\b|\bjust adults\b|\badults only\b", norm):
        children = 0
    if adults is None and re.search(
        r"\b(2|two|both) parents\b|\b(mum|mom|mother) (and |& )?(dad|father)\b|"
        r"\b(dad|father) (and |& )?(mum|mom|mother)\b|\b(husband|wife) and (i|me)\b",
        norm,
    ):
        adults = 2
    if children is None:
        little = re.search(r"\b(\d{1,2}) (?:little ones|littles|little 1s)\b", norm)
        single = re.search(
            r"\b(?:our|their|his|her|my|a|1) "
            r"(?:little (?:one|1)|\d{1,2}[- ]?(?:year|yr)[- ]?old|baby|"
            r"toddler|infant|son|daughter|boy|girl|kid|child)\b",
            norm,
        )
        if little:
            children = int(little.group(1))
        elif single and not re.search(r"\bfor (my|our|his|her) (son|daughter)\b", norm):
            children = 1
    if children is None:
        ages = re.search(
            rf"\b(?:{_CHILD_WORDS}|boys|girls)\b\W*(?:\(|,|-)?\s*"
            r"(?:they'?re|they are|who are|who'?re|aged|ages?|both)?\s*"
            r"(\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})+)\b",
            norm,
        )
        if ages:
            children = len(re.findall(r"\d{1,2}", ages.group(1)))  # "the kids (6 and 9)"
    if adults is None and re.search(r"\b(couple|married|newlyweds|honeymoon\w*)\b(?! of)", norm):
        adults = 2
    m = re.search(r"\b(?:family|group|party) of (\d{1,2})\b", norm)
    if m:
        total = int(m.group(1))
        if children is not None and adults is None:
            adults = max(total - children, 1)
        elif adults is not None and children is None:
            children = max(total - adults, 0)
        elif adults is None:
            adults = total
    m = re.search(
        r"\b(?:(?:we are|we're|there are|there's|there will be|the) )?(\d{1,2}) "
        r"(?:of us|people|persons|guests|pax)\b",
        norm,
    )
    if m is None:
        m = re.search(
            r"\b(?:for|table for|room for) (\d{1,2})(?: ppl| people| persons| guests| pax)?\b"
            r"(?! ?(?:nights?|days?|weeks?|dollars|bucks|usd|eur|am|pm|:|\.\d|%|th|st|nd|rd|"
            r"children|child|kids?|babies|baby|adults?|more|of))",
            norm,
        ) or re.search(r"\b(\d{1,2}) ?(?:ppl|persons?)\b", norm)
    if m and adults is None:
        total = int(m.group(1))
        adults = total - children if children is not None and children < total else total
    if adults is None and re.search(
        r"\b(just|only) (me|myself|1)\b|\bby myself\b|\bon my own\b|\btravell?ing (alone|solo)\b|"
        r"\b(1|single) (person|guest|traveller|traveler)\b|\bmyself only\b|\bjust for me\b|"
        r"\bi'?m alone\b|\bme alone\b|\bonly me\b|\bfor me only\b|\bjust myself\b|\bonly myself\b",
        norm,
    ):
        adults = 1
    if adults is None:
        self_ref = re.search(r"\b(me|i|myself)\b", norm) is not None
        # "with my wife", "me and my son", "my husband and I" travel together; a booking "for my
        # colleague" is the colleague's alone.
        together = r"(?:with|and|plus|bringing|&|along with|,)"
        companions = re.findall(
            rf"(?:\b|(?<=,)){together} (?:my|our) ({_ADULT_COMPANIONS})\b", norm
        )
        companions += re.findall(
            rf"\b(?:my|our) ({_ADULT_COMPANIONS}) (?:and|&) (?:i|me|myself)\b", norm
        )
        kids = re.findall(
            rf"(?:\b|(?<=,)){together} (?:my|our) (?:\d+ )?({_CHILD_COMPANIONS})s?\b", norm
        )
        if companions or (kids and self_ref):
            adults = (1 if self_ref or companions else 0) + len(companions)
            if children is None and kids:
                children = len(kids)
        elif re.search(r"\b(a couple|my partner and i|2 of us|the two of us|both of us)\b", norm):
            adults = 2
    return Party(adults, children)


# --- names ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    """A person's name as given, with the last word as the last name."""

    full: str
    first: str
    last: str


_NOT_NAMES = (
    {w.lower() for w in load("vocabulary")["not_names"].split()} | set(MONTHS) | set(WEEKDAYS)
)
_TITLES = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|sir|madam)\.?\s+", re.IGNORECASE)
_L = r"[^\W\d_]"  # a letter in any alphabet: Álvarez, Müller, Øvrebø
_NAME_WORD = rf"{_L}(?:{_L}|['\-])*"
# Lower-case words inside a surname ("Annelies de Vries"): part of the surname, not its end.
_PARTICLES = set(load("vocabulary")["name_particles"].split())
_CUED = re.compile(
    r"(?:\bmy name is|\bname is|\bname\s*:?|\bname's|\bnamed|\bcalled|"
    r"\bunder(?: the name(?: of)?)?|\bthis is|\bit's|\bit is|\bi'm|\bi am|\bfor(?: a)?|"
    r"\bguest(?: name)?\s*:?|"
    r"\bsurname is|\blast name is)\s+",
    re.IGNORECASE,
)
_NAME_AFTER_CUE = re.compile(
    rf"(?:(?:mr|mrs|ms|dr)\.?\s+)?({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})", re.IGNORECASE
)
_STRONG_CUES = ("my name is", "name is", "name:", "name's", "surname is", "last name is")


def _is_particle(words: list[str], i: int) -> bool:
    """A surname particle: lower case, after a name word and before a capitalised one."""
    nxt = words[i + 1] if 0 < i < len(words) - 1 else ""
    return words[i] in _PARTICLES and nxt[:1].isupper() and nxt.lower() not in _NOT_NAMES


def _person(kept: list[str]) -> PersonName:
    """The name, its first word, and its surname: the last word with the particles before it."""
    start = len(kept) - 1
    while start > 1 and _is_particle(kept, start - 1):
        start -= 1
    return PersonName(" ".join(kept), kept[0], " ".join(kept[start:]))


def _clean_name(words: list[str], strong: bool) -> PersonName | None:
    kept: list[str] = []
    for i, w in enumerate(words):
        if w.lower() in _NOT_NAMES and not _is_particle(words, i):
            break
        if not strong and not w[0].isupper() and not _is_particle(words, i):
            break
        kept.append(w)
    if not kept:
        return None
    kept = [re.sub(r"['\u2019]s$", "", w) for w in kept]  # "Mei Tanaka's stay"
    kept = [
        w if any(c.isupper() for c in w) or _is_particle(kept, i) else w.capitalize()
        for i, w in enumerate(kept)
    ]
    return _person(kept)


def find_person_name(text: str, *, expecting: bool = False) -> PersonName | None:
    """A person's name: after "my name is", "I'm", "name:", "for", "under", "this is", or a line
    that is only two to four capitalised words. Case is kept from the original text.

    ``expecting`` says the agent just asked for a name, so a bare lower-case "john carter" counts.
    """
    stripped = text.strip().rstrip(".!")
    for cue_match in _CUED.finditer(text):
        m = _NAME_AFTER_CUE.match(text, cue_match.end())
        if m is None:
            continue
        cue = cue_match.group(0).strip().lower()
        strong = any(cue.startswith(c) for c in _STRONG_CUES)
        name = _clean_name(m.group(1).split(), strong)
        if name is None:
            continue
        if not strong and " " not in name.full and not cue.startswith("under"):
            continue  # "I'm Tired", "for Friday": a single capitalised word after a weak cue
        return name
    emails = _email_words(text)
    for segment in _segments(text):
        name = _segment_name(segment, expecting=expecting, emails=emails)
        if name is not None:
            return name
    bare = _TITLES.sub("", stripped)
    if re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}", bare):
        words = bare.split()
        if all(w[0].isupper() and w.lower() not in _NOT_NAMES for w in words):
            return PersonName(bare, words[0], words[-1])
        if (
            expecting
            and bare.islower()
            and all(w not in _NOT_NAMES for w in words)
            and len(words) == 2
        ):
            titled = [w.capitalize() for w in words]
            return PersonName(" ".join(titled), titled[0], titled[-1])
    return None


_SEGMENT_LEAD = re.compile(
    r"^(?:(?:the )?(?:guest|booking|reservation|room)(?:'s)?(?: name)?(?: is| will be)?"
    r"(?: for| under)?|"
    r"(?:put|book|make) (?:it|the booking|the room|him|her|them)(?: in| under)?(?: the name)?|"
    r"it'?s (?:for|under)|for|under|name|and|it'?s|this is|i'?m|i am)\s+"
    rf"(?:(?:for )?(?:my|our) (?:{_ADULT_COMPANIONS}|{_CHILD_COMPANIONS}),? )?",
    re.IGNORECASE,
)
# Starts only where a run of address characters starts: trying every position inside a long run
# ("1111...") would read the rest of it again each time.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _segments(text: str) -> list[str]:
    """The text's clauses: a name often stands alone between commas ("Flexible, Ana Lima, ...")."""
    without_emails = _EMAIL.sub(",", text)
    parts = re.split(r"[,;:()\n]|\s[-\u2013\u2014/]\s|[.!?](?:\s|$)", without_emails)
    return [p.strip() for p in parts]


def _email_words(text: str) -> set[str]:
    """Name-like parts of the email addresses in the text ("ana.lima@..." gives ana, lima)."""
    words: set[str] = set()
    for email in _EMAIL.findall(text):
        local = email.split("@", 1)[0].lower()
        words.update(w for w in re.split(r"[._+\-\d]+", local) if w)
    return words


def _segment_name(segment: str, *, expecting: bool, emails: set[str]) -> PersonName | None:
    """A clause that is only a name: two to four name words, capitalised, or written in lower
    case when the agent asked for a name or the words match the email given with it."""
    bare = _TITLES.sub("", _SEGMENT_LEAD.sub("", segment).strip())
    if not re.fullmatch(rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}", bare):
        return None
    words = bare.split()
    if any(w.lower() in _NOT_NAMES and not _is_particle(words, i) for i, w in enumerate(words)):
        return None
    capitalised = all(w[0].isupper() or _is_particle(words, i) for i, w in enumerate(words))
    lowered = [w.lower() for w in words]
    matches_email = lowered[0] in emails and (
        lowered[-1] in emails or any(e and lowered[-1].startswith(e) for e in emails)
    )
    if not (capitalised or matches_email or (expecting and bare.islower() and len(words) == 2)):
        return None
    titled = [
        w if any(c.isupper() for c in w) or _is_particle(words, i) else w.capitalize()
        for i, w in enumerate(words)
    ]
    return _person(titled)


_SURNAME_CUE = re.compile(
    r"\b(?:last name|surname|family name|(?<!first )name)(?: is|:|'s| =| of)?\s+"
    rf"(?:(?:mr|mrs|ms|dr)\.?\s+)?({_L}(?:{_L}|['\-])+)",
    re.IGNORECASE,
)
_UNDER = re.compile(
    r"\b(?:under|for)(?: the name)?(?: of)?\s+(?:(?:mr|mrs|ms|dr)\.?\s+)?"
    rf"({_L}(?:{_L}|['\-])+)(?:\s+({_L}(?:{_L}|['\-])+))?",
    re.IGNORECASE,
)


def find_last_name(text: str, *, with_code: bool = False) -> str | None:
    """The surname someone gives to prove or find a booking: "last name Okafor", "surname is
    Shah", "name Tanaka", or, next to a confirmation code, "booking RL1005 under okafor"."""
    for m in _SURNAME_CUE.finditer(text):
        word = m.group(1)
        if word.lower() not in _NOT_NAMES and word.lower() not in _FILLER:
            rest = text[m.end() :]
            nxt = re.match(r"\s+([A-Z][A-Za-z'\-]+)\b", rest)
            if nxt and nxt.group(1).lower() not in _NOT_NAMES and word[0].isupper():
                return nxt.group(1)  # "name is Jonas Frei": the last word is the surname
            return word[0].upper() + word[1:]
    here = re.search(
        r"(?:^|[.!,]\s*)(?:hi,?\s+|hello,?\s+|morning,?\s+)?([A-Z][a-z]{2,}) here\b", text
    )
    if here and here.group(1).lower() not in _NOT_NAMES:
        return here.group(1)  # "Carter here, RL1001"
    bare = re.match(r"\s*([A-Z][a-z]{2,})\s*[.,;]", text)
    if with_code and bare and bare.group(1).lower() not in _NOT_NAMES | _FILLER:
        return bare.group(1)  # "Tanaka. booking number RL1006"
    if with_code:
        for m in _UNDER.finditer(text):
            words = [w for w in m.groups() if w]
            words = [w for w in words if w.lower() not in _NOT_NAMES and w.lower() not in _FILLER]
            if words and (words[0][0].isupper() or with_code):
                last = words[-1] if len(words) == 2 and words[-1][0].isupper() else words[0]
                return last[0].upper() + last[1:]
    return None


_FILLER = {"please", "pls", "thanks", "is", "the", "a", "my", "our", "her", "his", "their", "me"}
_TITLED = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|herr|frau|monsieur|madame|mme|senor|senora)\.?\s+"
    r"([A-Z][A-Za-z'\-]+)(?:\s+([A-Z][A-Za-z'\-]+))?",
    re.IGNORECASE,
)
_PAIR = re.compile(r"(?=\b([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b)")
# Words that begin staff sentences, never a surname (agent/data/vocabulary.yaml).
_SENTENCE_WORDS = set(load("vocabulary")["sentence_words"].split())


def find_mentioned_name(text: str) -> PersonName | None:
    """A guest named in passing, as staff do: "Ms. Shah", "John Carter's folio", "is Sofia
    Rossi due out". Looser than `find_person_name`: it only ever serves to look a booking up."""
    m = _TITLED.search(text)
    if m:
        words = [re.sub(r"['\u2019]s$", "", w) for w in m.groups() if w]
        words = [w for w in words if w.lower() not in _NOT_NAMES]
        if words and words[0][0].isupper():
            if len(words) == 2 and not words[1][0].isupper():
                words = words[:1]
            return PersonName(" ".join(words), words[0], words[-1])
    m = re.search(
        r"\b[Tt]he ([A-Z][a-z]+?)(?:s\b| family\b)|\b[Tt]he ([A-Z][a-z]+) (?:family|party|group)\b",
        text,
    )
    if m:
        family = m.group(2) or m.group(1)
        if family.lower() not in _NOT_NAMES | _SENTENCE_WORDS:
            return PersonName(family, family, family)
    for m in _PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        if {first.lower(), last.lower()} & (_NOT_NAMES | _SENTENCE_WORDS):
            continue
        return PersonName(f"{first} {last}", first, last)
    m = re.match(
        r"\s*([A-Z][a-z]{2,})(?:'s|\u2019s)? (?:has|is|was|wants|called|rang|asked|"
        r"needs|would|will|checked|paid|left|just|came|coming|arrived)\b",
        text,
    )
    if m and m.group(1).lower() not in _NOT_NAMES | _SENTENCE_WORDS | _COMMON_WORDS:
        return PersonName(m.group(1), m.group(1), m.group(1))  # "Haddad has had his car..."
    # Last resort: one capitalised word that is no sentence start ("the lady in 623 - Rossi").
    for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,})\b", text):
        word = m.group(1)
        if word.lower() not in _NOT_NAMES | _SENTENCE_WORDS | _COMMON_WORDS:
            return PersonName(word, word, word)
    return None


# Capitalised words that are not surnames, seen in staff messages (agent/data/vocabulary.yaml).
_COMMON_WORDS = set(load("vocabulary")["not_surnames"].split())
