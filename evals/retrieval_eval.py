"""`concierge eval retrieval`: does the knowledge search put the fact a guest asked for on top?

An item is found at rank r when the r-th passage contains every `expect` string
(case-insensitive). Recall@k is the share of items found within the first k passages, and MRR
the mean of 1/r over items (0 when not found within k).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge.base import KnowledgeBase, Mode

Search = Callable[[str, int], Sequence[dict[str, Any]]]


@dataclass(frozen=True)
class RetrievalItem:
    question: str
    expect: tuple[str, ...]


def load_items(path: Path) -> list[RetrievalItem]:
    """A YAML list of `{question, expect}` items; `expect` is a string or a list of strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a YAML list of {{question, expect}} items")
    items = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or "question" not in entry or "expect" not in entry:
            raise ValueError(f"{path}: item {number} needs a question and an expect list")
        expect = entry["expect"]
        expected = (expect,) if isinstance(expect, str) else tuple(str(e) for e in expect)
        items.append(RetrievalItem(str(entry["question"]), expected))
    return items


def found_at(passages: Sequence[dict[str, Any]], expect: Sequence[str]) -> int | None:
    """The 1-based rank of the first passage containing every expected string."""
    wanted = [e.lower() for e in expect]
    for rank, passage in enumerate(passages, start=1):
        text = str(passage.get("text", "")).lower()
        if all(w in text for w in wanted):
            return rank
    return None


def evaluate(items: Sequence[RetrievalItem], search: Search, k: int) -> dict[str, Any]:
    results = []
    for item in items:
        passages = list(search(item.question, k))[:k]
        rank = found_at(passages, item.expect)
        results.append(
            {
                "question": item.question,
                "expect": list(item.expect),
                "rank": rank,
                "passages": [
                    {key: p.get(key) for key in ("source", "heading", "score")} for p in passages
                ],
            }
        )
    count = len(results)
    ranks = _ranks(results)
    summary = {
        "items": count,
        "k": k,
        "recall": round(sum(r is not None for r in ranks) / count, 4) if count else 0.0,
        "mrr": round(sum(1 / r for r in ranks if r is not None) / count, 4) if count else 0.0,
        "recall_at_1": round(sum(r == 1 for r in ranks) / count, 4) if count else 0.0,
    }
    return {"summary": summary, "results": results}


def _ranks(results: list[dict[str, Any]]) -> list[int | None]:
    return [r["rank"] if isinstance(r["rank"], int) else None for r in results]


def knowledge_search(base: KnowledgeBase, hotel: str, mode: Mode = Mode.HYBRID) -> Search:
    def search(question: str, k: int) -> list[dict[str, Any]]:
        return [p.as_dict() for p in base.search(hotel, question, k, mode=mode)]

    return search
