"""Answers from the hotel's documents: the passage sentences that answer the question, cited.

The offline model has no language model to summarise with, so it quotes: it scores each
sentence of the retrieved passages by the question's content words (with a few hotel
synonyms and a crude stem, so "dogs" meets "dog" and "wifi" meets "Wi-Fi"), keeps the best one
or two in their original order, and names the document and heading they came from. When no
sentence shares a word with the question, it says the documents do not cover it rather than
quoting something beside the point.
"""

from __future__ import annotations

import re
from typing import Any

_STOP = {
    "a", "an", "the", "is", "are", "was", "were", "be", "do", "does", "did", "you", "your", "i",
    "we", "me", "my", "our", "us", "can", "could", "would", "will", "to", "of", "in", "on", "at",
    "for", "and", "or", "with", "there", "what", "when", "where", "how", "which", "who", "it",
    "this", "that", "have", "has", "any", "much", "many", "if", "about", "from", "by", "hotel",
    "please", "hi", "hello", "thanks", "time", "get", "bring", "allowed", "ok", "some",
}  # fmt: skip

# Words guests use for what the documents call something else.
_SYNONYMS = {
    "dog": ("pet", "dogs", "animal"), "dogs": ("pet", "dog"), "cat": ("pet", "animal"),
    "pets": ("pet", "dog"), "wifi": ("wi-fi", "internet", "network"), "internet": ("wi-fi",),
    "password": ("wi-fi", "network"), "car": ("parking", "valet", "garage"),
    "park": ("parking", "garage"), "ev": ("charger", "charging"), "swim": ("pool",),
    "swimming": ("pool",), "gym": ("fitness",), "fitness": ("gym",), "workout": ("gym",),
    "airport": ("shuttle",), "shuttle": ("airport",), "crib": ("cot",), "cot": ("crib",),
    "baby": ("cot", "children"), "kids": ("children",), "kid": ("children",),
    "smoke": ("smoking", "non-smoking"), "smoking": ("non-smoking",), "bags": ("luggage",),
    "suitcase": ("luggage",), "luggage": ("bags",), "massage": ("spa",), "spa": ("massage",),
    "drink": ("bar",), "drinks": ("bar",), "cocktail": ("bar",), "dinner": ("restaurant",),
    "eat": ("restaurant", "breakfast", "dinner"), "lost": ("found",), "forgot": ("lost", "found"),
    "late": ("late", "check-out"), "early": ("early", "check-in"), "checkout": ("check-out",),
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


def _query_terms(question: str) -> set[str]:
    terms: set[str] = set()
    for word in _words(question):
        if word in _STOP or len(word) < 2:
            continue
        terms.add(_stem(word))
        terms.update(_stem(s) for s in _SYNONYMS.get(word, ()))
    return terms


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _score(sentence: str, terms: set[str]) -> int:
    stems = {_stem(w) for w in _words(sentence)}
    stems |= {part for w in _words(sentence) if "-" in w for part in w.split("-")}
    return len(terms & stems)


def knowledge_answer(question: str, passages: list[dict[str, Any]]) -> str:
    """The sentences of the passages that answer the question, with where they come from."""
    terms = _query_terms(question)
    best: tuple[int, int, int] | None = None  # (score, -passage, -sentence)
    scored: list[tuple[int, int, int, str]] = []
    for p_index, passage in enumerate(passages[:3]):
        for s_index, sentence in enumerate(_sentences(str(passage.get("text") or ""))):
            score = _score(sentence, terms)
            scored.append((score, p_index, s_index, sentence))
            key = (score, -p_index, -s_index)
            if best is None or key > best:
                best = key
    if best is None or best[0] == 0:
        return (
            "I'm sorry, the hotel's information doesn't say. I can pass your question to the "
            "front desk if you like."
        )
    top_passage = -best[1]
    chosen = sorted(
        (s for s in scored if s[1] == top_passage and s[0] >= max(1, best[0] // 2)),
        key=lambda s: (-s[0], s[2]),
    )[:2]
    text = " ".join(s[3] for s in sorted(chosen, key=lambda s: s[2]))
    source = passages[top_passage]
    where = " — ".join(str(x) for x in (source.get("source"), source.get("heading")) if x)
    return f"{text} (Source: {where})" if where else text
