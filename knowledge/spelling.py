"""Guests misspell ("brekfast", "wifi pasword"); documents do not. A query word the hotel's
documents never use, but that is one or two typing slips from a word they do use, gets that word
added to the query, so both BM25 and the embedder see what the guest meant.

The correction is an addition, never a replacement: a real word that the documents happen not
to contain ("saturday") stays in the query for the embedder to understand.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bm25s.stopwords import STOPWORDS_EN_PLUS
from rapidfuzz import process
from rapidfuzz.distance import OSA

_WORD = re.compile(r"[a-z]+")
# Function words are never corrected: "what" is not a slip for "that".
_COMMON = frozenset(STOPWORDS_EN_PLUS)


class Speller:
    def __init__(self, texts: Iterable[str]) -> None:
        counts = Counter(word for text in texts for word in _WORD.findall(text.lower()))
        # Most frequent first, so a tie in distance goes to the commoner word.
        self.vocabulary = [word for word, _ in counts.most_common() if len(word) >= 3]
        self._known = set(self.vocabulary)

    def corrections(self, query: str) -> list[str]:
        """Document words the query probably meant, for words the documents do not contain."""
        found: list[str] = []
        for word in _WORD.findall(query.lower()):
            if len(word) < 4 or word in self._known or word in _COMMON:
                continue
            limit = 1 if len(word) < 7 else 2
            match = process.extractOne(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=limit
            )
            if match is not None and match[0] not in found:
                found.append(match[0])
        return found

    def expand(self, query: str) -> str:
        extra = self.corrections(query)
        return f"{query} {' '.join(extra)}" if extra else query
