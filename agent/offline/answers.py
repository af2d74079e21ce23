"""Answers from the hotel's documents: the passage sentences that answer the question, cited.

The offline model has no language model to summarise with, so it quotes: it scores each
sentence of the retrieved passages by the question's content words (with a few hotel
synonyms and a crude stem, so "dogs" meets "dog" and "wifi" meets "Wi-Fi"), keeps the best one
or two in their original order, and names the document and heading they came from. When no
sentence shares a word with the question, it says the documents do not cover it rather than
quoting something beside the point; or, when the question is one the hotel's own data answers
(its check-in time, address, phone), answers from that.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from agent.data import load
from agent.understanding.normalise import without_embedded_instructions
from pms.hotels.profile import HotelProfile

# Words too common to match a question to a passage (agent/data/vocabulary.yaml).
_STOP = set(load("vocabulary")["passage_stop_words"].split())

# Words guests use for what the documents call something else.
_SYNONYMS = {
    "dog": ("pet", "dogs", "animal"), "dogs": ("pet", "dog"), "cat": ("pet", "animal"),
    "pets": ("pet", "dog"), "wifi": ("wi-fi", "internet", "network"), "internet": ("wi-fi",),
    "password": ("wi-fi", "network"), "car": ("parking", "valet", "garage"),
    "park": ("parking", "garage"), "ev": ("charger", "charging"), "swim": ("pool",),
    "swimming": ("pool",), "gym": ("fitness",), "fitness": ("gym",), "workout": ("gym",),
    "airport": ("shuttle",), "shuttle": ("airport",), "crib": ("cot",), "cot": ("crib",),
    "baby": ("cot", "children"), "kids": ("children",), "kid": ("children",),
    "smoke": ("smoking", "non-smoking"), "smoking": ("non-smoking",),
    "bags": ("luggage", "storage"),
    "suitcase": ("luggage",), "luggage": ("bags",), "massage": ("spa",), "spa": ("massage",),
    "drink": ("bar",), "drinks": ("bar",), "cocktail": ("bar",), "dinner": ("restaurant",),
    "eat": ("restaurant", "breakfast", "dinner"), "lost": ("found",), "forgot": ("lost", "found"),
    "late": ("late", "check-out"), "early": ("early", "check-in"), "later": ("late", "check-out"),
    "leave": ("check-out",), "keep": ("storage",), "longer": ("late", "check-out"),
    "walk": ("foot", "walking"),
    "skip": ("skipping",), "cleaning": ("housekeeping",), "son": ("age",), "daughter": ("age",),
    "checkout": ("check-out",),
    "checkin": ("check-in",), "wheelchair": ("accessible", "roll-in"), "cash": ("payment",),
    "card": ("payment", "visa", "mastercard", "amex"), "cheque": ("checks",),
    "washing": ("laundry",), "clothes": ("laundry",), "noise": ("quiet",), "loud": ("quiet",),
    "age": ("minimum", "21"), "old": ("age", "minimum"), "id": ("photo", "age"),
}  # fmt: skip


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())


def _query_terms(question: str) -> list[set[str]]:
    """One group per content word of the question: its stem and those of its synonyms."""
    groups: list[set[str]] = []
    for word in _words(question):
        if word in _STOP or len(word) < 2 or word.isdigit():
            continue
        group = {_stem(word), *(_stem(s) for s in _SYNONYMS.get(word, ()))}
        if group not in groups:
            groups.append(group)
    return groups


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _score(sentence: str, terms: list[set[str]]) -> int:
    stems = {_stem(w) for w in _words(sentence)}
    stems |= {part for w in _words(sentence) if "-" in w for part in w.split("-")}
    return sum(1 for group in terms if group & stems)


# What kind of answer the question wants, and what such a sentence contains.
_WANTS = (
    (re.compile(r"\b(what time|when|until|till|hours?|open|close|closing|opening|late|early)\b"),
     re.compile(r"\b\d{1,2}:\d{2}\b|\b24 hours\b")),
    (re.compile(r"\b(how much|cost|price|charge|fee|pay|free|expensive)\b"),
     re.compile(r"[$€£]\d|\bfree\b")),
    (re.compile(r"\b(where|which floor|what floor|located)\b"),
     re.compile(r"\b(floor|level|lobby|roof|entrance|next to)\b")),
)  # fmt: skip


DOESNT_SAY = (
    "I'm sorry, the hotel's information doesn't say. I can pass your question to the front desk "
    "if you like."
)


def fact_answer(question: str, profile: HotelProfile | None) -> str | None:
    """The answers the hotel's own data gives (its check-in time, address...), if it has any:
    every fact asked for ("the address? And a phone number?")."""
    asked = question.lower()
    facts = {f.name: getattr(profile, f.name) for f in fields(profile)} if profile else {}
    answers = [
        str(rule["answer"].format_map(facts))
        for rule in load("vocabulary")["hotel_facts"]
        if re.search(rule["asked"], asked)
        and not re.search(rule.get("unless", "$^"), asked)
        and facts
        and all(facts.get(name) for name in re.findall(r"\{(\w+)\}", rule["answer"]))
    ]
    return " ".join(answers) or None


def knowledge_answer(question: str, passages: list[dict[str, Any]]) -> str:
    """The sentences of the passages that answer the question, with where they come from."""
    terms = _query_terms(question)
    wanted = [shape for ask, shape in _WANTS if ask.search(question.lower())]
    best: tuple[int, int, int] | None = None  # (score, -passage, -sentence)
    scored: list[tuple[int, int, int, str]] = []
    for p_index, passage in enumerate(passages[:3]):
        # A document may carry words for the assistant rather than facts for the guest (a
        # planted "<INFORMATION> ... </INFORMATION>"): they are never quoted.
        sentences = _sentences(without_embedded_instructions(str(passage.get("text") or "")))
        on_topic = any(_score(sentence, terms) for sentence in sentences)
        for s_index, sentence in enumerate(sentences):
            score = _score(sentence, terms)
            if on_topic and any(shape.search(sentence) for shape in wanted):
                score += 1  # a time for "when", a price for "how much", in a passage on topic
            scored.append((score, p_index, s_index, sentence))
            key = (score, -p_index, -s_index)
            if best is None or key > best:
                best = key
    covered = best[0] / max(len(terms), 1) if best is not None else 0.0
    if best is None or best[0] == 0 or covered < 0.3:
        return DOESNT_SAY
    top_passage = -best[1]
    chosen = sorted(
        (s for s in scored if s[1] == top_passage and s[0] >= max(1, best[0] // 2)),
        key=lambda s: (-s[0], s[2]),
    )[:2]
    text = " ".join(s[3] for s in sorted(chosen, key=lambda s: s[2]))
    source = passages[top_passage]
    where = " — ".join(str(x) for x in (source.get("source"), source.get("heading")) if x)
    return f"{text} (Source: {where})" if where else text
