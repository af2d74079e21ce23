"""The keyword side of search: BM25 (bm25s) over stemmed words, one index per hotel."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import bm25s
import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

from knowledge.chunks import Chunk
from knowledge.spelling import Speller


@cache
def _stemmer() -> Any:
    # Snowball's English stemmer: "dogs" finds "dog", "parking" finds "park".
    return Stemmer.Stemmer("english")


def _tokens(texts: Sequence[str]) -> list[list[str]]:
    tokenized = bm25s.tokenize(
        list(texts),
        stopwords=STOPWORDS_EN_PLUS,
        stemmer=_stemmer(),
        return_ids=False,
        show_progress=False,
    )
    return [list(tokens) for tokens in tokenized]


class KeywordIndex:
    """BM25 over the chunks' heading and text; built once, rebuilt after an ingestion."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self.by_id = {chunk.id: chunk for chunk in self.chunks}
        self.speller = Speller(c.indexed_text for c in self.chunks)
        self._bm25: Any = None
        if self.chunks:
            self._bm25 = bm25s.BM25()
            self._bm25.index(_tokens([c.indexed_text for c in self.chunks]), show_progress=False)

    def rank(self, query: str, k: int) -> list[tuple[str, float]]:
        """Up to k chunk ids with their BM25 score, best first; chunks sharing no word are out."""
        if self._bm25 is None or k <= 0:
            return []
        tokens = [t for t in _tokens([query])[0] if t in self._bm25.vocab_dict]
        if not tokens:
            return []
        found, scores = self._bm25.retrieve(
            [tokens], k=min(k, len(self.chunks)), show_progress=False, n_threads=1
        )
        return [
            (self.chunks[int(i)].id, float(s))
            for i, s in zip(found[0], scores[0], strict=True)
            if s > 0
        ]
