"""The retrieval development set: guests' own words must find the fact in the top 3."""

from __future__ import annotations

from pathlib import Path

from evals.retrieval_eval import evaluate, found_at, knowledge_search, load_items
from knowledge.chunks import chunk_document
from knowledge.shipped import documents_of, shipped_knowledge

DEV_SET = Path(__file__).parents[2] / "evals" / "retrieval" / "harbor-view.yaml"


def test_the_dev_set_has_80_questions_whose_facts_exist_in_one_chunk():
    items = load_items(DEV_SET)
    assert len(items) >= 80
    assert len({item.question for item in items}) == len(items)
    texts = [
        {"text": c.text}
        for path in documents_of("harbor-view").iterdir()
        for c in chunk_document(path)
    ]
    unanswerable = [item.question for item in items if found_at(texts, item.expect) is None]
    assert unanswerable == []


def test_hybrid_recall_at_3_on_the_dev_set():
    report = evaluate(load_items(DEV_SET), knowledge_search(shipped_knowledge(), "harbor-view"), 3)
    missed = [r["question"] for r in report["results"] if r["rank"] is None]
    assert report["summary"]["recall"] >= 0.95, missed


def test_found_at_needs_every_expected_string_case_insensitively():
    passages = [{"text": "Pool 6:00–22:00"}, {"text": "Indoor heated POOL, 6:00–22:00, level 1"}]
    assert found_at(passages, ["indoor heated pool", "6:00–22:00"]) == 2
    assert found_at(passages, ["pool"]) == 1
    assert found_at(passages, ["sauna"]) is None


def test_recall_and_mrr():
    items = load_items(DEV_SET)[:2]
    answers = {items[0].question: [{"text": "x"}, {"text": " ".join(items[0].expect)}]}
    report = evaluate(items, lambda question, k: answers.get(question, []), 3)
    assert report["summary"] == {"items": 2, "k": 3, "recall": 0.5, "mrr": 0.25, "recall_at_1": 0.0}
    assert [r["rank"] for r in report["results"]] == [2, None]
