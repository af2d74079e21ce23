"""Matching room types and rate plans against a hotel's own vocabulary.

The vocabulary is data (code, name, description, aliases) so the same matcher serves any hotel.
Scoring is token overlap weighted by how rare a token is across the hotel's entries, plus a small
concept table for paraphrases ("pay now" -> non-refundable), count-aware bigrams so "two queen
beds" differs from "a queen bed", and difflib for misspellings. Ambiguity is reported, not hidden:
"king" returns both the deluxe king and the suite with their scores.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from agent.data import load
from agent.understanding.normalise import normalise

__all__ = ["Candidate", "VocabEntry", "best_match", "match_vocabulary"]


@dataclass(frozen=True)
class VocabEntry:
    """One room type or rate plan as the hotel describes it."""

    code: str
    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A vocabulary entry the text may refer to, with a score (higher is better)."""

    code: str
    score: float


# Paraphrases mapped to one concept token, applied to the text and to the vocabulary alike, and
# words that say nothing of which entry is meant: general vocabulary, as data (agent/data/).
_CONCEPTS: list[tuple[str, str]] = [
    ("|".join(c["patterns"]), c["concept"]) for c in load("vocabulary")["concepts"]
]
_STOP = set(load("vocabulary")["stop_words"].split())


def _concepts(text: str) -> str:
    norm = normalise(text).text.replace("&", " & ")
    norm = re.sub(r"\s+", " ", norm)
    for pattern, concept in _CONCEPTS:
        norm = re.sub(rf"\b(?:{pattern})(?![\w])", f" {concept} ", norm)
    return norm


def _tokens(text: str) -> list[str]:
    return list(_cached_tokens(text))


@lru_cache(maxsize=8192)
def _cached_tokens(text: str) -> tuple[str, ...]:
    """Cached: every turn's replay reads the same texts and the same vocabulary again."""
    return tuple(re.findall(r"[a-z]+|\d+", _concepts(text)))


def _content(tokens: list[str]) -> set[str]:
    return {t for t in tokens if t not in _STOP and not t.isdigit() and len(t) > 1}


def _count_bigrams(tokens: list[str]) -> dict[str, int]:
    """Token -> the number written right before it ("2 queen" -> {"queen": 2})."""
    counts: dict[str, int] = {}
    words = {"one": 1, "two": 2, "three": 3, "four": 4}
    for a, b in itertools.pairwise(tokens):
        if b in _STOP or b.isdigit():
            continue
        if a.isdigit() or a in words:
            counts[b] = int(a) if a.isdigit() else words[a]  # "2 queen", "two-queen"
        elif a in {"a", "an", "single"}:
            counts.setdefault(b, 1)
    return counts


@dataclass(frozen=True)
class _Profile:
    code: str
    tokens: set[str]
    strong: set[str]  # from the code, name and aliases
    phrases: tuple[str, ...]
    counts: dict[str, int]
    single_words: tuple[str, ...] = ()


@lru_cache(maxsize=1024)
def _profile(entry: VocabEntry) -> _Profile:
    strong_text = " ".join((entry.name, *entry.aliases))
    # A place a description names ("looking over the Bay to the Isles") is not what the room is.
    described = re.sub(r"(?<=[\w,;:] )[A-Z][a-z]+\b", " ", entry.description)
    all_tokens = _tokens(f"{strong_text} {described}")
    phrases = tuple(
        " ".join(_tokens(p)) for p in (entry.name, *entry.aliases) if len(_tokens(p)) > 1
    )
    return _Profile(
        code=entry.code.lower(),
        tokens=_content(all_tokens),
        strong=_content(_tokens(strong_text)),
        phrases=phrases,
        counts=_count_bigrams(all_tokens),
        single_words=tuple(t[0] for t in map(_tokens, (entry.name, *entry.aliases)) if len(t) == 1),
    )


def match_vocabulary(
    text: str, entries: Sequence[VocabEntry], *, fuzzy_cutoff: float = 0.85
) -> list[Candidate]:
    """Entries the text may refer to, best first; entries with no evidence are left out."""
    profiles = [_profile(e) for e in entries]
    text_tokens = _tokens(text)
    words = _content(text_tokens)
    counts = _count_bigrams(text_tokens)
    vocab = set().union(*(p.tokens for p in profiles)) if profiles else set()
    # Misspellings: map unknown words onto the closest vocabulary word (close enough that
    # "leave" is not read as a description's "level").
    for word in list(words - vocab):
        if len(word) >= 4:
            close = difflib.get_close_matches(word, sorted(vocab), n=1, cutoff=fuzzy_cutoff)
            if close:
                words.add(close[0])
    joined = " ".join(text_tokens)
    n = len(profiles)
    results: list[Candidate] = []
    for p in profiles:
        score = 0.0
        if p.code in _STOP:  # a code that is also a common word ("ROOM") counts as written
            coded = re.search(rf"\b{p.code.upper()}\b", text) is not None
        else:
            coded = p.code in text_tokens or p.code in re.findall(r"[a-z]+", text.lower())
        if coded:
            score += 3.0
        for word in words & p.tokens:
            df = sum(1 for q in profiles if word in q.tokens)
            weight = math.log(1 + n / df)
            score += weight * (1.5 if word in p.strong else 1.0)
        for phrase in p.phrases:
            if re.search(rf"\b{re.escape(phrase)}\b", joined):
                score += 2.0
        # Its own one-word name or alias ("a double", "the queen") outweighs a word shared
        # with another entry's longer alias ("double queen").
        if any(re.search(rf"\b{re.escape(w)}\b", joined) for w in p.single_words):
            score += 1.5
        for word, count in counts.items():
            if word in p.counts:
                score += 1.0 if p.counts[word] == count else -2.0
        if score > 0:
            results.append(Candidate(entries[profiles.index(p)].code, round(score, 3)))
    return sorted(results, key=lambda c: -c.score)


def best_match(text: str, entries: Sequence[VocabEntry], *, margin: float = 1.25) -> str | None:
    """The code of the single clear winner, or ``None`` when nothing or several fit equally."""
    return _best_match(text, tuple(entries), margin)


@lru_cache(maxsize=8192)
def _best_match(text: str, entries: tuple[VocabEntry, ...], margin: float) -> str | None:
    candidates = match_vocabulary(text, entries)
    if not candidates:
        return None
    if len(candidates) == 1 or candidates[0].score >= candidates[1].score * margin:
        return candidates[0].code
    return None
